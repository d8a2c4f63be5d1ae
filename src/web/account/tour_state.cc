// Tour states (see tour_state.h).
#include "web/account/tour_state.h"

#include <algorithm>

#include "domain/session.h"

namespace juo::web {

TourState StateOf(const services::SessionForBooking& t, const std::string& now_utc) {
    if (t.participation_status != "approved" || t.status == "draft" || t.status == "cancelled")
        return TourState::kUnavailable;
    if (t.edition_status == "draft") return TourState::kEditionNotOpen;
    if (t.edition_status != "open") return TourState::kEditionClosed;
    if (domain::HasStarted(t.day_date, t.starts_at, now_utc)) return TourState::kPast;
    if (!t.registration_opens_at.empty() && now_utc < t.registration_opens_at) return TourState::kNotOpenYet;
    if (!t.registration_closes_at.empty() && now_utc > t.registration_closes_at)
        return TourState::kRegistrationOver;
    if (t.status != "open") return TourState::kRegistrationOver;
    if (std::find(t.audiences.begin(), t.audiences.end(), domain::Audience::kPublic) == t.audiences.end())
        return TourState::kOtherAudience;
    if (t.places_taken >= t.capacity_people) return TourState::kFull;
    return TourState::kBookable;
}

std::string StateSentence(TourState state, const services::SessionForBooking& t, Lang lang) {
    switch (state) {
        case TourState::kBookable:
            return "";
        case TourState::kUnavailable:
            return MsgString(lang, "tour_state_unavailable");
        case TourState::kEditionNotOpen:
            return MsgString(lang, "tour_state_edition_not_open");
        case TourState::kEditionClosed:
            return MsgString(lang, "tour_state_edition_closed");
        case TourState::kNotOpenYet:
            return MsgFormat(lang, "tour_state_not_open_yet", {FormatParisInstant(t.registration_opens_at, lang)});
        case TourState::kRegistrationOver:
            return t.registration_closes_at.empty()
                       ? MsgString(lang, "tour_state_registration_over")
                       : MsgFormat(lang, "tour_state_registration_closed",
                                   {FormatParisInstant(t.registration_closes_at, lang)});
        case TourState::kPast:
            return MsgFormat(lang, "tour_past", {FormatDate(t.day_date, lang, true)});
        case TourState::kOtherAudience:
            return MsgString(lang, "tour_state_other_audience");
        case TourState::kFull:
            return MsgString(lang, "tour_state_full");
    }
    return "";
}

}  // namespace juo::web

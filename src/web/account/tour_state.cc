// Tour states (see tour_state.h).
#include "web/account/tour_state.h"

#include <algorithm>

#include "common/paris_time.h"

namespace juo::web {
namespace {

// "samedi 14 mars 2026 à 10 h" (Paris time) of a UTC instant; the text itself when it is not one.
std::string ParisWhen(const std::string& utc, Lang lang) {
    const std::string day = ParisDateOf(utc);
    auto local = ParisLocalSeconds(utc);
    if (day.empty() || !local) return utc;
    const long long in_day = ((*local % 86400) + 86400) % 86400;
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02lld:%02lld", in_day / 3600, in_day / 60 % 60);
    return MsgFormat(lang, "tour_state_at", {FormatDate(day, lang), FormatTime(hhmm, lang)});
}

// "HH:MM" of now in Paris, and its date.
void ParisNow(const std::string& now_utc, std::string& day, std::string& hhmm) {
    day = ParisDateOf(now_utc);
    auto local = ParisLocalSeconds(now_utc);
    if (!local) return;
    const long long in_day = ((*local % 86400) + 86400) % 86400;
    char text[8];
    std::snprintf(text, sizeof text, "%02lld:%02lld", in_day / 3600, in_day / 60 % 60);
    hhmm = text;
}

}  // namespace

TourState StateOf(const services::SessionForBooking& t, const std::string& now_utc) {
    if (t.participation_status != "approved" || t.status == "draft" || t.status == "cancelled")
        return TourState::kUnavailable;
    if (t.edition_status == "draft") return TourState::kEditionNotOpen;
    if (t.edition_status != "open") return TourState::kEditionClosed;
    std::string today, time_now;
    ParisNow(now_utc, today, time_now);
    if (!today.empty() && (t.day_date < today || (t.day_date == today && t.starts_at <= time_now)))
        return TourState::kPast;
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
            return MsgFormat(lang, "tour_state_not_open_yet", {ParisWhen(t.registration_opens_at, lang)});
        case TourState::kRegistrationOver:
            return t.registration_closes_at.empty()
                       ? MsgString(lang, "tour_state_registration_over")
                       : MsgFormat(lang, "tour_state_registration_closed",
                                   {ParisWhen(t.registration_closes_at, lang)});
        case TourState::kPast:
            return MsgFormat(lang, "tour_state_past", {FormatDate(t.day_date, lang)});
        case TourState::kOtherAudience:
            return MsgString(lang, "tour_state_other_audience");
        case TourState::kFull:
            return MsgString(lang, "tour_state_full");
    }
    return "";
}

}  // namespace juo::web

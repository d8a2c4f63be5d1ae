// Edition and tour states for the public pages (see opening_state.h).
#include "web/public/opening_state.h"

#include <algorithm>

#include "common/clock.h"
#include "common/paris_time.h"

namespace juo::web {

BookingWindow EditionWindow(const domain::Edition& e, const std::string& now_utc, Lang lang) {
    BookingWindow w;
    const bool before = !e.registration_opens_at.empty() && now_utc < e.registration_opens_at;
    const bool after = !e.registration_closes_at.empty() && now_utc > e.registration_closes_at;
    const bool shut = e.status == domain::EditionStatus::kClosed || e.status == domain::EditionStatus::kArchived;
    if (shut || after) {
        w.state = WindowState::kClosed;
        w.sentence = after ? MsgFormat(lang, "window_closed_at", {FormatParisInstant(e.registration_closes_at, lang)})
                           : std::string(Msg(lang, "window_closed"));
    } else if (e.status == domain::EditionStatus::kDraft || before) {
        w.state = WindowState::kNotYetOpen;
        // A draft edition with a future opening says when; a draft past its opening date only
        // that it is not open (the organisers have not opened it yet).
        w.sentence = before ? MsgFormat(lang, "window_opens_at", {FormatParisInstant(e.registration_opens_at, lang)})
                            : std::string(Msg(lang, "window_not_open"));
    }
    return w;
}

TourOffer OfferFor(const domain::Session& tour, const BookingWindow& window, const std::string& now_utc, Lang lang) {
    TourOffer o;
    // Past once it has started, the rule of the booking form too (domain::HasStarted).
    if (domain::HasStarted(tour.day_date, tour.starts_at, now_utc)) {
        o.state = TourState::kPast;
        o.sentence = MsgFormat(lang, "tour_past", {FormatDate(tour.day_date, lang, true)});
        return o;
    }
    if (tour.status != domain::SessionStatus::kOpen) {
        o.state = TourState::kClosed;
        o.sentence = std::string(Msg(lang, "tour_closed_sentence"));
        return o;
    }
    if (window.state != WindowState::kOpen) {
        o.state = TourState::kEditionShut;
        o.sentence = window.sentence;
        return o;
    }
    const bool is_public = std::find(tour.audiences.begin(), tour.audiences.end(), domain::Audience::kPublic) !=
                           tour.audiences.end();
    if (!is_public) {
        const bool no_group_room = tour.capacity_groups > 0 && tour.groups_left() <= 0;
        if (no_group_room || tour.places_left() <= 0) {
            o.state = TourState::kFull;
            o.sentence = std::string(Msg(lang, "tour_full_sentence"));
        } else {
            o.state = TourState::kGroupsOnly;
        }
        return o;
    }
    if (tour.places_left() <= 0) {
        o.state = TourState::kWaitlist;
        o.sentence = std::string(Msg(lang, "tour_full_waitlist"));
    }
    return o;
}

}  // namespace juo::web

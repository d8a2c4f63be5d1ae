// What a visitor may do with an edition and a tour right now, said as a sentence with French
// dates: "Les réservations ouvrent le jeudi 3 septembre 2026 à 10 h." The factory page and the
// home page show these sentences instead of a booking button or a "places left" figure when the
// edition is closed or not yet open, and per tour when it is past, closed, full or for groups.
// The booking engine keeps its own checks (booking/rules.h): this module only decides what the
// pages offer, from the same fields.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "domain/edition.h"
#include "domain/session.h"
#include "web/kit/i18n.h"

namespace juo::web {

enum class WindowState {
    kOpen,        // the public may book now
    kNotYetOpen,  // draft edition, or before registration_opens_at
    kClosed,      // closed or archived edition, or after registration_closes_at
};

struct BookingWindow {
    WindowState state = WindowState::kOpen;
    std::string sentence;  // empty when open; else a whole sentence, ending with a full stop
};

// The state of `edition`'s public bookings at `now_utc` ("2026-09-01T08:00:00Z").
BookingWindow EditionWindow(const domain::Edition& edition, const std::string& now_utc, Lang lang);

enum class TourState {
    kBookable,    // the public may book it
    kWaitlist,    // open to the public but full: the waiting list
    kGroupsOnly,  // school classes or job-seeker groups only: a group request, never the form
    kFull,        // groups only and no group place left
    kClosed,      // the tour is closed or cancelled
    kPast,        // it has started or ended (domain::HasStarted)
    kEditionShut, // the edition is not open (see EditionWindow): nothing to book
};

// What the page offers for `tour` at `now_utc` within `window`, with the sentence to show when
// it is not kBookable or kGroupsOnly (empty for those two).
struct TourOffer {
    TourState state = TourState::kBookable;
    std::string sentence;
};
TourOffer OfferFor(const domain::Session& tour, const BookingWindow& window, const std::string& now_utc, Lang lang);

}  // namespace juo::web

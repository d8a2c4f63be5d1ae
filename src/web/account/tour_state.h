// Whether a tour's booking form can be shown, and if not, the sentence that says why (issue 17):
// an edition closed or not open yet, registrations not open yet or closed, a past tour, a tour
// for another audience (school and job-seeker groups), a full tour. The booking pages show the
// sentence instead of the form (a full tour keeps a waiting-list form). The engine checks the
// same rules again when a booking is submitted (booking/rules.cc): this is what the visitor sees
// first, not a second lock.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "services/bookings.h"
#include "web/kit/i18n.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {

enum class TourState {
    kBookable,
    kUnavailable,       // the factory does not take part, or the tour is not open (draft, cancelled)
    kEditionNotOpen,    // a draft edition
    kEditionClosed,     // closed or archived
    kNotOpenYet,        // registrations open later
    kRegistrationOver,  // registrations closed
    kPast,              // the tour has started or is over
    kOtherAudience,     // not open to the public (school classes, job seekers)
    kFull,
};

// The state of `tour` at `now_utc` (a UTC ISO instant, common/clock.h).
TourState StateOf(const services::SessionForBooking& tour, const std::string& now_utc);

// The sentence of a state other than kBookable, in `lang`, with French dates ("Les inscriptions
// ouvrent le samedi 14 mars 2026 à 10 h.").
std::string StateSentence(TourState state, const services::SessionForBooking& tour, Lang lang);

}  // namespace juo::web

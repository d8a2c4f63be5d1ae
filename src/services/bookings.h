// Bookings: what web reads of bookings and their tours, over the booking engine's data — a
// user's bookings and waiting-list entries ("my bookings", GET /api/v1/me/bookings) and a tour as
// the booking form shows it. Their read models are the store's, re-exported here. The changes
// themselves (book, cancel, accept an offer, leave a waiting list, check in) are the engine's
// commands (booking/engine.h).
//
// Thread-safety: as the Db given (this thread's connection).
#pragma once

#include <vector>

#include "common/result.h"
#include "services/db.h"
#include "store/bookings/booking_queries.h"
#include "store/bookings/capacity_store.h"

namespace juo::services {

// A tour as a booking's e-mails and pages name it: {session, site, site name, commune, day, times}.
using TourSummary = store::TourSummary;
// A booking with its tour and, once checked in, how many came.
using BookingView = store::BookingView;
// A waiting-list entry with its tour.
using WaitlistView = store::WaitlistView;
// What a booking needs to know about its tour (capacity, places taken, audiences, site...).
using SessionForBooking = store::SessionForBooking;

// A user's places: bookings newest first, waiting-list entries still waiting or offered oldest first.
struct UserPlaces {
    std::vector<BookingView> bookings;
    std::vector<WaitlistView> waiting;
};
Result<UserPlaces> UserBookingsAndWaitlist(Db& db, long long user_id);

// Tour `session_id` as the booking form shows it; kNotFound when there is none.
Result<SessionForBooking> TourForBooking(Db& db, long long session_id);

}  // namespace juo::services

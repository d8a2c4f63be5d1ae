// Bookings: what web reads of bookings and their tours, over the booking engine's data — a
// user's bookings and waiting-list entries ("my bookings", GET /api/v1/me/bookings) and a tour as
// the booking form shows it. Their read models are the store's, re-exported here. The changes
// themselves (book, cancel, change the party size, accept an offer, leave a waiting list, check
// in) are the engine's commands (booking/engine.h). For the pages after booking: the bookings that
// overlap a tour, a booking's calendar file and its ticket's QR code.
//
// Thread-safety: as the Db given (this thread's connection).
#pragma once

#include <optional>
#include <string>
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

// ---- For the confirmation and "my bookings" pages (issue 17) ----

// The user's other confirmed bookings whose tour is on the same day as tour `session_id` and
// overlaps it in time (a booking of that tour itself is not counted), earliest first: for a
// warning on the booking form and the confirmation, never a refusal. kNotFound when there is no
// such tour.
Result<std::vector<BookingView>> OverlappingBookings(Db& db, long long user_id, long long session_id);

// A booking's calendar file, as its e-mails attach it (mail/attachments.h): "visite.ics" while it
// is confirmed, "visite-annulee.ics" (METHOD:CANCEL, same UID, a higher SEQUENCE) once
// cancelled; stamped `now` (UTC ISO instant). With `owner_user_id`, a booking of someone else is
// kNotFound, as one that does not exist.
struct CalendarFile {
    std::string filename;
    std::string content_type;  // "text/calendar; charset=utf-8; method=PUBLISH" (or CANCEL)
    std::string text;
};
Result<CalendarFile> BookingCalendar(Db& db, long long booking_id, std::optional<long long> owner_user_id,
                                     const std::string& now);

// The ticket's QR code (what the e-mail attaches and the door scans: "JUO:" + code) as a PNG
// data: URI for an <img src>. kInvalidArgument for a code too long for a QR code.
Result<std::string> TicketQrDataUri(const std::string& ticket_code);

}  // namespace juo::services

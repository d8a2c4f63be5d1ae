// Reads of bookings for people: a user's bookings and waiting-list entries with what a page
// shows of their tour, and a site's bookings for its host.
//
// Throws soci::soci_error on database failures.
// Thread-safety: as the Database (one per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking.h"
#include "store/db/database.h"

namespace soci {
class row;
}

namespace juo::store {

struct TourSummary {
    long long session_id = 0;
    long long site_id = 0;
    std::string site_name;
    std::string commune;
    std::string day_date, starts_at, ends_at;
};

struct BookingView {
    domain::Booking booking;
    TourSummary tour;
    std::optional<int> attended;  // when checked in
};

struct WaitlistView {
    domain::WaitlistEntry entry;
    TourSummary tour;
};

// The user's bookings, newest first.
// A booking view from the first 18 columns of a row, in this order: b.id, b.edition_id,
// b.session_id, b.kind, b.audience, b.user_id, b.people, b.status, b.ticket_code, b.created_at,
// b.cancelled_at, s.site_id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at,
// c.attended (booking b, session s, site t, check_in c). For queries that read more after them.
BookingView BookingViewOfRow(const soci::row& row);

std::vector<BookingView> UserBookings(Database& db, long long user_id);
// The user's waiting-list entries still waiting or offered, oldest first.
std::vector<WaitlistView> UserWaitlist(Database& db, long long user_id);
// A session's bookings (confirmed first), for its host's visitor list and check-in.
std::vector<BookingView> SessionBookings(Database& db, long long session_id);

}  // namespace juo::store

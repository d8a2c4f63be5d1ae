// Booking reads.
#include "store/bookings/booking_queries.h"

#include "store/db/binding.h"

namespace juo::store {

BookingView BookingViewOfRow(const soci::row& r) {
    BookingView v;
    auto& b = v.booking;
    b.id = RowInt(r, 0);
    b.edition_id = RowInt(r, 1);
    b.session_id = RowInt(r, 2);
    b.kind = domain::ParseBookingKind(r.get<std::string>(3)).value_or(domain::BookingKind::kParty);
    b.audience = domain::ParseAudience(r.get<std::string>(4)).value_or(domain::Audience::kPublic);
    if (r.get_indicator(5) == soci::i_ok) b.user_id = RowInt(r, 5);
    b.people = static_cast<int>(RowInt(r, 6));
    b.status = domain::ParseBookingStatus(r.get<std::string>(7)).value_or(domain::BookingStatus::kConfirmed);
    b.ticket_code = r.get<std::string>(8);
    b.created_at = r.get<std::string>(9);
    if (r.get_indicator(10) == soci::i_ok) b.cancelled_at = r.get<std::string>(10);
    v.tour = {b.session_id,           RowInt(r, 11),          r.get<std::string>(12), r.get<std::string>(13),
              r.get<std::string>(14), r.get<std::string>(15), r.get<std::string>(16)};
    if (r.get_indicator(17) == soci::i_ok) v.attended = static_cast<int>(RowInt(r, 17));
    return v;
}

namespace {

constexpr const char* kBookingSelect =
    "SELECT b.id, b.edition_id, b.session_id, b.kind, b.audience, b.user_id, b.people, b.status, b.ticket_code, "
    "b.created_at, b.cancelled_at, s.site_id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at, "
    "c.attended FROM booking b JOIN session s ON s.id = b.session_id JOIN site t ON t.id = s.site_id "
    "LEFT JOIN check_in c ON c.booking_id = b.id ";

std::vector<BookingView> Bookings(Database& db, const std::string& where_order, long long id) {
    std::vector<BookingView> out;
    soci::rowset<soci::row> rows = (db.sql().prepare << kBookingSelect << where_order, soci::use(id));
    for (const auto& r : rows) out.push_back(BookingViewOfRow(r));
    return out;
}

}  // namespace

std::vector<BookingView> UserBookings(Database& db, long long user_id) {
    return Bookings(db, "WHERE b.user_id = :u ORDER BY b.id DESC", user_id);
}

std::vector<BookingView> SessionBookings(Database& db, long long session_id) {
    return Bookings(db, "WHERE b.session_id = :s ORDER BY b.status, b.id", session_id);
}

std::vector<WaitlistView> UserWaitlist(Database& db, long long user_id) {
    std::vector<WaitlistView> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT w.id, w.session_id, w.people, w.status, w.offer_expires_at, w.created_at, "
                             "s.site_id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at FROM "
                             "waitlist_entry w JOIN session s ON s.id = w.session_id JOIN site t ON t.id = "
                             "s.site_id WHERE w.user_id = :u AND w.status IN ('waiting', 'offered') ORDER BY w.id",
         soci::use(user_id));
    for (const auto& r : rows) {
        WaitlistView v;
        v.entry.id = RowInt(r, 0);
        v.entry.session_id = RowInt(r, 1);
        v.entry.user_id = user_id;
        v.entry.people = static_cast<int>(RowInt(r, 2));
        v.entry.status = domain::ValueOf(domain::kWaitlistStatusCodes, r.get<std::string>(3))
                             .value_or(domain::WaitlistStatus::kWaiting);
        if (r.get_indicator(4) == soci::i_ok) v.entry.offer_expires_at = r.get<std::string>(4);
        v.entry.created_at = r.get<std::string>(5);
        v.tour = {v.entry.session_id,    RowInt(r, 6),          r.get<std::string>(7), r.get<std::string>(8),
                  r.get<std::string>(9), r.get<std::string>(10), r.get<std::string>(11)};
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace juo::store

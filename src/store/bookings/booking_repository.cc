// Booking persistence (bulk path).
#include "store/bookings/booking_repository.h"

#include <unordered_map>

#include "store/db/binding.h"

namespace juo::store {

void InsertBookings(Database& db, std::span<domain::Booking> bookings) {
    domain::Booking row;
    Nullable<long long> user, request;
    NullableText cancelled;
    std::string kind, audience, status;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, "
                "group_request_id, people, status, ticket_code, created_at, cancelled_at) VALUES "
                "(:e, :s, :kind, :aud, :user, :req, :people, :status, :code, :created, :cancelled) "
                "RETURNING id",
         soci::use(row.edition_id), soci::use(row.session_id), soci::use(kind), soci::use(audience),
         use(user), use(request), soci::use(row.people), soci::use(status), soci::use(row.ticket_code),
         soci::use(row.created_at), use(cancelled), soci::into(id));
    for (auto& b : bookings) {
        row = b;
        user.set(b.user_id);
        request.set(b.group_request_id);
        cancelled.set(b.cancelled_at);
        kind = std::string(domain::ToCode(b.kind));
        audience = std::string(domain::ToCode(b.audience));
        status = std::string(domain::ToCode(b.status));
        st.execute(true);
        b.id = id;
    }
}

Status InsertCheckIns(Database& db, std::span<domain::CheckIn> check_ins,
                      std::span<const domain::Booking> bookings) {
    std::unordered_map<long long, int> people_by_booking;
    for (const auto& b : bookings) people_by_booking[b.id] = b.people;
    domain::CheckIn row;
    Nullable<long long> by;
    long long id = 0;
    soci::statement st = (db.sql().prepare << "INSERT INTO check_in (booking_id, attended, checked_in_at, "
                                              "checked_in_by) VALUES (:b, :n, :at, :by) RETURNING id",
                          soci::use(row.booking_id), soci::use(row.attended), soci::use(row.checked_in_at),
                          use(by), soci::into(id));
    for (auto& c : check_ins) {
        auto it = people_by_booking.find(c.booking_id);
        if (it == people_by_booking.end())
            return MakeError(ErrorCode::kNotFound,
                             "check-in for unknown booking " + std::to_string(c.booking_id));
        JUO_TRY(domain::ValidateAttended(c.attended, it->second));
        row = c;
        by.set(c.checked_in_by);
        st.execute(true);
        c.id = id;
    }
    return Ok();
}

}  // namespace juo::store

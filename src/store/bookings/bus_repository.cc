// Bus persistence.
#include "store/bookings/bus_repository.h"

#include "store/db/binding.h"

namespace juo::store {

void InsertBuses(Database& db, std::span<domain::Bus> buses) {
    domain::Bus row;
    Nullable<long long> run;
    long long id = 0, booking_id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO bus (edition_id, allocation_run_id, seats, cost_cents, distance_km, "
                "status) VALUES (:e, :run, :seats, :cost, :km, 'booked') RETURNING id",
         soci::use(row.edition_id), use(run), soci::use(row.seats), soci::use(row.cost_cents),
         soci::use(row.distance_km), soci::into(id));
    soci::statement carry =
        (db.sql().prepare << "INSERT INTO bus_booking (bus_id, booking_id) VALUES (:b, :k)", soci::use(id),
         soci::use(booking_id));
    for (auto& b : buses) {
        row = b;
        run.set(b.allocation_run_id);
        st.execute(true);
        b.id = id;
        for (long long k : b.booking_ids) {
            booking_id = k;
            carry.execute(true);
        }
    }
}

}  // namespace juo::store

// Bookings (see bookings.h).
#include "services/bookings.h"

#include <string>

namespace juo::services {

Result<UserPlaces> UserBookingsAndWaitlist(Db& db, long long user_id) {
    return Guarded<UserPlaces>(db, [&](Db& d) {
        UserPlaces places;
        places.bookings = store::UserBookings(d, user_id);
        places.waiting = store::UserWaitlist(d, user_id);
        return places;
    });
}

Result<SessionForBooking> TourForBooking(Db& db, long long session_id) {
    return Guarded<SessionForBooking>(db, [&](Db& d) -> Result<SessionForBooking> {
        store::CapacityStore store(d);
        auto s = store.LoadSession(session_id);
        if (!s)
            return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(session_id),
                             "aucune visite n°" + std::to_string(session_id));
        return *s;
    });
}

}  // namespace juo::services

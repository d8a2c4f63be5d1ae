// Bookings (see bookings.h).
#include "services/bookings.h"

#include <algorithm>
#include <string>

#include "domain/booking.h"
#include "mail/attachments.h"
#include "mail/mime.h"
#include "mail/qr_png.h"

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

Result<std::vector<BookingView>> OverlappingBookings(Db& db, long long user_id, long long session_id) {
    return Guarded<std::vector<BookingView>>(db, [&](Db& d) -> Result<std::vector<BookingView>> {
        store::CapacityStore store(d);
        auto tour = store.LoadSession(session_id);
        if (!tour)
            return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(session_id),
                             "aucune visite n°" + std::to_string(session_id));
        std::vector<BookingView> out;
        // Times are 'HH:MM' in Paris on the same day: they compare as text.
        for (auto& view : store::UserBookings(d, user_id)) {
            const auto& other = view.tour;
            if (view.booking.status != domain::BookingStatus::kConfirmed || other.session_id == session_id ||
                other.day_date != tour->day_date)
                continue;
            if (other.starts_at < tour->ends_at && tour->starts_at < other.ends_at)
                out.push_back(std::move(view));
        }
        std::sort(out.begin(), out.end(), [](const BookingView& a, const BookingView& b) {
            return a.tour.starts_at < b.tour.starts_at;
        });
        return out;
    });
}

Result<CalendarFile> BookingCalendar(Db& db, long long booking_id, std::optional<long long> owner_user_id,
                                     const std::string& now) {
    return Guarded<CalendarFile>(db, [&](Db& d) -> Result<CalendarFile> {
        store::CapacityStore store(d);
        auto booking = store.FindBooking(booking_id);
        std::optional<mail::Attachment> ics;
        if (booking && (!owner_user_id || booking->user_id == owner_user_id))
            ics = mail::BookingIcs(store, booking_id, now);
        if (!ics)
            return MakeError(ErrorCode::kNotFound, "no booking " + std::to_string(booking_id),
                             "aucune réservation n°" + std::to_string(booking_id));
        return CalendarFile{ics->filename, ics->content_type, std::move(ics->bytes)};
    });
}

Result<std::string> TicketQrDataUri(const std::string& ticket_code) {
    auto png = mail::QrPng("JUO:" + ticket_code);
    if (!png.ok()) return png.error();
    std::string base64;
    for (char c : mail::Base64Lines(*png))
        if (c != '\r' && c != '\n') base64 += c;
    return "data:image/png;base64," + base64;
}

}  // namespace juo::services

// The attachments of an outbox message (attachments.h).
#include "mail/attachments.h"

#include "mail/ics.h"
#include "mail/qr_png.h"
#include "store/bookings/capacity_store.h"

namespace juo::mail {
namespace {

// The calendar event of `booking` at `session`: its revision counts the changes and the
// cancellation, so a calendar replaces (or removes) the event it already holds.
CalendarEvent EventOf(store::CapacityStore& store, const domain::Booking& booking,
                      const store::SessionForBooking& session, const std::string& now, long long email_id,
                      bool cancelled) {
    CalendarEvent event;
    event.uid = "booking-" + std::to_string(booking.id) + "@juo";
    event.dtstamp = now;
    event.date = session.day_date;
    event.starts_at = session.starts_at;
    event.ends_at = session.ends_at;
    event.summary = "Visite : " + session.site_name + " (Journées Usines Ouvertes)";
    event.location = session.site_name + ", " + session.site_address + ", " + session.site_postcode + " " +
                     session.site_commune;
    event.description =
        "Billet " + booking.ticket_code + ", " + std::to_string(booking.people) + " personne(s)";
    event.sequence = store.BookingRevision(booking.id);
    if (email_id > 0) event.sequence -= store.ChangeEmailsAfter(booking.id, email_id);
    event.cancelled = cancelled;
    return event;
}

// The .ics of `booking` at `session`, cancelling the event when `cancelled`.
Attachment IcsOf(store::CapacityStore& store, const domain::Booking& booking, const store::SessionForBooking& session,
                 const std::string& now, long long email_id, bool cancelled) {
    return Attachment{cancelled ? "visite-annulee.ics" : "visite.ics",
                      cancelled ? "text/calendar; charset=utf-8; method=CANCEL"
                                : "text/calendar; charset=utf-8; method=PUBLISH",
                      IcsFile(EventOf(store, booking, session, now, email_id, cancelled))};
}

}  // namespace

std::optional<Attachment> BookingIcs(store::CapacityStore& store, long long booking_id,
                                     const std::string& now) {
    auto booking = store.FindBooking(booking_id);
    if (!booking) return std::nullopt;
    auto session = store.LoadSession(booking->session_id);
    if (!session) return std::nullopt;
    return IcsOf(store, *booking, *session, now, 0, booking->status == domain::BookingStatus::kCancelled);
}

std::vector<Attachment> BookingAttachments(store::CapacityStore& store, long long booking_id,
                                           const std::string& now, long long email_id,
                                           const std::string& kind) {
    std::vector<Attachment> out;
    auto booking = store.FindBooking(booking_id);
    if (!booking) return out;
    auto session = store.LoadSession(booking->session_id);
    if (!session) return out;
    const bool cancelled_now = booking->status == domain::BookingStatus::kCancelled;
    const bool cancelled = kind.empty() ? cancelled_now : kind == "booking.cancelled";
    if (!cancelled && !cancelled_now)  // a cancelled booking's ticket no longer opens the door
        if (auto png = QrPng("JUO:" + booking->ticket_code); png.ok())
            out.push_back({"billet-" + booking->ticket_code + ".png", "image/png", *png});
    out.push_back(IcsOf(store, *booking, *session, now, email_id, cancelled));
    return out;
}

}  // namespace juo::mail

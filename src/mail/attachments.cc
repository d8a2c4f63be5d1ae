// The attachments of an outbox message (attachments.h).
#include "mail/attachments.h"

#include "mail/ics.h"
#include "mail/qr_png.h"
#include "store/bookings/capacity_store.h"

namespace juo::mail {

std::vector<Attachment> BookingAttachments(store::CapacityStore& store, long long booking_id,
                                           const std::string& now) {
    std::vector<Attachment> out;
    auto booking = store.FindBooking(booking_id);
    if (!booking) return out;
    auto session = store.LoadSession(booking->session_id);
    if (!session) return out;
    if (auto png = QrPng("JUO:" + booking->ticket_code); png.ok())
        out.push_back({"billet-" + booking->ticket_code + ".png", "image/png", *png});
    CalendarEvent event;
    event.uid = "booking-" + std::to_string(booking->id) + "@juo";
    event.dtstamp = now;
    event.date = session->day_date;
    event.starts_at = session->starts_at;
    event.ends_at = session->ends_at;
    event.summary = "Visite : " + session->site_name + " (Journées Usines Ouvertes)";
    event.location = session->site_name + ", " + session->site_address + ", " + session->site_postcode + " " +
                     session->site_commune;
    event.description =
        "Billet " + booking->ticket_code + ", " + std::to_string(booking->people) + " personne(s)";
    out.push_back({"visite.ics", "text/calendar; charset=utf-8; method=PUBLISH", IcsFile(event)});
    return out;
}

}  // namespace juo::mail

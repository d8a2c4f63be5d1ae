// A refused or withdrawn site's tours cancelled with their bookings (see site_closure.h).
#include "services/site_closure.h"

#include "booking/emails.h"
#include "services/audit.h"
#include "store/bookings/capacity_store.h"
#include "store/mail/outbox.h"
#include "store/sites/site_closure.h"

namespace juo::services {

int CancelToursBookings(Db& tx, long long user_id, const std::vector<long long>& session_ids, const std::string& now,
                        const std::string& why) {
    store::CapacityStore capacity(tx);
    store::OutboxWriter outbox(tx);
    int cancelled = 0;
    for (long long id : store::ConfirmedBookingsOf(tx, session_ids)) {
        capacity.LockBooking(id);
        if (capacity.HasCheckIn(id)) continue;  // it took place: it stays, as the bilan counts it
        auto b = capacity.FindBooking(id);
        if (!b || !capacity.MarkBookingCancelled(id, now)) continue;
        capacity.ReleasePlaces(b->session_id, b->people, b->kind == domain::BookingKind::kGroup ? 1 : 0);
        b->status = domain::BookingStatus::kCancelled;
        b->cancelled_at = now;
        Audit(tx, user_id, "booking.cancel", "booking", id, std::to_string(b->people) + " places freed: " + why, now);
        auto session = capacity.LoadSession(b->session_id);
        if (b->user_id && session)
            if (auto user = capacity.FindUser(*b->user_id)) {
                auto mail = booking::CancellationEmail(*user, *b, *session);
                outbox.Enqueue(mail);
            }
        ++cancelled;
    }
    return cancelled;
}

SiteClosure CloseSiteTours(Db& tx, long long user_id, long long site_id, long long edition_id,
                           const std::string& now) {
    SiteClosure out;
    // The tours first, so that nothing more is booked on them (a cancelled tour still releases
    // places: the engine's UPDATE only refuses to take them), then their bookings.
    auto sessions = store::CancelSiteSessions(tx, site_id, edition_id);
    out.tours_cancelled = static_cast<int>(sessions.size());
    out.bookings_cancelled = CancelToursBookings(tx, user_id, sessions, now, "the site's participation was closed");
    out.waitlist_closed = store::CloseWaitlistsOf(tx, sessions);
    return out;
}

}  // namespace juo::services

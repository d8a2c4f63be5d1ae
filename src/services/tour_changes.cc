// A host's edit or deletion of a published tour (see tour_changes.h).
#include "services/tour_changes.h"

#include <algorithm>

#include "booking/emails.h"
#include "booking/engine.h"
#include "booking/manage_link.h"
#include "services/audit.h"
#include "services/site_closure.h"
#include "store/bookings/capacity_store.h"
#include "store/mail/outbox.h"
#include "store/sites/site_closure.h"
#include "store/sites/tour_changes.h"

namespace juo::services {
namespace {

Error Conflict(std::string en, std::string fr) { return MakeError(ErrorCode::kConflict, std::move(en), std::move(fr)); }

Error Started() {
    return Conflict("this tour has started: it can no longer be changed or deleted",
                    "cette visite a commencé : elle ne peut plus être modifiée ni supprimée");
}

Error Deleted() { return Conflict("this tour was deleted", "cette visite a été supprimée"); }

std::string Summary(const domain::Session& s) {
    return s.day_date + " " + s.starts_at + "-" + s.ends_at + ", " + std::to_string(s.capacity_people) + " places, " +
           std::to_string(s.capacity_groups) + " groups";
}

std::string AudienceWordFr(domain::Audience a) {
    switch (a) {
        case domain::Audience::kPublic: return "grand public";
        case domain::Audience::kSchool: return "scolaires";
        case domain::Audience::kJobSeekers: return "demandeurs d'emploi";
    }
    return "";
}

// Mails each confirmed booking's visitor and each waiting-list person that the tour moved.
void TellMoved(Db& tx, long long user_id, const store::SessionForBooking& before,
               const store::SessionForBooking& after, const std::string& now, const TourMailLinks& links,
               TourEdit& out) {
    store::CapacityStore capacity(tx);
    store::OutboxWriter outbox(tx);
    for (long long id : store::ConfirmedBookingsOf(tx, {after.id})) {
        auto b = capacity.FindBooking(id);
        if (!b) continue;
        // The booking's revision: the .ics of this e-mail moves the event its visitor holds.
        Audit(tx, user_id, "booking.tour_moved", "booking", id,
              before.day_date + " " + before.starts_at + " -> " + after.day_date + " " + after.starts_at, now);
        if (!b->user_id) continue;
        auto user = capacity.FindUser(*b->user_id);
        if (!user) continue;
        auto mail = booking::TourMovedEmail(*user, *b, before, after, links.base_url,
                                            links.manage ? links.manage->Path(b->id, b->ticket_code) : std::string());
        outbox.Enqueue(mail);
        ++out.bookings_mailed;
    }
    for (long long waiting_user : store::WaitingUsers(tx, after.id))
        if (auto user = capacity.FindUser(waiting_user)) {
            auto mail = booking::WaitlistTourNoticeEmail(*user, before, after, false);
            outbox.Enqueue(mail);
            ++out.waiting_mailed;
        }
}

}  // namespace

Result<domain::Session> SiteTour(Db& db, const SiteAccess& access, std::optional<long long> tour_id) {
    auto tours = SiteTours(db, access);
    if (!tours.ok()) return tours.error();
    auto it = std::find_if(tours->begin(), tours->end(), [&](const auto& s) {
        return tour_id && s.id == *tour_id && s.status != domain::SessionStatus::kCancelled;
    });
    if (it == tours->end()) return MakeError(ErrorCode::kNotFound, "no such tour at this site", "aucune visite de ce site");
    return *it;
}

Result<TourEdit> EditTour(Db& db, const SiteAccess& access, long long user_id, std::optional<long long> tour_id,
                          const TourInput& input, const std::string& now, const TourMailLinks& links,
                          booking::BookingEngine* engine) {
    auto current = SiteTour(db, access, tour_id);
    if (!current.ok()) return current.error();
    if (domain::HasStarted(current->day_date, current->starts_at, now)) return Started();
    auto edited = ReadTour(input, access);
    if (!edited.ok()) return edited.error();
    if (domain::HasStarted(edited->day_date, edited->starts_at, now))
        return MakeError(ErrorCode::kInvalidArgument, "the new time is already past", "le nouvel horaire est déjà passé");
    edited->id = current->id;
    auto done = db.InTransaction<TourEdit>([&]() -> Result<TourEdit> {
        if (!store::TouchTour(db, edited->id, now)) return Deleted();
        store::CapacityStore capacity(db);
        auto before = capacity.LoadSession(edited->id);  // read again under the lock
        if (!before) return Deleted();
        if (edited->capacity_people < before->places_taken)
            return Conflict(std::to_string(before->places_taken) + " places are booked or offered: the capacity cannot be below that",
                            std::to_string(before->places_taken) +
                                " places sont réservées ou proposées : la capacité ne peut pas descendre en dessous");
        if (edited->capacity_groups < before->groups_taken)
            return Conflict(std::to_string(before->groups_taken) + " groups are booked: the group capacity cannot be below that",
                            std::to_string(before->groups_taken) +
                                " groupes sont réservés : la capacité en groupes ne peut pas descendre en dessous");
        for (auto a : store::BookedAudiences(db, edited->id))
            if (std::find(edited->audiences.begin(), edited->audiences.end(), a) == edited->audiences.end())
                return Conflict("visitors of the audience \"" + std::string(domain::ToCode(a)) +
                                    "\" have booked: it cannot be removed (delete the tour to cancel their bookings)",
                                "des visiteurs du public « " + AudienceWordFr(a) +
                                    " » ont réservé : ce public ne peut pas être retiré (supprimez la visite pour "
                                    "annuler leurs réservations)");
        if (!store::UpdateTour(db, *edited))
            return Conflict("the tour was booked meanwhile: try again", "la visite a été réservée entre-temps : réessayez");
        store::ReplaceTourAudiences(db, edited->id, edited->audiences);
        TourEdit out;
        out.tour = *edited;
        out.tour.places_taken = before->places_taken;
        out.tour.groups_taken = before->groups_taken;
        auto after = capacity.LoadSession(edited->id);
        if (!after) return Deleted();
        Audit(db, user_id, "session.edit", "session", edited->id,
              before->day_date + " " + before->starts_at + "-" + before->ends_at + ", " +
                  std::to_string(before->capacity_people) + " places, " + std::to_string(before->capacity_groups) +
                  " groups -> " + Summary(*edited),
              now);
        out.moved = before->day_date != after->day_date || before->starts_at != after->starts_at ||
                    before->ends_at != after->ends_at;
        if (out.moved) TellMoved(db, user_id, *before, *after, now, links, out);
        out.places_added = after->capacity_people - after->places_taken > before->capacity_people - before->places_taken;
        return out;
    });
    if (done.ok() && done->places_added && engine)
        engine->Submit(booking::OfferFreedPlaces{{done->tour.id}}, [](Result<booking::Outcome>) {});
    return done;
}

Result<TourDeletionPreview> PreviewTourDeletion(Db& db, const SiteAccess& access, std::optional<long long> tour_id,
                                                const std::string& now) {
    auto tour = SiteTour(db, access, tour_id);
    if (!tour.ok()) return tour.error();
    return Guarded<TourDeletionPreview>(db, [&](Db& db) {
        TourDeletionPreview p;
        p.tour = *tour;
        store::CapacityStore capacity(db);
        for (long long id : store::ConfirmedBookingsOf(db, {tour->id}))
            if (auto b = capacity.FindBooking(id)) {
                ++p.bookings;
                p.people += b->people;
            }
        p.waiting = static_cast<int>(store::WaitingUsers(db, tour->id).size());
        p.took_place = domain::HasStarted(tour->day_date, tour->starts_at, now) || store::TourHasCheckIn(db, tour->id);
        return p;
    });
}

Result<TourDeletion> DeleteTour(Db& db, const SiteAccess& access, long long user_id, std::optional<long long> tour_id,
                                const std::string& now) {
    auto tour = SiteTour(db, access, tour_id);
    if (!tour.ok()) return tour.error();
    if (domain::HasStarted(tour->day_date, tour->starts_at, now)) return Started();
    const long long id = tour->id;
    return db.InTransaction<TourDeletion>([&]() -> Result<TourDeletion> {
        if (!store::TouchTour(db, id, now)) return Deleted();
        if (store::TourHasCheckIn(db, id))
            return Conflict("visitors of this tour were checked in: it took place and cannot be deleted",
                            "des visiteurs de cette visite ont été pointés : elle a eu lieu et ne peut pas être supprimée");
        store::CapacityStore capacity(db);
        auto before = capacity.LoadSession(id);
        if (!before) return Deleted();
        const auto waiting = store::WaitingUsers(db, id);
        // The tour first, so that nothing more is booked on it, then its bookings.
        if (!store::CancelTour(db, id)) return Deleted();
        TourDeletion out;
        out.bookings_cancelled = CancelToursBookings(db, user_id, {id}, now, "the host deleted the tour");
        store::CloseWaitlistsOf(db, {id});
        store::OutboxWriter outbox(db);
        for (long long waiting_user : waiting)
            if (auto user = capacity.FindUser(waiting_user)) {
                auto mail = booking::WaitlistTourNoticeEmail(*user, *before, *before, true);
                outbox.Enqueue(mail);
                ++out.waiting_mailed;
            }
        out.wishes_unavailable = store::MarkTourWishesUnavailable(db, id, user_id, now);
        Audit(db, user_id, "session.delete", "session", id,
              Summary(*tour) + ": " + std::to_string(out.bookings_cancelled) + " bookings cancelled, " +
                  std::to_string(waiting.size()) + " waiting-list entries closed, " +
                  std::to_string(out.wishes_unavailable) + " group wishes unavailable",
              now);
        return out;
    });
}

}  // namespace juo::services

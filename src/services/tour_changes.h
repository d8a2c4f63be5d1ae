// A host edits or deletes one of their published tours (issue 19 item 1), the use cases the host
// pages and the JSON API both run.
//
// Editing: the day, times, capacities, audiences and minimum level, read as a new tour is
// (ReadTour), on a tour that has not started. The capacities cannot go below the places and groups
// taken, and an audience cannot be removed while one of its bookings is live: the host is told how
// many are booked. When the day or the times change, every visitor with a confirmed booking is
// mailed the new time (the ticket stays valid; the .ics attached moves the event), and everyone on
// the waiting list too. When places were added, the booking engine offers them to the waiting list
// once the edit committed (its OfferFreedPlaces command, submitted without waiting).
//
// Deleting: refused once the tour has started or a visitor was checked in (it took place: the
// bilan counts it). Otherwise the tour is cancelled, each confirmed booking cancelled with its
// places released and its visitor mailed (the .ics removes the event), the waiting list closed and
// its people mailed, and the tour's wishes in pending group requests marked unavailable (the
// allocation skips them; the requests' other wishes stay).
//
// Each runs in one transaction with its audit entries and its e-mails: all or nothing. Scope:
// the SiteAccess given (services::ManagedSite: a host their sites, a relay their departments,
// the organiser every site).
//
// Thread-safety: functions over their arguments; the Db is this thread's; the engine may be shared.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "domain/session.h"
#include "services/db.h"
#include "services/hosts.h"

namespace juo::booking {
class BookingEngine;
class ManageLinks;
}  // namespace juo::booking

namespace juo::services {

// What the e-mails need: the public address for their links, the bookings' manage links (null: the
// e-mails point to "my bookings").
struct TourMailLinks {
    std::string base_url;
    const booking::ManageLinks* manage = nullptr;
};

// Tour `tour_id` of the access's site in its edition (kNotFound otherwise, a cancelled one too).
Result<domain::Session> SiteTour(Db& db, const SiteAccess& access, std::optional<long long> tour_id);

struct TourEdit {
    domain::Session tour;     // as it is now
    bool moved = false;       // its day or times changed
    int bookings_mailed = 0;  // visitors told the new time
    int waiting_mailed = 0;
    bool places_added = false;  // the waiting list's offers follow
};

// Edits tour `tour_id` as above, at `now` (a UTC instant), by `user_id`. kNotFound, kConflict (it
// started, was deleted, or the new capacities or audiences would drop booked visitors),
// kInvalidArgument (the input, as ReadTour says). `engine` (may be null) gets OfferFreedPlaces.
Result<TourEdit> EditTour(Db& db, const SiteAccess& access, long long user_id, std::optional<long long> tour_id,
                          const TourInput& input, const std::string& now, const TourMailLinks& links,
                          booking::BookingEngine* engine);

// What deleting a tour would do, for the page that asks to confirm it.
struct TourDeletionPreview {
    domain::Session tour;
    int bookings = 0;  // confirmed bookings, to be cancelled
    int people = 0;
    int waiting = 0;  // live waiting-list entries
    bool took_place = false;  // a visitor was checked in, or it started: it cannot be deleted
};
Result<TourDeletionPreview> PreviewTourDeletion(Db& db, const SiteAccess& access, std::optional<long long> tour_id,
                                                const std::string& now);

struct TourDeletion {
    int bookings_cancelled = 0;
    int waiting_mailed = 0;
    int wishes_unavailable = 0;
};

// Deletes tour `tour_id` as above. kNotFound, kConflict (it started, took place, or was deleted).
Result<TourDeletion> DeleteTour(Db& db, const SiteAccess& access, long long user_id, std::optional<long long> tour_id,
                                const std::string& now);

}  // namespace juo::services

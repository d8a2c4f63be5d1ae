// The host space and the moderation queue in the store: a new factory registered by its host
// (organisation, site, participation in the edition, the host's grant, in one transaction), the
// sites a host manages with their participation, a site's tours, the participations waiting for
// the organiser, and the decision. Throws soci::soci_error on database failures (call inside
// Database::InTransaction for the writes).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/session.h"
#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

// Stores a factory registered by `host_user_id` for edition `edition_id`: its organisation, the
// site (validated), a participation submitted at `at`, and the host grant on the site. Sets the
// ids; returns the participation's. kInvalidArgument for an invalid site, kConflict for a SIRET
// already registered.
Result<long long> RegisterSite(Database& db, long long host_user_id, long long edition_id,
                               domain::Organisation& organisation, domain::Site& site, const std::string& at);

struct HostSiteView {
    domain::Site site;
    long long participation_id = 0;  // in the edition asked for; 0 when the site does not take part
    domain::ParticipationStatus status = domain::ParticipationStatus::kDraft;
    int sessions = 0;                // its tours in that edition, cancelled ones aside
};

// The sites with these ids (a host's grants), with their participation in `edition_id`, newest
// first, at most `limit`.
std::vector<HostSiteView> HostSites(Database& db, const std::vector<long long>& site_ids, long long edition_id,
                                    int limit);

// The participations of `edition_id` with `status`, oldest submission first, with their site.
std::vector<HostSiteView> ParticipationsWithStatus(Database& db, long long edition_id,
                                                   domain::ParticipationStatus status, int limit);

// Writes a moderation decision on a submitted participation; false when it does not exist or is
// no longer submitted (another organiser decided it meanwhile, perhaps on another app server:
// the UPDATE waits for their commit and then finds it decided).
bool DecideParticipation(Database& db, long long participation_id, domain::ParticipationStatus status,
                         const std::string& at);

// The participation `id` with its site, or nullopt.
std::optional<HostSiteView> FindParticipation(Database& db, long long participation_id);

// The site's tours in `edition_id`, by day and time.
std::vector<domain::Session> SiteSessions(Database& db, long long site_id, long long edition_id);

// One line of a site's visitor list.
struct VisitorRow {
    std::string day_date, starts_at;
    std::string ticket_code;
    std::string name, email;
    std::string kind;    // party or group
    std::string status;  // confirmed or cancelled
    int people = 0;
    std::optional<int> attended;
};

// The bookings of the site's tours in `edition_id`, by tour then booking.
std::vector<VisitorRow> SiteVisitors(Database& db, long long site_id, long long edition_id);

// A tour a host published (session.publish in the audit log), for the moderation of tours.
struct PublishedTour {
    domain::Session session;
    std::string site_name, department_code;
    std::string published_at;
};
// The tours of `edition_id` hosts published and that are not cancelled, newest first.
std::vector<PublishedTour> PublishedTours(Database& db, long long edition_id, int limit);

// A tour with its site, as the moderation of tours names it.
struct TourSite {
    long long site_id = 0;
    std::string site_name, department_code;
    std::string day_date, starts_at;
};
// Tour `session_id` with its site, or nullopt for an unknown tour.
std::optional<TourSite> FindTourSite(Database& db, long long session_id);

// Cancels tour `session_id` when nobody booked it (no place nor group taken); false otherwise
// (booked, already cancelled or unknown). The booking engine reads the status on each booking.
bool WithdrawUnbookedSession(Database& db, long long session_id);

// The e-mail addresses of the hosts of `site_id`.
std::vector<std::pair<std::string, std::string>> SiteHostContacts(Database& db, long long site_id);

}  // namespace juo::store

// The host's side of a site after its registration: editing its profile (texts, accessibility,
// address and pin), its photo, sending it back to moderation after "changes requested", and
// re-enrolling it in a new edition with last year's tours. Throws soci::soci_error on database
// failures: call the writes inside Database::InTransaction.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "domain/edition.h"
#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

// Rewrites what a host may change of site `site.id` (not its organisation, sector nor creation), at `at`:
// validated (domain::ValidateSite); kNotFound for an unknown site.
Status UpdateSiteProfile(Database& db, const domain::Site& site, const std::string& at);

// A fingerprint (16 hex digits) of what a host may change of a site (UpdateSiteProfile's texts,
// address, place, pin and accessibility): sent back with the profile form and as the API's ETag,
// so that two people editing one profile at once do not overwrite each other (kStale).
std::string SiteProfileVersion(const domain::Site& site);

// The version of site `site_id`'s profile as stored, its row locked until the transaction ends
// (FOR NO KEY UPDATE on PostgreSQL; SQLite's write transaction holds the database); nullopt for
// an unknown site.
std::optional<std::string> LockedSiteProfileVersion(Database& db, long long site_id);

// The site's photo (a stored_file id), or nullopt.
std::optional<long long> SitePhotoFile(Database& db, long long site_id);
// Sets the site's photo.
void SetSitePhoto(Database& db, long long site_id, long long file_id, const std::string& at);

// True when the site was approved in some edition (its page, and so its photo, is public).
bool SiteEverApproved(Database& db, long long site_id);

// A participation whose changes were requested goes back to the moderation queue (submitted at
// `at`). kConflict when it is in another status.
Status ResubmitParticipation(Database& db, long long participation_id, const std::string& at);

struct ReEnrolment {
    long long participation_id = 0;
    int previous_year = 0;
    int tours_copied = 0;   // last year's tours, put on the new edition's matching days
    int tours_skipped = 0;  // tours whose day or audiences the new edition does not have
};

// Enrols site `site_id` in edition `to` (submitted at `at`, to be moderated again) from its last
// participation in an earlier edition, copying that edition's tours (not cancelled) to the day
// of the same rank in `to` (first day to first day: Friday to Friday), with the audiences that
// day allows, empty. kConflict when the site already takes part in `to`; kNotFound when it never
// took part before.
Result<ReEnrolment> ReEnrolSite(Database& db, long long site_id, const domain::Edition& to, const std::string& at);

}  // namespace juo::store

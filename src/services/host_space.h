// The host space after a site's registration, the use cases its pages (the profile and the
// internships) and the JSON API both run: the site's profile and pin (with its version, so that
// two people editing it at once do not overwrite each other), its photo, its return to moderation,
// its re-enrolment in the new edition, and its internship offers. Each change is written with its
// audit entry in one transaction; a refusal is an Error with its English and French message (and,
// for the profile, the field it is about). No database exception passes these functions.
//
// Scope: the caller checked the site with ManagedSite (hosts.h).
//
// Thread-safety: functions over their arguments; the Db is this thread's.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/internship.h"
#include "domain/site.h"
#include "services/db.h"
#include "services/hosts.h"
#include "store/sites/site_profile_queries.h"
#include "uploads/uploads.h"

namespace juo::services {

// A site's re-enrolment: its new participation, and last year's tours copied or skipped.
using ReEnrolment = store::ReEnrolment;

// A pin further than this from the site's commune is a slip of the mouse.
inline constexpr double kMaxPinDistanceKm = 30;

// "45.764000": a coordinate as the form shows it.
std::string Coordinate(double value);

// ---- the profile ---------------------------------------------------------------------------

// The profile form's fields (the API's members as text): "place" a postcode or a commune, "lat"
// and "lon" as typed ("45.7640", "45,7640"; both empty: the commune's centre).
struct ProfileInput {
    std::string name, address, place, lat, lon, access_notes, min_age, safety, description;
    bool wheelchair = false, hearing = false;  // the motor and hearing kinds of accessibility
    bool visual = false, mental = false, psychic = false;
};

// The site as the profile form edits it (name, address, place, lat and lon within
// kMaxPinDistanceKm of the commune, wheelchair, hearing, visual, mental, psychic, access_notes, min_age, safety,
// description), or the problem and its field. Geocodes offline.
std::variant<domain::Site, FieldError> ReadProfile(const ProfileInput& input, domain::Site site);

// A fingerprint of what a host may change of `site`: sent back with the profile form and as the
// API's ETag.
std::string ProfileVersion(const domain::Site& site);

// What the profile shows besides the site: its version, and its photo (a stored file) if any.
struct SiteProfile {
    std::string version;
    std::optional<long long> photo_file_id;
};
Result<SiteProfile> ReadSiteProfile(Db& db, const domain::Site& site);

// Stores the edited profile (site.update in the audit log). With `seen_version` (the
// ProfileVersion the form or the API client started from), only if the stored profile is still
// that version: kStale when someone else saved it in between, and nothing is written.
Status SaveProfile(Db& db, long long user_id, const domain::Site& site, const std::string& seen_version = "");

// Sends a registration whose changes were requested back to the moderation queue (kConflict in
// another status).
Status ResubmitRegistration(Db& db, long long user_id, const SiteAccess& access);

// ---- the photo -----------------------------------------------------------------------------

// Stores `photo` as the site's photo.
Status SaveSitePhoto(Db& db, long long user_id, long long site_id, const uploads::CheckedFile& photo);

// A site's photo, and whether anyone may see it (the site was approved in some edition; else only
// the people who manage the site).
struct SitePhoto {
    long long file_id = 0;
    bool is_public = false;
};
// The photo of site `site_id`, or nullopt when it has none.
Result<std::optional<SitePhoto>> FindSitePhoto(Db& db, long long site_id);
// The photo's bytes, type and ETag.
Result<uploads::Download> LoadSitePhoto(Db& db, const SitePhoto& photo);

// ---- re-enrolment --------------------------------------------------------------------------

// Enrols the site in the access's (current) edition with last year's tours.
Result<ReEnrolment> ReEnrol(Db& db, long long user_id, const SiteAccess& access);

// ---- internship offers ---------------------------------------------------------------------

// The site's offers in the access's edition.
Result<std::vector<domain::InternshipOffer>> SiteInternships(Db& db, const SiteAccess& access);

// An offer as typed: its kind's code, title, places (1–1,000; anything else is 0).
struct InternshipInput {
    std::string kind, title, places;
};
// Posts the offer `input` describes for the site.
Status AddInternship(Db& db, long long user_id, const SiteAccess& access, const InternshipInput& input);

// Sets how many places of the site's offer `offer` (its id as typed) were `filled` (0–1,000).
Status SetInternshipFilled(Db& db, long long user_id, const SiteAccess& access, std::string_view offer,
                           std::string_view filled);

}  // namespace juo::services

// The host space's and the teaching kit's actions after a site's registration, as the pages
// (site_profile_pages.cc, internship_pages.cc, teaching_kit_pages.cc) and the JSON API
// (api_host_space.cc) both run them: a site's profile and pin, its photo, its return to
// moderation, its re-enrolment, its internship offers, and the kit's documents. The input is a
// Form (the API turns its JSON into one); each change is written with its audit entry in one
// transaction; a refusal is an Error with its English and French message (and, for the profile,
// the field it is about).
//
// Scope: the caller checked the site with ManagedSite (host_actions.h); the kit is the
// organiser's (the route table).
//
// Thread-safety: functions over their arguments; the Database is this thread's.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "domain/site.h"
#include "store/database.h"
#include "store/site_profile_queries.h"
#include "uploads/uploads.h"
#include "web/group_requests.h"
#include "web/host_actions.h"
#include "web/people_page_kit.h"

namespace juo::web {

// A pin further than this from the site's commune is a slip of the mouse.
inline constexpr double kMaxPinDistanceKm = 30;

// "45.764000": a coordinate as the form shows it.
std::string Coordinate(double value);

// The site as the profile form edits it (name, address, place — a postcode or a commune —, lat
// and lon within kMaxPinDistanceKm of the commune, wheelchair, hearing, access_notes, min_age,
// safety, description), or the problem and its field. Geocodes offline.
std::variant<domain::Site, FieldError> ReadProfile(const Form& form, domain::Site site);

// Stores the edited profile (site.update in the audit log). With `seen_version` (the
// store::SiteProfileVersion the form or the API client started from), only if the stored profile
// is still that version: kStale when someone else saved it in between, and nothing is written.
Status SaveProfile(store::Database& db, long long user_id, const domain::Site& site,
                   const std::string& seen_version = "");

// Sends a registration whose changes were requested back to the moderation queue (kConflict in
// another status).
Status ResubmitRegistration(store::Database& db, long long user_id, const SiteAccess& access);

// Stores `photo` as the site's photo.
Status SaveSitePhoto(store::Database& db, long long user_id, long long site_id, const uploads::CheckedFile& photo);

// Enrols the site in the access's (current) edition with last year's tours (store::ReEnrolSite).
Result<store::ReEnrolment> ReEnrol(store::Database& db, long long user_id, const SiteAccess& access);

// Posts the offer the form describes (kind, title, places) for the site.
Status AddInternship(store::Database& db, const Form& form, const SiteAccess& access, long long user_id);

// Sets how many places of the site's offer `offer` were `filled` (form fields).
Status SetInternshipFilled(store::Database& db, const Form& form, const SiteAccess& access, long long user_id);

// The tours hosts published in the current edition that `who` may moderate (a relay: their
// departments), newest first.
Result<std::vector<store::PublishedTour>> ToursToReview(store::Database& db, const auth::Principal& who);

// Withdraws a published tour nobody booked, with the reason (required, at most 1,000 bytes)
// mailed to the site's hosts and the audit entry, in one transaction. kForbidden outside `who`'s
// scope, kConflict when it has bookings (its visitors would lose their places: the organiser
// deals with the host).
Status WithdrawTour(const PeopleContext& ctx, store::Database& db, const auth::Principal& who, long long session_id,
                    const std::string& reason);

// "pupils", "teachers" or "both".
bool IsKitAudience(std::string_view audience);

// Stores the uploaded kit document (fields title, audience, optional pages; file input "file"),
// unpublished, in the current edition: its id.
Result<long long> UploadKitDocument(store::Database& db, const Form& form, long long user_id);

// Publishes or withdraws kit document `id` (kNotFound; kConflict to publish one without a file).
Status PublishKitDocument(store::Database& db, std::optional<long long> id, bool publish, long long user_id);

}  // namespace juo::web

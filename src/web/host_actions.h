// The host space's and the moderation queue's actions, as the pages (host_pages.cc) and the JSON
// API (api_host.cc) both run them: reading a factory's registration and storing it, the site a
// caller manages, reading a tour, copying one, publishing it, the site's visitor list as a file,
// the moderation queue and its decision (the hosts mailed with the reason). Each change is
// written with its audit entry in one transaction; a refusal is an Error with its English and
// French message (the pages show it as they did before the API existed).
//
// Scope, the same for the pages and the API: a host acts on their own sites, a relay on the sites
// of their departments, the organiser on every site (auth::CanManageSite).
//
// Thread-safety: pure functions over their arguments; the Database is this thread's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/principal.h"
#include "domain/edition.h"
#include "domain/session.h"
#include "domain/site.h"
#include "http/message.h"
#include "report/tables.h"
#include "store/database.h"
#include "store/host_queries.h"
#include "web/caller.h"
#include "web/group_requests.h"

namespace juo::web {

// The path of the host's list of factories (the link of the moderation e-mails).
inline constexpr const char* kHostSitesPath = "/usine";

// ---- registering a factory ----------------------------------------------------------------

// What the host typed (the form's fields; the API's members as text).
struct RegistrationInput {
    std::string company, siret, name, division, naf, address, place, min_age, safety, description;
    bool wheelchair = false, hearing = false;
};

struct Registration {
    domain::Organisation organisation;
    domain::Site site;
};

// The registration `input` describes, checked (company name, SIRET checksum, industrial sector,
// NAF code in it, address, a place the geocoder knows, minimum age 0–25, text lengths), or the
// error with the field it is about ("company", "siret", "division", "naf", "address", "place",
// "min_age", "description").
std::variant<Registration, FieldError> ReadRegistration(const RegistrationInput& input);

// Stores the factory for the current edition (organisation, site, participation submitted,
// the host grant of `user_id`) with its audit entry in one transaction, then makes the caller's
// session see the new grant. The site id; kConflict for a SIRET already registered.
Result<long long> RegisterFactory(const PeopleContext& ctx, store::Database& db, long long user_id,
                                  Registration& registration);

// The sites `who` hosts (their host grants) with their participation in the current edition.
Result<std::vector<store::HostSiteView>> HostedSites(store::Database& db, const auth::Principal& who);

// ---- a site's tours ------------------------------------------------------------------------

struct SiteAccess {
    store::HostSiteView view;
    domain::Edition edition;
};

// The site whose id is `id_text` for `who`, in the current edition: kNotFound for an unknown
// (or malformed) id, kForbidden when it is not theirs. Throws soci::soci_error.
Result<SiteAccess> ManagedSite(store::Database& db, std::string_view id_text, const auth::Principal& who);

// A tour as typed: the day (one of the edition's), times "HH:MM", capacity 1–10,000 people,
// 0–100 groups ("" is 0), audiences among the day's, an optional minimum level.
struct TourInput {
    std::string day, starts, ends, capacity, groups, min_level;
    std::vector<std::string> audiences;
};
Result<domain::Session> ReadTour(const TourInput& input, const SiteAccess& access);

// "Copy this tour": the same tour right after tour `tour_id` of the site, on the same day.
// kNotFound when the site has no such tour, kInvalidArgument when the copy would end after
// midnight. Throws soci::soci_error.
Result<domain::Session> CopyTour(store::Database& db, const SiteAccess& access,
                                 std::optional<long long> tour_id);

// Stores `tour` with its audit entry (session.publish by `user_id`); the tour's id.
Result<long long> PublishTour(store::Database& db, long long user_id, domain::Session& tour);

// ---- the visitor list ----------------------------------------------------------------------

// The site's visitor list as a table (CSV and XLSX share it), French column titles.
report::Table VisitorTable(const std::vector<store::VisitorRow>& rows);

// The visitor list of the site as a download, `kind` "csv" or "xlsx" (kInvalidArgument
// otherwise), named visiteurs-site-<id>-<year>. Throws soci::soci_error.
Result<http::Response> VisitorFile(store::Database& db, const SiteAccess& access, std::string_view kind);

// ---- moderation ----------------------------------------------------------------------------

// The registrations waiting for a decision in the current edition that `who` may decide (a relay:
// their departments), oldest first. Throws soci::soci_error.
Result<std::vector<store::HostSiteView>> ModerationQueue(store::Database& db, const auth::Principal& who);

// The decision "approve", "changes" or "refuse" with its reason (needed but to approve; at most
// 1,000 bytes). kInvalidArgument otherwise.
Result<domain::ParticipationStatus> ReadDecision(std::string_view decision, std::string_view reason);

// Decides registration `participation_id` in one transaction: the new status, the audit entry and
// an e-mail to each host of the site (French then English, with the reason). kNotFound,
// kForbidden (outside `who`'s scope), kConflict (already decided).
Status DecideParticipation(const PeopleContext& ctx, store::Database& db, const auth::Principal& who,
                           long long participation_id, domain::ParticipationStatus status,
                           const std::string& reason);

}  // namespace juo::web

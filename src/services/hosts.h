// Hosts and their moderation, the use cases the host pages and the JSON API both run: registering
// a factory, the sites a caller manages, a site's tours (reading one as typed, copying one,
// publishing it), the site's visitor list as a file, the moderation queue of registrations and
// its decision (the hosts mailed with the reason), and the moderation of published tours (a tour
// nobody booked withdrawn, the hosts mailed). Each change is written with its audit entry in one
// transaction; a refusal is an Error with its English and French message. No database exception
// passes these functions: a failure is its Error (services::DatabaseError).
//
// Scope, the same for the pages and the API: a host acts on their own sites, a relay on the sites
// of their departments, the organiser on every site (auth::CanManageSite).
//
// The e-mails' words are the web layer's (its message catalogue): a change that mails the hosts
// takes a function that writes them.
//
// Thread-safety: functions over their arguments; the Db is this thread's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/principal.h"
#include "auth/sessions.h"
#include "domain/edition.h"
#include "domain/session.h"
#include "domain/site.h"
#include "report/tables.h"
#include "services/db.h"
#include "store/reads/host_queries.h"
#include "services/group_requests.h"

namespace juo::services {

// A site with its participation in an edition (the host's list, the moderation queue).
using HostSiteView = store::HostSiteView;
// One line of a site's visitor list.
using VisitorRow = store::VisitorRow;
// A tour a host published, for the moderation of tours.
using PublishedTour = store::PublishedTour;


// ---- registering a factory ----------------------------------------------------------------

// What the host typed (the form's fields; the API's members as text).
struct RegistrationInput {
    std::string company, siret, name, division, naf, address, place, min_age, safety, description;
    // The five kinds of the national accessibility nomenclature (domain/accessibility.h).
    bool wheelchair = false, hearing = false, visual = false, mental = false, psychic = false;
};

struct Registration {
    domain::Organisation organisation;
    domain::Site site;
    long long participation_id = 0;  // set by RegisterFactory
};

// The registration `input` describes, checked (company name, SIRET checksum, industrial sector,
// NAF code in it, address, a place the geocoder knows, minimum age 0–25, text lengths), or the
// error with the field it is about ("company", "siret", "division", "naf", "address", "place",
// "min_age", "description").
std::variant<Registration, FieldError> ReadRegistration(const RegistrationInput& input);

// Stores the factory for the current edition (organisation, site, participation submitted,
// the host grant of `user_id`) with its audit entry in one transaction, then makes `sessions`
// see the new grant on the user's next request. The site id (and sets the ids in `registration`,
// its participation_id too); kConflict for a SIRET already registered.
Result<long long> RegisterFactory(Db& db, auth::SessionStore& sessions, long long user_id,
                                  Registration& registration);

// The sites `who` hosts (their host grants) with their participation in the current edition.
struct HostedSiteList {
    domain::Edition edition;  // the current one
    std::vector<HostSiteView> sites;
};
Result<HostedSiteList> HostedSites(Db& db, const auth::Principal& who);

// ---- a site's tours ------------------------------------------------------------------------

struct SiteAccess {
    HostSiteView view;
    domain::Edition edition;
};

// The site whose id is `id_text` for `who`, in the current edition: kNotFound for an unknown
// (or malformed) id, kForbidden when it is not theirs.
Result<SiteAccess> ManagedSite(Db& db, std::string_view id_text, const auth::Principal& who);

// The site's tours in the access's edition, by day and time.
Result<std::vector<domain::Session>> SiteTours(Db& db, const SiteAccess& access);

// A tour as typed: the day (one of the edition's), times "HH:MM", capacity 1–10,000 people,
// 0–100 groups ("" is 0), audiences among the day's, an optional minimum level.
struct TourInput {
    std::string day, starts, ends, capacity, groups, min_level;
    std::vector<std::string> audiences;
};
Result<domain::Session> ReadTour(const TourInput& input, const SiteAccess& access);

// "Copy this tour": the same tour right after tour `tour_id` of the site, on the same day.
// kNotFound when the site has no such tour, kInvalidArgument when the copy would end after
// midnight.
Result<domain::Session> CopyTour(Db& db, const SiteAccess& access, std::optional<long long> tour_id);

// Stores `tour` with its audit entry (session.publish by `user_id`); the tour's id.
Result<long long> PublishTour(Db& db, long long user_id, domain::Session& tour);

// ---- the visitor list ----------------------------------------------------------------------

// The bookings of the site's tours in the access's edition, by tour then booking.
Result<std::vector<VisitorRow>> SiteVisitors(Db& db, const SiteAccess& access);

// The site's visitor list as a table (CSV and XLSX share it), French column titles.
report::Table VisitorTable(const std::vector<VisitorRow>& rows);

// A visitor list as a file to download.
struct VisitorFile {
    std::string filename;  // visiteurs-site-<id>-<year>.<kind> (…-excel.csv for csv-excel)
    std::string content_type;
    std::string bytes;
};
// The visitor list of the site as a file, `kind` "csv", "csv-excel" (report::kCsvExcelFormat: the
// Excel (FR) CSV) or "xlsx" (kInvalidArgument otherwise).
Result<VisitorFile> VisitorListFile(Db& db, const SiteAccess& access, std::string_view kind);

// ---- e-mails to hosts ----------------------------------------------------------------------

// Writes `mail` to the outbox for each host of `site_id` (kind `kind`), in the caller's
// transaction (throws soci::soci_error: call inside Db::InTransaction). A host who chose the daily
// digest gets it there instead (services/host_digest.h: kept as a notice until then).
void MailHosts(Db& tx, long long site_id, const std::string& kind, const MailText& mail);

// ---- moderation of registrations -----------------------------------------------------------

// The registrations waiting for a decision in the current edition that `who` may decide (a relay:
// their departments), oldest first.
Result<std::vector<HostSiteView>> ModerationQueue(Db& db, const auth::Principal& who);

// The e-mail to each host of a site whose registration was decided, from the site's name.
using DecisionMail = std::function<MailText(const std::string& site_name)>;

// Decides registration `participation_id` in one transaction: the new status, the audit entry and
// the e-mail `mail` writes to each host of the site. kNotFound, kForbidden (outside `who`'s
// scope), kConflict (already decided). Approval and changes are decided on a submitted
// registration; a refusal or a withdrawal (issue 21) also on an approved one, and it closes the
// site's tours of the edition and cancels their bookings, each visitor mailed, in the same
// transaction (services/site_closure.h).
Status DecideParticipation(Db& db, const auth::Principal& who, long long participation_id,
                           domain::ParticipationStatus status, const std::string& reason, const DecisionMail& mail);

// ---- moderation of tours -------------------------------------------------------------------

// The tours hosts published in the current edition that `who` may moderate (a relay: their
// departments), newest first.
Result<std::vector<PublishedTour>> ToursToReview(Db& db, const auth::Principal& who);

// The e-mail to each host of a site one of whose tours was withdrawn: from the site's name, the
// tour's day ("2025-04-04") and start ("09:30").
using WithdrawalMail =
    std::function<MailText(const std::string& site_name, const std::string& day, const std::string& starts_at)>;

// Withdraws a published tour nobody booked, with the reason (required, at most 1,000 bytes)
// mailed to the site's hosts (`mail`) and the audit entry, in one transaction. kNotFound,
// kForbidden outside `who`'s scope, kConflict when it has bookings (its visitors would lose their
// places: the organiser deals with the host).
Status WithdrawTour(Db& db, const auth::Principal& who, long long session_id, const std::string& reason,
                    const WithdrawalMail& mail);

}  // namespace juo::services

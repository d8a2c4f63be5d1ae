// The organiser's editions in the store: the list with its progress against the targets, the edit
// of an edition (name, targets, registration window given as dates, party size, status, days and
// their audiences), the clone of the latest edition into the next year, and the invitation of the
// previous edition's hosts to re-enrol.
//
// The rules live here, beside the SQL, so that the back-office pages and the JSON API share them:
// dates inside the edition's year, registration closing after it opens, targets ≥ 0, at least one
// audience a day, no day (or audience of a day) removed while tours use it, at most one open
// edition. Each change writes its audit entry in the same transaction.
//
// The functions that change something run their own transaction (Database::InTransaction) and
// return an Error for bad input or a database failure: nothing is half-applied. The reads throw
// soci::soci_error on database failures. Thread-safety: a Database is single-threaded.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/paris_time.h"
#include "common/result.h"
#include "domain/edition.h"
#include "store/db/database.h"
#include "store/mail/outbox.h"

namespace juo::store {

// ---- Paris dates and ISO weeks ------------------------------------------------------------

// Paris time (ParisLocalToUtc, ParisDateOf) is written once in common/paris_time.h; the names
// stay reachable as store:: for the callers that spell them so.
using ::juo::ParisDateOf;
using ::juo::ParisLocalToUtc;

// The same ISO week and weekday one year later, kept inside the next calendar year
// ("2025-04-04", Friday of week 14 → "2026-04-03"); week 53 becomes week 52 when the next year
// has none. "" when the date is not valid.
std::string SameIsoWeekdayNextYear(const std::string& date);

// ---- the list -------------------------------------------------------------------------------

struct EditionProgress {
    domain::Edition edition;  // with its days
    long long approved_sites = 0;
    long long bookings = 0;         // confirmed bookings (parties and groups)
    long long booked_visitors = 0;  // the people of those bookings
};

// Every edition with its progress, newest year first.
std::vector<EditionProgress> ListEditionProgress(Database& db);

// The edition with this id, with its days; kNotFound when there is none.
Result<domain::Edition> FindEditionById(Database& db, long long edition_id);

// ---- the edit -------------------------------------------------------------------------------

// A short fingerprint (16 hex digits) of what an organiser may change in the edition: its name,
// targets, registration window, party size, status and days with their audiences. It changes
// with any of them: a form or an API client that read the edition sends it back with its edit
// (EditionEdit::seen_version, the ETag of GET …/editions/{id}), so that two organisers editing
// at once do not silently overwrite each other (kStale for the later one).
std::string EditionVersion(const domain::Edition& edition);

// What the organiser may change in an edition (its year stays).
struct EditionEdit {
    std::string seen_version;  // EditionVersion of the edition the edit started from; "" = unchecked
    std::string name;
    std::optional<int> target_sites;     // none when empty
    std::optional<int> target_visitors;  // none when empty
    std::string registration_opens_on;   // 'YYYY-MM-DD' (Paris), "" for no opening date
    std::string registration_closes_on;  // 'YYYY-MM-DD' (Paris), "" for no closing date
    int max_party_size = 6;
    domain::EditionStatus status = domain::EditionStatus::kDraft;
    std::vector<domain::EditionDay> days;  // date and audiences (ids are ignored)
};

// The edition's current values as an edit (registration instants as their Paris dates).
EditionEdit EditOf(const domain::Edition& edition);

// Applies `edit` to edition `edition_id` for `actor_user_id`, with an "edition.update" audit
// entry naming what changed. Registrations open at 00:00 and close at 23:59:59 (Paris) of the
// given dates; a date left as it was keeps its stored instant. Returns the edition as stored.
// With a seen_version, the edition is locked first and the edit applies only if it is still
// that version: kStale when another edit came in between (nothing is written).
// Errors: kNotFound (no such edition); kInvalidArgument (empty or too long name, a target below 0,
// a date that is not a date or is outside the edition's year, closing not after opening, a day
// without audience, a party size outside 1..50, a day listed twice); kConflict (a removed day
// still has tours, an audience removed from a day whose tours admit it, another edition is
// already open); kStale (see above); kUnavailable.
Result<domain::Edition> UpdateEdition(Database& db, long long edition_id, const EditionEdit& edit,
                                      long long actor_user_id);

// ---- the clone ------------------------------------------------------------------------------

// The name of the clone of `name` (edition `year`) for `year` + 1: the year in the name replaced
// ("Édition 2025" → "Édition 2026"), else an ordinal moved on ("1re édition" → "2e édition"),
// else the new year appended.
std::string NextEditionName(const std::string& name, int year);

// Creates edition `from_year` + 1 from edition `from_year`, which must be the latest: its name
// (NextEditionName), targets, party size, registration window and days moved to the same ISO
// week and weekday a year later (local times kept), the same audiences per day, status draft;
// "edition.clone" audited. Returns the new edition. Errors: kNotFound (no edition `from_year`),
// kConflict (it is not the latest edition, or the next year exists), kInvalidArgument (the next
// year is past kLastEditionYear), kUnavailable.
Result<domain::Edition> CloneEdition(Database& db, int from_year, long long actor_user_id);

// ---- the invitation of last year's hosts --------------------------------------------------

// A host to invite: one e-mail per host user, naming their sites.
struct InviteRecipient {
    long long user_id = 0;
    std::string email;
    std::string display_name;
    std::vector<std::string> site_names;
};

struct InviteOutcome {
    int invited = 0;          // e-mails written to the outbox by this call
    int already_invited = 0;  // hosts skipped: invited to this edition before
};

// Composes the invitation of `recipient` to `edition` (subject and text; the kind and address
// are set by InvitePreviousHosts).
using InviteComposer =
    std::function<OutgoingEmail(const InviteRecipient& recipient, const domain::Edition& edition)>;

// The outbox kind of the invitations to edition `edition_id`.
std::string InviteKind(long long edition_id);

// E-mails (through the outbox) every host user of the sites approved in the edition before
// `edition_id` that have no participation yet in `edition_id`, one message per host, each host
// once per edition whatever the number of runs; one "edition.invite_hosts" audit entry with the
// counts. Errors: kNotFound (no such edition, or no edition before it), kConflict (the edition is
// not the latest one, which hosts enrol into, or it is closed or archived), kUnavailable.
Result<InviteOutcome> InvitePreviousHosts(Database& db, long long edition_id, long long actor_user_id,
                                          const InviteComposer& compose);

}  // namespace juo::store

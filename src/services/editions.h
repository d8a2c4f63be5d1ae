// Editions: the organiser's use cases over the editions, as the back-office pages
// (edition_pages.cc) and the JSON API (api_editions.cc) both run them — the list with each
// edition's progress against its targets, one edition, its edit checked against the version the
// organiser read (two organisers editing at once do not overwrite each other), the clone of the
// latest edition into the next year, the invitation of last year's hosts to re-enrol, and the
// current edition (the latest one, which the platform runs).
//
// The rules (dates inside the edition's year, registration closing after it opens, at most one
// open edition, no day removed while tours use it…) are applied by the store beside its SQL, in
// the same transaction as the change and its audit entry (store/edition_admin.h).
//
// Every function returns its Error (a database failure as kUnavailable): none throws.
// Thread-safety: a Db is used by one thread (services::ThreadDb); the pure functions may be
// called from any thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "services/db.h"
#include "store/editions/edition_admin.h"
#include "store/mail/outbox.h"

namespace juo::services {

// The read models and inputs, as the store defines them.
using EditionProgress = store::EditionProgress;  // an edition with its approved sites and bookings
using EditionEdit = store::EditionEdit;          // what the organiser may change in an edition
using InviteRecipient = store::InviteRecipient;  // a host to invite, with their sites
using InviteOutcome = store::InviteOutcome;      // how many invited now, how many before
using InviteComposer = store::InviteComposer;    // the invitation e-mail of a recipient
using OutgoingEmail = store::OutgoingEmail;      // an e-mail for the outbox

// The edition's version: a short fingerprint of what an organiser may change in it (the ETag of
// the API, the hidden field of the form).
using store::EditionVersion;
// The edition's current values as an edit (registration instants as their Paris dates).
using store::EditOf;
// The Paris calendar date of a UTC instant ("" when the text is not one).
using store::ParisDateOf;

// Every edition with its progress, newest year first.
Result<std::vector<EditionProgress>> ListEditions(Db& db);

// Edition `edition_id` with its progress; kNotFound when there is none.
Result<EditionProgress> FindEditionProgress(Db& db, long long edition_id);

// Edition `edition_id` with its days; kNotFound when there is none.
Result<domain::Edition> FindEdition(Db& db, long long edition_id);

// The newest edition, the one the platform runs; kNotFound when there is none.
Result<domain::Edition> CurrentEdition(Db& db);

// Applies `edit` to edition `edition_id` for `actor_user_id` (audited "edition.update"): with
// edit.seen_version, only if the edition is still at that version (kStale otherwise, nothing
// written). Returns the edition as stored. Errors: kNotFound, kInvalidArgument, kConflict,
// kStale, kUnavailable (store::UpdateEdition's).
Result<domain::Edition> UpdateEdition(Db& db, long long edition_id, const EditionEdit& edit,
                                      long long actor_user_id);

// A partial change of edition `edition_id` (the API's PATCH): `merge` applies the members the
// client sent onto the edition's current values (its own Error for a bad member), and the result
// is written if the edition is still at version `seen_version` — or, when `seen_version` is "",
// still at the version just read (kStale when it changed in between: read and merge again).
Result<domain::Edition> PatchEdition(Db& db, long long edition_id, const std::string& seen_version,
                                     const std::function<Result<EditionEdit>(EditionEdit current)>& merge,
                                     long long actor_user_id);

// Creates edition `from_year` + 1 from the latest edition `from_year` (audited "edition.clone").
// Errors: kNotFound, kConflict (not the latest, or the next year exists), kInvalidArgument,
// kUnavailable.
Result<domain::Edition> CloneEdition(Db& db, int from_year, long long actor_user_id);

// E-mails (through the outbox, each host once per edition) the hosts of the sites approved in
// the edition before `edition_id` that have not enrolled in it yet, each message written by
// `compose` (audited "edition.invite_hosts"). Errors: kNotFound, kConflict, kUnavailable.
Result<InviteOutcome> InvitePreviousHosts(Db& db, long long edition_id, long long actor_user_id,
                                          const InviteComposer& compose);

}  // namespace juo::services

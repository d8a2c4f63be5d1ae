// The retention purge's SQL (issue 21 item 2, docs/adr/0017): which editions are over, which
// accounts belong only to them (and are anonymised with the erasure's rules,
// personal_data_queries.h), and the housekeeping of rows that are only kept for a while
// (expired sessions, spent tokens, old throttle counters, waiting-room tickets, the bodies of
// sent e-mails). Each function changes what it says and returns how many rows; the caller
// (services/retention.h) chooses the transactions and writes the audit entry.
//
// Every function throws soci::soci_error: call inside Database::InTransaction.
// Thread-safety: a Database is single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db/database.h"
#include "store/users/personal_data_queries.h"

namespace juo::store {

// An edition whose last day is before the purge's date.
struct EndedEdition {
    long long id = 0;
    int year = 0;
    std::string last_day;  // 'YYYY-MM-DD'
};
// The editions whose last day (edition_day) is strictly before `before` ('YYYY-MM-DD'), oldest
// first. An edition without days has not ended.
std::vector<EndedEdition> EditionsEndedBefore(Database& db, const std::string& before);

// A live account to anonymise and the latest edition it is tied to (0: none).
struct AccountToPurge {
    long long user_id = 0;
    std::string email;
    int edition_year = 0;
};
// The live accounts (deleted_at not set) with no staff role (organiser, relay, host) that were
// created before `before`, have no session seen since `before`, and whose every tie to an
// edition — a booking, a group request, a waiting-list entry, a survey answer — is to an edition
// that ended before `before`. Ordered by id.
std::vector<AccountToPurge> AccountsToPurge(Database& db, const std::string& before);

// The anonymous survey responses (no account; visitors' and teachers' surveys, not the hosts')
// of edition `edition_id`: respondent label and free-text answers cleared, ratings kept.
// Returns the free-text answers cleared.
long long ClearAnonymousSurveyTexts(Database& db, long long edition_id);

// Sessions expired at `now` (UTC ISO instant).
long long DeleteExpiredSessions(Database& db, const std::string& now);
// Confirmation and reset tokens used, or expired at `now`.
long long DeleteSpentTokens(Database& db, const std::string& now);
// Login failures and throttle counters (login_failure) and guest-booking attempts (IP keys)
// dated at or before `before_epoch` (Unix seconds).
long long DeleteOldCounters(Database& db, long long before_epoch);
// The bodies of the e-mails sent or failed for good that were written before `before`
// ('YYYY-MM-DD'): emptied (subject, kind, status and dates kept). Only non-empty ones count.
long long ClearOldEmailBodies(Database& db, const std::string& before);

// The latest entry of the purge's audit action ("retention.purge"), or nullopt.
struct PurgeAuditEntry {
    std::string at, actor_label, detail;
};
std::optional<PurgeAuditEntry> LatestPurgeAudit(Database& db);

}  // namespace juo::store

// The retention purge (issue 21 item 2, docs/adr/0017): personal data is kept for the editions
// people take part in, then anonymised. For every edition whose last day is before a date
// (default: today minus the configured retention, 13 months), the accounts tied to those editions
// only — visitors, teachers, advisers, guests; never organisers, relays or hosts — are anonymised
// with the erasure's rules (docs/adr/0015: e-mail → compte-supprime-<id>@juo.invalid, name,
// free texts, sessions, tokens, the address in sent e-mails and in the audit log), and the rows
// kept only for a while go: expired sessions, used or expired tokens, throttle counters and
// guest-booking attempts (IP keys) older than a day, old waiting-room tickets, the bodies of
// e-mails sent before the date. Every figure of the bilan stays: bookings, check-ins, group
// requests and survey ratings are kept, tied to the anonymous accounts.
//
// Transactions: per edition, one per 250 of its accounts (each account whole; the write lock held
// briefly) and its anonymous survey texts with the last; the same for the accounts tied to no
// edition; one per housekeeping kind; the audit entry ("retention.purge", with the
// counts; none when nothing changed) last. A crash leaves whole steps done; running again
// finishes the rest, and a run with nothing to do changes nothing (idempotent). A dry run does
// everything in one transaction and rolls it back: the same counts, nothing changed.
//
// Thread-safety: a Db is used by one thread; the functions keep no state.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "services/db.h"

namespace juo::services {

// The default retention, in months after an edition's last day (juo.toml [retention] months).
inline constexpr int kDefaultRetentionMonths = 13;

struct PurgeOptions {
    std::string before;  // 'YYYY-MM-DD': editions whose last day is before it
    std::string now;     // UTC ISO instant: what "expired" means for sessions and tokens
    bool dry_run = false;
    std::string actor_label = "system:purge";  // the audit entry's actor
    std::function<void(std::string_view)> progress;  // one line per step, may be empty
};

struct PurgeReport {
    std::string before;
    bool dry_run = false;
    std::vector<int> editions;           // ended editions, oldest first
    long long accounts = 0;              // anonymised
    long long bookings_kept = 0;         // their bookings, kept anonymous (the bilan's)
    long long group_requests_kept = 0;   // their group requests, kept with every figure
    long long messages_cleared = 0;      // group requests' messages
    long long survey_texts_cleared = 0;  // free-text survey answers (theirs and anonymous ones)
    long long sessions_deleted = 0;      // theirs and every expired one
    long long tokens_deleted = 0;        // theirs and every used or expired one
    long long counters_deleted = 0;      // login failures, throttle and guest-booking counters
    long long waiting_tickets_deleted = 0;
    long long email_bodies_cleared = 0;  // sent or failed e-mails: theirs and those before the date
    // True when the run changed (or, dry, would change) something.
    bool changed() const;
    // "editions=2025 accounts=3415 …": the audit entry's detail and the CLI's summary line.
    std::string Summary() const;
};

// Runs the purge. kInvalidArgument for a malformed date; kUnavailable on a database failure (the
// steps already committed stay: run again).
Result<PurgeReport> PurgeRetention(Db& db, const PurgeOptions& options);

// `today` ('YYYY-MM-DD') minus `months` (1..1200), the day clamped to the month's end
// (2026-03-31 minus 1 month: 2026-02-28). kInvalidArgument otherwise.
Result<std::string> RetentionCutoff(const std::string& today, int months);

// Checks a --before date: a real 'YYYY-MM-DD' day, not after `today` (an edition that has not
// ended cannot be purged; a typo in the year must not purge everything). kInvalidArgument saying
// what is wrong, in English and French.
Status CheckPurgeDate(const std::string& before, const std::string& today);

// The last purge that changed something (its audit entry), for the back office.
struct LastPurge {
    std::string at, actor_label, detail;
    std::string before;      // its date (the detail's before=)
    long long accounts = 0;  // accounts anonymised (the detail's accounts=)
};
Result<std::optional<LastPurge>> LatestPurge(Db& db);

}  // namespace juo::services

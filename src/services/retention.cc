// The retention purge (retention.h).
#include "services/retention.h"

#include <cstdio>

#include "common/clock.h"
#include "common/french_dates.h"
#include "domain/audit.h"
#include "services/waiting_room.h"
#include "store/audit/audit_log.h"
#include "store/db/database.h"
#include "store/users/retention_queries.h"
#include "store/waiting_room/waiting_room_store.h"

namespace juo::services {
namespace {

// Counters and guest-booking attempts outlive every throttle's window (the longest is an hour).
constexpr long long kCounterKeepSeconds = 24 * 3600;
// Accounts anonymised per transaction: each one is whole, and the database's write lock is held
// for a fraction of a second at a time (bookings go on while the daily purge runs).
constexpr long long kAccountsPerTransaction = 250;

Error BadDate(const std::string& what, const std::string& quoi) {
    return MakeError(ErrorCode::kInvalidArgument, what, quoi);
}

// Anonymises at most `limit` of the accounts whose latest edition is `year` (0: tied to none),
// read again inside the step's transaction so that an account active meanwhile is left alone.
// Returns how many.
long long PurgeAccounts(Db& db, const PurgeOptions& options, int year, long long limit, PurgeReport& report) {
    long long done = 0;
    for (const auto& account : store::AccountsToPurge(db, options.before)) {
        if (account.edition_year != year) continue;
        if (done++ == limit) return limit;
        store::AnonymisedRows rows = store::AnonymiseAccountRows(db, account.user_id, account.email, options.now);
        ++report.accounts;
        report.bookings_kept += rows.bookings_kept;
        report.group_requests_kept += rows.group_requests_kept;
        report.messages_cleared += rows.messages_cleared;
        report.survey_texts_cleared += rows.survey_texts_cleared;
        report.sessions_deleted += rows.sessions_deleted;
        report.tokens_deleted += rows.tokens_deleted;
        report.email_bodies_cleared += rows.emails_cleared;
    }
    return done;
}

}  // namespace

bool PurgeReport::changed() const {
    return accounts + messages_cleared + survey_texts_cleared + sessions_deleted + tokens_deleted +
               counters_deleted + waiting_tickets_deleted + email_bodies_cleared >
           0;
}

std::string PurgeReport::Summary() const {
    std::string years;
    for (int y : editions) years += (years.empty() ? "" : ",") + std::to_string(y);
    auto n = [](long long v) { return std::to_string(v); };
    return "before=" + before + " editions=" + (years.empty() ? "-" : years) + " accounts=" + n(accounts) +
           " bookings_kept=" + n(bookings_kept) + " group_requests_kept=" + n(group_requests_kept) +
           " messages=" + n(messages_cleared) + " survey_texts=" + n(survey_texts_cleared) +
           " sessions=" + n(sessions_deleted) + " tokens=" + n(tokens_deleted) + " counters=" + n(counters_deleted) +
           " waiting_tickets=" + n(waiting_tickets_deleted) + " email_bodies=" + n(email_bodies_cleared);
}

Result<std::string> RetentionCutoff(const std::string& today, int months) {
    auto d = ParseIsoDate(today);
    if (!d) return BadDate("not a date: '" + today + "'", "date invalide : « " + today + " »");
    if (months < 1 || months > 1200)
        return BadDate("the retention must be 1 to 1200 months", "la durée de conservation doit être de 1 à 1200 mois");
    int index = d->year * 12 + static_cast<int>(d->month) - 1 - months;
    int year = index / 12;
    unsigned month = static_cast<unsigned>(index % 12) + 1;
    for (unsigned day = d->day; day >= 28; --day)  // the day clamped to the month's end
        if (ParseIsoDate(FormatIsoDate(year, month, day))) return FormatIsoDate(year, month, day);
    return FormatIsoDate(year, month, d->day);
}

Status CheckPurgeDate(const std::string& before, const std::string& today) {
    if (!ParseIsoDate(before))
        return BadDate("--before: not a date '" + before + "' (give YYYY-MM-DD, e.g. 2025-11-05)",
                       "--before : date invalide « " + before + " » (au format AAAA-MM-JJ, par exemple 2025-11-05)");
    if (before > today)
        return BadDate("--before " + before + " is after today (" + today +
                           "): only editions that are over can be purged",
                       "--before " + before + " est après aujourd'hui (" + today +
                           ") : seules les éditions terminées peuvent être purgées");
    return Ok();
}

Result<PurgeReport> PurgeRetention(Db& db, const PurgeOptions& options) {
    if (!ParseIsoDate(options.before))
        return BadDate("not a date: '" + options.before + "'", "date invalide : « " + options.before + " »");
    auto now_epoch = EpochFromUtcIso(options.now);
    if (!now_epoch) return BadDate("not an instant: '" + options.now + "'", "instant invalide : « " + options.now + " »");
    PurgeReport report;
    report.before = options.before;
    report.dry_run = options.dry_run;
    auto say = [&](const std::string& line) {
        if (options.progress) options.progress(line);
    };

    auto ended = Guarded<std::vector<store::EndedEdition>>(
        db, [&](Db& d) { return store::EditionsEndedBefore(d, options.before); });
    if (!ended.ok()) return ended.error();
    for (const auto& e : *ended) report.editions.push_back(e.year);

    // The steps, each one transaction, run again while it says there is more (an edition's
    // accounts, kAccountsPerTransaction at a time); a dry run: all in one, rolled back.
    struct Step {
        std::string name;
        std::function<bool()> run;  // true: run me again
    };
    std::vector<Step> steps;
    long long edition_accounts = 0;
    for (const auto& e : *ended)
        steps.push_back({"edition " + std::to_string(e.year) + " (last day " + e.last_day + ")", [&, e] {
                             const long long n = PurgeAccounts(db, options, e.year, kAccountsPerTransaction, report);
                             edition_accounts += n;
                             if (n == kAccountsPerTransaction) return true;
                             report.survey_texts_cleared += store::ClearAnonymousSurveyTexts(db, e.id);
                             say("edition " + std::to_string(e.year) + ": " + std::to_string(edition_accounts) +
                                 " accounts anonymised");
                             edition_accounts = 0;
                             return false;
                         }});
    steps.push_back({"accounts tied to no edition", [&] {
                         const long long n = PurgeAccounts(db, options, 0, kAccountsPerTransaction, report);
                         edition_accounts += n;
                         if (n == kAccountsPerTransaction) return true;
                         say("accounts tied to no edition: " + std::to_string(edition_accounts) + " anonymised");
                         edition_accounts = 0;
                         return false;
                     }});
    steps.push_back({"expired sessions", [&] {
                         long long n = store::DeleteExpiredSessions(db, options.now);
                         report.sessions_deleted += n;
                         say("expired sessions: " + std::to_string(n) + " deleted");
                         return false;
                     }});
    steps.push_back({"spent tokens", [&] {
                         long long n = store::DeleteSpentTokens(db, options.now);
                         report.tokens_deleted += n;
                         say("used or expired tokens: " + std::to_string(n) + " deleted");
                         return false;
                     }});
    steps.push_back({"counters", [&] {
                         report.counters_deleted = store::DeleteOldCounters(db, *now_epoch - kCounterKeepSeconds);
                         say("login failures, throttle and guest counters: " +
                             std::to_string(report.counters_deleted) + " deleted");
                         return false;
                     }});
    steps.push_back({"waiting room", [&] {
                         report.waiting_tickets_deleted =
                             store::PurgeWaitingTickets(db, *now_epoch - WaitingRoomOptions{}.keep_seconds);
                         say("waiting-room tickets: " + std::to_string(report.waiting_tickets_deleted) + " deleted");
                         return false;
                     }});
    steps.push_back({"e-mail bodies", [&] {
                         long long n = store::ClearOldEmailBodies(db, options.before);
                         report.email_bodies_cleared += n;
                         say("bodies of e-mails sent before " + options.before + ": " + std::to_string(n) +
                             " emptied");
                         return false;
                     }});

    if (options.dry_run) {
        // Everything in one transaction, rolled back: the counts of a real run, nothing changed.
        auto rolled_back = db.InTransaction<Unit>([&]() -> Result<Unit> {
            for (auto& step : steps)
                while (step.run()) {
                }
            return MakeError(ErrorCode::kStale, "dry run: rolled back");
        });
        if (!rolled_back.ok() && rolled_back.error().code != ErrorCode::kStale) return rolled_back.error();
        return report;
    }
    for (auto& step : steps) {
        for (bool again = true; again;) {
            auto done = db.InTransaction<Unit>([&]() -> Result<Unit> {
                again = step.run();
                return Unit{};
            });
            if (done.ok()) continue;
            Error e = done.error();
            e.message = "purge step '" + step.name + "': " + e.message + " (the steps before it are done: run again)";
            return e;
        }
    }
    if (report.changed()) {
        auto audited = db.InTransaction<Unit>([&]() -> Result<Unit> {
            domain::AuditEntry entry;
            entry.at = options.now;
            entry.actor_label = options.actor_label;
            entry.action = "retention.purge";
            entry.entity = "edition";
            entry.detail = report.Summary();
            store::AppendAudit(db, entry);
            return Unit{};
        });
        if (!audited.ok()) return audited.error();
    }
    return report;
}

Result<std::optional<LastPurge>> LatestPurge(Db& db) {
    return Guarded<std::optional<LastPurge>>(db, [](Db& d) -> std::optional<LastPurge> {
        auto entry = store::LatestPurgeAudit(d);
        if (!entry) return std::nullopt;
        LastPurge last{entry->at, entry->actor_label, entry->detail, "", 0};
        // The detail is "key=value" words (PurgeReport::Summary).
        auto value = [&](const std::string& key) -> std::string {
            const std::string word = key + "=";
            size_t at = (" " + entry->detail).find(" " + word);
            if (at == std::string::npos) return {};
            size_t start = at + word.size(), end = entry->detail.find(' ', start);
            return entry->detail.substr(start, end == std::string::npos ? std::string::npos : end - start);
        };
        last.before = value("before");
        const std::string accounts = value("accounts");
        if (!accounts.empty() && accounts.find_first_not_of("0123456789") == std::string::npos)
            last.accounts = std::stoll(accounts);
        return last;
    });
}

}  // namespace juo::services

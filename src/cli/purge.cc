// `juo purge` (purge.h): flags and configuration → services::PurgeRetention → counts.
#include "cli/purge.h"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "cli/cli.h"
#include "cli/serve_config.h"
#include "common/clock.h"
#include "common/paris_time.h"
#include "services/retention.h"
#include "store/db/database.h"

namespace juo::cli {

int RunPurge(const std::string& db_url, const PurgeFlags& flags, const std::map<std::string, std::string>& env,
             std::ostream& out, std::ostream& err) {
    // The retention (and the database when --db is not given) as `juo serve` reads them.
    ServeConfig config;
    std::string config_path = flags.config_path;
    if (config_path.empty() && env.count("JUO_CONFIG")) config_path = env.at("JUO_CONFIG");
    if (!config_path.empty()) {
        std::ifstream file(config_path);
        if (!file)
            return Fail(err, MakeError(ErrorCode::kUnavailable, "cannot read configuration file " + config_path));
        std::stringstream text;
        text << file.rdbuf();
        auto applied = ApplyToml(text.str(), &config);
        if (!applied.ok())
            return Fail(err, MakeError(ErrorCode::kInvalidArgument, config_path + ": " + applied.error().message));
    }
    auto applied = ApplyEnvironment(env, &config);
    if (!applied.ok()) return Fail(err, applied.error());
    const std::string url = flags.db_given ? db_url : config.db;

    const std::string now = NowUtcIso();
    const std::string today = flags.today.empty() ? ParisDateOf(now) : flags.today;
    std::string before = flags.before;
    if (before.empty()) {
        if (config.retention_months == 0)
            return Fail(err, MakeError(ErrorCode::kInvalidArgument,
                                       "no retention configured ([retention] months = 0): give --before DATE"));
        auto cutoff = services::RetentionCutoff(today, config.retention_months);
        if (!cutoff.ok()) return Fail(err, cutoff.error());
        before = *cutoff;
    }
    auto checked = services::CheckPurgeDate(before, today);
    if (!checked.ok()) return Fail(err, checked.error());

    auto db = store::Database::Open(url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    if (!flags.quiet)
        out << (flags.dry_run ? "Dry run: " : "") << "purging the personal data of the editions that ended before "
            << before << (flags.before.empty() ? " (retention " + std::to_string(config.retention_months) + " months)"
                                               : std::string())
            << " in " << (*db)->display_name() << "\n";
    services::PurgeOptions options;
    options.before = before;
    options.now = now;
    options.dry_run = flags.dry_run;
    options.actor_label = "system:juo purge";
    if (!flags.quiet) options.progress = [&out](std::string_view line) { out << "  " << line << "\n"; };
    auto started = std::chrono::steady_clock::now();
    auto report = services::PurgeRetention(**db, options);
    if (!report.ok()) return Fail(err, report.error());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto& r = *report;
    std::string years;
    for (int y : r.editions) years += (years.empty() ? "" : ", ") + std::to_string(y);
    auto row = [&out](const char* label, long long n) { out << "  " << std::left << std::setw(44) << label << n << "\n"; };
    out << (r.dry_run ? "Would change" : "Changed") << " (editions ended before " << r.before << ": "
        << (years.empty() ? "none" : years) << "):\n";
    row("accounts anonymised", r.accounts);
    row("  their bookings kept, anonymous", r.bookings_kept);
    row("  their group requests kept, anonymous", r.group_requests_kept);
    row("group request messages cleared", r.messages_cleared);
    row("survey free-text answers cleared", r.survey_texts_cleared);
    row("sessions deleted", r.sessions_deleted);
    row("tokens deleted (used, expired, theirs)", r.tokens_deleted);
    row("login, throttle and guest counters deleted", r.counters_deleted);
    row("waiting-room tickets deleted", r.waiting_tickets_deleted);
    row("e-mail bodies emptied", r.email_bodies_cleared);
    out << (r.dry_run ? "Dry run: nothing was changed" : r.changed() ? "Purge audited (retention.purge)"
                                                                       : "Nothing to purge")
        << " in " << std::fixed << std::setprecision(2) << seconds << " s.\n";
    return 0;
}

}  // namespace juo::cli

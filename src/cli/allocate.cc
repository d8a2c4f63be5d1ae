// `juo allocate`, `juo allocation publish`, `juo allocation discard`: parse, call
// services/allocation_rounds.h, print.
#include "cli/allocate.h"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "auth/principal.h"
#include "cli/cli.h"
#include "services/allocation_rounds.h"
#include "store/db/database.h"

namespace juo::cli {
namespace {

// The flag of a settings field, for the CLI's error messages.
std::string FlagOf(const std::string& field) {
    if (field == "year") return "--edition";
    if (field == "budget_eur") return "--budget";
    if (field == "max_buses") return "--buses";
    if (field == "time_limit_seconds") return "--time-limit";
    if (field == "seats_per_bus") return "--seats";
    if (field == "eur_per_bus") return "--eur-per-bus";
    if (field == "eur_per_km") return "--eur-per-km";
    if (field == "pinned") return "--pin";
    if (field == "excluded") return "--exclude";
    if (field == "based_on_run") return "--based-on";
    if (field == "priority_guarantee") return "--no-priority-guarantee";
    return "--" + field;
}

Error WithFlag(const services::FieldError& e) {
    Error out = e.error;
    if (!e.field.empty()) {
        auto colon = out.message.find(": ");
        out.message = FlagOf(e.field) + (colon != std::string::npos && out.message.substr(0, colon) == e.field
                                             ? out.message.substr(colon)
                                             : ": " + out.message);
    }
    return out;
}

// The CLI acts as the platform's organiser (the operator at the console), user 0 in the audit log.
auth::Principal Console() {
    auth::Principal p;
    p.display_name = "juo (console)";
    p.roles.push_back({domain::Role::kOrganiser, "", std::nullopt});
    return p;
}

}  // namespace

int RunAllocate(const AllocateOptions& o, std::ostream& out, std::ostream& err) {
    services::RoundSettingsText text;
    text.year = o.year_text;
    text.budget_eur = o.budget_eur;
    text.max_buses = o.buses;
    text.time_limit_seconds = o.time_limit_seconds;
    text.seats_per_bus = o.seats_per_bus;
    text.eur_per_bus = o.eur_per_bus;
    text.eur_per_km = o.eur_per_km;
    text.pinned = o.pinned;
    text.excluded = o.excluded;
    text.based_on_run = o.based_on_run;
    text.seed = std::to_string(o.seed);
    text.priority_guarantee = o.priority_guarantee ? "on" : "off";
    auto parsed = services::ParseRoundSettings(text);
    if (auto* bad = std::get_if<services::FieldError>(&parsed)) return Fail(err, WithFlag(*bad));
    services::RoundSettings settings = std::get<services::RoundSettings>(parsed);
    if (o.export_mps && o.export_mps->empty())
        return Fail(err, MakeError(ErrorCode::kInvalidArgument, "--export-mps needs a file name"));
    auto db = store::Database::Open(o.db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    if (settings.based_on_run) {
        auto based = services::SettingsBasedOn(**db, *settings.based_on_run, settings);
        if (!based.ok()) return Fail(err, based.error());
        settings = std::move(*based);
    }
    services::RoundOptions options;
    options.dry_run = o.dry_run;
    if (o.export_mps) options.export_mps = *o.export_mps;
    std::string last_stage;
    if (!o.quiet)
        options.progress = [&](services::RoundStage stage, double fraction) {
            std::string code(services::RoundStageCode(stage));
            if (code == last_stage) return;
            last_stage = code;
            char line[96];
            std::snprintf(line, sizeof line, "allocate: %-10s %3.0f %%\n", code.c_str(), 100 * fraction);
            err << line << std::flush;
        };
    auto outcome = services::SolveRound(**db, settings, options);
    if (!outcome.ok()) return Fail(err, outcome.error());
    if (!outcome->mps_note.empty()) out << outcome->mps_note << "\n";
    if (outcome->financed_buses_used >= 0)
        out << "No --budget or --buses: as many buses as the edition financed (" << outcome->financed_buses_used
            << ").\n";
    out << "Edition " << settings.year << ".\n" << outcome->summary;
    out << "\n"
        << outcome->moved << " groups served on a later wish, " << outcome->refused
        << " refused; each has an explanation";
    if (o.dry_run) {
        out << " (not written: --dry-run).\n";
        return 0;
    }
    const long long id = outcome->run_id;
    out << ".\nWrote draft allocation run " << id << " (" << outcome->decisions
        << " decisions). Publish it with `juo allocation publish --run " << id
        << "` or discard it with `juo allocation discard --run " << id << "`.\n";
    return 0;
}

int RunAllocationDecision(const std::string& db_url, long long run_id, bool publish, std::ostream& out,
                          std::ostream& err) {
    auto db = store::Database::Open(db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    const auth::Principal console = Console();
    auto done = publish ? services::PublishRun(**db, console, run_id) : services::DiscardRun(**db, console, run_id);
    if (!done.ok()) return Fail(err, done.error());
    if (publish)
        out << "Published allocation run " << run_id
            << ": requests accepted or refused with their explanation, group bookings and buses in place, the "
               "buses it replaces cancelled, and the e-mails to every requester and host in the outbox.\n";
    else
        out << "Discarded allocation run " << run_id << ".\n";
    return 0;
}

}  // namespace juo::cli

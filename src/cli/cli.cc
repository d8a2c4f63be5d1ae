// Command-line parsing (CLI11) and the subcommands' wiring. Each subcommand is a thin adapter:
// parse → call the library → print; the work lives in seed/, report/ and store/.
#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "cli/allocate.h"
#include "cli/copy_db.h"
#include "cli/import.h"
#include "charts/pdf_report.h"
#include "cli/progress.h"
#include "cli/purge.h"
#include "cli/serve.h"
#include "cli/serve_config.h"
#include "common/clock.h"
#include "common/paris_time.h"
#include "domain/edition.h"
#include "report/bilan.h"
#include "report/render_csv.h"
#include "report/render_json.h"
#include "report/render_text.h"
#include "seed/replica.h"
#include "services/demo_accounts.h"
#include "store/db/backup.h"
#include "store/reads/catalogue_queries.h"
#include "store/reads/bilan_queries.h"
#include "store/db/database.h"
#include "store/db/migrations.h"
#include "store/groups/group_request_queries.h"

#ifndef JUO_VERSION
#define JUO_VERSION "0.0.0"
#endif

extern "C" char** environ;

namespace juo::cli {

int ExitCodeFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kUnsupportedMediaType:
        case ErrorCode::kInvalidArgument:
            return 2;
        case ErrorCode::kNotFound:
            return 3;
        case ErrorCode::kConflict:
        case ErrorCode::kFull:
        case ErrorCode::kUnauthenticated:
        case ErrorCode::kForbidden:
        case ErrorCode::kTooManyRequests:
        case ErrorCode::kStale:
            return 4;
        case ErrorCode::kUnavailable:
            return 5;
        case ErrorCode::kInternal:
            return 70;
    }
    return 70;
}

int Fail(std::ostream& err, const Error& e) {
    err << "juo: error: " << e.message << "\n";
    return ExitCodeFor(e.code);
}

namespace {

constexpr const char* kDefaultDb = "./juo.db";

int RunMigrate(const std::string& db_url, std::ostream& out, std::ostream& err) {
    auto db = store::Database::Open(db_url, store::OpenMode::kCreateIfMissing);
    if (!db.ok()) return Fail(err, db.error());
    auto version = store::CurrentSchemaVersion(**db);
    if (!version.ok()) return Fail(err, version.error());
    out << "database " << (*db)->display_name() << " is at schema version " << *version << " (latest "
        << store::LatestSchemaVersion() << ")\n";
    return 0;
}

struct SeedFlags {
    bool quiet = false;
    bool year_given = false;    // --edition on the command line
    bool open_now = false;      // an edition open today rather than a past one
    bool demo_accounts = false;
    std::string public_url = "http://127.0.0.1:8080";
    std::string stage = "after-event";  // issue 18: --stage requests
};

// The width of `text` in characters (UTF-8 code points, not bytes).
size_t Width(const std::string& text) {
    size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return chars;
}

// The demo accounts, once: role, e-mail, password and the page to start from, in aligned columns.
void PrintDemoAccounts(const std::vector<services::DemoAccount>& accounts, const std::string& public_url,
                       std::ostream& out) {
    std::vector<std::array<std::string, 4>> rows = {{"Rôle", "E-mail", "Mot de passe", "Pour commencer"}};
    for (const auto& a : accounts)
        rows.push_back({a.role_label, a.email, a.password, services::DemoSignInUrl(public_url, a.start_path)});
    std::array<size_t, 3> width{};
    for (const auto& row : rows)
        for (size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], Width(row[c]));
    out << "\nComptes de démonstration (mots de passe affichés cette fois seulement) :\n\n";
    for (const auto& row : rows) {
        out << "  ";
        for (size_t c = 0; c < width.size(); ++c) out << row[c] << std::string(width[c] - Width(row[c]) + 2, ' ');
        out << row[3] << "\n";
    }
    out << "\n";
    for (const auto& a : accounts) {
        if (a.role == domain::Role::kHost) out << "  L'hôte gère l'usine " << a.scope << ".\n";
        if (a.role == domain::Role::kRelay) out << "  Le relais régional couvre la région " << a.scope << ".\n";
    }
}

int RunSeed(const std::string& db_url, seed::ReplicaOptions options, const SeedFlags& flags, std::ostream& out,
            std::ostream& err) {
    const bool quiet = flags.quiet;
    if (flags.open_now) {
        options.open_on = ParisDateOf(NowUtcIso());
        auto dates = seed::OpenEditionDatesFrom(options.open_on);
        if (!dates.ok()) return Fail(err, dates.error());
        if (!flags.year_given) options.year = dates->year;
    }
    auto stage = seed::ParseReplicaStage(flags.stage);
    if (!stage)
        return Fail(err, MakeError(ErrorCode::kInvalidArgument,
                                   "--stage must be after-event or requests, got '" + flags.stage + "'",
                                   "--stage vaut after-event ou requests, pas « " + flags.stage + " »"));
    options.stage = *stage;
    auto valid = seed::ValidateReplicaOptions(options);
    if (!valid.ok()) return Fail(err, valid.error());
    auto started = std::chrono::steady_clock::now();
    ProgressLine progress(err, !quiet);
    options.progress = [&](std::string_view stage, long long done, long long total) {
        progress.Update(stage, done, total);
    };
    auto db = store::Database::Open(db_url, store::OpenMode::kCreateIfMissing);
    if (!db.ok()) return Fail(err, db.error());
    if (flags.open_now) {
        // The site serves the latest edition: an open edition behind a later one would not be seen.
        auto latest = store::LatestEditionYear(**db);
        if (latest.ok() && *latest > options.year)
            return Fail(err, MakeError(ErrorCode::kConflict,
                                       "the database holds edition " + std::to_string(*latest) +
                                           ", later than the open edition " + std::to_string(options.year) +
                                           ": the site would not show it (seed into another file)"));
    }
    auto replica = seed::GenerateReplica(options);
    if (!replica.ok()) return Fail(err, replica.error());
    auto written = seed::WriteReplica(**db, *replica, options.progress);
    progress.Finish();
    if (!written.ok()) {
        Error e = written.error();
        if (e.code == ErrorCode::kConflict)
            e.message += " (nothing was written: seed into a new file or another --year)";
        return Fail(err, e);
    }
    if (options.stage == seed::ReplicaOptions::Stage::kRequests) {
        // ADR 0018: the replica stands at the request deadline, the instant of its last request.
        std::string deadline;
        for (const auto& q : replica->requests) deadline = std::max(deadline, q.submitted_at);
        try {
            if (!deadline.empty()) store::SetRequestDeadline(**db, replica->edition.id, deadline);
        } catch (const std::exception& e) {
            return Fail(err, MakeError(ErrorCode::kUnavailable, std::string("the request deadline: ") + e.what()));
        }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    long long attended = 0;
    for (const auto& c : replica->check_ins) attended += c.attended;
    out << "Seeded the replica of edition " << options.year << " (scale " << options.scale << ") into "
        << (*db)->display_name() << ": " << replica->sites.size() << " sites, " << replica->sessions.size()
        << " sessions, " << replica->requests.size() << " group requests, " << replica->bookings.size()
        << " bookings, " << written->rows << " rows in " << std::fixed << std::setprecision(1) << seconds
        << " s.\n";
    if (flags.open_now)
        out << "Edition " << options.year << " is open: registrations from "
            << ParisDateOf(replica->edition.registration_opens_at) << " to "
            << ParisDateOf(replica->edition.registration_closes_at) << ", Friday (classes, job-seekers) "
            << replica->edition.days.front().date << ", Saturday (the public) " << replica->edition.days.back().date
            << "; " << replica->requests.size() << " group requests wait for the Friday round.\n";
    if (flags.demo_accounts) {
        auto accounts = services::CreateDemoAccounts(**db, options.year, auth::PasswordCost::Interactive());
        if (!accounts.ok()) return Fail(err, accounts.error());
        PrintDemoAccounts(*accounts, flags.public_url, out);
    }
    return 0;
}

struct ReportFlags {
    std::string year_text = "2025";
    std::string format = "text";
    std::string out_path;
    std::string region;
    std::vector<std::string> departments;
    std::string audience;
    double white_zone_km = report::BilanOptions{}.white_zone_radius_km;
};

int RunReport(const std::string& db_url, const ReportFlags& flags, std::ostream& out, std::ostream& err) {
    const std::string& format = flags.format;
    const std::string& out_path = flags.out_path;
    auto year = domain::ParseEditionYear(flags.year_text);
    if (!year.ok()) return Fail(err, year.error());
    auto scope = report::MakeScope(flags.region, flags.departments, flags.audience);
    if (!scope.ok()) return Fail(err, scope.error());
    auto db = store::Database::Open(db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    // The previous edition, same scope, when the database holds it: the year-on-year comparison.
    auto data = store::LoadBilanWithPrevious(**db, *year, *scope);
    if (!data.ok()) return Fail(err, data.error());
    report::BilanOptions options;
    options.white_zone_radius_km = flags.white_zone_km;
    auto bilan = report::ComputeBilan(data->current, data->previous ? &*data->previous : nullptr, options);
    if (format == "pdf" && (out_path.empty() || out_path == "-") && isatty(STDOUT_FILENO))
        return Fail(
            err, MakeError(ErrorCode::kInvalidArgument,
                           "--format pdf writes binary data: give --out FILE.pdf (or redirect the output)"));
    std::string text = format == "json"  ? report::RenderJson(bilan)
                       : format == "csv" ? report::RenderCsv(bilan)
                       : format == "pdf" ? charts::RenderPdf(bilan)
                                         : report::RenderText(bilan);
    if (out_path.empty() || out_path == "-") {
        out << text;
        return 0;
    }
    // Write beside the target then rename: a reader never sees half a report.
    std::string tmp = out_path + ".tmp";
    {
        std::ofstream file(tmp, std::ios::binary);
        file << text;
        if (!file.good()) return Fail(err, MakeError(ErrorCode::kUnavailable, "cannot write " + out_path));
    }
    if (std::rename(tmp.c_str(), out_path.c_str()) != 0)
        return Fail(err, MakeError(ErrorCode::kUnavailable, "cannot write " + out_path));
    err << "juo: wrote " << out_path << "\n";
    return 0;
}

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"juo — la plateforme des Journées Usines Ouvertes / the Open Factory Days platform", "juo"};
    app.set_version_flag("--version", std::string("juo ") + JUO_VERSION);
    app.require_subcommand(1);

    std::string db_url = kDefaultDb;
    auto add_db = [&](CLI::App* sub) {
        sub->add_option("--db", db_url, "database: a SQLite file path (default ./juo.db) or postgresql://…")
            ->capture_default_str();
    };

    auto* migrate = app.add_subcommand("migrate", "create the database or bring its schema up to date");
    add_db(migrate);

    seed::ReplicaOptions seed_options;
    SeedFlags seed_flags;
    auto* seed_cmd = app.add_subcommand("seed", "write a realistic replica of an edition (2025 by default)");
    add_db(seed_cmd);
    auto* seed_year =
        seed_cmd
            ->add_option(
                "--edition,--year", seed_options.year,
                "edition year; each later edition grows (2026: twice the 2025 factories) and can share the "
                "database with the others (with --open-now: the year of its event days, by default)")
            ->capture_default_str()
            ->check(CLI::Range(2025, 2100));
    seed_cmd->add_flag(
        "--open-now", seed_flags.open_now,
        "an edition open today instead of a past one: registrations opened " +
            std::to_string(seed::kOpenDaysBefore) + " days ago and close on the Tuesday before the event, "
            "the event on the first Friday (classes, job-seekers) at least " +
            std::to_string(seed::kEventDaysAfter) + " days ahead and the Saturday after (the public); the "
            "public bookings made so far, every Friday group request pending (the Friday round has not "
            "run), nothing after the event. It must be the latest edition of the database");
    seed_cmd->add_flag(
        "--demo-accounts", seed_flags.demo_accounts,
        "also create one demo account per role (visitor, teacher, France Travail adviser, host of a named "
        "factory, regional relay, organiser) at @demo.juo.test with random passwords, and print them once. "
        "Never in a real database");
    seed_cmd
        ->add_option("--public-url", seed_flags.public_url,
                     "where the server will answer, for the demo accounts' start links")
        ->capture_default_str();
    seed_cmd
        ->add_option("--scale", seed_options.scale,
                     "size factor: 1 = the 2025 edition, 75 = Journées du Patrimoine")
        ->capture_default_str()
        ->check(CLI::Range(1, seed::kMaxScale));
    seed_cmd->add_option("--seed", seed_options.rng_seed, "random seed (same seed, same data)")
        ->capture_default_str();
    seed_cmd->add_flag("--quiet,-q", seed_flags.quiet, "no progress on stderr");
    seed_cmd->add_option("--stage", seed_flags.stage,
                         "after-event (default: the edition after the event) or requests (issue 18: at the "
                         "request deadline, open, every group request pending, no group booking, bus or "
                         "check-in: run `juo allocate` on it)");

    ReportFlags report_flags;
    auto* report_cmd = app.add_subcommand("report", "compute the bilan of an edition from the stored data");
    add_db(report_cmd);
    report_cmd->add_option("--edition", report_flags.year_text, "edition year")->capture_default_str();
    report_cmd->add_option("--format", report_flags.format, "text, json, csv or pdf (A4, French)")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "json", "csv", "pdf"}));
    report_cmd->add_option("--out", report_flags.out_path, "write to this file instead of standard output");
    report_cmd->add_option("--region", report_flags.region, "only this region (INSEE code, e.g. 84)");
    report_cmd->add_option("--department", report_flags.departments,
                           "only these departments (INSEE codes; repeat the flag)");
    report_cmd->add_option("--audience", report_flags.audience,
                           "only this audience: school, public or job_seekers");
    report_cmd
        ->add_option("--white-zone-km", report_flags.white_zone_km,
                     "a group request with no factory within this distance is in a white zone")
        ->capture_default_str()
        ->check(CLI::Range(1.0, 500.0));

    ImportFlags import_flags;
    auto* import_cmd = app.add_subcommand(
        "import", "import factory sites or media mentions from a CSV file: every row checked, all or nothing");
    add_db(import_cmd);
    import_cmd->add_option("what", import_flags.what, "sites or media")->required()->check(CLI::IsMember({"sites", "media"}));
    import_cmd->add_option("file", import_flags.file, "the CSV file (UTF-8, comma or semicolon)")->required();
    import_cmd->add_option("--edition", import_flags.year_text, "edition year")->capture_default_str();
    import_cmd->add_flag("--dry-run", import_flags.dry_run, "check every row and report, write nothing");

    std::string backup_file;
    bool restore_force = false;
    auto* backup_cmd = app.add_subcommand(
        "backup", "copy the database into a new file while it keeps serving (SQLite), or pg_dump it (PostgreSQL)");
    add_db(backup_cmd);
    backup_cmd->add_option("--to", backup_file, "the backup file to write (must not exist)")->required();
    auto* restore_cmd = app.add_subcommand(
        "restore", "replace the database by a backup (stop the server first), checked before anything changes");
    add_db(restore_cmd);
    restore_cmd->add_option("--from", backup_file, "the backup file")->required();
    restore_cmd->add_flag("--force", restore_force, "replace an existing database");

    std::string copy_from, copy_to;
    bool copy_quiet = false;
    auto* copy_cmd = app.add_subcommand(
        "copy-db",
        "copy a whole database (every table) into an empty one, e.g. from SQLite to PostgreSQL: in one "
        "transaction, ids kept, row counts checked");
    copy_cmd->add_option("--from", copy_from, "the database to copy: a SQLite file or postgresql://… at this "
                                              "juo's schema version (run juo migrate on it first)")
        ->required();
    copy_cmd->add_option("--to", copy_to, "an empty database: a new SQLite file, or an existing, empty "
                                          "PostgreSQL database (createdb)")
        ->required();
    copy_cmd->add_flag("--quiet,-q", copy_quiet, "no progress on stderr");

    AllocateOptions allocate_options;
    auto* allocate_cmd = app.add_subcommand(
        "allocate", "allocate the Friday group requests to sessions and buses (a draft run)");
    add_db(allocate_cmd);
    allocate_cmd->add_option("--edition", allocate_options.year_text, "edition year")->capture_default_str();
    allocate_cmd->add_option("--budget", allocate_options.budget_eur, "bus budget in euros (0 to 10,000,000)");
    allocate_cmd->add_option("--buses", allocate_options.buses, "number of financed buses (0 to 10,000)");
    allocate_cmd->add_flag("--dry-run", allocate_options.dry_run, "print the summary, write nothing");
    allocate_cmd
        ->add_option("--time-limit", allocate_options.time_limit_seconds, "solver time limit in seconds (1 to 600)")
        ->capture_default_str();
    // [block: allocation round settings, issue 18 (O)]
    allocate_cmd->add_option("--seats", allocate_options.seats_per_bus, "seats per bus (1 to 100; default 55)");
    allocate_cmd->add_option("--eur-per-bus", allocate_options.eur_per_bus, "fixed price of a bus in euros (default 350)");
    allocate_cmd->add_option("--eur-per-km", allocate_options.eur_per_km,
                             "price per km of the round trip in euros (default 2.5)");
    allocate_cmd->add_option("--pin", allocate_options.pinned,
                             "requests placed by hand: request:tour pairs (\"412:88,413:90\")");
    allocate_cmd->add_option("--exclude", allocate_options.excluded,
                             "request:tour pairs the round must not use");
    allocate_cmd->add_option("--based-on", allocate_options.based_on_run,
                             "start from this run's settings and pins (then the flags given)");
    allocate_cmd->add_flag("--quiet,-q", allocate_options.quiet, "no progress on stderr");
    // [end of block: allocation round settings]
    allocate_cmd->add_option(
        "--export-mps", allocate_options.export_mps,
        "also write the MIP handed to CBC to this MPS file (a minimisation of "
        "-objective, every column integer), to check the allocation with another solver");
    // [block: alloc-seed-guarantee, issue 18]
    allocate_cmd->add_option("--seed", allocate_options.seed, "the published random seed that breaks ties")
        ->capture_default_str();
    allocate_cmd->add_flag("!--no-priority-guarantee", allocate_options.priority_guarantee,
                           "do not guarantee each priority kind at least the share of schools with no priority");
    // [end of block: alloc-seed-guarantee]

    long long run_id = 0;
    auto* allocation_cmd = app.add_subcommand("allocation", "publish or discard a draft allocation run");
    allocation_cmd->require_subcommand(1);
    auto* publish_cmd = allocation_cmd->add_subcommand(
        "publish",
        "make a draft run the decision: requests, group bookings, buses, e-mails to requesters and hosts");
    auto* discard_cmd = allocation_cmd->add_subcommand("discard", "discard a draft run");
    for (auto* sub : {publish_cmd, discard_cmd}) {
        add_db(sub);
        sub->add_option("--run", run_id, "allocation run id (printed by juo allocate)")->required();
    }

    std::string config_path, listen, static_dir, tile_url;
    int threads = 0;
    bool serve_demo = false;
    auto* serve_cmd =
        app.add_subcommand("serve", "serve the public site and the JSON API of the latest edition");
    add_db(serve_cmd);
    serve_cmd->add_option("--listen", listen,
                          "HOST:PORT to listen on (default 127.0.0.1:8080; [::1]:8080 for IPv6)");
    serve_cmd->add_option("--config", config_path, "TOML configuration file (default: $JUO_CONFIG if set)");
    serve_cmd->add_option("--static-dir", static_dir, "folder of the static files (default: the build's)");
    serve_cmd->add_option("--tile-url", tile_url, "map tile URL template with {z}/{x}/{y}");
    serve_cmd->add_option("--threads", threads, "handler threads")->check(CLI::Range(1, 64));
    serve_cmd->add_flag("--demo", serve_demo,
                        "demo mode, for a local SQLite demo only (refused on PostgreSQL): a banner on every "
                        "page, and every e-mail of the outbox readable by anyone at /demo/courriels "
                        "(also JUO_DEMO=1, or demo = true in the configuration file)");

    // [block: purge (issue 21, docs/adr/0017)]
    PurgeFlags purge_flags;
    auto* purge_cmd = app.add_subcommand(
        "purge",
        "anonymise the personal data of the editions that ended before a date (visitors, teachers, "
        "advisers, guests; never staff) and delete expired sessions, spent tokens, old counters and the "
        "bodies of old e-mails; every figure of the bilan stays");
    add_db(purge_cmd);
    purge_cmd->add_option("--before", purge_flags.before,
                          "YYYY-MM-DD, not after today: editions whose last day is before it (default: today "
                          "minus [retention] months of the configuration, 13)");
    purge_cmd->add_flag("--dry-run", purge_flags.dry_run, "print the same counts, change nothing");
    purge_cmd->add_option("--config", purge_flags.config_path,
                          "TOML configuration file, for [retention] months and db (default: $JUO_CONFIG if set)");
    purge_cmd->add_flag("--quiet,-q", purge_flags.quiet, "only the counts");
    // [end of block: purge]

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);  // prints the help of the subcommand that was asked for
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion&) {
        out << std::string("juo ") + JUO_VERSION << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        err << "juo: error: " << what << " (see juo --help)\n";
        return 2;
    }

    if (migrate->parsed()) return RunMigrate(db_url, out, err);
    if (seed_cmd->parsed()) {
        seed_flags.year_given = seed_year->count() > 0;
        return RunSeed(db_url, seed_options, seed_flags, out, err);
    }
    if (report_cmd->parsed()) return RunReport(db_url, report_flags, out, err);
    if (import_cmd->parsed()) return RunImport(db_url, import_flags, out, err);
    if (backup_cmd->parsed() || restore_cmd->parsed()) {
        long long pages = 0;
        auto progress = [&](long long, long long total) { pages = total; };
        const bool backup = backup_cmd->parsed();
        Status done = backup ? store::BackupDatabase(db_url, backup_file, progress)
                             : store::RestoreDatabase(backup_file, db_url, restore_force, progress);
        if (!done.ok()) return Fail(err, done.error());
        out << (backup ? "backup written: " + backup_file : "database restored from " + backup_file)
            << (pages > 0 ? " (" + std::to_string(pages) + " pages)" : "") << "\n";
        return 0;
    }
    if (copy_cmd->parsed()) return RunCopyDb(copy_from, copy_to, copy_quiet, out, err);
    if (allocate_cmd->parsed()) {
        allocate_options.db_url = db_url;
        allocate_options.time_limit_given = allocate_cmd->get_option("--time-limit")->count() > 0;
        allocate_options.seed_given = allocate_cmd->get_option("--seed")->count() > 0;
        allocate_options.guarantee_given = allocate_cmd->get_option("--no-priority-guarantee")->count() > 0;
        return RunAllocate(allocate_options, out, err);
    }
    if (publish_cmd->parsed()) return RunAllocationDecision(db_url, run_id, true, out, err);
    if (discard_cmd->parsed()) return RunAllocationDecision(db_url, run_id, false, out, err);
    // [block: purge (issue 21)]
    if (purge_cmd->parsed()) {
        std::map<std::string, std::string> env;
        for (char** e = environ; e && *e; ++e) {
            std::string_view kv(*e);
            auto eq = kv.find('=');
            if (kv.rfind("JUO_", 0) == 0 && eq != std::string_view::npos)
                env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
        }
        purge_flags.db_given = purge_cmd->get_option("--db")->count() > 0;
        return RunPurge(db_url, purge_flags, env, out, err);
    }
    // [end of block: purge]
    if (serve_cmd->parsed()) {
        ServeConfig config;
        std::map<std::string, std::string> env;
        for (char** e = environ; e && *e; ++e) {
            std::string_view kv(*e);
            auto eq = kv.find('=');
            if (kv.rfind("JUO_", 0) == 0 && eq != std::string_view::npos)
                env.emplace(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
        }
        if (config_path.empty() && env.count("JUO_CONFIG")) config_path = env["JUO_CONFIG"];
        if (!config_path.empty()) {
            std::ifstream file(config_path);
            if (!file)
                return Fail(
                    err, MakeError(ErrorCode::kUnavailable, "cannot read configuration file " + config_path));
            std::stringstream text;
            text << file.rdbuf();
            auto applied = ApplyToml(text.str(), &config);
            if (!applied.ok())
                return Fail(err, MakeError(ErrorCode::kInvalidArgument,
                                           config_path + ": " + applied.error().message));
        }
        auto applied = ApplyEnvironment(env, &config);
        if (!applied.ok()) return Fail(err, applied.error());
        if (serve_cmd->get_option("--db")->count() > 0) config.db = db_url;
        if (!listen.empty()) {
            auto parsed = ParseListen(listen, &config);
            if (!parsed.ok()) return Fail(err, parsed.error());
        }
        if (!static_dir.empty()) config.static_dir = static_dir;
        if (!tile_url.empty()) config.tile_url = tile_url;
        if (threads > 0) config.handler_threads = threads;
        if (serve_demo) config.demo = true;
        return RunServe(config, out, err);
    }
    return 2;
}

}  // namespace juo::cli

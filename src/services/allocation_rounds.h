// Allocation rounds, the Friday's use case (issue 18, ADR 0021): the organiser's settings of a
// round checked with an error naming the field, a round started off the handler threads with its
// progress kept in the database (any app server behind the load balancer reads it), the draft run
// it ends in read with its figures beside first-come (by priority kind, department, region), its
// buses and each request's decision; publishing a run (one transaction: bookings, buses, the
// replaced buses cancelled, the e-mails to requesters and hosts, the audit entry), discarding it,
// and the bus operator's export (pickups, schools, tours, times).
//
// `juo allocate`, `juo allocation publish|discard`, /api/v1/organisation/allocations and the page
// /organisation/repartition all run these functions.
//
// Thread-safety: the free functions are pure over their arguments, the Db being the calling
// thread's; no database exception leaves them (a failure is its Error). RoundRunner is
// thread-safe: Start may be called from any thread; each round runs on a thread of its own with
// its own connection.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"
#include "domain/edition.h"
#include "report/tables.h"
#include "services/db.h"
#include "services/group_requests.h"  // FieldError

namespace juo::services {

// ---------------------------------------------------------------------------------------------
// Settings

// A request placed at a tour (a pin: it MUST go there), or kept away from it (an exclusion).
struct Placement {
    long long request_id = 0;
    long long session_id = 0;  // the tour
    bool operator==(const Placement&) const = default;
};

// The bounds of the settings (validated by CheckRoundSettings, the CLI and the API alike).
inline constexpr double kMaxBudgetEur = 10'000'000;
inline constexpr long long kMaxBuses = 10'000;
inline constexpr double kMinTimeLimitSeconds = 1, kMaxTimeLimitSeconds = 600;
inline constexpr int kMaxSeatsPerBus = 100;
inline constexpr double kMaxEurPerBus = 100'000;
inline constexpr double kMaxEurPerKm = 1'000;
inline constexpr size_t kMaxPlacements = 10'000;  // pins + exclusions

struct RoundSettings {
    int year = 0;  // the edition
    // The bus model: seats per bus, a fixed price per bus and a price per km of the round trip.
    int seats_per_bus = 55;
    double eur_per_bus = 350;
    double eur_per_km = 2.5;
    // The limit on buses: a budget in euros, a number of buses, both, or neither (then as many
    // buses as the edition financed, the 2025 way).
    std::optional<double> budget_eur;
    std::optional<long long> max_buses;
    double time_limit_seconds = 30;
    bool priority_guarantee = true;  // each priority kind served at least as well as no priority
    unsigned long long seed = 1;     // the published seed that breaks ties
    std::vector<Placement> pinned;
    std::vector<Placement> excluded;
    // "Based on run R": R's settings and pins, then these changes (set by SettingsBasedOn).
    std::optional<long long> based_on_run;
};

// The settings as a form, the CLI or JSON give them: text, empty = the default (or "none" for
// the budget and the bus count). Pins and exclusions: "request:tour" pairs separated by commas,
// spaces or new lines ("412:88, 413:90").
struct RoundSettingsText {
    std::string year, seats_per_bus, eur_per_bus, eur_per_km, budget_eur, max_buses, time_limit_seconds, seed;
    std::string priority_guarantee;  // "", "1", "true", "on", "yes" / "0", "false", "off", "no"
    std::string pinned, excluded;
    std::string based_on_run;
};

// nullopt when `s` is within bounds; else the first offence, naming the field ("year",
// "seats_per_bus", "eur_per_bus", "eur_per_km", "budget_eur", "max_buses", "time_limit_seconds",
// "seed", "pinned", "excluded") in French and English: budget 0–10,000,000 € (finite), buses
// 0–10,000, time limit 1–600 s, seats 1–100, prices ≥ 0 and at most 100,000 € per bus and
// 1,000 € per km, a request pinned at most once, no pair both pinned and excluded.
std::optional<FieldError> CheckRoundSettings(const RoundSettings& s);

// Parses then checks (CheckRoundSettings). Numbers must be plain finite decimals ("inf", "nan",
// "1e17" are refused with the field's range).
std::variant<RoundSettings, FieldError> ParseRoundSettings(const RoundSettingsText& text);

// The settings as stored with a job and a run ("key=value" lines), and back (a stored text that no
// longer parses gives the defaults with its year).
std::string SettingsLines(const RoundSettings& s);
RoundSettings SettingsFromLines(const std::string& lines);

// The settings a form, the CLI or the API gave: parsed and checked; with based_on_run, that run's
// settings under the fields given (a field left empty keeps the run's value) and its pins and
// exclusions merged (SettingsBasedOn). kNotFound (as a FieldError on based_on_run) for an
// unknown run.
std::variant<RoundSettings, FieldError> ResolveRoundSettings(Db& db, RoundSettingsText text);

// Run `run_id`'s settings and pins (its seed too) under `changes`: pins and exclusions are added,
// a pin replaces the run's pin of the same request. kNotFound for an unknown run.
Result<RoundSettings> SettingsBasedOn(Db& db, long long run_id, const RoundSettings& changes);

// ---------------------------------------------------------------------------------------------
// Rounds: a job, its progress, and the runner

// Where a round is, in order. kDone: it wrote a draft run; kFailed: it stopped with an error;
// kAbandoned: its server stopped mid-run (ADR 0021) and nobody will finish it.
enum class RoundStage {
    kQueued,
    kLoading,
    kFlowBound,
    kLp,
    kHeuristic,
    kCbc,
    kGlpk,
    kValidating,
    kWriting,
    kDone,
    kFailed,
    kAbandoned
};
std::string_view RoundStageCode(RoundStage stage);  // "queued", "loading", "flow_bound", "lp", …
std::optional<RoundStage> ParseRoundStage(std::string_view code);
bool RoundFinished(RoundStage stage);  // done, failed or abandoned

struct RoundJob {
    long long id = 0;
    int year = 0;
    long long edition_id = 0;
    RoundStage stage = RoundStage::kQueued;
    double fraction = 0;  // 0–1, of the whole round (the solve counts for its time limit)
    std::optional<long long> run_id;  // the draft run, once done
    std::string error, error_fr;      // failed: why
    std::string started_at, updated_at, finished_at;  // UTC ISO-8601
    std::optional<long long> started_by;               // user id
    RoundSettings settings;
};

// The job `id`, or kNotFound. A running job whose heartbeat (updated_at) is older than its time
// limit plus a minute reads as kAbandoned.
Result<RoundJob> FindRoundJob(Db& db, long long id);

// The jobs of `year`'s edition, newest first (at most `limit`).
Result<std::vector<RoundJob>> RoundJobsOf(Db& db, int year, int limit = 20);

// Runs one round synchronously on `db` (the CLI, the runner's thread, tests): validates
// `settings`, records job `job_id`'s progress (when > 0) as it goes, and returns the draft run's
// id. `progress`, when given, is called at each stage too (the CLI prints it on stderr).
using RoundProgress = std::function<void(RoundStage stage, double fraction)>;
Result<long long> RunRound(Db& db, const RoundSettings& settings, std::optional<long long> started_by,
                           long long job_id = 0, const RoundProgress& progress = {});

// RunRound with the CLI's extras: a dry run (solve and summarise, write nothing) and the MIP
// written to an MPS file first (for another solver to check).
struct RoundOptions {
    std::optional<long long> started_by;
    long long job_id = 0;
    RoundProgress progress;
    bool dry_run = false;
    std::string export_mps;  // empty: none
    // With a job: a heartbeat thread on a connection of its own moves the job's fraction with the
    // time spent (every 2 s) while a stage runs, so that a poll sees it move and a long CBC stage
    // never reads as abandoned. Null: the job moves at each stage only.
    const Connections* heartbeat = nullptr;
};
struct RoundOutcome {
    long long run_id = 0;     // 0 on a dry run
    std::string summary;      // the solver's summary beside first-come (English)
    std::string mps_note;     // what was written to export_mps
    int decisions = 0, moved = 0, refused = 0;
    long long financed_buses_used = -1;  // ≥ 0 when neither a budget nor a bus count was given
};
Result<RoundOutcome> SolveRound(Db& db, const RoundSettings& settings, const RoundOptions& options);

// How much long work (publications, whole-run reads) the round runner takes aside at once.
struct AsideLimits {
    int workers = 2;        // threads, started with the first work and kept, each with its connection
    size_t waiting = 32;    // works queued for them; one more is answered kUnavailable at once
};

// Starts rounds off the handler threads: Start records a job (kConflict when one is running for
// the edition, on this server or another: one running job per edition, a unique index) and runs
// it on a thread of its own, which opens its own connection from `connections`. RunAside hands
// other long work to a small pool of its own (AsideLimits). The destructor waits for the rounds
// running (each is bounded by its time limit) and the works aside already started; those not
// started yet are answered kUnavailable ("the server is stopping").
class RoundRunner {
 public:
    explicit RoundRunner(const Connections& connections, AsideLimits aside = {});
    ~RoundRunner();
    RoundRunner(const RoundRunner&) = delete;
    RoundRunner& operator=(const RoundRunner&) = delete;

    // The job id. kInvalidArgument (settings), kNotFound (edition), kConflict (a round running
    // for that edition), kForbidden (not the organiser). A closed edition may be solved (to look
    // at); publishing on it is refused.
    Result<long long> Start(Db& db, const auth::Principal& who, const RoundSettings& settings);

    // Runs `work` on one of the aside threads with that thread's connection (kUnavailable when it
    // cannot be opened): a publication or a discard, long writes that no handler thread may wait
    // on, or a read of whole runs. When every thread is busy and AsideLimits::waiting works wait
    // already, `work` runs at once on the calling thread with kUnavailable ("try again in a
    // moment"): the caller answers from `work` (an asynchronous route's reply) either way.
    void RunAside(std::function<void(Result<Db*>)> work);

    // Rounds running on this server (tests).
    int running() const;

 private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> finished;
    };
    // Starts `body` on a new worker thread, joining the workers that ended first.
    void Launch(std::function<void()> body);
    // An aside thread: runs the queued works until the runner stops and none is left.
    void AsideLoop();
    const Connections& connections_;
    mutable std::mutex mutex_;
    std::vector<Worker> workers_;  // finished ones are joined at the next Start
    std::atomic<int> running_{0};
    const AsideLimits aside_limits_;
    std::mutex aside_mutex_;
    std::condition_variable aside_ready_;
    std::deque<std::function<void(Result<Db*>)>> aside_queue_;
    std::vector<std::thread> aside_threads_;  // started with the first work
    bool aside_stopping_ = false;
};

// ---------------------------------------------------------------------------------------------
// Runs: list, read, publish, discard

// Pupils and groups requested and served, for the run and for first-come on the same requests.
struct ShareRow {
    std::string key;    // priority kind code, department code or region code
    std::string label;  // French label ("REP+", "Nord", "Hauts-de-France")
    long long groups_requested = 0, groups_served = 0, groups_served_first_come = 0;
    long long pupils_requested = 0, pupils_served = 0, pupils_served_first_come = 0;
};

// One class or group on a bus.
// A relay sees the riders of other departments only as their department ("(69)", request_id 0)
// and headcount.
struct BusRider {
    long long request_id = 0;
    std::string school_name, school_town, school_uai;  // empty for a group without a school
    std::string pickup_address;                        // the school's address, else the group's town
    int pupils = 0, adults = 0;
};

// Buses of one school (or one group) to one tour.
struct BusView {
    long long session_id = 0;
    std::string site_name, site_address, site_town, department;
    std::string date;          // 'YYYY-MM-DD'
    std::string starts_at;     // tour start 'HH:MM'
    std::string pickup_time;   // 'HH:MM': the start less the drive (one way) and 15 minutes
    int buses = 0, seats = 0;  // seats per bus
    long long cost_cents = 0;  // all its buses
    double km = 0;             // all its buses, round trips
    std::vector<BusRider> riders;
};

enum class DecisionOutcome { kFirstWish, kMoved, kRefused };
std::string_view DecisionOutcomeCode(DecisionOutcome o);  // "first_wish", "moved", "refused"

// What the run decided for one request, and what first-come would have.
struct DecisionView {
    long long request_id = 0;
    std::string requester_name, school_name, department, level, priority;  // priority: kind code
    int pupils = 0, adults = 0;
    bool bus_needed = false;
    DecisionOutcome outcome = DecisionOutcome::kRefused;
    std::optional<long long> session_id;  // served at
    std::string site_name, date, starts_at;
    std::optional<int> wish_rank;
    bool pinned = false;
    std::vector<long long> excluded_sessions;
    bool has_bus = false;
    std::string explanation_fr, explanation_en;
    std::optional<long long> first_come_session_id;  // where first-come would have put it
};

struct RunSummary {
    long long id = 0;
    int year = 0;
    std::string status;  // "draft", "published", "discarded"
    std::string created_at, published_at;
    std::optional<long long> created_by;
    long long pupils_requested = 0, pupils_served = 0, pupils_served_first_come = 0;
    int groups_requested = 0, groups_served = 0, groups_served_first_come = 0;
    int buses = 0, buses_first_come = 0;
    long long bus_cost_cents = 0, bus_cost_cents_first_come = 0;
    double objective = 0, bound = 0, gap = 0;
    bool optimal = false;
    std::string bound_source, method;
};

struct RunView {
    RunSummary summary;
    RoundSettings settings;
    std::string summary_text;  // the solver's summary (English), as `juo allocate` prints it
    double guarantee_cost_pupils = 0;
    std::vector<ShareRow> by_priority, by_department, by_region;
    std::vector<BusView> buses;
    std::vector<DecisionView> decisions;  // by request id
};

// What `who` may see of runs: the organiser everything; a relay the requests, buses and figures
// of their departments (a department filter on decisions, buses and the share rows); anyone
// else nothing (kForbidden).
struct RunScope {
    bool all = false;
    std::vector<std::string> departments;
    bool Includes(std::string_view department) const;
};
Result<RunScope> RunScopeOf(const auth::Principal& who);

// The runs of `year`'s edition, newest first. kNotFound for an unknown edition.
Result<std::vector<RunSummary>> RunsOf(Db& db, int year, const RunScope& scope);

// Run `id` with its figures, buses and decisions within `scope`. kNotFound.
Result<RunView> ReadRun(Db& db, long long id, const RunScope& scope);

// Publishes draft run `id` (organiser only), in ONE transaction: refused (kConflict, nothing
// changed) when the edition is closed or any check-in exists for it, or the run is not a draft;
// every request of the run accepted or refused with its explanation; the group bookings replaced
// by the run's; the buses being replaced (first-come's and earlier runs') cancelled; the run's
// buses booked; the e-mails to every requester (placement, bus pickup and who shares the bus, or
// the refusal with its alternatives) and to each host (the groups coming, headcounts) in the
// outbox, French then English; the audit entry allocation.publish. kFull when a tour would be
// overbooked.
Status PublishRun(Db& db, const auth::Principal& who, long long id, const std::string& public_url = {});

// Discards draft run `id` (organiser only): its buses cancelled, audit allocation.discard.
Status DiscardRun(Db& db, const auth::Principal& who, long long id);

// The bus operator's export of run `id` within `scope`: one row per bus group (pickup school,
// address and town, pickup time, the tour's site, address, date and time, buses, seats, km,
// cost, pupils and adults), and the run's edition year (the file's name); web encodes it as CSV
// or XLSX (web/export_files.h). The run is read once.
struct BusOperatorExport {
    report::Table table;
    int year = 0;
};
Result<BusOperatorExport> BusOperatorTable(Db& db, long long id, const RunScope& scope);

}  // namespace juo::services

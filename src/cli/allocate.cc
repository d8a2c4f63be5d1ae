// `juo allocate`, `juo allocation publish`, `juo allocation discard`.
#include "cli/allocate.h"

#include <cmath>
#include <ostream>

#include "alloc/build_problem.h"
#include "alloc/explain.h"
#include "alloc/fcfs.h"
#include "alloc/mip.h"
#include "alloc/solver.h"
#include "alloc/summary.h"
#include "alloc/validator.h"
#include "cli/cli.h"
#include "domain/edition.h"
#include "store/groups/allocation_queries.h"

namespace juo::cli {

int RunAllocate(const AllocateOptions& o, std::ostream& out, std::ostream& err) {
    auto year = domain::ParseEditionYear(o.year_text);
    if (!year.ok()) return Fail(err, year.error());
    if (o.budget_eur && !(*o.budget_eur >= 0))
        return Fail(err, MakeError(ErrorCode::kInvalidArgument, "--budget must be zero or more euros"));
    if (o.buses && *o.buses < 0)
        return Fail(err, MakeError(ErrorCode::kInvalidArgument, "--buses must be zero or more"));
    if (!(o.time_limit_seconds > 0))
        return Fail(err, MakeError(ErrorCode::kInvalidArgument, "--time-limit must be positive"));
    if (o.export_mps && o.export_mps->empty())
        return Fail(err, MakeError(ErrorCode::kInvalidArgument, "--export-mps needs a file name"));
    auto db = store::Database::Open(o.db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    auto data = store::LoadAllocationData(**db, *year);
    if (!data.ok()) return Fail(err, data.error());

    alloc::ProblemInput input;
    input.requests = std::move(data->requests);
    input.sessions = std::move(data->sessions);
    input.sites = std::move(data->sites);
    input.schools = std::move(data->schools);
    input.carried_over_school_ids = std::move(data->carried_over_school_ids);
    if (o.budget_eur) input.bus.budget_cents = std::llround(*o.budget_eur * 100);
    if (o.buses) input.bus.max_buses = *o.buses;
    if (!o.budget_eur && !o.buses) {
        input.bus.max_buses = data->financed_buses;
        out << "No --budget or --buses: as many buses as the edition financed (" << data->financed_buses
            << ").\n";
    }
    auto problem = alloc::BuildProblem(input);
    if (!problem.ok()) return Fail(err, problem.error());
    alloc::Instance instance = alloc::Compile(*problem);
    if (o.export_mps) {
        alloc::Mip mip(instance);
        std::string error;
        if (!mip.WriteMps(*o.export_mps, &error)) return Fail(err, MakeError(ErrorCode::kUnavailable, error));
        out << "Wrote the MIP to " << *o.export_mps << " (MPS, " << mip.rows() << " rows, " << mip.columns()
            << " columns, all integer). It minimises; objective offset 0: our objective = -(MPS "
               "objective).\n";
    }
    alloc::SolveOptions solve;
    solve.time_limit_seconds = o.time_limit_seconds;
    solve.seed = o.seed;                              // [issue 18: seed and guarantee]
    solve.priority_guarantee = o.priority_guarantee;  // [issue 18]
    alloc::SolveResult result = alloc::Solve(instance, solve);
    alloc::Allocation fcfs = alloc::FirstComeFirstServed(instance);

    // Nothing is written or printed as a result unless the independent validator agrees.
    for (const auto* a : {&result.allocation, &fcfs}) {
        auto violations = alloc::Validate(*problem, alloc::SessionsOf(*problem, *a),
                                          alloc::Evaluate(instance, *a).bus_groups);
        if (!violations.empty())
            return Fail(
                err, MakeError(ErrorCode::kInternal, "the allocation breaks a constraint: " + violations[0]));
    }
    std::string summary = alloc::SummaryText(instance, result, fcfs);
    out << "Edition " << *year << ".\n" << summary;

    auto explanations = alloc::Explain(instance, result.allocation);
    int refused = 0, moved = 0;
    for (const auto& e : explanations) {
        refused += e.outcome == alloc::Outcome::kRefused;
        moved += e.outcome == alloc::Outcome::kMoved;
    }
    out << "\n"
        << moved << " groups served on a later wish, " << refused << " refused; each has an explanation";
    if (o.dry_run) {
        out << " (not written: --dry-run).\n";
        return 0;
    }

    domain::AllocationRun run;
    run.edition_id = data->edition.id;
    run.budget_cents = problem->bus.budget_cents;
    run.max_buses = problem->bus.max_buses;
    run.objective = static_cast<double>(result.evaluation.objective);
    run.gap = result.gap;
    run.summary = summary;
    for (size_t i = 0; i < problem->requests.size(); ++i) {
        domain::AllocationAssignment a;
        a.request_id = problem->requests[i].id;
        int k = result.allocation.chosen[i];
        if (k >= 0) {
            const auto& c = problem->candidates[static_cast<size_t>(k)];
            a.session_id = problem->sessions[static_cast<size_t>(c.session)].id;
            a.wish_rank = c.rank;
        }
        a.explanation = explanations[i].text_fr;
        run.assignments.push_back(std::move(a));
    }
    for (const auto& g : result.evaluation.bus_groups) {
        domain::AllocationBusGroup b;
        b.session_id = problem->sessions[static_cast<size_t>(g.session)].id;
        for (int i : g.requests) b.request_ids.push_back(problem->requests[static_cast<size_t>(i)].id);
        b.buses = g.buses;
        b.seats = problem->bus.cost.seats;
        b.cost_cents = g.cost_cents / g.buses;
        b.distance_km = g.km / g.buses;
        run.bus_groups.push_back(std::move(b));
    }
    auto written = store::InsertAllocationRun(**db, run);
    if (!written.ok()) return Fail(err, written.error());
    out << ".\nWrote draft allocation run " << run.id << " (" << run.assignments.size()
        << " decisions). Publish it with `juo allocation publish --run " << run.id
        << "` or discard it with `juo allocation discard --run " << run.id << "`.\n";
    return 0;
}

int RunAllocationDecision(const std::string& db_url, long long run_id, bool publish, std::ostream& out,
                          std::ostream& err) {
    auto db = store::Database::Open(db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    auto done =
        publish ? store::PublishAllocationRun(**db, run_id) : store::DiscardAllocationRun(**db, run_id);
    if (!done.ok()) return Fail(err, done.error());
    if (publish)
        out << "Published allocation run " << run_id
            << ": requests accepted or refused with their explanation, group bookings and buses in place.\n"
               "Requesters are not notified by e-mail yet: the e-mail outbox comes with issue 4.\n";
    else
        out << "Discarded allocation run " << run_id << ".\n";
    return 0;
}

}  // namespace juo::cli

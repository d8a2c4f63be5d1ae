// The allocation summary.
#include "alloc/summary.h"

#include <cstdio>
#include <map>

#include "alloc/solver.h"
#include "alloc/validator.h"

namespace juo::alloc {
namespace {

std::string Fmt(const char* format, auto... args) {
    char buf[256];
    std::snprintf(buf, sizeof buf, format, args...);
    return buf;
}

struct Tally {
    long long requested = 0, optimal = 0, fcfs = 0;
};

std::string Pct(long long part, long long whole) {
    return whole > 0 ? Fmt("%.1f %%", 100.0 * static_cast<double>(part) / static_cast<double>(whole)) : "-";
}

}  // namespace

std::string SummaryText(const Instance& in, const SolveResult& r, const Allocation& fcfs) {
    const Problem& p = *in.problem;
    const Evaluation& e = r.evaluation;
    Evaluation f = Evaluate(in, fcfs);
    std::string s;
    s += Fmt("Requests: %d groups, %lld pupils asked; %zu candidate sessions, %zu bus pools.\n", e.requests,
             e.pupils_requested, p.candidates.size(), in.pools.size());
    std::string limit;
    if (p.bus.max_buses) limit += Fmt("%d buses", *p.bus.max_buses);
    if (p.bus.budget_cents)
        limit += (limit.empty() ? "" : ", ") + Fmt("%.0f EUR", *p.bus.budget_cents / 100.0);
    s += "Bus limit: " + (limit.empty() ? std::string("none") : limit) +
         Fmt(" (%d seats, %.0f EUR + %.2f EUR/km of the round trip).\n", p.bus.cost.seats,
             p.bus.cost.fixed_cents / 100.0, p.bus.cost.per_km_cents / 100.0);
    s += Fmt("Solve: %.2f s (LP %.2f s, heuristic %.2f s, CBC %.2f s, GLPK %.2f s); %s.\n", r.seconds,
             r.lp_seconds, r.heuristic_seconds, r.mip_seconds, r.prover_seconds, r.method.c_str());
    if (r.mip_ran)
        s += Fmt("Branch and cut: %d columns, %d rows, %d nodes, %s.\n", r.mip_columns, r.mip_rows, r.mip_nodes,
                 !r.mip_finished      ? "stopped by the time limit"
                 : r.mip_says_optimal ? "CBC says optimal (its claim, not taken as a proof)"
                                      : "CBC says finished (its claim, not taken as a proof)");
    if (r.prover_ran)
        s += Fmt("Proof (GLPK, %.2f s): %s%s.\n", r.prover_seconds,
                 r.prover_proved    ? "closed its search tree, optimum "
                 : r.prover_stopped ? "stopped by the time limit, best found "
                                    : "",
                 r.prover_proved || r.prover_stopped
                     ? (r.prover_objective != 0 ? Fmt("%lld", r.prover_objective) : std::string("none")).c_str()
                     : r.prover_status.c_str());
    if (r.prover_skipped) s += "Proof (GLPK): " + r.prover_status + ".\n";
    std::string verdict;
    if (r.optimal && r.prover_proved)
        verdict = "optimal, proven by GLPK";
    else if (r.optimal)
        verdict = "optimal, proven by " + r.bound_source;
    else
        verdict = Fmt("gap %.4f %% to %s", 100 * r.gap, r.bound_source.c_str());
    s += Fmt("Objective %lld, bound %.0f, LP bound %.0f: %s.\n", e.objective, r.bound, r.lp_bound,
             verdict.c_str());
    s += Fmt("Flow bound (LEMON, %.2f s) %lld: %.3f %% above the objective.\n", r.flow_seconds, r.flow_bound,
             e.objective > 0
                 ? 100.0 * static_cast<double>(r.flow_bound - e.objective) / static_cast<double>(e.objective)
                 : 0.0);
    if (r.lp_bound > 0)
        s +=
            Fmt("Before branch and cut: LP rounding %.4f %%, then local search %.4f %% below the LP bound.\n",
                100 * (r.lp_bound - static_cast<double>(r.rounded_objective)) / r.lp_bound,
                100 * (r.lp_bound - static_cast<double>(r.local_search_objective)) / r.lp_bound);
    // Issue 18: the seed, the priority guarantee and its cost.
    s += Fmt("Seed %llu: exact ties between requests are broken by a lottery drawn from it "
             "(juo allocate --seed N).\n",
             r.seed);
    if (r.guarantee_on) {
        const PriorityShare* none = nullptr;
        for (const auto& sh : r.shares)
            if (sh.kind == "none") none = &sh;
        bool holds = true;
        for (const auto& sh : r.shares)
            if (none && sh.kind != "none" && sh.pupils_requested > 0 && none->pupils_requested > 0 &&
                sh.share() + 1e-12 < none->share())
                holds = false;
        s += Fmt("Priority guarantee: on (ADR 0019): every priority kind served at a pupil share at least "
                 "that of schools with no priority (pinned groups apart): %s. Its cost: %.0f pupils against "
                 "the allocation found without it (an estimate; --no-priority-guarantee turns it off).\n",
                 holds ? "holds" : "holds on the groups it counts (pins and groups with no tour left apart)",
                 r.guarantee_cost_pupils);
    } else {
        s += "Priority guarantee: off (--no-priority-guarantee): priority is a weight in the objective only.\n";
    }
    if (r.glpk_first)
        s += r.cbc_skipped ? "Budget run: GLPK went first and proved the optimum; CBC was not needed.\n"
                           : "Budget run: GLPK went first, then CBC.\n";
    s += "\n                       solver         first come\n";
    s += Fmt("pupils served          %-14s %s\n",
             Fmt("%lld (%s)", e.pupils_served, Pct(e.pupils_served, e.pupils_requested).c_str()).c_str(),
             Fmt("%lld (%s)", f.pupils_served, Pct(f.pupils_served, f.pupils_requested).c_str()).c_str());
    s += Fmt("groups served          %-14d %d\n", e.requests_served, f.requests_served);
    s += Fmt("schools served         %-14d %d  (of %d requesters)\n", e.schools_served, f.schools_served,
             in.schools);
    s += Fmt("departments served     %-14d %d  (of %d)\n", e.departments_served, f.departments_served,
             in.departments);
    s += Fmt("buses                  %-14d %d\n", e.buses, f.buses);
    s += Fmt("bus cost               %-14s %s\n", Fmt("%.0f EUR", e.bus_cost_cents / 100.0).c_str(),
             Fmt("%.0f EUR", f.bus_cost_cents / 100.0).c_str());
    s += Fmt("bus km (round trips)   %-14.0f %.0f\n", e.bus_km, f.bus_km);
    s += Fmt("objective              %-14lld %lld\n", e.objective, f.objective);
    FairnessReport fo = CheckFairness(p, SessionsOf(p, r.allocation), e.bus_groups);
    FairnessReport ff = CheckFairness(p, SessionsOf(p, fcfs), f.bus_groups);
    s += Fmt("schools left out       %-14d %d  (no group served, though one could be by a swap)\n",
             fo.schools_left_out, ff.schools_left_out);
    s += Fmt("departments left out   %-14d %d\n", fo.departments_left_out, ff.departments_left_out);

    std::map<std::string, Tally> by_dept, by_bus;
    for (size_t i = 0; i < p.requests.size(); ++i) {
        const Request& q = p.requests[i];
        for (auto* m : {&by_dept[q.department], &by_bus[q.bus_needed ? "needs a bus" : "no bus needed"]}) {
            m->requested += q.pupils;
            if (r.allocation.chosen[i] >= 0) m->optimal += q.pupils;
            if (fcfs.chosen[i] >= 0) m->fcfs += q.pupils;
        }
    }
    auto table = [&](const char* title, const std::map<std::string, Tally>& m) {
        s += Fmt("\n%-22s %9s %9s %9s %9s\n", title, "asked", "optimal", "1st come", "served");
        for (const auto& [key, t] : m)
            s += Fmt("%-22s %9lld %9lld %9lld %9s\n", key.c_str(), t.requested, t.optimal, t.fcfs,
                     Pct(t.optimal, t.requested).c_str());
    };
    // By priority kind (a group counts in every kind it has; "none": no priority at all).
    std::vector<PriorityShare> first_come = PriorityShares(in, fcfs);
    s += Fmt("\n%-22s %9s %9s %9s %9s %9s\n", "pupils by priority", "asked", "optimal", "1st come", "served",
             "1st come");
    for (size_t k = 0; k < r.shares.size() && k < first_come.size(); ++k) {
        const PriorityShare& sh = r.shares[k];
        if (sh.pupils_requested == 0) continue;
        s += Fmt("%-22s %9lld %9lld %9lld %9s %9s\n", sh.kind.c_str(), sh.pupils_requested, sh.pupils_served,
                 first_come[k].pupils_served, Pct(sh.pupils_served, sh.pupils_requested).c_str(),
                 Pct(first_come[k].pupils_served, sh.pupils_requested).c_str());
    }
    table("pupils by bus", by_bus);
    table("pupils by department", by_dept);
    return s;
}

}  // namespace juo::alloc

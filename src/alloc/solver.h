// Solve: the optimal allocation with a proven gap. A flow relaxation (LEMON) gives a first bound
// in milliseconds; the LP relaxation (CLP, at most half the time limit) gives the tight bound and a
// fractional guide; rounding it (or the flow, when the LP did not finish) and local search give a
// valid allocation fast; CBC's branch and cut then searches for better ones with at most half of
// the time that is left, and GLPK (glpk_prover.h) with the rest: it is the prover — when it closes
// its tree, its optimum is the bound, and its allocation is taken when it is better. The result is
// the best allocation found and the best proven bound.
//
// Deterministic for a given input as long as the time limit is not what stops the search (CBC
// and GLPK run single-threaded; the heuristics scan in index order).
//
// Thread-safety: pure function.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "alloc/instance.h"

namespace juo::alloc {

struct SolveOptions {
    double time_limit_seconds = 30;  // whole solve, LP included
    bool branch_and_cut = true;      // CBC after the heuristic
    bool lp_relaxation = true;       // false: flow bound + heuristic only (tests, quick looks)
    bool prover = true;              // GLPK after CBC (needs the LP)
    double prover_time_limit_seconds = 1e9;  // GLPK's own limit within the time left (tests)
    // Issue 18: each priority kind served at a pupil share at least the no-priority share,
    // wherever the instance allows it (docs/adr/0019-priority-guarantee.md).
    bool priority_guarantee = true;
    // The published random seed that breaks ties between otherwise equal allocations.
    unsigned long long seed = 1;
    // [block: solve progress, issue 18 (O)] Called as each stage starts ("flow_bound", "lp",
    // "heuristic", "cbc", "glpk") with the share of the time limit spent so far; may be empty.
    std::function<void(const char* stage, double fraction)> on_stage;
    // [end of block: solve progress]
};

// Pupils requested and served by the requests of one priority kind (or of none).
struct PriorityShare {
    std::string kind;  // PriorityKindCode (problem.h), or "none": no priority at all
    long long pupils_requested = 0;
    long long pupils_served = 0;
    double share() const {
        return pupils_requested > 0 ? static_cast<double>(pupils_served) / static_cast<double>(pupils_requested) : 0;
    }
};

// The shares of rep_plus, rep, rural, first_time, carry_over, then none (a request counts in
// every kind it has), for the given allocation.
std::vector<PriorityShare> PriorityShares(const Instance& instance, const Allocation& allocation);

struct SolveResult {
    Allocation allocation;
    Evaluation evaluation;
    double bound = 0;                      // no allocation has a larger objective
    std::string bound_source;  // "the LP bound", "the flow bound", "GLPK's optimum", "GLPK's tree bound"
    double lp_bound = 0;                   // the LP relaxation's objective (0 when it did not finish in time)
    long long flow_bound = 0;              // the flow relaxation's (flow_bound.h): looser, always computed
    double gap = 0;                        // (bound − objective) / bound
    bool optimal = false;                  // objective = bound (the objective is integral)
    long long rounded_objective = 0;       // after LP rounding
    long long local_search_objective = 0;  // after local search
    std::string method;                    // what produced the final allocation
    bool prover_skipped = false;           // GLPK not started: too little time for its root LP (solver.cc)
    double flow_seconds = 0, lp_seconds = 0, heuristic_seconds = 0, mip_seconds = 0, seconds = 0;
    int mip_columns = 0, mip_rows = 0, mip_nodes = 0;
    bool mip_ran = false, mip_finished = false;  // finished: CBC closed its tree before the limit
    bool mip_says_optimal = false;               // CBC's claim, not taken as a proof (see solver.cc)
    double mip_bound = 0;                        // CBC's claimed bound, likewise
    // GLPK, the prover: ran, closed its tree with an optimum (GLP_OPT, not stopped) that is now
    // the bound, or was stopped by the time limit; its best objective (0 when it found none).
    bool prover_ran = false, prover_proved = false, prover_stopped = false;
    double prover_seconds = 0;
    long long prover_objective = 0;
    std::string prover_status;  // GLPK's outcome, or why its answer was not used
    // Issue 18. guarantee_on: the priority guarantee was asked for and applied.
    // guarantee_cost_pupils: pupils served by the pupils-only optimum minus pupils served here
    // (see solver.cc for how the reference is obtained and when it is only a bound).
    bool guarantee_on = false;
    double guarantee_cost_pupils = 0;
    unsigned long long seed = 1;
    std::vector<PriorityShare> shares;  // PriorityShares of the final allocation
};

SolveResult Solve(const Instance& instance, const SolveOptions& options);

}  // namespace juo::alloc

// LP bound, rounding, local search, then branch and cut (CBC), then GLPK's proof.
#include "alloc/solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "alloc/flow_bound.h"
#include "alloc/glpk_prover.h"
#include "alloc/heuristic.h"
#include "alloc/mip.h"
#include "alloc/validator.h"

namespace juo::alloc {
namespace {
using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
}  // namespace

std::vector<PriorityShare> PriorityShares(const Instance& in, const Allocation& a) {
    std::vector<PriorityShare> out(kPriorityKinds + 1);
    for (int k = 0; k < kPriorityKinds; ++k) out[static_cast<size_t>(k)].kind = PriorityKindCode(k);
    out.back().kind = "none";
    const Problem& p = *in.problem;
    for (size_t r = 0; r < p.requests.size(); ++r) {
        const Request& q = p.requests[r];
        const bool served = r < a.chosen.size() && a.chosen[r] >= 0;
        auto add = [&](PriorityShare& s) {
            s.pupils_requested += q.pupils;
            if (served) s.pupils_served += q.pupils;
        };
        if (NoPriority(q.kinds)) add(out.back());
        for (int k = 0; k < kPriorityKinds; ++k)
            if (q.kinds & (1u << k)) add(out[static_cast<size_t>(k)]);
    }
    return out;
}

SolveResult Solve(const Instance& given, const SolveOptions& options) {
    const auto t0 = Clock::now();
    const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(options.time_limit_seconds));
    SolveResult out;
    // Our own copy: the seed's lottery and the guarantee are set on it (instance.h).
    Instance in = given;
    if (in.seed != options.seed) in.Reseed(options.seed);
    in.guarantee = false;
    out.seed = options.seed;
    auto stage = [&](const char* name) {  // [issue 18 (O): progress]
        if (options.on_stage) options.on_stage(name, std::min(1.0, Since(t0) / options.time_limit_seconds));
    };
    stage("flow_bound");
    // The flow relaxation has no guarantee rows: with the guarantee on it is looser, still a bound.
    FlowBoundResult flow = FlowBound(in);
    out.flow_bound = flow.bound;
    out.flow_seconds = flow.seconds;
    Mip mip(in);
    LpRelaxation lp;
    stage("lp");  // [issue 18 (O)]
    if (options.lp_relaxation) lp = mip.SolveRelaxation(options.time_limit_seconds / 2 - Since(t0));
    out.lp_seconds = lp.seconds;

    // The priority guarantee (ADR 0019). First the reference without it: the relaxation above
    // rounded and improved by local search (at most a tenth of the time left) — the pupils-only
    // allocation whose pupils the guarantee's cost is measured against. It is a heuristic
    // allocation, not a proven optimum: the cost is an estimate (it can even come out negative);
    // `make bench` also measures it against a full solve with --no-priority-guarantee.
    long long reference_pupils = -1;
    bool model_solved = lp.solved;
    std::vector<double> plain_x;  // with the Lagrangian: the LP's solution without the guarantee  // the LP of the model CBC gets (with the guarantee's rows) is solved
    // The Lagrangian relaxation of the guarantee's rows (below): their shares, the multipliers λ
    // (and the best ones), the LP the next step starts from, the time the next step is expected
    // to take, the first LP's time (that expectation's cap).
    bool lagrangian = false;
    std::vector<std::vector<double>> shares;
    std::vector<double> lambda, best_lambda;
    LpRelaxation current;
    double step_seconds = 0, first_lp_seconds = 0;
    double theta = 1;  // the step's scale: halved after a step that did not lower the bound
    // After the first step, the solutions of the LPs that were the best before a better one came
    // (the runners-up, the last kRunnersUp) are kept: each guides one more rounding at the end.
    constexpr size_t kRunnersUp = 5;
    bool keep_guides = false;
    double rounded_bound = HUGE_VAL;  // the bound of the LP that guided the first rounding
    std::vector<std::vector<double>> guides;
    // Subgradient steps on λ (Polyak's, towards `target`, an allocation's objective that keeps the
    // guarantee) until `until` seconds into the solve; `lp` keeps the lowest bound and best_lambda
    // its multipliers. A step that does not lower the bound is undone (back to the best λ) and the
    // next one is half as long.
    // The first `sure_steps` steps that start before `sure_start` seconds are taken whatever the
    // time they are expected to take, with until `sure_until` to finish (scale 75's first step
    // took 7–15 s on this machine; when cut, everything after it is worse).
    auto lagrangian_steps = [&](double target, double until, double margin, int max_steps, int sure_steps,
                                double sure_start, double sure_until) {
        for (int it = 0; it < max_steps; ++it) {
            // CLP's primal simplex does not stop on its limit (a 90 s solve at scale 75 ran
            // 102 s): a step starts only with `margin` times the last step's time left.
            const bool sure = it < sure_steps && Since(t0) < sure_start;
            const double left = (sure ? sure_until : until) - Since(t0);
            if (left < (sure ? 0.1 : std::max(0.1, margin * step_seconds))) break;
            std::vector<double> step(shares.size(), 0);
            double norm2 = 0;
            for (size_t g = 0; g < shares.size(); ++g) {
                double v = 0;
                for (size_t k = 0; k < shares[g].size(); ++k) v += shares[g][k] * current.x[k];
                step[g] = (lambda[g] <= 0 && v > 0) ? 0 : v;  // projected subgradient
                norm2 += step[g] * step[g];
            }
            if (norm2 < 1e-18) break;  // the guide meets the guarantee: λ is optimal
            const double t = theta * std::max(0.0, current.bound - target) / norm2;
            for (size_t g = 0; g < shares.size(); ++g) lambda[g] = std::max(0.0, lambda[g] - t * step[g]);
            LpRelaxation next = mip.SolveLagrangian(shares, lambda, left);
            out.lp_seconds += next.seconds;
            ++out.lagrangian_steps;
            if (!next.solved) {  // stopped on its limit: back to the best λ
                lambda = best_lambda;
                current = lp;
                break;
            }
            // The steps that move λ most are the slowest (from λ = 0, 7–12 s at scale 75; at full
            // length, 4–6 s; the shorter ones 0.2–1.7 s): the next is expected to take what the
            // last took, at most what the LP without the rows took. The steps end 3 s short of
            // the limit: time for the guided roundings, which also absorbs a step that takes longer.
            step_seconds = std::min(first_lp_seconds, next.seconds);
            if (next.bound < lp.bound) {
                if (keep_guides && lp.solved && lp.bound < rounded_bound) {  // not the one rounded already
                    guides.push_back(std::move(lp.x));
                    if (guides.size() > kRunnersUp) guides.erase(guides.begin());
                }
                current = next;
                best_lambda = lambda;
                const double seconds = lp.seconds;
                lp = std::move(next);
                lp.seconds = seconds;
            } else {
                lambda = best_lambda;
                current = lp;
                theta /= 2;
                step_seconds /= 2;  // the longer steps are the ones that overshoot
            }
        }
    };
    if (options.priority_guarantee) {
        const auto tr = Clock::now();
        Allocation reference = LocalSearch(in, RoundRelaxation(in, lp.solved ? lp.x : flow.x),
                                           tr + (deadline - tr) / 10);
        reference_pupils = Evaluate(in, reference).pupils_served;
        out.heuristic_seconds += Since(tr);
        in.guarantee = true;
        out.guarantee_on = true;
        const int rows = mip.AddGuaranteeRows();
        if (rows > 0 && lp.solved) {
            // The guarantee's rows are dense (a coefficient on every candidate of a kind): at scale
            // 75 CLP's dual simplex had not finished them after 40 s (the LP without them: 6-9 s).
            // They get twice the first LP's time. When that is not enough, they are taken out again
            // and relaxed the Lagrangian way instead: the LP with their shares in the objective,
            // weighted by multipliers λ ≥ 0 set by subgradient steps (Polyak's, towards the
            // guaranteed rounding's objective); each such LP is a bound (weak duality) and its
            // solution the rounding's guide (the rounding keeps the guarantee itself). CBC and GLPK,
            // which would get the model without the rows, are then not run.
            const LpRelaxation plain = lp;
            const double cap = std::min(options.time_limit_seconds / 2 - Since(t0), 2 * plain.seconds + 0.5);
            // CLP does not stop a resolve on time reliably (42 s against a 16 s limit at scale 75):
            // past kDenseRowsLpSeconds for the first LP, the rows are not tried at all.
            constexpr double kDenseRowsLpSeconds = 2;
            LpRelaxation guaranteed;
            if (plain.seconds < kDenseRowsLpSeconds)
                guaranteed = mip.ResolveRelaxation(cap);
            out.lp_seconds += guaranteed.seconds;
            if (guaranteed.solved) {
                lp = std::move(guaranteed);
            } else {
                model_solved = false;
                mip.RemoveLastRows(rows);
                shares = mip.GuaranteeShares();
                lambda.assign(shares.size(), 0);
                best_lambda = lambda;
                current = plain;
                step_seconds = first_lp_seconds = plain.seconds;
                lagrangian = true;
                // One full-length step, sure to be taken (from λ = 0 it moves the most: 7–15 s at
                // scale 75 on this machine, and a cut one left the solve at 3.5 %), then steps of
                // an eighth of it or less until 80 % of the limit: at scale 75 a second full-length
                // step took 5–7 s and was cut on a slow run, while seven short ones (0.2–1.4 s
                // each) brought the bound as low; and a rounding guided by a λ still far from the
                // best gave an allocation 0.5 % worse.
                const double target = static_cast<double>(Evaluate(in, RoundRelaxation(in, plain.x)).objective);
                lagrangian_steps(target, 0, 0, 1, 1, 0.6 * options.time_limit_seconds,
                                 0.75 * options.time_limit_seconds);
                theta = std::min(theta, 0.125);
                step_seconds /= 4;
                keep_guides = true;
                lagrangian_steps(target, 0.8 * options.time_limit_seconds, 1.5, 30, 0, 0, 0);
                lp.seconds = plain.seconds;
                plain_x = plain.x;
            }
        }
    }
    out.mip_columns = mip.columns();
    out.mip_rows = mip.rows();
    out.lp_bound = lp.solved ? lp.bound : 0;

    stage("heuristic");  // [issue 18 (O)]
    const auto th = Clock::now();
    Allocation rounded = RoundRelaxation(in, lp.solved ? lp.x : flow.x);
    out.rounded_objective = Evaluate(in, rounded).objective;
    if (!plain_x.empty()) {  // the Lagrangian's guide is not always the better one: both are rounded
        Allocation other = RoundRelaxation(in, plain_x);
        const long long o = Evaluate(in, other).objective;
        if (o > out.rounded_objective) rounded = std::move(other), out.rounded_objective = o;
    }
    // Local search gets at most a third of what is left; CBC the rest. With the Lagrangian, a
    // sixth: the steps after it lower the bound and guide better roundings (at scale 75 this one
    // took 4 s after a slow first step, and its allocation was then not improved on).
    auto heuristic_deadline = th + (deadline - th) / (lagrangian ? 6 : 3);
    Allocation best = LocalSearch(in, rounded, heuristic_deadline);
    out.evaluation = Evaluate(in, best);
    out.local_search_objective = out.evaluation.objective;
    out.method = lp.solved ? "LP rounding + local search"
                           : "flow rounding + local search (the LP did not finish in time)";
    const double rounding_seconds = Since(th);
    out.heuristic_seconds += rounding_seconds;
    // With the Lagrangian, CBC and GLPK are not run: the time they would have had goes to more
    // steps, now towards the allocation found, whose objective is known to be reachable (each step
    // is a bound: the gap can only close), at most an eighth of Polyak's length (his step towards
    // a reachable objective overshoots once the bound is near: at scale 75 every step at full,
    // half or quarter length there raised the bound and cost 4–7 s). Then the best step's LP,
    // and the runners-up's, guide more roundings, the best kept: at scale 75 a better λ's LP
    // rounds to more schools served.
    if (lagrangian) {
        const double guided_bound = lp.bound;
        const double until = options.time_limit_seconds - 3;
        const double target = static_cast<double>(out.evaluation.objective);
        rounded_bound = guided_bound;
        lagrangian_steps(target, until, 1.5, 20, 0, 0, 0);
        out.lp_bound = lp.bound;
        // The best λ's LP first (unless it guided the rounding above), then the runners-up,
        // latest first, while time is left: which of them rounds best varies (at scale 75, guides
        // 0.02 % apart in bound gave allocations 0.2 % apart).
        if (lp.bound < guided_bound) guides.push_back(lp.x);
        if (!guides.empty()) {
            const auto tg = Clock::now();
            for (size_t i = guides.size(); i-- > 0;) {
                const auto now = Clock::now();
                if (now + std::chrono::milliseconds(300) > deadline) break;
                Allocation guided = LocalSearch(in, RoundRelaxation(in, guides[i]),
                                                now + (deadline - now) / static_cast<long>(i + 1));
                Evaluation e = Evaluate(in, guided);
                if (e.objective > out.evaluation.objective) {
                    best = std::move(guided);
                    out.evaluation = e;
                    out.local_search_objective = e.objective;
                }
            }
            out.heuristic_seconds += Since(tg);
        }
    }

    // The objective is an integer: an allocation within less than one unit of the bound is optimal.
    out.bound = static_cast<double>(flow.bound);
    out.bound_source = "the flow bound";
    if (lp.solved && lp.bound < out.bound) {
        out.bound = lp.bound;
        out.bound_source = model_solved ? "the LP bound" : "the Lagrangian bound of the guarantee's rows";
    }
    auto proven = [&] {
        return (lp.solved || flow.solved) && out.evaluation.objective >= std::floor(out.bound + 1e-6);
    };
    auto seconds_left = [&] { return std::chrono::duration<double>(deadline - Clock::now()).count(); };
    // CBC gets at most half of what is left, so that GLPK has time to prove; CBC usually ends
    // (with a claim of its own) well before that, and GLPK gets the rest.
    auto run_cbc = [&](double left) {
    if (!proven() && options.branch_and_cut && model_solved && left > 0.05) {
        stage("cbc");  // [issue 18 (O)]
        MipOutcome m = mip.BranchAndCut(best, left);
        out.mip_seconds = m.seconds;
        out.mip_nodes = m.nodes;
        out.mip_ran = true;
        out.mip_finished = !m.stopped;
        if (m.allocation) {
            Evaluation e = Evaluate(in, *m.allocation);
            if (e.objective > out.evaluation.objective) {
                best = *m.allocation;
                out.evaluation = e;
                out.method = "LP rounding + local search + CBC branch and cut";
            }
        }
        // CBC's own bound and "optimal" status are reported, not used: CBC 2.10 declared three
        // different objectives optimal for one budget-limited instance here (ADR 0004).
        out.mip_bound = m.stopped ? 0 : m.bound;
        out.mip_says_optimal = m.proven_optimal;
    }
    };
    // GLPK gets what is left but 0.2 s, for freeing its model and checking its answer (at scale 75
    // it would otherwise end the solve some 50 ms past the limit).
    auto run_glpk = [&](double left) {
    // GLPK must solve the root LP again with its own simplex, many times slower than CLP's on
    // these models: at scale 10 its whole proof took 17 times CLP's LP (3.4 s against 0.20 s), at
    // scale 75 it had not finished the root LP after 22 s (CLP: 3.0 s). With less than
    // kProverLpFactor times CLP's LP time left it could prove nothing, so it is not started: the
    // solve ends sooner with the same result and the LP gap.
    constexpr double kProverLpFactor = 10;
    const bool prover_wanted = !proven() && options.prover && model_solved && left > 0.05;
    if (prover_wanted && left < kProverLpFactor * out.lp_seconds) {
        out.prover_skipped = true;
        char why[128];
        std::snprintf(why, sizeof why, "not started: %.1f s left, less than %.0f times the LP's %.2f s", left,
                      kProverLpFactor, out.lp_seconds);
        out.prover_status = why;
    } else if (prover_wanted) {
        stage("glpk");  // [issue 18 (O)]
        GlpkOutcome g = SolveWithGlpk(mip.Arrays(), std::min(left, options.prover_time_limit_seconds));
        out.prover_ran = true;
        out.prover_seconds = g.seconds;
        out.prover_stopped = g.stopped;
        out.prover_status = g.status;
        // GLPK's allocation is used only if the independent validator accepts it; our evaluation
        // gives its objective (GLPK's own value must agree, to the unit).
        bool valid = false;
        Evaluation e;
        if (!g.columns.empty()) {
            Allocation a = mip.AllocationOf(g.columns.data());
            e = Evaluate(in, a);
            const Problem& p = *in.problem;
            valid = Validate(p, SessionsOf(p, a), e.bus_groups).empty() &&
                    static_cast<double>(e.objective) >= g.objective - 0.5;
            if (valid) {
                out.prover_objective = e.objective;
                if (e.objective > out.evaluation.objective) {
                    best = std::move(a);
                    out.evaluation = e;
                    out.method = "GLPK branch and cut (better than " + out.method + ")";
                }
            } else {
                out.prover_status += "; its allocation was rejected (validator or objective), so it proves nothing";
            }
        }
        if (g.proved && valid) {
            // GLPK's optimum bounds every allocation — unless we hold a better one, which would
            // show GLPK wrong: then its proof is not used.
            if (e.objective >= out.evaluation.objective) {
                if (static_cast<double>(e.objective) < out.bound) {
                    out.bound = static_cast<double>(e.objective);
                    out.bound_source = "GLPK's optimum";
                }
                out.prover_proved = true;
            } else {
                out.prover_status += "; we hold a better allocation than GLPK's optimum, so it proves nothing";
            }
        } else if (g.stopped && g.tree_bound < out.bound &&
                   g.tree_bound >= static_cast<double>(out.evaluation.objective) + 1) {
            // Stopped by the time limit: GLPK's best active node (or its incumbent) bounds what its
            // search had left. Used only when it is tighter than the LP's, and never to claim
            // optimality (that takes GLPK's closed tree, above).
            out.bound = g.tree_bound;
            out.bound_source = "GLPK's tree bound";
        }
    }
    };
    // Which goes first (issue 18, measured in docs/perf.md): with a money budget, GLPK, with half
    // of what is left — CBC's branch and cut stalls on the budget row (at 5,000 EUR, 15 s of CBC
    // for nothing while GLPK proved the optimum in 0.4 s) — and CBC then only if GLPK did not
    // prove. Otherwise CBC first with at most half of what is left (it usually ends well before,
    // with a claim of its own), and GLPK, the prover, with the rest.
    out.glpk_first = options.prover && options.branch_and_cut && in.problem->bus.budget_cents.has_value();
    if (out.glpk_first) {
        run_glpk(seconds_left() / 2 - 0.1);
        if (!proven()) run_cbc(seconds_left() - 0.1);
        else out.cbc_skipped = options.branch_and_cut && lp.solved;
    } else {
        const double left = seconds_left();
        run_cbc(options.prover ? left / 2 : left);
        run_glpk(seconds_left() - 0.2);
    }
    out.allocation = std::move(best);
    out.optimal = proven();
    out.gap = out.bound > 0
                  ? std::max(0.0, (out.bound - static_cast<double>(out.evaluation.objective)) / out.bound)
                  : 0;
    if (out.optimal) out.gap = 0;
    out.shares = PriorityShares(in, out.allocation);
    if (reference_pupils >= 0)
        out.guarantee_cost_pupils = static_cast<double>(reference_pupils - out.evaluation.pupils_served);
    out.seconds = Since(t0);
    return out;
}

}  // namespace juo::alloc

// Tests of the allocation: input checks, the solver against exhaustive search on small random
// instances, GLPK's proofs, the validator on every result, fairness, buses, explanations, and the
// MPS export.
#include <gtest/gtest.h>

#include <CoinMpsIO.hpp>
#include <OsiClpSolverInterface.hpp>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "alloc/build_problem.h"
#include "alloc/explain.h"
#include "alloc/fcfs.h"
#include "alloc/glpk_prover.h"
#include "alloc/mip.h"
#include "alloc/solver.h"
#include "alloc/validator.h"
#include "common/rng.h"

namespace juo::alloc {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // g++ -fsanitize=address (the debug preset)
#elif defined(__has_feature)
constexpr bool kSanitized = __has_feature(address_sanitizer);  // clang
#else
constexpr bool kSanitized = false;
#endif

// The solver's default options, with ten times its 30 s budget when built with AddressSanitizer:
// the instrumented heuristic and the intercepted allocations of CBC and GLPK are several times
// slower, and a solve cut short by the budget is neither proved optimal nor deterministic. These
// tests check answers, not speed (bench/ times the release build).
SolveOptions TestOptions() {
    SolveOptions options;
    if (kSanitized) options.time_limit_seconds *= 10;
    return options;
}

domain::Site MakeSite(long long id, double lat, double lon, std::string dept = "69") {
    domain::Site s;
    s.id = id;
    s.name = "Usine " + std::to_string(id);
    s.naf_division = "29";
    s.department_code = std::move(dept);
    s.position = {lat, lon};
    return s;
}

domain::Session MakeSession(long long id, long long site, int people, int groups) {
    domain::Session s;
    s.id = id;
    s.site_id = site;
    s.day_date = "2025-04-04";
    s.starts_at = "09:00";
    s.ends_at = "11:00";
    s.capacity_people = people;
    s.capacity_groups = groups;
    s.audiences = {domain::Audience::kSchool, domain::Audience::kJobSeekers};
    return s;
}

domain::GroupRequest MakeRequest(long long id, long long school, int pupils,
                                 const std::vector<long long>& sessions, bool bus = false) {
    domain::GroupRequest r;
    r.id = id;
    r.school_id = school;
    r.level = "3e";
    r.pupils = pupils;
    r.adults = 2;
    r.bus_needed = bus;
    r.position = {45.75 + 0.01 * static_cast<double>(school), 4.85};
    r.department_code = "69";
    r.submitted_at = "2025-01-" + std::to_string(10 + id) + "T10:00:00Z";
    int rank = 1;
    for (long long s : sessions) r.wishes.push_back({rank++, s, std::nullopt});
    return r;
}

domain::School MakeSchool(long long id) {
    domain::School s;
    s.id = id;
    s.name = "Collège " + std::to_string(id);
    s.department_code = "69";
    s.position = {45.75 + 0.01 * static_cast<double>(id), 4.85};
    return s;
}

// Pupils served by kind as Instance::requested counts them (the guarantee's), computed apart.
std::vector<long long> ServedByKind(const Instance& in, const Allocation& a) {
    std::vector<long long> served(kPriorityKinds + 1, 0);
    for (size_t i = 0; i < a.chosen.size(); ++i) {
        if (a.chosen[i] < 0 || !in.counted[i]) continue;
        const Request& r = in.problem->requests[i];
        if (NoPriority(r.kinds)) served[kPriorityKinds] += r.pupils;
        for (int g = 0; g < kPriorityKinds; ++g)
            if (r.kinds & (1u << g)) served[static_cast<size_t>(g)] += r.pupils;
    }
    return served;
}

// Every assignment of requests to candidates (or none), the best valid one by the validator
// (and, with `guarantee`, meeting the priority guarantee: Solve's default).
long long ExhaustiveOptimum(const Instance& in, bool guarantee = true) {
    const Problem& p = *in.problem;
    Allocation a{std::vector<int>(p.requests.size(), -1)};
    long long best = std::numeric_limits<long long>::min();
    std::function<void(size_t)> rec = [&](size_t i) {
        if (i == p.requests.size()) {
            Evaluation e = Evaluate(in, a);
            if (Validate(p, SessionsOf(p, a), e.bus_groups).empty() &&
                (!guarantee || GuaranteeHolds(in, ServedByKind(in, a))))
                best = std::max(best, e.objective);
            return;
        }
        a.chosen[i] = -1;
        rec(i + 1);
        for (int k : in.by_request[i]) {
            a.chosen[i] = k;
            rec(i + 1);
        }
        a.chosen[i] = -1;
    };
    rec(0);
    return best;
}

ProblemInput RandomInput(Rng& rng) {
    ProblemInput in;
    int sites = static_cast<int>(rng.Int(2, 3));
    for (int s = 1; s <= sites; ++s) {
        in.sites.push_back(MakeSite(s, 45.7 + rng.Uniform() * 0.6, 4.8 + rng.Uniform() * 0.6,
                                    rng.Chance(0.5) ? "69" : "01"));
        in.sessions.push_back(
            MakeSession(s, s, static_cast<int>(rng.Int(40, 90)), static_cast<int>(rng.Int(1, 3))));
        if (rng.Chance(0.3)) in.sessions.back().min_level = "2nde";
    }
    int schools = static_cast<int>(rng.Int(2, 4));
    for (int s = 1; s <= schools; ++s) {
        in.schools.push_back(MakeSchool(s));
        if (rng.Chance(0.3)) in.schools.back().priority_education = domain::PriorityEducation::kRep;
        if (rng.Chance(0.2)) in.schools.back().rural = true;
    }
    int requests = static_cast<int>(rng.Int(4, 7));
    for (int i = 1; i <= requests; ++i) {
        std::vector<long long> wishes;
        for (int s = 1; s <= sites; ++s)
            if (rng.Chance(0.6)) wishes.push_back(s);
        if (wishes.empty()) wishes.push_back(1);
        if (rng.Chance(0.5)) std::reverse(wishes.begin(), wishes.end());
        auto r =
            MakeRequest(i, rng.Int(1, schools), static_cast<int>(rng.Int(15, 30)), wishes, rng.Chance(0.5));
        r.department_code = rng.Chance(0.7) ? "69" : "01";
        if (rng.Chance(0.3)) r.level = "2nde";
        in.requests.push_back(r);
    }
    in.bus.cost.seats = 55;
    if (rng.Chance(0.7)) in.bus.max_buses = static_cast<int>(rng.Int(0, 2));
    if (rng.Chance(0.5)) in.bus.budget_cents = rng.Int(30000, 120000);
    return in;
}

TEST(AllocTest, OptimumEqualsExhaustiveSearchOnSmallInstances) {
    Rng rng(20250404);
    int with_choices = 0, by_lp = 0, by_glpk = 0, guarantee_binds = 0;
    for (int t = 0; t < 150; ++t) {
        ProblemInput input = RandomInput(rng);
        auto problem = BuildProblem(input);
        ASSERT_TRUE(problem.ok()) << problem.error().message;
        Instance in = Compile(*problem);
        SolveResult r = Solve(in, {});
        EXPECT_TRUE(Validate(*problem, SessionsOf(*problem, r.allocation), r.evaluation.bus_groups).empty())
            << "instance " << t;
        // The fairness rules hold as long as the priority guarantee does not bind (it may keep a
        // school with no priority out, ADR 0019).
        const long long unguaranteed = ExhaustiveOptimum(in, false);
        long long best = ExhaustiveOptimum(in);
        FairnessReport fair =
            CheckFairness(*problem, SessionsOf(*problem, r.allocation), r.evaluation.bus_groups);
        if (best == unguaranteed) {
            EXPECT_EQ(fair.schools_left_out, 0) << "instance " << t;
            EXPECT_EQ(fair.departments_left_out, 0) << "instance " << t;
        } else {
            ++guarantee_binds;
        }
        EXPECT_EQ(r.evaluation.objective, best) << "instance " << t;
        // Every optimum is proven: by the LP bound alone, or else by GLPK, whose proven optimum
        // is the exhaustive one.
        EXPECT_TRUE(r.optimal) << "instance " << t;
        EXPECT_EQ(r.gap, 0) << "instance " << t;
        if (r.prover_ran) {
            ++by_glpk;
            EXPECT_TRUE(r.prover_proved) << "instance " << t << ": " << r.prover_status;
            EXPECT_EQ(r.bound, static_cast<double>(best)) << "instance " << t;
            EXPECT_EQ(r.bound_source, "GLPK's optimum") << "instance " << t;
            EXPECT_EQ(r.prover_objective, best) << "instance " << t;
        } else if (r.optimal) {
            ++by_lp;
            EXPECT_TRUE(r.bound_source == "the LP bound" || r.bound_source == "the flow bound")
                << "instance " << t << ": " << r.bound_source;
        }
        EXPECT_GE(r.bound + 1e-6, static_cast<double>(best)) << "instance " << t;
        Allocation f = FirstComeFirstServed(in);
        Evaluation fe = Evaluate(in, f);
        EXPECT_TRUE(Validate(*problem, SessionsOf(*problem, f), fe.bus_groups).empty()) << "instance " << t;
        EXPECT_LE(fe.objective, unguaranteed);  // first come ignores the guarantee
        with_choices += fe.objective < best;
    }
    EXPECT_GT(guarantee_binds, 0);  // some instances exercise the guarantee
    EXPECT_GT(with_choices, 10);  // the instances are not trivial: first-come often loses
    EXPECT_GT(by_lp, 70);         // the LP bound is often tight enough to prove the optimum
    EXPECT_GT(by_glpk, 10);       // and where it is not, GLPK proves it
}

// GLPK on its own, on the model CBC gets: its proven optimum is the exhaustive one, on every small
// instance (the LP bound proves some of them; GLPK is asked anyway).
TEST(AllocTest, GlpkProvesTheExhaustiveOptimum) {
    Rng rng(20250404);
    for (int t = 0; t < 150; ++t) {
        auto problem = BuildProblem(RandomInput(rng));
        ASSERT_TRUE(problem.ok()) << problem.error().message;
        Instance in = Compile(*problem);
        Mip mip(in);
        GlpkOutcome g = SolveWithGlpk(mip.Arrays(), 10);
        ASSERT_TRUE(g.proved) << "instance " << t << ": " << g.status;
        EXPECT_FALSE(g.stopped);
        ASSERT_EQ(g.columns.size(), static_cast<size_t>(mip.columns()));
        long long best = ExhaustiveOptimum(in, /*guarantee=*/false);  // no guarantee rows added
        EXPECT_EQ(std::llround(g.objective), best) << "instance " << t;
        Allocation a = mip.AllocationOf(g.columns.data());
        Evaluation e = Evaluate(in, a);
        EXPECT_EQ(e.objective, best) << "instance " << t;
        EXPECT_TRUE(Validate(*problem, SessionsOf(*problem, a), e.bus_groups).empty()) << "instance " << t;
    }
}

// Without CBC, the heuristic alone misses the optimum of some instances: GLPK finds it, and its
// allocation is the one returned.
TEST(AllocTest, WithoutCbcGlpkFindsAndProvesTheOptimum) {
    Rng rng(20250404);
    int improved = 0;
    SolveOptions no_cbc;
    no_cbc.branch_and_cut = false;
    for (int t = 0; t < 150; ++t) {
        auto problem = BuildProblem(RandomInput(rng));
        ASSERT_TRUE(problem.ok()) << problem.error().message;
        Instance in = Compile(*problem);
        SolveResult r = Solve(in, no_cbc);
        EXPECT_FALSE(r.mip_ran);
        EXPECT_TRUE(r.optimal) << "instance " << t;
        EXPECT_EQ(r.evaluation.objective, ExhaustiveOptimum(in)) << "instance " << t;
        EXPECT_TRUE(Validate(*problem, SessionsOf(*problem, r.allocation), r.evaluation.bus_groups).empty());
        if (r.local_search_objective < r.evaluation.objective) {
            ++improved;
            EXPECT_EQ(r.method.rfind("GLPK branch and cut", 0), 0u) << r.method;
        }
    }
    EXPECT_GT(improved, 0);
}

// `sites` random sites in two departments with one session each (60–130 people, 2–4 groups),
// and `schools` schools; no requests yet.
ProblemInput SitesAndSchools(Rng& rng, int sites, int schools) {
    ProblemInput in;
    for (int s = 1; s <= sites; ++s) {
        in.sites.push_back(MakeSite(s, 45 + rng.Uniform() * 2, 4 + rng.Uniform() * 2, s % 3 ? "69" : "38"));
        in.sessions.push_back(
            MakeSession(s, s, static_cast<int>(rng.Int(60, 130)), static_cast<int>(rng.Int(2, 4))));
    }
    for (int s = 1; s <= schools; ++s) in.schools.push_back(MakeSchool(s));
    return in;
}

TEST(AllocTest, LargerInstancesAreValidDeterministicAndBeatFirstCome) {
    Rng rng(75);
    ProblemInput in = SitesAndSchools(rng, 20, 60);
    for (int i = 1; i <= 100; ++i) {
        std::vector<long long> wishes;
        while (wishes.size() < 3) {
            long long s = rng.Int(1, 20);
            if (std::find(wishes.begin(), wishes.end(), s) == wishes.end()) wishes.push_back(s);
        }
        in.requests.push_back(
            MakeRequest(i, rng.Int(1, 60), static_cast<int>(rng.Int(15, 30)), wishes, rng.Chance(0.4)));
    }
    in.bus.max_buses = 12;
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveResult a = Solve(inst, TestOptions());
    SolveResult b = Solve(inst, TestOptions());
    EXPECT_TRUE(Validate(*p, SessionsOf(*p, a.allocation), a.evaluation.bus_groups).empty());
    EXPECT_EQ(a.allocation.chosen, b.allocation.chosen);  // same input, same answer
    // GLPK proves it (in about 5 s here, after CBC's 1.3 s: the slowest alloc test).
    EXPECT_TRUE(a.optimal) << a.prover_status;
    EXPECT_TRUE(a.prover_proved);
    EXPECT_LE(a.evaluation.buses, 12);
    Evaluation f = Evaluate(inst, FirstComeFirstServed(inst));
    EXPECT_GT(a.evaluation.objective, f.objective);
    EXPECT_GE(a.evaluation.schools_served, f.schools_served);
}

TEST(AllocTest, WithoutTheLpTheFlowBoundAndItsRoundingStillHold) {
    Rng rng(11);
    for (int t = 0; t < 20; ++t) {
        ProblemInput input = RandomInput(rng);
        auto p = BuildProblem(input);
        ASSERT_TRUE(p.ok());
        Instance inst = Compile(*p);
        SolveOptions quick;
        quick.lp_relaxation =
            false;  // as when the LP does not finish in time: the flow bound and its rounding
        SolveResult r = Solve(inst, quick);
        EXPECT_TRUE(Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty());
        long long best = ExhaustiveOptimum(inst);
        EXPECT_GE(r.bound + 1e-6, static_cast<double>(best)) << "instance " << t;
        EXPECT_GE(static_cast<double>(r.flow_bound), static_cast<double>(ExhaustiveOptimum(inst, false)))
            << "instance " << t;
        EXPECT_LE(r.evaluation.objective, best);
        EXPECT_EQ(r.lp_bound, 0);
        EXPECT_EQ(r.bound, static_cast<double>(r.flow_bound));
    }
}

TEST(AllocTest, InputChecksNameTheProblem) {
    ProblemInput base;
    base.sites = {MakeSite(1, 45.8, 4.9)};
    base.sessions = {MakeSession(10, 1, 60, 2)};
    base.schools = {MakeSchool(1)};
    base.requests = {MakeRequest(1, 1, 25, {10})};
    ASSERT_TRUE(BuildProblem(base).ok());

    auto expect_error = [](const ProblemInput& in, const std::string& part) {
        auto p = BuildProblem(in);
        ASSERT_FALSE(p.ok());
        EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(p.error().message.find(part), std::string::npos) << p.error().message;
    };
    auto in = base;
    in.requests[0].wishes.push_back({2, 99, std::nullopt});
    expect_error(in, "session 99");
    in = base;
    in.requests[0].pupils = 0;
    expect_error(in, "0 pupils");
    in = base;
    in.requests[0].pupils = 80;
    expect_error(in, "more than any session");
    in = base;
    in.bus.budget_cents = -100;
    expect_error(in, "budget is below zero");
    in = base;
    in.requests[0].position = {123, 4};
    expect_error(in, "impossible position");
}

TEST(AllocTest, NoSchoolGetsASecondClassBeforeAnotherSchoolGetsOne) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9)};
    in.sessions = {MakeSession(10, 1, 100, 2)};
    in.schools = {MakeSchool(1), MakeSchool(2)};
    in.requests = {MakeRequest(1, 1, 30, {10}), MakeRequest(2, 1, 30, {10}), MakeRequest(3, 2, 20, {10})};
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveResult r = Solve(inst, TestOptions());
    EXPECT_GE(r.allocation.chosen[2], 0);  // the smaller class of the second school is in
    EXPECT_EQ(r.evaluation.schools_served, 2);
    // First come first served takes both classes of school 1 (they asked first).
    Allocation fcfs = FirstComeFirstServed(inst);
    Evaluation f = Evaluate(inst, fcfs);
    EXPECT_EQ(f.schools_served, 1);
    // The fairness check sees it: school 2 could take the place of school 1's second class.
    FairnessReport unfair = CheckFairness(*p, SessionsOf(*p, fcfs), f.bus_groups);
    EXPECT_EQ(unfair.schools_left_out, 1);
    ASSERT_EQ(unfair.examples.size(), 1u);
    EXPECT_NE(unfair.examples[0].find("request 3"), std::string::npos) << unfair.examples[0];
    EXPECT_EQ(CheckFairness(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).schools_left_out, 0);
}

TEST(AllocTest, NoDepartmentLeftOutWhenItCouldBeServed) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9)};
    in.sessions = {MakeSession(10, 1, 100, 2)};
    in.schools = {MakeSchool(1), MakeSchool(2), MakeSchool(3)};
    in.requests = {MakeRequest(1, 1, 30, {10}), MakeRequest(2, 2, 30, {10}), MakeRequest(3, 3, 18, {10})};
    in.requests[2].department_code = "01";
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    SolveResult r = Solve(Compile(*p), {});
    EXPECT_GE(r.allocation.chosen[2], 0);
    EXPECT_EQ(r.evaluation.departments_served, 2);
}

TEST(AllocTest, ClassesOfOneSchoolShareABusAndTheBudgetHolds) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.9, 4.9), MakeSite(2, 46.2, 5.2)};
    in.sessions = {MakeSession(10, 1, 200, 6), MakeSession(20, 2, 200, 6)};
    in.schools = {MakeSchool(1), MakeSchool(2)};
    in.requests = {MakeRequest(1, 1, 24, {10}, true), MakeRequest(2, 1, 24, {10}, true),
                   MakeRequest(3, 2, 20, {20}, true), MakeRequest(4, 2, 20, {20}, true)};
    in.bus.max_buses = 1;
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveResult r = Solve(inst, TestOptions());
    EXPECT_TRUE(Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty());
    EXPECT_EQ(r.evaluation.buses, 1);
    EXPECT_EQ(r.evaluation.requests_served, 2);  // two classes of one school in one 55-seat bus
    ASSERT_EQ(r.evaluation.bus_groups.size(), 1u);
    EXPECT_EQ(r.evaluation.bus_groups[0].requests.size(), 2u);
}

// 60 requests of 25 schools in two departments for 12 sessions, half of them needing a bus,
// with a euro budget and a bus count: every kind of column and row, and an LP gap.
ProblemInput BudgetInput() {
    Rng rng(5);
    ProblemInput in = SitesAndSchools(rng, 12, 25);
    for (int i = 1; i <= 60; ++i) {
        auto r = MakeRequest(i, rng.Int(1, 25), static_cast<int>(rng.Int(15, 30)),
                             {rng.Int(1, 6), rng.Int(7, 12)}, rng.Chance(0.5));
        r.department_code = rng.Chance(0.5) ? "69" : "01";
        in.requests.push_back(r);
    }
    in.bus.cost.seats = 55;
    in.bus.max_buses = 8;
    in.bus.budget_cents = 400000;
    return in;
}

// With a budget, GLPK after CBC: the allocation is valid and at least as good as without GLPK, and
// when GLPK proves it, the bound is its optimum. GLPK's limit at 0 stops it at once: no claim,
// the LP gap stays.
TEST(AllocTest, WithABudgetGlpkProvesOrKeepsTheLpGap) {
    auto p = BuildProblem(BudgetInput());
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    auto valid = [&](const SolveResult& r) {
        return Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty();
    };
    SolveOptions without;
    without.prover = false;
    SolveResult before = Solve(inst, without);
    SolveResult r = Solve(inst, TestOptions());
    EXPECT_FALSE(before.prover_ran);
    EXPECT_FALSE(before.optimal);  // the LP gap does not close on its own here
    EXPECT_TRUE(valid(before));
    EXPECT_TRUE(valid(r));
    EXPECT_GE(r.evaluation.objective, before.evaluation.objective);
    ASSERT_TRUE(r.prover_ran);
    EXPECT_TRUE(r.prover_proved) << r.prover_status;
    EXPECT_TRUE(r.optimal);
    EXPECT_EQ(r.bound, static_cast<double>(r.evaluation.objective));
    EXPECT_LE(r.bound, r.lp_bound);
    EXPECT_EQ(r.bound_source, "GLPK's optimum");

    SolveOptions no_time;
    no_time.branch_and_cut = false;
    no_time.prover_time_limit_seconds = 0;
    SolveResult stopped = Solve(inst, no_time);
    EXPECT_TRUE(valid(stopped));
    ASSERT_TRUE(stopped.prover_ran);
    EXPECT_TRUE(stopped.prover_stopped) << stopped.prover_status;
    EXPECT_FALSE(stopped.prover_proved);
    EXPECT_FALSE(stopped.optimal);
    EXPECT_EQ(stopped.bound, stopped.lp_bound);
    EXPECT_EQ(stopped.bound_source, "the LP bound");
    EXPECT_GT(stopped.gap, 0);
    EXPECT_LE(stopped.evaluation.objective, r.evaluation.objective);
}

// The MPS file is the model CBC gets: read back with CoinMpsIO, it has the model's rows and
// columns, all integer; its LP relaxation has our LP bound; and the solver's allocation, set
// through the columns' names alone, satisfies every row at an MPS objective of −(our objective).
TEST(AllocTest, MpsExportReadsBackAsTheSameModel) {
    auto p = BuildProblem(BudgetInput());
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    Mip mip(inst);
    const std::string path = ::testing::TempDir() + "alloc_export_test.mps";
    std::string error;
    ASSERT_TRUE(mip.WriteMps(path, &error)) << error;
    EXPECT_FALSE(mip.WriteMps("/nonexistent-dir/x.mps", &error));
    EXPECT_NE(error.find("/nonexistent-dir/x.mps"), std::string::npos) << error;

    CoinMpsIO mps;
    mps.messageHandler()->setLogLevel(0);
    ASSERT_EQ(mps.readMps(path.c_str(), ""), 0);
    std::remove(path.c_str());
    const int rows = mps.getNumRows(), cols = mps.getNumCols();
    EXPECT_EQ(rows, mip.rows());
    EXPECT_EQ(cols, mip.columns());
    for (int c = 0; c < cols; ++c) EXPECT_TRUE(mps.isInteger(c)) << mps.columnName(c);
    EXPECT_EQ(mps.objectiveOffset(), 0);
    std::map<char, int> kinds;  // the instance has every kind of column: x, y, z and n
    for (int c = 0; c < cols; ++c) ++kinds[mps.columnName(c)[0]];
    EXPECT_GT(kinds['x'], 60);
    EXPECT_GT(kinds['y'], 0);
    EXPECT_EQ(kinds['z'], 2);
    EXPECT_GT(kinds['n'], 0);
    EXPECT_EQ(kinds.size(), 4u);

    SolveResult r = Solve(inst, TestOptions());
    ASSERT_TRUE(Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty());
    OsiClpSolverInterface lp;
    lp.messageHandler()->setLogLevel(0);
    lp.loadProblem(*mps.getMatrixByCol(), mps.getColLower(), mps.getColUpper(), mps.getObjCoefficients(),
                   mps.getRowLower(), mps.getRowUpper());
    lp.initialSolve();
    ASSERT_TRUE(lp.isProvenOptimal());
    EXPECT_NEAR(-lp.getObjValue(), r.lp_bound, 1e-6 * r.lp_bound);
    EXPECT_GT(r.lp_bound, static_cast<double>(r.evaluation.objective));  // the bound is not trivially met

    // The allocation as columns, from the names: x_r<request>_s<session>, y_<school key>,
    // z_<department>, n_s<session>_r<a request of the pool's school>.
    std::map<std::string, double> value;
    std::map<std::pair<long long, long long>, int> buses;  // (session id, school key) → buses
    std::map<long long, long long> school_of;              // request id → school key
    for (const auto& q : p->requests) school_of[q.id] = q.school_key;
    for (size_t i = 0; i < p->requests.size(); ++i) {
        int k = r.allocation.chosen[i];
        if (k < 0) continue;
        const Request& q = p->requests[i];
        long long session =
            p->sessions[static_cast<size_t>(p->candidates[static_cast<size_t>(k)].session)].id;
        value["x_r" + std::to_string(q.id) + "_s" + std::to_string(session)] = 1;
        value["y_" + std::to_string(q.school_key)] = 1;
        value["z_" + q.department] = 1;
    }
    for (const auto& g : r.evaluation.bus_groups)
        buses[{p->sessions[static_cast<size_t>(g.session)].id,
               p->requests[static_cast<size_t>(g.requests.front())].school_key}] += g.buses;
    std::vector<double> x(static_cast<size_t>(cols), 0);
    int served = 0;  // x columns set: every served request must have found its column
    for (int c = 0; c < cols; ++c) {
        std::string name = mps.columnName(c);
        if (name[0] == 'n') {
            long long session = 0, request = 0;
            ASSERT_EQ(std::sscanf(name.c_str(), "n_s%lld_r%lld", &session, &request), 2) << name;
            x[static_cast<size_t>(c)] = buses[{session, school_of.at(request)}];
        } else if (auto it = value.find(name); it != value.end()) {
            x[static_cast<size_t>(c)] = it->second;
            served += name[0] == 'x';
        }
    }
    EXPECT_EQ(served, r.evaluation.requests_served);
    EXPECT_GT(served, 20);
    double objective = 0;
    for (int c = 0; c < cols; ++c) objective += mps.getObjCoefficients()[c] * x[static_cast<size_t>(c)];
    EXPECT_EQ(std::llround(-objective), r.evaluation.objective);
    std::vector<double> activity(static_cast<size_t>(rows), 0);
    mps.getMatrixByCol()->times(x.data(), activity.data());
    for (int i = 0; i < rows; ++i) {
        EXPECT_GE(activity[static_cast<size_t>(i)], mps.getRowLower()[i] - 1e-9) << mps.rowName(i);
        EXPECT_LE(activity[static_cast<size_t>(i)], mps.getRowUpper()[i] + 1e-9) << mps.rowName(i);
    }
}

TEST(AllocTest, ValidatorCatchesOverbookingAndBudget) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9)};
    in.sessions = {MakeSession(10, 1, 50, 2)};
    in.schools = {MakeSchool(1), MakeSchool(2)};
    in.requests = {MakeRequest(1, 1, 25, {10}, true), MakeRequest(2, 2, 25, {10})};
    in.bus.max_buses = 0;
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    Allocation both{{inst.by_request[0][0], inst.by_request[1][0]}};
    Evaluation e = Evaluate(inst, both);
    auto v = Validate(*p, SessionsOf(*p, both), e.bus_groups);
    ASSERT_EQ(v.size(), 2u);  // 54 people for 50 places, and 1 bus over a limit of 0
    EXPECT_NE(v[0].find("54 people for 50 places"), std::string::npos) << v[0];
    EXPECT_NE(v[1].find("over the limit of 0"), std::string::npos) << v[1];
    // Without its bus group, the class that needs a bus is caught too.
    auto w = Validate(*p, SessionsOf(*p, both), {});
    EXPECT_FALSE(w.empty());
}

TEST(AllocTest, ExplanationNamesARealAlternative) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.80, 4.90), MakeSite(2, 45.85, 4.95), MakeSite(3, 47.0, 6.0)};
    in.sessions = {MakeSession(10, 1, 35, 1), MakeSession(20, 2, 60, 2), MakeSession(30, 3, 60, 2)};
    in.schools = {MakeSchool(1), MakeSchool(2)};
    in.requests = {MakeRequest(1, 1, 28, {10}), MakeRequest(2, 2, 25, {10})};
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveResult r = Solve(inst, TestOptions());
    auto ex = Explain(inst, r.allocation);
    int refused = r.allocation.chosen[0] < 0 ? 0 : 1;
    ASSERT_LT(r.allocation.chosen[static_cast<size_t>(refused)], 0);
    const Explanation& e = ex[static_cast<size_t>(refused)];
    EXPECT_EQ(e.outcome, Outcome::kRefused);
    ASSERT_EQ(e.reasons.size(), 1u);
    EXPECT_EQ(e.reasons[0], Reason::kFull);
    ASSERT_GE(e.alternatives.size(), 1u);
    // The nearest alternative is session 20 (site 2, a few km away), not the far one, and the
    // group really fits there: adding it keeps the allocation valid.
    const Alternative& alt = e.alternatives[0];
    EXPECT_EQ(p->sessions[static_cast<size_t>(alt.session)].id, 20);
    EXPECT_NE(e.text_en.find("Usine 2"), std::string::npos) << e.text_en;
    std::vector<int> with = SessionsOf(*p, r.allocation);
    with[static_cast<size_t>(refused)] = alt.session;
    // Wishes do not name session 20: the validator reports only that, not a capacity problem.
    auto v = Validate(*p, with, {});
    ASSERT_EQ(v.size(), 1u);
    EXPECT_NE(v[0].find("did not ask for"), std::string::npos);
}


// [block: issue 18 — pins, exclusions, seed, guarantee, budget runs]

// Five requests of five schools for two sessions of two groups each, some with a bus.
ProblemInput PinInput() {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9), MakeSite(2, 46.0, 5.1)};
    in.sessions = {MakeSession(10, 1, 100, 2), MakeSession(20, 2, 100, 2)};
    for (int s = 1; s <= 5; ++s) in.schools.push_back(MakeSchool(s));
    in.requests = {MakeRequest(1, 1, 30, {10, 20}), MakeRequest(2, 2, 28, {10, 20}, true),
                   MakeRequest(3, 3, 26, {10, 20}), MakeRequest(4, 4, 24, {20, 10}, true),
                   MakeRequest(5, 5, 22, {20, 10})};
    in.bus.max_buses = 2;
    return in;
}

TEST(AllocTest, PinsAndExclusionsAreCheckedByBuildProblem) {
    auto expect_error = [](const ProblemInput& in, const std::string& part) {
        auto p = BuildProblem(in);
        ASSERT_FALSE(p.ok());
        EXPECT_EQ(p.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(p.error().message.find(part), std::string::npos) << p.error().message;
    };
    ProblemInput in = PinInput();
    in.requests[0].wishes.resize(1);  // request 1 wishes tour 10 only
    in.pinned = {{1, 20}};
    expect_error(in, "request 1 cannot be pinned to tour 20");
    in = PinInput();
    in.pinned = {{2, 10}};
    in.excluded = {{2, 10}};
    expect_error(in, "request 2 at tour 10 is both pinned and excluded");
    in = PinInput();
    in.pinned = {{99, 10}};
    expect_error(in, "request 99");
    in = PinInput();  // three groups pinned to a session of two
    in.pinned = {{1, 10}, {3, 10}, {5, 10}};
    expect_error(in, "pinned placements alone do not fit");
    in = PinInput();
    in.pinned = {{1, 20}};
    in.excluded = {{2, 10}};
    auto ok = BuildProblem(in);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->pinned.size(), 1u);
    EXPECT_EQ(ok->excluded.size(), 1u);
}

// A pin and an exclusion against what the solver would choose: every stage honours them, the
// validator catches a breach, and first-come ignores them.
TEST(AllocTest, PinsAndExclusionsAreHonouredByEveryStage) {
    ProblemInput in = PinInput();
    auto free = BuildProblem(in);
    ASSERT_TRUE(free.ok());
    Instance free_inst = Compile(*free);
    SolveResult unpinned = Solve(free_inst, TestOptions());
    in.pinned = {{5, 10}};    // request 5 to its second wish
    in.excluded = {{1, 10}};  // request 1 not at its first
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok()) << p.error().message;
    Instance inst = Compile(*p);
    auto session_id = [&](const Allocation& a, size_t i) {
        return a.chosen[i] < 0
                   ? -1LL
                   : p->sessions[static_cast<size_t>(p->candidates[static_cast<size_t>(a.chosen[i])].session)].id;
    };
    SolveOptions heuristic_only = TestOptions(), no_cbc = TestOptions(), no_glpk = TestOptions();
    heuristic_only.lp_relaxation = false;
    no_cbc.branch_and_cut = false;
    no_glpk.prover = false;
    long long best = ExhaustiveOptimum(inst);
    for (const SolveOptions& o : {TestOptions(), heuristic_only, no_cbc, no_glpk}) {
        SolveResult r = Solve(inst, o);
        EXPECT_TRUE(Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty());
        EXPECT_EQ(session_id(r.allocation, 4), 10);
        EXPECT_NE(session_id(r.allocation, 0), 10);
        EXPECT_LE(r.evaluation.objective, best);
        EXPECT_GE(r.bound + 1e-6, static_cast<double>(best));
        EXPECT_GE(static_cast<double>(r.flow_bound) + 1e-6, static_cast<double>(best));
    }
    SolveResult r = Solve(inst, TestOptions());
    EXPECT_TRUE(r.optimal);
    EXPECT_EQ(r.evaluation.objective, best);
    EXPECT_LE(r.evaluation.objective, unpinned.evaluation.objective);
    // The validator sees a breach of each.
    Allocation breach = r.allocation;
    breach.chosen[4] = -1;
    auto v = Validate(*p, SessionsOf(*p, breach), Evaluate(inst, breach).bus_groups);
    ASSERT_FALSE(v.empty());
    EXPECT_NE(v[0].find("request 5 is pinned to session 10"), std::string::npos) << v[0];
    Allocation excluded{std::vector<int>(p->requests.size(), -1)};
    excluded.chosen[0] = inst.by_request[0][0];  // request 1 at tour 10, its first wish
    v = Validate(*p, SessionsOf(*p, excluded), {});
    EXPECT_TRUE(std::any_of(v.begin(), v.end(), [](const std::string& line) {
        return line.find("request 1 is sent to session 10, which the organiser excluded") != std::string::npos;
    }));
    excluded.chosen[4] = inst.pinned[4];
    EXPECT_EQ(Validate(*p, SessionsOf(*p, excluded), {}).size(), 1u);
    EXPECT_TRUE(Validate(*p, SessionsOf(*p, excluded), {}, /*check_pins=*/false).empty());
    // First come, first served is what it would have been without them.
    EXPECT_EQ(FirstComeFirstServed(inst).chosen, FirstComeFirstServed(free_inst).chosen);
}

// Eight identical classes of eight schools (same size, same place, no priority) for a session
// of four groups: the objective ties; the seed decides who goes, the same seed the same way.
TEST(AllocTest, TheSeedBreaksTiesTheSameWayEachTime) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9)};
    in.sessions = {MakeSession(10, 1, 200, 4)};
    for (int s = 1; s <= 8; ++s) {
        in.schools.push_back(MakeSchool(s));
        in.schools.back().position = {45.75, 4.85};
        auto r = MakeRequest(s, s, 25, {10});
        r.position = {45.75, 4.85};
        in.requests.push_back(r);
    }
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    std::set<std::vector<int>> outcomes;
    for (unsigned long long seed : {1ULL, 2ULL, 3ULL, 4ULL, 5ULL, 6ULL}) {
        SolveOptions o = TestOptions();
        o.seed = seed;
        SolveResult a = Solve(inst, o), b = Solve(inst, o);
        EXPECT_EQ(a.seed, seed);
        EXPECT_EQ(a.allocation.chosen, b.allocation.chosen) << "seed " << seed;
        EXPECT_TRUE(a.optimal);
        EXPECT_EQ(a.evaluation.requests_served, 4);
        outcomes.insert(a.allocation.chosen);
    }
    EXPECT_GT(outcomes.size(), 1u);  // the seed, not the request order, decides
}

// A far REP school and a near school with no priority, three classes of 25 each, all needing a
// bus (two classes a bus), and a budget for one far bus and two near ones: without the guarantee
// the near school sends all its classes and the REP school two of three; with it, the REP share
// is at least the other's, at a price of one class.
TEST(AllocTest, ThePriorityGuaranteeServesPriorityKindsAtLeastAsWell) {
    ProblemInput in;
    in.sites = {MakeSite(1, 45.8, 4.9)};
    in.sessions = {MakeSession(10, 1, 400, 10)};
    in.schools = {MakeSchool(1), MakeSchool(2)};
    in.schools[0].priority_education = domain::PriorityEducation::kRep;
    in.schools[0].position = {44.0, 4.9};   // 200 km away: a 1,650 EUR bus
    in.schools[1].position = {45.8, 4.91};  // under a km: a 353 EUR bus
    for (int i = 1; i <= 6; ++i) {
        auto r = MakeRequest(i, i <= 3 ? 1 : 2, 25, {10}, true);
        r.adults = 0;
        r.position = in.schools[i <= 3 ? 0 : 1].position;
        in.requests.push_back(r);
    }
    in.bus.cost.seats = 50;
    in.bus.cost.fixed_cents = 35000;
    in.bus.cost.per_km_cents = 250;
    in.bus.budget_cents = 240000;
    auto p = BuildProblem(in);
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveOptions off = TestOptions();
    off.priority_guarantee = false;
    SolveResult plain = Solve(inst, off), fair = Solve(inst, TestOptions());
    auto share = [](const SolveResult& r, const std::string& kind) {
        for (const auto& s : r.shares)
            if (s.kind == kind) return s.share();
        return -1.0;
    };
    EXPECT_FALSE(plain.guarantee_on);
    EXPECT_LT(share(plain, "rep"), share(plain, "none"));  // the weight alone is not enough here
    EXPECT_EQ(plain.evaluation.pupils_served, 125);
    EXPECT_TRUE(fair.guarantee_on);
    EXPECT_GE(share(fair, "rep"), share(fair, "none"));
    EXPECT_TRUE(fair.optimal);
    EXPECT_EQ(fair.evaluation.objective, ExhaustiveOptimum(inst));
    EXPECT_EQ(plain.evaluation.objective, ExhaustiveOptimum(inst, false));
    EXPECT_EQ(fair.evaluation.pupils_served, 100);
    EXPECT_EQ(fair.guarantee_cost_pupils, 25);
    EXPECT_TRUE(Validate(*p, SessionsOf(*p, fair.allocation), fair.evaluation.bus_groups).empty());
    // Carry-over is a kind of its own: the school with no priority, refused last edition, is no
    // longer in the reference group, and its requests weigh more.
    in.carried_over_school_ids = {2};
    auto q = BuildProblem(in);
    ASSERT_TRUE(q.ok());
    Instance carried = Compile(*q);
    EXPECT_EQ(carried.requested[kPriorityKinds], 0);
    EXPECT_EQ(q->requests[3].kinds, static_cast<unsigned>(kKindCarryOver));
    EXPECT_GT(q->requests[3].priority_pct, p->requests[3].priority_pct);
}

// A budget run: GLPK goes first, proves the optimum, and CBC is not started.
TEST(AllocTest, OnABudgetRunGlpkProvesFirstAndCbcIsSkipped) {
    auto p = BuildProblem(BudgetInput());
    ASSERT_TRUE(p.ok());
    Instance inst = Compile(*p);
    SolveResult r = Solve(inst, TestOptions());
    EXPECT_TRUE(r.glpk_first);
    EXPECT_TRUE(r.prover_proved) << r.prover_status;
    EXPECT_TRUE(r.optimal);
    EXPECT_TRUE(r.cbc_skipped);
    EXPECT_FALSE(r.mip_ran);
    EXPECT_EQ(r.bound_source, "GLPK's optimum");
    EXPECT_TRUE(Validate(*p, SessionsOf(*p, r.allocation), r.evaluation.bus_groups).empty());
}
// [end of block: issue 18]

}  // namespace
}  // namespace juo::alloc

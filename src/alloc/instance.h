// Instance: a Problem compiled for the solvers — the objective's coefficients (the single place
// where the objective is defined), candidates indexed by request and by session, and the bus
// pools; plus Allocation (a solution) and Evaluate (its figures).
//
// The objective, maximised, in integer units (1 unit = 1/10,000 of a pupil at 100 % × 100 %):
//   kDepartmentBonus × departments with a served group      (no department left out)
// + school_bonus     × schools (requesters) with a served group  (a first class before a second)
// + Σ served candidates: pupils × priority % × rank %  −  one-way km (rounded)
// − Σ buses: cost in euros (rounded)
// + Σ served requests: lottery (0, 1 or 2 units drawn from the published seed and the request id)
// school_bonus exceeds any candidate's value, and the department bonus is ten school bonuses, so
// fairness comes first, then weighted pupils; travel and bus money only break near-ties, and the
// seeded lottery breaks what is left (exact ties between requests).
//
// The organiser's pins and exclusions (Problem::pinned, excluded) are compiled into `pinned` and
// `blocked`; every solving stage honours them (the first-come baseline does not: it shows what
// first-come would have done). The priority guarantee (ADR 0019) is compiled into `counted`,
// `kinds_of` and `requested`; it is enforced when `guarantee` is true (Solve sets it).
//
// Thread-safety: plain values; Compile and Evaluate are pure.
#pragma once

#include <vector>

#include "alloc/problem.h"

namespace juo::alloc {

// Rank weight in percent: wish 1 → 100, 2 → 90, 3 → 80, later wishes 75, a radius match 70.
int RankPct(const Candidate& c);

// Classes of one school going to one session (or one non-school group) and their buses.
struct Pool {
    int session = 0;
    long long school_key = 0;
    double round_trip_km = 0;      // the farthest group of the pool
    long long bus_cost_cents = 0;  // per bus
    std::vector<int> candidates;
};

struct Instance {
    const Problem* problem = nullptr;
    std::vector<long long> value;  // by candidate: weighted pupils − km
    std::vector<int> pool_of;      // by candidate: pool index, -1 when no bus is needed
    std::vector<Pool> pools;
    std::vector<std::vector<int>> by_request;  // candidate indexes, best rank first
    std::vector<std::vector<int>> by_session;
    std::vector<int> school_of;  // by request: dense school index
    std::vector<int> dept_of;    // by request: dense department index
    int schools = 0;
    int departments = 0;
    long long school_bonus = 1;
    long long department_bonus = 10;
    int seats = 1;

    // Seed and lottery (issue 18): value[k] includes lottery[request].
    unsigned long long seed = 1;
    std::vector<long long> lottery;  // by request: 0..2 units
    // Pins and exclusions.
    std::vector<int> pinned;    // by request: the candidate it must be served at, -1 when not pinned
    std::vector<char> blocked;  // by candidate: excluded, or another candidate of a pinned request
    // The priority guarantee (ADR 0019): requests counted (not pinned, with a candidate not
    // blocked whose own buses fit the bus limits), their
    // kinds (Request::kinds), the counted pupils by kind index (0..kPriorityKinds-1) and, last,
    // of requests with no priority.
    bool guarantee = false;  // enforced by the solving stages
    std::vector<char> counted;
    std::vector<long long> requested = std::vector<long long>(kPriorityKinds + 1, 0);

    long long BusPenalty(long long cost_cents) const { return (cost_cents + 50) / 100; }
    // The lottery of request `id` under `seed`: 0, 1 or 2 units.
    static long long Lottery(unsigned long long seed, long long id);
    // Sets the seed, redrawing the lottery (and the values that include it).
    void Reseed(unsigned long long new_seed);
};

Instance Compile(const Problem& problem, unsigned long long seed = 1);

// Whether pupils served by kind (same indexes as Instance::requested) meet the guarantee: each
// kind with requests served at a share at least that of requests with no priority (integers,
// exact). True when there is nothing to compare.
bool GuaranteeHolds(const Instance& instance, const std::vector<long long>& served);

// A solution: the chosen candidate of each request, -1 when the request is not served.
struct Allocation {
    std::vector<int> chosen;
};

// The buses of one pool: classes of one school to one session share them seat by seat.
struct BusGroup {
    int session = 0;
    std::vector<int> requests;
    int buses = 0;
    long long cost_cents = 0;  // all the group's buses
    double km = 0;             // all the group's buses, round trips
};

struct Evaluation {
    long long objective = 0;
    int requests = 0;
    int requests_served = 0;
    long long pupils_requested = 0;
    long long pupils_served = 0;
    long long people_served = 0;
    int schools_served = 0;
    int departments_served = 0;
    int buses = 0;
    long long bus_cost_cents = 0;
    double bus_km = 0;
    std::vector<BusGroup> bus_groups;
};

// Buses per pool: ceil(people / seats), the cost of each at the pool's round trip.
Evaluation Evaluate(const Instance& instance, const Allocation& allocation);

}  // namespace juo::alloc

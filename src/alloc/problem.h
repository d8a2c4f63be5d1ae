// The Friday allocation problem: which class (group request) visits which session, and which
// classes get a financed bus, under session capacities and the bus budget.
//
// A Problem is what the solver sees, in plain numbers, built from the stored requests and
// sessions by BuildProblem (build_problem.h). The precise statement is in
// docs/adr/0004-friday-allocation.md:
//   - each request is served at most once, at one of its candidate sessions (its ranked wishes,
//     or any session within its radius in its sectors), whose audience and minimum level admit it;
//   - a session takes at most `places_left` people and `groups_left` groups;
//   - a request that needs a bus is served only with a financed bus; classes of one school going
//     to one session share buses (seats per bus), each bus costs fixed + per km of the round trip;
//     the buses' total cost and number stay within the budget;
//   - the objective (objective.h) puts fairness first (a department's first class, then a
//     school's first class), then pupils weighted by priority and wish rank, then less travel and
//     bus money.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/geo.h"
#include "domain/bus.h"

namespace juo::alloc {

// Priority kinds (issue 18), a bit each in Request::kinds; a request with none is "none".
enum PriorityKind : unsigned {
    kKindRepPlus = 1u << 0,
    kKindRep = 1u << 1,
    kKindRural = 1u << 2,
    kKindFirstTime = 1u << 3,
    kKindCarryOver = 1u << 4,
};
inline constexpr int kPriorityKinds = 5;
// "rep_plus", "rep", "rural", "first_time", "carry_over" for index 0..4 (bit 1 << index).
const char* PriorityKindCode(int index);

struct Request {
    long long id = 0;          // group_request id
    long long school_key = 0;  // fairness unit: the school, else the requester, else -id
    bool has_school = false;   // classes of one school share buses; other groups ride alone
    std::string department;    // department code of the group's position
    LatLon position;
    int pupils = 0;
    int adults = 0;
    int level_rank = -1;  // domain::LevelRank
    bool job_seekers = false;
    bool bus_needed = false;
    int priority_pct = 100;           // 100 + bonuses (REP+, REP, rural, first time), see build_problem.h
    std::string priority;             // for summaries: "rep_plus", "rep", "rural" or "none" (the strongest)
    unsigned kinds = 0;               // PriorityKind bits, every kind that applies (0: no priority)
    std::string submitted_at;         // UTC ISO-8601, the first-come order
    int wishes = 0;                   // how many ranked wishes it gave
    std::optional<double> radius_km;  // "any session within R km" (in its sectors)
    int people() const { return pupils + adults; }
};

struct Session {
    long long id = 0;
    long long site_id = 0;
    std::string site_name;
    std::string department;
    std::string naf_division;
    std::string starts_at;  // 'HH:MM'
    LatLon position;
    int places_left = 0;  // capacity in people minus places held by others (public, other groups)
    int groups_left = 0;  // capacity in groups minus groups held by others
    int capacity_people = 0;
    int min_level_rank = -1;  // -1: every level
    bool admits_school = false;
    bool admits_job_seekers = false;
};

// One way a request can be served: a session and the rank of the wish that names it.
struct Candidate {
    int request = 0;  // index into Problem::requests
    int session = 0;  // index into Problem::sessions
    int rank = 1;     // 1 = first wish; radius candidates rank after every wish
    bool by_radius = false;
    double km = 0;  // one way, great circle, group ↔ site
};

struct BusPolicy {
    domain::BusCostModel cost;              // seats, fixed and per-km price
    double road_factor = 1.3;               // road km per great-circle km
    std::optional<long long> budget_cents;  // none: no money limit
    std::optional<int> max_buses;           // none: no count limit

    double RoundTripKm(double one_way_km) const { return 2 * road_factor * one_way_km; }
};

struct Problem {
    std::vector<Request> requests;
    std::vector<Session> sessions;
    std::vector<Candidate> candidates;  // sorted by request, then rank, then session
    BusPolicy bus;
    // (request id, session id): served there (pinned) or never there (excluded); see
    // ProblemInput in build_problem.h. BuildProblem has checked them.
    std::vector<std::pair<long long, long long>> pinned;
    std::vector<std::pair<long long, long long>> excluded;
    std::vector<long long> carried_over_school_ids;  // carry-over priority (previous edition)
};

}  // namespace juo::alloc

// Explain: for each request, what the allocation decided and why, and for a refused or moved
// request the best alternatives that still have places, nearest first.
//
// Reasons come from the final loads: a better wish is "full" when its session has no places or
// no group slot left for this group, "budget" when it had room but the bus this group needs no
// longer fits in the budget; a refused request with no candidate at all is refused for "distance"
// (nothing within its radius) or "not admitted" (no wish admits its audience, level or size).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "alloc/instance.h"

namespace juo::alloc {

enum class Outcome { kFirstWish, kMoved, kRefused };
enum class Reason { kFull, kBudget, kDistance, kNotAdmitted, kGaveWay };

struct Alternative {
    int session = 0;  // index into Problem::sessions
    double km = 0;
    int places_left = 0;
    int groups_left = 0;
};

struct Explanation {
    Outcome outcome = Outcome::kRefused;
    int rank = 0;                           // wish rank served, 0 when refused
    std::vector<Reason> reasons;            // why each better wish was not given (deduplicated, in order)
    std::vector<Alternative> alternatives;  // refused or moved: sessions with room, nearest first
    std::string text_en;
    std::string text_fr;
};

// One explanation per request. Alternatives admit the group's audience and level and have room
// for it after the allocation (places and a group slot); at most `max_alternatives`, within
// `max_km` of the group, nearest first.
std::vector<Explanation> Explain(const Instance& instance, const Allocation& allocation,
                                 int max_alternatives = 3, double max_km = 150);

const char* ReasonCode(Reason r);

}  // namespace juo::alloc

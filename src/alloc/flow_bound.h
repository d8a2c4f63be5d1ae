// FlowBound: a quick upper bound on the allocation's objective from a min-cost flow (LEMON's
// network simplex), for when the LP relaxation does not finish within the time limit, and a
// warm start for the heuristic then.
//
// The flow keeps the structure that is a network: department → school → request → session →
// sink, where a department's first unit of flow earns the department bonus and a school's first
// unit the school bonus (parallel arcs with decreasing gains), each request carries at most one
// unit, each candidate arc earns the candidate's value, and a session takes at most its group
// slots. It drops what is not a network — the session's people capacity, the bus pools and their
// limits, the bus euros — so it is a relaxation: its optimum is an upper bound, looser than the LP's.
//
// Thread-safety: pure function.
#pragma once

#include <vector>

#include "alloc/instance.h"

namespace juo::alloc {

struct FlowBoundResult {
    bool solved = false;
    long long bound = 0;
    std::vector<double> x;  // by candidate: 1 when the flow uses it
    double seconds = 0;
};

FlowBoundResult FlowBound(const Instance& instance);

}  // namespace juo::alloc

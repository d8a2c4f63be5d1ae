// The primal heuristic: round the LP relaxation into a valid allocation, then improve it by
// local search (insert, move, eject-and-reinsert, bus swaps) until nothing improves or the
// deadline passes.
//
// Thread-safety: pure functions; deterministic (candidates are scanned in index order).
#pragma once

#include <chrono>
#include <vector>

#include "alloc/instance.h"

namespace juo::alloc {

// Adds candidates in decreasing LP value (ties: higher value, then lower index) when they fit.
// With an empty `lp_x`, ranks candidates by value per person instead (a greedy start).
Allocation RoundRelaxation(const Instance& instance, const std::vector<double>& lp_x);

// Improves `start` (which must be valid) by first-improvement local search. Never worsens it.
Allocation LocalSearch(const Instance& instance, const Allocation& start,
                       std::chrono::steady_clock::time_point deadline);

}  // namespace juo::alloc

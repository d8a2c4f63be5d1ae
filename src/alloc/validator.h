// Validate: an independent check of an allocation against the Problem, written apart from the
// solvers (it does not use Instance): every solver result goes through it in the tests and in
// `juo allocate`.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "alloc/instance.h"
#include "alloc/problem.h"

namespace juo::alloc {

// Checks: each request served at most once, at a session one of its candidates names, whose
// audience and minimum level admit it; each session's people and groups within what is left; each
// served request that needs a bus in exactly one bus group of its own session and school, with
// enough seats; each group's cost recomputed from the bus model; the buses' total cost and count
// within the budget. `session_of` gives each request's session index or -1.
// Returns one line per violation; empty when the allocation is valid.
std::vector<std::string> Validate(const Problem& problem, const std::vector<int>& session_of,
                                  const std::vector<BusGroup>& bus_groups);

// Session index of each request under `allocation` (-1 when not served).
std::vector<int> SessionsOf(const Problem& problem, const Allocation& allocation);

}  // namespace juo::alloc

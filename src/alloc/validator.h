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
// within the budget; with check_pins, each pinned request sent to its pinned session and no
// request sent to a session the organiser excluded for it (the first-come baseline is checked
// without: it ignores them by design). `session_of` gives each request's session index or -1.
// Returns one line per violation; empty when the allocation is valid.
std::vector<std::string> Validate(const Problem& problem, const std::vector<int>& session_of,
                                  const std::vector<BusGroup>& bus_groups, bool check_pins = true);

// Session index of each request under `allocation` (-1 when not served).
std::vector<int> SessionsOf(const Problem& problem, const Allocation& allocation);

}  // namespace juo::alloc

namespace juo::alloc {

// The fairness rules of issue 5, checked locally by single swaps: a school (requester) with no
// served group "left out" when one of its groups could be served at one of its candidate sessions,
// either outright or in the place of the second (or later) class of another school, with its bus
// (if it needs one) paid from what is left of the budget; likewise a department with no served
// group when one of its groups could take the place of a group of a department that has two or
// more. Conservative: a swap that would only work with the bus money the removed group frees is
// not counted. The optimum has none of either; first come, first served usually has some.
struct FairnessReport {
    int schools_left_out = 0;
    int departments_left_out = 0;
    std::vector<std::string> examples;  // up to five, one line each
};
FairnessReport CheckFairness(const Problem& problem, const std::vector<int>& session_of,
                             const std::vector<BusGroup>& bus_groups);

}  // namespace juo::alloc

// Summary: the figures of an allocation side by side with first-come-first-served, as plain
// English text for `juo allocate` and for the run's stored summary.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "alloc/solver.h"

namespace juo::alloc {

// Pupils served vs requested (in all, by priority, by department), groups, schools and
// departments served, buses, their cost and km, the solve's bound and gap, and the same figures
// for `fcfs`.
std::string SummaryText(const Instance& instance, const SolveResult& result, const Allocation& fcfs);

}  // namespace juo::alloc

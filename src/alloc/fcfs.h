// FirstComeFirstServed: the 2025 way, the baseline the optimal allocation is compared with.
//
// Thread-safety: pure function.
#pragma once

#include "alloc/instance.h"

namespace juo::alloc {

// Requests in order of submission (then id): each takes its best-ranked candidate that still has
// room and, when it needs a bus, a seat in its school's bus to that session or a new bus within the
// budget; otherwise it is refused.
Allocation FirstComeFirstServed(const Instance& instance);

}  // namespace juo::alloc

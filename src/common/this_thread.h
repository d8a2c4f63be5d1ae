// What a long-lived thread says about itself to the operating system (Linux): its name, which
// `top -H`, `ps -L`, `perf report --sort comm` and gdb show ("juo-engine", "juo-mail"…), and its
// priority, lowered for work that may wait while people are answered (e-mails, password hashes).
//
// Thread-safety: each call acts on the calling thread only.
#pragma once

#include <string_view>

namespace juo {

// Names the calling thread; the kernel keeps the first 15 bytes.
void NameThisThread(std::string_view name);

// Runs the calling thread `steps` niceness steps below its current one (clamped to 19; Linux's
// niceness is per thread). False when it cannot be set.
bool LowerThisThreadsPriority(int steps);

}  // namespace juo

// FUZZ_CHECK(condition): the invariants the harnesses assert. A failed check prints where and
// aborts, which libFuzzer reports as a crash (with the input saved) and the replay CTest as a
// failure. Unlike assert, it stays on in release builds.
//
// Thread-safety: stateless.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                   \
    do {                                                                                        \
        if (!(condition)) {                                                                     \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                       \
        }                                                                                       \
    } while (0)

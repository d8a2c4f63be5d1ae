// System clock and parsing of stored UTC instants.
#include "auth/time_source.h"

#include <chrono>

#include "common/clock.h"

namespace juo::auth {

Clock SystemClock() {
    return [] {
        return static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
    };
}

std::optional<long long> ParseUtcIso(std::string_view t) { return EpochFromUtcIso(t); }

}  // namespace juo::auth

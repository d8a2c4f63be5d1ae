// UTC timestamps.
#include "common/clock.h"

#include <chrono>
#include <ctime>

namespace juo {

std::string UtcIsoFromEpoch(long long seconds) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string NowUtcIso() {
    auto now = std::chrono::system_clock::now();
    return UtcIsoFromEpoch(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace juo

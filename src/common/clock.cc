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

std::optional<long long> EpochFromUtcIso(std::string_view t) {
    // 0123456789012345678 9
    // 2025-04-04T07:30:00 Z
    if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
        t[19] != 'Z')
        return std::nullopt;
    auto number = [&](size_t at, size_t len) -> int {
        int v = 0;
        for (size_t i = at; i < at + len; ++i) {
            if (t[i] < '0' || t[i] > '9') return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v;
    };
    int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return static_cast<long long>(timegm(&tm));
}

std::string UtcIsoPlusSeconds(const std::string& iso, long long seconds) {
    auto epoch = EpochFromUtcIso(iso);
    return epoch ? UtcIsoFromEpoch(*epoch + seconds) : iso;
}

}  // namespace juo

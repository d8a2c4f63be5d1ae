// Wall-clock time as JUO stores it: UTC instants in ISO-8601 text ("2025-04-04T07:30:00Z").
//
// Thread-safety: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo {

// The current UTC time, to the second: "2026-11-25T01:15:45Z".
std::string NowUtcIso();

// Formats seconds since the Unix epoch as a UTC instant.
std::string UtcIsoFromEpoch(long long seconds);

// Seconds since the Unix epoch of a UTC instant written exactly as above; nullopt otherwise.
std::optional<long long> EpochFromUtcIso(std::string_view text);

// The instant `seconds` after `iso` (returned unchanged when it is not a UTC instant).
std::string UtcIsoPlusSeconds(const std::string& iso, long long seconds);

}  // namespace juo

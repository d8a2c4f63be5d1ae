// Time for the accounts library: a clock returning seconds since the Unix epoch, injectable so
// that tests can move time forward (token expiry, session idle expiry, rate-limit windows), and
// the conversion of stored UTC instants ("2025-04-04T07:30:00Z") back to epoch seconds.
//
// Thread-safety: SystemClock() and ParseUtcIso are thread-safe. A Clock given to a shared
// object (SessionStore, LoginRateLimiter) must be safe to call from several threads.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

namespace juo::auth {

// Returns the current time in seconds since the Unix epoch.
using Clock = std::function<long long()>;

// The system clock (std::chrono::system_clock).
Clock SystemClock();

// Parses "YYYY-MM-DDTHH:MM:SSZ" (the store's instant format) to epoch seconds; nullopt when the
// text has another shape or an out-of-range field.
std::optional<long long> ParseUtcIso(std::string_view text);

}  // namespace juo::auth

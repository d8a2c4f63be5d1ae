// HTTP dates (RFC 9110 §5.6.7) for Last-Modified and If-Modified-Since: written as IMF-fixdate
// ("Sun, 06 Nov 1994 08:49:37 GMT"), read in the three forms a recipient must accept
// (IMF-fixdate, RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime "Sun Nov  6 08:49:37 1994").
//
// Thread-safety: pure functions (no locale, no static buffers).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace juo::http {

using HttpTime = std::chrono::sys_seconds;

// `time` as an IMF-fixdate.
std::string FormatHttpDate(HttpTime time);

// The time an HTTP date names, or nullopt when `text` is none of the three forms or names no
// real date (31 Feb, 25:00). Names of days are not checked against the date.
std::optional<HttpTime> ParseHttpDate(std::string_view text);

}  // namespace juo::http

// Europe/Paris wall-clock time and the UTC instants JUO stores ("2026-04-03T07:30:00Z"): the
// EU rules (CEST, UTC+2, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October; CET, UTC+1, otherwise), computed without the system's time zone database.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo {

// The offset from UTC in force in Paris at `utc_epoch` (seconds since the Unix epoch): 7200 in
// summer time, 3600 otherwise.
long long ParisUtcOffset(long long utc_epoch);

// The Paris wall-clock time of a UTC instant text, as seconds since 1970-01-01T00:00 local;
// nullopt when the text is not a UTC instant (common/clock.h).
std::optional<long long> ParisLocalSeconds(std::string_view utc_instant);

// The UTC instant of `hh:mm:ss` on `date` ('YYYY-MM-DD') in Paris: ("2026-01-12", 9, 0, 0) →
// "2026-01-12T08:00:00Z", ("2026-04-03", 0, 0, 0) → "2026-04-02T22:00:00Z"; "" when the date
// is not valid. Times inside the changes' own hour (02:00-03:00 local) take the offset in
// force an hour before.
std::string ParisLocalToUtc(std::string_view date, int hour, int minute, int second);

// The Paris calendar date of a UTC instant ("2026-01-12T23:30:00Z" → "2026-01-13"); "" when the
// text is not a UTC instant.
std::string ParisDateOf(std::string_view utc_instant);

}  // namespace juo

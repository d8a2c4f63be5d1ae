// Europe/Paris wall-clock time (paris_time.h).
#include "common/paris_time.h"

#include <chrono>

#include "common/clock.h"
#include "common/french_dates.h"

namespace juo {
namespace {

namespace chr = std::chrono;

long long SecondsOf(chr::sys_days day) {
    return chr::duration_cast<chr::seconds>(day.time_since_epoch()).count();
}

}  // namespace

long long ParisUtcOffset(long long utc_epoch) {
    const chr::year_month_day ymd{chr::floor<chr::days>(chr::sys_seconds{chr::seconds{utc_epoch}})};
    auto last_sunday = [&](unsigned month) {
        return SecondsOf(chr::sys_days{chr::year_month_weekday_last{ymd.year(), chr::month{month},
                                                                    chr::weekday_last{chr::Sunday}}}) +
               3600;
    };
    return utc_epoch >= last_sunday(3) && utc_epoch < last_sunday(10) ? 7200 : 3600;
}

std::optional<long long> ParisLocalSeconds(std::string_view utc_instant) {
    auto epoch = EpochFromUtcIso(utc_instant);
    if (!epoch) return std::nullopt;
    return *epoch + ParisUtcOffset(*epoch);
}

std::string ParisLocalToUtc(std::string_view date, int hour, int minute, int second) {
    auto d = ParseIsoDate(date);
    if (!d) return "";
    const chr::sys_days day{chr::year{d->year} / chr::month{d->month} / chr::day{d->day}};
    const long long local = SecondsOf(day) + hour * 3600LL + minute * 60LL + second;
    // The offset in force an hour before: right for every time but those of the changes' own
    // hour (02:00-03:00 local).
    return UtcIsoFromEpoch(local - ParisUtcOffset(local - 3600));
}

std::string ParisDateOf(std::string_view utc_instant) {
    auto local = ParisLocalSeconds(utc_instant);
    if (!local) return "";
    const chr::year_month_day ymd{chr::floor<chr::days>(chr::sys_seconds{chr::seconds{*local}})};
    return FormatIsoDate(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                         static_cast<unsigned>(ymd.day()));
}

}  // namespace juo

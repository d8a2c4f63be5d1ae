#include "http/http_date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

namespace juo::http {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> Number(std::string_view text, size_t min_digits, size_t max_digits) {
    if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
    int value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<unsigned> Month(std::string_view name) {
    for (size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == name) return static_cast<unsigned>(i + 1);
    return std::nullopt;
}

// "08:49:37" → seconds since midnight.
std::optional<int> TimeOfDay(std::string_view text) {
    if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
    auto h = Number(text.substr(0, 2), 2, 2);
    auto m = Number(text.substr(3, 2), 2, 2);
    auto s = Number(text.substr(6, 2), 2, 2);
    if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
    return *h * 3600 + *m * 60 + *s;
}

std::optional<HttpTime> Make(int year, std::string_view month_name, int day, std::string_view time) {
    auto month = Month(month_name);
    auto seconds = TimeOfDay(time);
    if (!month || !seconds || day < 1) return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(*month),
                                     std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::seconds(*seconds);
}

}  // namespace

std::string FormatHttpDate(HttpTime time) {
    const auto days = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day date(days);
    const std::chrono::hh_mm_ss<std::chrono::seconds> clock(time - days);
    const std::chrono::weekday weekday(days);
    char out[32];
    std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                  std::string(kDays[weekday.c_encoding()]).c_str(), static_cast<unsigned>(date.day()),
                  std::string(kMonths[static_cast<unsigned>(date.month()) - 1]).c_str(), static_cast<int>(date.year()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return out;
}

std::optional<HttpTime> ParseHttpDate(std::string_view text) {
    std::vector<std::string_view> words;
    const bool rfc850 = text.find('-') != std::string_view::npos;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '-')) ++i;
        size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '-') ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    if (words.size() == 6 && words[5] == "GMT") {
        // IMF-fixdate: Sun 06 Nov 1994 08:49:37 GMT; RFC 850: Sunday 06 Nov 94 08:49:37 GMT.
        auto day = Number(words[1], 2, 2);
        auto year = rfc850 ? Number(words[3], 2, 2) : Number(words[3], 4, 4);
        if (!day || !year) return std::nullopt;
        int full_year = rfc850 ? (*year >= 70 ? 1900 + *year : 2000 + *year) : *year;
        return Make(full_year, words[2], *day, words[4]);
    }
    if (words.size() == 5 && !rfc850) {
        // asctime: Sun Nov 6 08:49:37 1994.
        auto day = Number(words[2], 1, 2);
        auto year = Number(words[4], 4, 4);
        if (!day || !year) return std::nullopt;
        return Make(*year, words[1], *day, words[3]);
    }
    return std::nullopt;
}

}  // namespace juo::http

// French and English calendar dates (french_dates.h).
#include "common/french_dates.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace juo {
namespace {

constexpr std::array<std::string_view, 7> kWeekdaysFr = {"lundi",    "mardi",  "mercredi", "jeudi",
                                                         "vendredi", "samedi", "dimanche"};
constexpr std::array<std::string_view, 7> kWeekdaysEn = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                         "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonthsFr = {"janvier",   "février", "mars",     "avril",
                                                        "mai",       "juin",    "juillet",  "août",
                                                        "septembre", "octobre", "novembre", "décembre"};
constexpr std::array<std::string_view, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                        "May",       "June",     "July",     "August",
                                                        "September", "October",  "November", "December"};

}  // namespace

std::optional<CalendarDate> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    auto num = [&](size_t pos, size_t len) {
        int v = 0;
        for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    const int year = num(0, 4);
    const auto month = static_cast<unsigned>(num(5, 2));
    const auto day = static_cast<unsigned>(num(8, 2));
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    CalendarDate d;
    d.year = year;
    d.month = month;
    d.day = day;
    d.weekday = std::chrono::weekday{std::chrono::sys_days{ymd}}.iso_encoding() - 1;
    return d;
}

std::string FormatIsoDate(int year, unsigned month, unsigned day) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
    return text;
}

std::string_view WeekdayName(unsigned weekday, DateLang lang) {
    return lang == DateLang::kFr ? kWeekdaysFr[weekday] : kWeekdaysEn[weekday];
}

std::string_view MonthName(unsigned month, DateLang lang) {
    return lang == DateLang::kFr ? kMonthsFr[month - 1] : kMonthsEn[month - 1];
}

std::string DayOfMonth(unsigned day, DateLang lang) {
    return lang == DateLang::kFr && day == 1 ? "1er" : std::to_string(day);
}

std::string WeekdayAndDay(const CalendarDate& date, DateLang lang) {
    return std::string(WeekdayName(date.weekday, lang)) + " " + DayOfMonth(date.day, lang);
}

std::string LongDate(const CalendarDate& date, DateLang lang, bool with_year) {
    std::string out = WeekdayAndDay(date, lang) + " " + std::string(MonthName(date.month, lang));
    if (with_year) out += " " + std::to_string(date.year);
    return out;
}

std::string MonthAndYear(unsigned month, int year, DateLang lang) {
    return std::string(MonthName(month, lang)) + " " + std::to_string(year);
}

std::string ClockTime(std::string_view hh_mm, DateLang lang) {
    if (hh_mm.size() != 5 || hh_mm[2] != ':') return std::string(hh_mm);
    for (size_t i : {0, 1, 3, 4})
        if (hh_mm[i] < '0' || hh_mm[i] > '9') return std::string(hh_mm);
    const int hours = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0');
    const std::string minutes(hh_mm.substr(3, 2));
    if (lang == DateLang::kEn) return std::to_string(hours) + ":" + minutes;
    constexpr std::string_view kNarrowNbsp = "\u202F";
    std::string out = std::to_string(hours) + std::string(kNarrowNbsp) + "h";
    if (minutes != "00") out += std::string(kNarrowNbsp) + minutes;
    return out;
}

std::string ClockSpan(std::string_view starts_at, std::string_view ends_at, DateLang lang) {
    return ClockTime(starts_at, lang) + " – " + ClockTime(ends_at, lang);
}

}  // namespace juo

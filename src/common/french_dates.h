// Calendar dates as JUO stores them ('YYYY-MM-DD') and as people read them, in French and in
// English: "vendredi 4 avril 2025" / "Friday 4 April 2025", "samedi 1er mai", "avril 2025".
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo {

enum class DateLang { kFr, kEn };

// A valid day of the proleptic Gregorian calendar.
struct CalendarDate {
    int year = 0;          // 0000..9999
    unsigned month = 0;    // 1..12
    unsigned day = 0;      // 1..31
    unsigned weekday = 0;  // 0 = Monday .. 6 = Sunday (ISO 8601 order)
};

// Parses exactly 'YYYY-MM-DD' naming a real day ("2028-02-29" yes, "2027-02-29" and
// "2025-4-04" no); nullopt otherwise.
std::optional<CalendarDate> ParseIsoDate(std::string_view text);

// Formats a date as 'YYYY-MM-DD'.
std::string FormatIsoDate(int year, unsigned month, unsigned day);

// The weekday's name, lower case in French: 0 → "lundi" / "Monday" .. 6 → "dimanche" / "Sunday".
// `weekday` must be 0..6.
std::string_view WeekdayName(unsigned weekday, DateLang lang);

// The month's name, lower case in French: 1 → "janvier" / "January" .. 12 → "décembre" /
// "December". `month` must be 1..12.
std::string_view MonthName(unsigned month, DateLang lang);

// The day of the month as said before the month: French writes the first "1er" ("1er mai"),
// English "1"; every other day is its number.
std::string DayOfMonth(unsigned day, DateLang lang);

// "vendredi 4", "samedi 1er" / "Friday 4", "Saturday 1".
std::string WeekdayAndDay(const CalendarDate& date, DateLang lang);

// "vendredi 4 avril 2025" / "Friday 4 April 2025" ("samedi 1er mai 2027"); without the year
// when `with_year` is false: "vendredi 4 avril".
std::string LongDate(const CalendarDate& date, DateLang lang, bool with_year = true);

// "avril 2025" / "April 2025". `month` must be 1..12.
std::string MonthAndYear(unsigned month, int year, DateLang lang);

// A clock time 'HH:MM' as people read it: "9 h 30", "14 h" in French (narrow no-break spaces);
// "9:30", "14:00" in English. Text that is not 'HH:MM' is returned unchanged.
std::string ClockTime(std::string_view hh_mm, DateLang lang);

// A tour's times, as the pages write them: "9 h – 11 h 30" / "9:00 – 11:30".
std::string ClockSpan(std::string_view starts_at, std::string_view ends_at, DateLang lang);

}  // namespace juo

#include "common/french_dates.h"

#include <gtest/gtest.h>

namespace juo {
namespace {

TEST(ParseIsoDate, AcceptsRealDaysOnly) {
    auto d = ParseIsoDate("2025-04-04");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->year, 2025);
    EXPECT_EQ(d->month, 4u);
    EXPECT_EQ(d->day, 4u);
    EXPECT_EQ(d->weekday, 4u);  // Friday
    EXPECT_EQ(ParseIsoDate("2025-04-06")->weekday, 6u);  // Sunday
    EXPECT_EQ(ParseIsoDate("2025-04-07")->weekday, 0u);  // Monday
    EXPECT_TRUE(ParseIsoDate("2028-02-29"));
    EXPECT_FALSE(ParseIsoDate("2027-02-29"));
    EXPECT_FALSE(ParseIsoDate("2100-02-29"));
    EXPECT_FALSE(ParseIsoDate("2025-4-04"));
    EXPECT_FALSE(ParseIsoDate("2025-13-01"));
    EXPECT_FALSE(ParseIsoDate("2025-00-10"));
    EXPECT_FALSE(ParseIsoDate("2025-04-00"));
    EXPECT_FALSE(ParseIsoDate("2025-04-04 "));
    EXPECT_FALSE(ParseIsoDate("2025/04/04"));
    EXPECT_FALSE(ParseIsoDate("20a5-04-04"));
    EXPECT_FALSE(ParseIsoDate(""));
}

TEST(FormatIsoDate, PadsWithZeros) {
    EXPECT_EQ(FormatIsoDate(2026, 1, 3), "2026-01-03");
    EXPECT_EQ(FormatIsoDate(2026, 12, 31), "2026-12-31");
}

TEST(DateNames, FrenchAndEnglish) {
    EXPECT_EQ(WeekdayName(0, DateLang::kFr), "lundi");
    EXPECT_EQ(WeekdayName(6, DateLang::kFr), "dimanche");
    EXPECT_EQ(WeekdayName(4, DateLang::kEn), "Friday");
    EXPECT_EQ(MonthName(2, DateLang::kFr), "février");
    EXPECT_EQ(MonthName(8, DateLang::kFr), "août");
    EXPECT_EQ(MonthName(12, DateLang::kEn), "December");
    EXPECT_EQ(DayOfMonth(1, DateLang::kFr), "1er");
    EXPECT_EQ(DayOfMonth(1, DateLang::kEn), "1");
    EXPECT_EQ(DayOfMonth(21, DateLang::kFr), "21");
}

TEST(LongDate, SaysTheWeekdayTheDayTheMonthAndTheYear) {
    const auto friday = *ParseIsoDate("2025-04-04");
    EXPECT_EQ(LongDate(friday, DateLang::kFr), "vendredi 4 avril 2025");
    EXPECT_EQ(LongDate(friday, DateLang::kEn), "Friday 4 April 2025");
    EXPECT_EQ(LongDate(friday, DateLang::kFr, false), "vendredi 4 avril");
    const auto first = *ParseIsoDate("2027-05-01");
    EXPECT_EQ(LongDate(first, DateLang::kFr), "samedi 1er mai 2027");
    EXPECT_EQ(LongDate(first, DateLang::kEn), "Saturday 1 May 2027");
    EXPECT_EQ(WeekdayAndDay(first, DateLang::kFr), "samedi 1er");
    EXPECT_EQ(WeekdayAndDay(friday, DateLang::kEn), "Friday 4");
    EXPECT_EQ(MonthAndYear(4, 2025, DateLang::kFr), "avril 2025");
    EXPECT_EQ(MonthAndYear(12, 2026, DateLang::kEn), "December 2026");
}

TEST(FrenchDates, ClockTimesAsPeopleReadThem) {
    EXPECT_EQ(ClockTime("09:00", DateLang::kFr), "9\u202Fh");
    EXPECT_EQ(ClockTime("14:30", DateLang::kFr), "14\u202Fh\u202F30");
    EXPECT_EQ(ClockTime("00:05", DateLang::kFr), "0\u202Fh\u202F05");
    EXPECT_EQ(ClockTime("09:00", DateLang::kEn), "9:00");
    EXPECT_EQ(ClockTime("14:30", DateLang::kEn), "14:30");
    for (const char* odd : {"", "9:00", "09h00", "ab:cd", "09:000"})
        EXPECT_EQ(ClockTime(odd, DateLang::kFr), odd) << odd;
    EXPECT_EQ(ClockSpan("09:00", "11:30", DateLang::kFr), "9\u202Fh – 11\u202Fh\u202F30");
    EXPECT_EQ(ClockSpan("09:00", "11:30", DateLang::kEn), "9:00 – 11:30");
}

}  // namespace
}  // namespace juo

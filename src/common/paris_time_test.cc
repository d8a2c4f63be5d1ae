#include "common/paris_time.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace juo {
namespace {

TEST(ParisTime, WinterAndSummerTime) {
    EXPECT_EQ(ParisLocalToUtc("2026-01-12", 9, 0, 0), "2026-01-12T08:00:00Z");  // CET
    EXPECT_EQ(ParisLocalToUtc("2026-04-03", 0, 0, 0), "2026-04-02T22:00:00Z");  // CEST
    EXPECT_EQ(ParisLocalToUtc("2026-03-29", 1, 0, 0), "2026-03-29T00:00:00Z");  // before the change
    EXPECT_EQ(ParisLocalToUtc("2026-03-29", 4, 0, 0), "2026-03-29T02:00:00Z");  // after it
    EXPECT_EQ(ParisLocalToUtc("2026-10-25", 1, 0, 0), "2026-10-24T23:00:00Z");  // still summer
    EXPECT_EQ(ParisLocalToUtc("2026-10-25", 4, 0, 0), "2026-10-25T03:00:00Z");  // winter again
    EXPECT_EQ(ParisLocalToUtc("2026-12-31", 23, 59, 59), "2026-12-31T22:59:59Z");
    EXPECT_EQ(ParisLocalToUtc("2026-02-30", 0, 0, 0), "");
    EXPECT_EQ(ParisLocalToUtc("tomorrow", 0, 0, 0), "");
}

TEST(ParisTime, OffsetChangesAtOneUtc) {
    // 2026: summer time from Sunday 29 March to Sunday 25 October, at 01:00 UTC.
    EXPECT_EQ(ParisUtcOffset(*EpochFromUtcIso("2026-03-29T00:59:59Z")), 3600);
    EXPECT_EQ(ParisUtcOffset(*EpochFromUtcIso("2026-03-29T01:00:00Z")), 7200);
    EXPECT_EQ(ParisUtcOffset(*EpochFromUtcIso("2026-10-25T00:59:59Z")), 7200);
    EXPECT_EQ(ParisUtcOffset(*EpochFromUtcIso("2026-10-25T01:00:00Z")), 3600);
}

TEST(ParisTime, DatesOfInstants) {
    EXPECT_EQ(ParisDateOf("2026-04-02T22:00:00Z"), "2026-04-03");
    EXPECT_EQ(ParisDateOf("2026-04-02T21:59:59Z"), "2026-04-02");
    EXPECT_EQ(ParisDateOf("2026-01-12T23:30:00Z"), "2026-01-13");
    EXPECT_EQ(ParisDateOf("not an instant"), "");
    EXPECT_EQ(ParisLocalSeconds("2026-01-12T08:00:00Z"), *EpochFromUtcIso("2026-01-12T09:00:00Z"));
    EXPECT_FALSE(ParisLocalSeconds("2026-01-12"));
}

}  // namespace
}  // namespace juo

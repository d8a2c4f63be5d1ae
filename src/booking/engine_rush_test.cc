// Tests of EngineRush: a rush is a rate of executed commands over a window, read once per window.
#include "booking/engine_rush.h"

#include <gtest/gtest.h>

namespace juo::booking {
namespace {

using Clock = EngineRush::Clock;

TEST(EngineRushTest, ARushIsARateOfCommandsOverAWindow) {
    long long commands = 0;
    Clock::time_point now{};
    int reads = 0;
    EngineRush rush([&] { ++reads; return commands; }, 200, std::chrono::milliseconds(500), [&] { return now; });
    EXPECT_FALSE(rush());  // the first reading only starts the window
    commands += 150;       // 150 in 0.5 s: 300 a second
    now += std::chrono::milliseconds(200);
    EXPECT_FALSE(rush());  // the window is not over: the last answer, no reading
    EXPECT_EQ(reads, 1);
    now += std::chrono::milliseconds(300);
    EXPECT_TRUE(rush());
    EXPECT_EQ(reads, 2);
    commands += 99;  // 99 in 0.5 s: 198 a second, under 200
    now += std::chrono::milliseconds(500);
    EXPECT_FALSE(rush());
    now += std::chrono::seconds(10);  // idle for 10 s: no rush
    EXPECT_FALSE(rush());
}

}  // namespace
}  // namespace juo::booking

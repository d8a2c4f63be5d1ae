// Tests of the login rate limiter's windows, per e-mail and per IP.
#include "auth/rate_limiter.h"

#include <gtest/gtest.h>

#include <thread>

#include "auth/test_support.h"

namespace juo::auth {
namespace {

using testing::TestClock;

class RateLimiterTest : public ::testing::Test {
 protected:
    TestClock clock_;
    LoginRateLimiter limiter_{RateLimitConfig{}, clock_.clock()};
};

TEST_F(RateLimiterTest, FiveFailuresPerEmailThenWaitForTheWindow) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(limiter_.Check("anne@example.fr", "10.0.0.1").ok()) << i;
        limiter_.RecordFailure("anne@example.fr", "10.0.0.1");
        clock_.Advance(60);
    }
    // 5 failures at t=0,60,...,240; now t=300: the first leaves the window at t=900.
    auto refused = limiter_.Check("anne@example.fr", "10.0.0.2");  // another IP: the e-mail counts
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
    EXPECT_NE(refused.error().message.find("try again in 10 minutes"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message_fr.find("réessayez dans 10 minutes"), std::string::npos);
    EXPECT_EQ(limiter_.RetryAfterSeconds("anne@example.fr", ""), 600);
    // The same address spelt differently is the same key.
    EXPECT_FALSE(limiter_.Check("  ANNE@example.FR", "").ok());
    // Other addresses are not affected.
    EXPECT_TRUE(limiter_.Check("bob@example.fr", "10.0.0.1").ok());

    clock_.Advance(599);
    auto last_second = limiter_.Check("anne@example.fr", "");
    ASSERT_FALSE(last_second.ok());
    EXPECT_NE(last_second.error().message.find("1 minute"), std::string::npos);
    clock_.Advance(1);
    EXPECT_TRUE(limiter_.Check("anne@example.fr", "").ok());
    // One more failure: the window now holds failures at t=60..240 and t=900, 5 again.
    limiter_.RecordFailure("anne@example.fr", "");
    EXPECT_FALSE(limiter_.Check("anne@example.fr", "").ok());
    EXPECT_EQ(limiter_.RetryAfterSeconds("anne@example.fr", ""), 60);
}

TEST_F(RateLimiterTest, SuccessClearsTheEmailButNotTheIp) {
    for (int i = 0; i < 4; ++i) limiter_.RecordFailure("anne@example.fr", "10.0.0.1");
    limiter_.RecordSuccess("Anne@Example.fr");
    for (int i = 0; i < 4; ++i) limiter_.RecordFailure("anne@example.fr", "10.0.0.1");
    EXPECT_TRUE(limiter_.Check("anne@example.fr", "10.0.0.1").ok());  // 4 since the success
    limiter_.RecordFailure("anne@example.fr", "10.0.0.1");
    EXPECT_FALSE(limiter_.Check("anne@example.fr", "10.0.0.1").ok());
}

TEST_F(RateLimiterTest, TwentyFailuresPerIpAcrossAddresses) {
    for (int i = 0; i < 20; ++i) {
        EXPECT_TRUE(limiter_.Check("user" + std::to_string(i) + "@example.fr", "192.0.2.7").ok()) << i;
        limiter_.RecordFailure("user" + std::to_string(i) + "@example.fr", "192.0.2.7");
    }
    auto refused = limiter_.Check("fresh@example.fr", "192.0.2.7");
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("15 minutes"), std::string::npos) << refused.error().message;
    EXPECT_TRUE(limiter_.Check("fresh@example.fr", "192.0.2.8").ok());
    EXPECT_TRUE(limiter_.Check("fresh@example.fr", "").ok());
    clock_.Advance(15 * 60);
    EXPECT_TRUE(limiter_.Check("fresh@example.fr", "192.0.2.7").ok());
}

TEST_F(RateLimiterTest, CustomLimitsAndBoundedMemory) {
    LoginRateLimiter small(RateLimitConfig{2, 3, 60, 10}, clock_.clock());
    small.RecordFailure("a@b.fr", "");
    EXPECT_TRUE(small.Check("a@b.fr", "").ok());
    small.RecordFailure("a@b.fr", "");
    EXPECT_FALSE(small.Check("a@b.fr", "").ok());
    // Many distinct keys: the limiter forgets rather than grows; it keeps working.
    for (int i = 0; i < 100; ++i) small.RecordFailure("k" + std::to_string(i) + "@b.fr", "");
    small.RecordFailure("z@b.fr", "");
    small.RecordFailure("z@b.fr", "");
    EXPECT_FALSE(small.Check("z@b.fr", "").ok());
}

// Issue 21: past the bound, the least recently written key is forgotten, never every counter.
TEST_F(RateLimiterTest, TheBoundForgetsTheOldestKeyNotEveryCounter) {
    LoginRateLimiter small(RateLimitConfig{3, 1000, 600, 50}, clock_.clock());
    for (int i = 0; i < 3; ++i) small.RecordFailure("victim@b.fr", "");
    ASSERT_FALSE(small.Check("victim@b.fr", "").ok());
    // A flood of fresh keys, each re-touching the victim's key in between (an attacker keeps
    // trying it): its counts survive however many keys pass through.
    for (int i = 0; i < 1000; ++i) {
        small.RecordFailure("k" + std::to_string(i) + "@b.fr", "");
        if (i % 40 == 0) small.RecordFailure("victim@b.fr", "");
        EXPECT_FALSE(small.Check("victim@b.fr", "").ok()) << i;
    }
    // A key left alone while 50 others are written is the one forgotten.
    small.RecordFailure("idle@b.fr", "");
    small.RecordFailure("idle@b.fr", "");
    small.RecordFailure("idle@b.fr", "");
    EXPECT_FALSE(small.Check("idle@b.fr", "").ok());
    for (int i = 0; i < 60; ++i) small.RecordFailure("m" + std::to_string(i) + "@b.fr", "");
    EXPECT_TRUE(small.Check("idle@b.fr", "").ok());
    // The newest keys are all still counted.
    for (int i = 0; i < 3; ++i) small.RecordFailure("m59@b.fr", "");
    EXPECT_FALSE(small.Check("m59@b.fr", "").ok());
}

// Issue 21: one IPv6 /64 is one client (a home or a phone holds a whole /64).
TEST_F(RateLimiterTest, AnIpv6SlashSixtyFourIsOneClient) {
    for (int i = 0; i < 20; ++i)
        limiter_.RecordFailure("u" + std::to_string(i) + "@example.fr", "2001:db8:1:2::" + std::to_string(i + 1));
    EXPECT_FALSE(limiter_.Check("fresh@example.fr", "2001:db8:1:2:ffff::9").ok());
    EXPECT_FALSE(limiter_.Check("fresh@example.fr", "2001:0DB8:0001:0002::abcd").ok());
    EXPECT_TRUE(limiter_.Check("fresh@example.fr", "2001:db8:1:3::1").ok());  // the next /64
    // IPv4 stays per address, an IPv4-mapped IPv6 address counts as its IPv4.
    for (int i = 0; i < 20; ++i) limiter_.RecordFailure("v" + std::to_string(i) + "@example.fr", "192.0.2.9");
    EXPECT_FALSE(limiter_.Check("fresh@example.fr", "::ffff:192.0.2.9").ok());
    EXPECT_TRUE(limiter_.Check("fresh@example.fr", "192.0.2.10").ok());
}

TEST_F(RateLimiterTest, ThreadsCountEveryFailure) {
    LoginRateLimiter limiter(RateLimitConfig{400, 1000000, 900, 100000}, clock_.clock());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 100; ++i) limiter.RecordFailure("shared@example.fr", "10.0.0.1");
        });
    for (auto& t : threads) t.join();
    EXPECT_FALSE(limiter.Check("shared@example.fr", "").ok());  // exactly 400: at the limit
}

}  // namespace
}  // namespace juo::auth

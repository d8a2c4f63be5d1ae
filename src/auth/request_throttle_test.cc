// Tests of the sign-up and password-reset throttles, in memory: the per-client and per-e-mail
// limits, the wait they answer, IPv6 clients keyed by /64, and refusals that are not counted.
// (The database-shared variant is in shared_rate_limiter_test.cc.)
#include "auth/request_throttle.h"

#include <gtest/gtest.h>

#include "auth/test_support.h"

namespace juo::auth {
namespace {

using testing::TestClock;

TEST(RequestThrottleTest, SignUpAllowsFivePerClientInTenMinutes) {
    TestClock clock;
    RequestThrottle t(ThrottleConfig::SignUp(), clock.clock());
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(t.Take("user" + std::to_string(i) + "@example.fr", "198.51.100.1"), 0) << i;
        clock.Advance(10);
    }
    long long wait = t.Take("user9@example.fr", "198.51.100.1");
    EXPECT_EQ(wait, 600 - 50);  // until the first of the five leaves the window
    EXPECT_EQ(t.Take("user9@example.fr", "198.51.100.2"), 0);  // another client is not limited
    auto e = t.TooMany(wait);
    EXPECT_EQ(e.code, ErrorCode::kTooManyRequests);
    EXPECT_EQ(e.message_fr,
              "Trop de demandes d'inscription depuis votre connexion ou pour cette adresse : réessayez dans "
              "10 minutes.");
    clock.Advance(wait);
    EXPECT_EQ(t.Take("user10@example.fr", "198.51.100.1"), 0);
}

TEST(RequestThrottleTest, ResetAllowsThreePerAddressInAnHourFromAnyClient) {
    TestClock clock;
    RequestThrottle t(ThrottleConfig::PasswordReset(), clock.clock());
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(t.Take("Anne@Example.fr", "198.51.100." + std::to_string(i)), 0) << i;
        clock.Advance(60);
    }
    // The same address, written otherwise, from a fourth client: refused for the address.
    EXPECT_EQ(t.Take(" anne@example.FR", "203.0.113.9"), 3600 - 180);
    EXPECT_EQ(t.Take("bob@example.fr", "203.0.113.9"), 0);
    EXPECT_NE(t.TooMany(60).message_fr.find("réessayez dans 1 minute."), std::string::npos);
}

TEST(RequestThrottleTest, ResetAllowsTenPerClientInAnHour) {
    TestClock clock;
    RequestThrottle t(ThrottleConfig::PasswordReset(), clock.clock());
    for (int i = 0; i < 10; ++i) EXPECT_EQ(t.Take("u" + std::to_string(i) + "@example.fr", "198.51.100.1"), 0);
    EXPECT_GT(t.Take("other@example.fr", "198.51.100.1"), 0);
}

TEST(RequestThrottleTest, RefusedRequestsAreNotCounted) {
    TestClock clock;
    ThrottleConfig c = ThrottleConfig::SignUp();
    c.per_client = 2;
    RequestThrottle t(c, clock.clock());
    EXPECT_EQ(t.Take("a@example.fr", "198.51.100.1"), 0);
    clock.Advance(100);
    EXPECT_EQ(t.Take("b@example.fr", "198.51.100.1"), 0);
    for (int i = 0; i < 50; ++i) EXPECT_GT(t.Take("c@example.fr", "198.51.100.1"), 0);
    clock.Advance(500);  // the first request leaves the window: exactly one more is allowed
    EXPECT_EQ(t.Take("c@example.fr", "198.51.100.1"), 0);
    EXPECT_GT(t.Take("d@example.fr", "198.51.100.1"), 0);
}

TEST(RequestThrottleTest, IpV6ClientsAreKeyedByTheirSlash64) {
    EXPECT_EQ(RequestThrottle::ClientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    EXPECT_EQ(RequestThrottle::ClientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
    EXPECT_EQ(RequestThrottle::ClientKey("::ffff:198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(RequestThrottle::ClientKey("198.51.100.7"), "198.51.100.7");
    TestClock clock;
    RequestThrottle t(ThrottleConfig::SignUp(), clock.clock());
    // Five addresses of one /64 share one count; the next /64 does not.
    for (int i = 1; i <= 5; ++i)
        EXPECT_EQ(t.Take("u" + std::to_string(i) + "@example.fr", "2001:db8:1:2::" + std::to_string(i)), 0);
    EXPECT_GT(t.Take("u6@example.fr", "2001:db8:1:2:ffff::6"), 0);
    EXPECT_EQ(t.Take("u6@example.fr", "2001:db8:1:3::6"), 0);
}

TEST(RequestThrottleTest, AnEmptyClientOrAddressIsNotLimitedOnThatSide) {
    TestClock clock;
    RequestThrottle t(ThrottleConfig::PasswordReset(), clock.clock());
    for (int i = 0; i < 20; ++i) EXPECT_EQ(t.Take("u" + std::to_string(i) + "@example.fr", ""), 0);
}

}  // namespace
}  // namespace juo::auth

namespace juo::auth {
namespace {

// Issue 21: the confirmation e-mail sent again is throttled like sign-up, per client and address.
TEST(RequestThrottleTest, ConfirmationResendPerAddressAndPerClient) {
    TestClock clock;
    RequestThrottle t(ThrottleConfig::ConfirmationResend(), clock.clock());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(t.Take("anne@example.fr", "198.51.100." + std::to_string(i + 1)), 0);
    EXPECT_GT(t.Take("ANNE@example.fr", "198.51.100.99"), 0);  // the address: 3 per hour
    for (int i = 0; i < 5; ++i) EXPECT_EQ(t.Take("p" + std::to_string(i) + "@example.fr", "2001:db8::1"), 0);
    EXPECT_GT(t.Take("q@example.fr", "2001:db8::ffff"), 0);  // the same /64
    EXPECT_NE(t.TooMany(60).message_fr.find("e-mail de confirmation"), std::string::npos);
}

// Issue 21: past the bound the least recently used key is forgotten, never every count at once.
TEST(RequestThrottleTest, TheBoundForgetsTheOldestKeyOnly) {
    TestClock clock;
    ThrottleConfig config = ThrottleConfig::SignUp();
    config.max_tracked_keys = 20;
    RequestThrottle t(config, clock.clock());
    for (int i = 0; i < 5; ++i) EXPECT_EQ(t.Take("", "203.0.113.7"), 0);
    ASSERT_GT(t.Take("", "203.0.113.7"), 0);
    // 500 fresh addresses from one other client... each from a fresh client too; the busy client
    // asks again in between and stays refused.
    for (int i = 0; i < 500; ++i) {
        (void)t.Take("x" + std::to_string(i) + "@example.fr", "10.1." + std::to_string(i / 250) + "." +
                                                                  std::to_string(i % 250));
        if (i % 5 == 0) {
            EXPECT_GT(t.Take("", "203.0.113.7"), 0) << i;
        }
    }
}

}  // namespace
}  // namespace juo::auth

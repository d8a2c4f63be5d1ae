// The login rate limit shared by several app servers (RateLimitConfig::shared): two limiters,
// as two `juo serve` processes have, counting failures in one database (SQLite here, PostgreSQL
// as shared_rate_limiter_test_postgresql): spreading attempts over servers gains nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "auth/rate_limiter.h"
#include "auth/request_throttle.h"
#include "auth/test_support.h"
#include "store/db/database.h"
#include "store/db/test_database.h"

namespace juo::auth {
namespace {

namespace fs = std::filesystem;
using testing::TestClock;

class SharedRateLimiterTest : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() / ("juo_shared_limiter_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        const std::string url = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        for (auto* db : {&first_db_, &second_db_}) {
            auto opened = store::Database::Open(url, store::OpenMode::kCreateIfMissing);
            ASSERT_TRUE(opened.ok()) << opened.error().message;
            *db = std::move(*opened);
        }
    }
    void TearDown() override {
        first_db_.reset();
        second_db_.reset();
        store::RemoveSqliteFiles(path_);
    }
    RateLimitConfig Shared() {
        RateLimitConfig c;
        c.shared = true;
        return c;
    }

    fs::path path_;
    TestClock clock_;
    std::unique_ptr<store::Database> first_db_, second_db_;
};

TEST_F(SharedRateLimiterTest, FailuresOnEitherServerCountTogether) {
    LoginRateLimiter first(Shared(), clock_.clock()), second(Shared(), clock_.clock());
    // Five failures for one address, alternating between the two servers.
    for (int i = 0; i < 5; ++i) {
        LoginRateLimiter& limiter = i % 2 == 0 ? first : second;
        store::Database* db = i % 2 == 0 ? first_db_.get() : second_db_.get();
        EXPECT_TRUE(limiter.Check("anne@example.fr", "198.51.100.1", db).ok()) << i;
        limiter.RecordFailure("anne@example.fr", "198.51.100.1", db);
        clock_.Advance(60);
    }
    // Either server now refuses the sixth try, for the same wait.
    for (auto [limiter, db] : {std::pair(&first, first_db_.get()), std::pair(&second, second_db_.get())}) {
        auto refused = limiter->Check(" ANNE@example.fr", "203.0.113.5", db);
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
        EXPECT_EQ(limiter->RetryAfterSeconds("anne@example.fr", "", db), 600);
    }
    EXPECT_TRUE(first.Check("bob@example.fr", "203.0.113.5", first_db_.get()).ok());
    // A process's own memory was not used: an in-memory limiter knows nothing of it.
    EXPECT_TRUE(first.Check("anne@example.fr", "198.51.100.1").ok());

    // The window passes on both servers; a success on one clears the address for both.
    clock_.Advance(600);
    EXPECT_TRUE(second.Check("anne@example.fr", "", second_db_.get()).ok());
    for (int i = 0; i < 4; ++i) first.RecordFailure("anne@example.fr", "", first_db_.get());
    second.RecordSuccess("anne@example.fr", second_db_.get());
    first.RecordFailure("anne@example.fr", "", first_db_.get());
    EXPECT_TRUE(first.Check("anne@example.fr", "", first_db_.get()).ok());
}

TEST_F(SharedRateLimiterTest, TheIpLimitCountsAcrossServersAndOldFailuresAreDeleted) {
    LoginRateLimiter first(Shared(), clock_.clock()), second(Shared(), clock_.clock());
    for (int i = 0; i < 20; ++i)
        (i % 2 == 0 ? first : second)
            .RecordFailure("user" + std::to_string(i) + "@example.fr", "198.51.100.7",
                           i % 2 == 0 ? first_db_.get() : second_db_.get());
    EXPECT_FALSE(first.Check("new@example.fr", "198.51.100.7", first_db_.get()).ok());
    EXPECT_TRUE(first.Check("new@example.fr", "198.51.100.8", first_db_.get()).ok());
    long long rows = 0;
    first_db_->sql() << "SELECT count(*) FROM login_failure", soci::into(rows);
    EXPECT_EQ(rows, 40);  // an e-mail key and an IP key per failure
    clock_.Advance(15 * 60 + 1);
    second.RecordFailure("late@example.fr", "", second_db_.get());
    first_db_->sql() << "SELECT count(*) FROM login_failure", soci::into(rows);
    EXPECT_EQ(rows, 1);  // the window's past is not kept
    EXPECT_TRUE(first.Check("new@example.fr", "198.51.100.7", first_db_.get()).ok());
}

// The sign-up and reset throttles shared by two servers (issue 17): the counts add up, and the
// login limiter's clean-up (a 15-minute window) leaves the throttles' hour alone.
TEST_F(SharedRateLimiterTest, ThrottlesCountAcrossServersAndSurviveTheLoginCleanUp) {
    ThrottleConfig reset = ThrottleConfig::PasswordReset();
    reset.shared = true;
    RequestThrottle first(reset, clock_.clock()), second(reset, clock_.clock());
    LoginRateLimiter login(Shared(), clock_.clock());
    EXPECT_EQ(first.Take("anne@example.fr", "198.51.100.1", first_db_.get()), 0);
    clock_.Advance(20 * 60);
    EXPECT_EQ(second.Take("ANNE@example.fr", "198.51.100.2", second_db_.get()), 0);
    login.RecordFailure("zoe@example.fr", "", first_db_.get());  // deletes login rows older than 15 min
    clock_.Advance(60);
    EXPECT_EQ(first.Take("anne@example.fr", "2001:db8::1", first_db_.get()), 0);
    EXPECT_EQ(second.Take("anne@example.fr", "2001:db8::2", second_db_.get()), 3600 - 21 * 60);
    EXPECT_EQ(first.Take("bob@example.fr", "2001:db8::3", first_db_.get()), 0);

    ThrottleConfig signup = ThrottleConfig::SignUp();
    signup.shared = true;
    RequestThrottle a(signup, clock_.clock()), b(signup, clock_.clock());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ((i % 2 ? a : b).Take("s" + std::to_string(i) + "@example.fr", "2001:db8:5:5::" + std::to_string(i),
                                       i % 2 ? first_db_.get() : second_db_.get()),
                  0);
    EXPECT_GT(a.Take("s9@example.fr", "2001:db8:5:5::99", first_db_.get()), 0);
    // An hour later the throttles' rows are cleaned as new ones arrive.
    clock_.Advance(3601);
    EXPECT_EQ(a.Take("s9@example.fr", "2001:db8:5:5::99", first_db_.get()), 0);
    EXPECT_EQ(first.Take("anne@example.fr", "", first_db_.get()), 0);
    long long rows = 0;
    first_db_->sql() << "SELECT count(*) FROM login_failure WHERE limit_key LIKE 't:%'", soci::into(rows);
    EXPECT_EQ(rows, 3);  // the sign-up's client and e-mail, the reset's e-mail
}

}  // namespace
}  // namespace juo::auth

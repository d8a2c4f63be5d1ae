// Tests of server-side sessions (expiry, sliding, logout, cache and its invalidation, threads)
// and of the session cookie helpers.
#include "auth/sessions.h"

#include <gtest/gtest.h>

#include <thread>

#include "auth/cookies.h"
#include "auth/crypto.h"
#include "auth/test_support.h"
#include "store/users/account_repository.h"
#include "store/users/user_repository.h"

namespace juo::auth {
namespace {

using testing::TestClock;
using testing::TestDatabase;

constexpr long long kDay = 24 * 3600;

class SessionsTest : public ::testing::Test {
 protected:
    SessionsTest() : db_(files_.Open()), sessions_(SessionConfig{14 * kDay, 300, 30, 1000}, clock_.clock()) {
        domain::User host;
        host.email = "host@usine.fr";
        host.display_name = "Hôte";
        host.locale = "en";
        host.created_at = "2026-01-01T00:00:00Z";
        host.roles = {{domain::Role::kHost, {}, std::nullopt}, {domain::Role::kRelay, "69", std::nullopt}};
        domain::User other = host;
        other.email = "other@usine.fr";
        other.roles = {{domain::Role::kVisitor, {}, std::nullopt}};
        std::vector<domain::User> users{host, other};
        EXPECT_TRUE(store::InsertUsers(*db_, users).ok());
        user_ = users[0].id;
        other_ = users[1].id;
    }

    long long SessionRows() {
        long long n = 0;
        db_->sql() << "SELECT count(*) FROM auth_session", soci::into(n);
        return n;
    }

    TestDatabase files_;
    TestClock clock_;
    std::unique_ptr<store::Database> db_;
    SessionStore sessions_;
    long long user_ = 0, other_ = 0;
};

TEST_F(SessionsTest, CreateThenLookupGivesThePrincipalWithScopedRoles) {
    auto id = sessions_.Create(*db_, user_, "Firefox");
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_TRUE(IsTokenShaped(*id));
    EXPECT_NE(*id, *sessions_.Create(*db_, user_));
    auto principal = sessions_.Lookup(*db_, *id);
    ASSERT_TRUE(principal.ok());
    ASSERT_TRUE(principal->has_value());
    const Principal& p = **principal;
    EXPECT_EQ(p.user_id, user_);
    EXPECT_EQ(p.email, "host@usine.fr");
    EXPECT_EQ(p.display_name, "Hôte");
    EXPECT_EQ(p.locale, "en");
    ASSERT_EQ(p.roles.size(), 2u);
    EXPECT_TRUE(p.Has(domain::Role::kHost));
    EXPECT_EQ(p.roles[1].department_code, "69");
    EXPECT_FALSE(p.Has(domain::Role::kOrganiser));
    // Only the hash is stored.
    int raw = -1;
    db_->sql() << "SELECT count(*) FROM auth_session WHERE id_hash = :i", soci::use(*id), soci::into(raw);
    EXPECT_EQ(raw, 0);
}

TEST_F(SessionsTest, MalformedAndUnknownIdsAreAnonymous) {
    for (std::string id : {std::string(), std::string("x"), std::string(43, '!'), NewToken()}) {
        auto r = sessions_.Lookup(*db_, id);
        ASSERT_TRUE(r.ok());
        EXPECT_FALSE(r->has_value()) << id;
    }
}

TEST_F(SessionsTest, IdleSessionsExpireAndActivitySlidesTheExpiry) {
    auto idle = *sessions_.Create(*db_, user_);
    auto active = *sessions_.Create(*db_, user_);
    // Used every 10 days: never more than 14 days idle.
    for (int i = 0; i < 3; ++i) {
        clock_.Advance(10 * kDay);
        EXPECT_TRUE(sessions_.Lookup(*db_, *&active)->has_value()) << i;
    }
    EXPECT_FALSE(sessions_.Lookup(*db_, idle)->has_value());  // 30 days idle
    EXPECT_EQ(SessionRows(), 1);                              // the expired row was deleted
    clock_.Advance(14 * kDay - 1);
    EXPECT_TRUE(sessions_.Lookup(*db_, active)->has_value());
    clock_.Advance(14 * kDay);
    EXPECT_FALSE(sessions_.Lookup(*db_, active)->has_value());
}

// Issue 17: a read-only request (page view) never writes the session row, not even to slide
// its expiry or to delete it once expired; only a change slides the expiry.
TEST_F(SessionsTest, ReadOnlyLookupsNeverWrite) {
    using A = SessionStore::Access;
    using F = SessionStore::Freshness;
    auto id = *sessions_.Create(*db_, user_);
    auto last_seen = [&] {
        std::string at;
        db_->sql() << "SELECT last_seen_at FROM auth_session", soci::into(at);
        return at;
    };
    const std::string created = last_seen();
    // Read for 13 days, past the touch interval and the cache's TTL: the row is never written.
    for (int i = 0; i < 13; ++i) {
        clock_.Advance(kDay);
        EXPECT_TRUE(sessions_.Lookup(*db_, id, F::kCachedOk, A::kReadOnly)->has_value()) << i;
        EXPECT_TRUE(sessions_.Lookup(*db_, id, F::kFromDatabase, A::kReadOnly)->has_value()) << i;
    }
    EXPECT_EQ(last_seen(), created);
    // A change slides the expiry (14 days from now)...
    EXPECT_TRUE(sessions_.Lookup(*db_, id, F::kCachedOk, A::kChanges)->has_value());
    EXPECT_NE(last_seen(), created);
    clock_.Advance(14 * kDay - 10);
    EXPECT_TRUE(sessions_.Lookup(*db_, id, F::kCachedOk, A::kReadOnly)->has_value());
    // ...and past it, reads see an anonymous request and leave the expired row to the purge.
    clock_.Advance(20);
    EXPECT_FALSE(sessions_.Lookup(*db_, id, F::kCachedOk, A::kReadOnly)->has_value());
    EXPECT_EQ(SessionRows(), 1);
    EXPECT_EQ(*sessions_.PurgeExpired(*db_), 1);
    EXPECT_EQ(SessionRows(), 0);
}

TEST_F(SessionsTest, ExpiryHoldsEvenForACachedLookup) {
    SessionStore long_cache(SessionConfig{100, 1000, 1000, 1000}, clock_.clock());
    auto id = *long_cache.Create(*db_, user_);
    ASSERT_TRUE(long_cache.Lookup(*db_, id)->has_value());
    EXPECT_EQ(long_cache.CachedCount(), 1u);
    clock_.Advance(100);
    EXPECT_FALSE(long_cache.Lookup(*db_, id)->has_value());
}

TEST_F(SessionsTest, LogoutEndsTheSessionAndEvictsTheCache) {
    auto id = *sessions_.Create(*db_, user_);
    auto other = *sessions_.Create(*db_, user_);
    ASSERT_TRUE(sessions_.Lookup(*db_, id)->has_value());
    ASSERT_TRUE(sessions_.Lookup(*db_, other)->has_value());
    EXPECT_EQ(sessions_.CachedCount(), 2u);
    ASSERT_TRUE(sessions_.Logout(*db_, id).ok());
    EXPECT_EQ(sessions_.CachedCount(), 1u);
    EXPECT_FALSE(sessions_.Lookup(*db_, id)->has_value());
    EXPECT_TRUE(sessions_.Lookup(*db_, other)->has_value());
    EXPECT_TRUE(sessions_.Logout(*db_, id).ok());  // twice is fine
    EXPECT_TRUE(sessions_.Logout(*db_, "garbage").ok());
}

TEST_F(SessionsTest, CacheAnswersWithoutTheDatabaseUntilItsTtl) {
    auto id = *sessions_.Create(*db_, user_);
    ASSERT_TRUE(sessions_.Lookup(*db_, id)->has_value());
    // Deleting the row behind the cache's back (as another app server would): the cached
    // answer holds for at most cache_ttl_seconds.
    db_->sql() << "DELETE FROM auth_session";
    EXPECT_TRUE(sessions_.Lookup(*db_, id)->has_value());
    clock_.Advance(29);
    EXPECT_TRUE(sessions_.Lookup(*db_, id)->has_value());
    clock_.Advance(1);
    EXPECT_FALSE(sessions_.Lookup(*db_, id)->has_value());
    EXPECT_EQ(sessions_.CachedCount(), 0u);
}

TEST_F(SessionsTest, RevokeUserSessionsKeepsOneAndForgetUserRereadsRoles) {
    auto keep = *sessions_.Create(*db_, user_);
    auto drop = *sessions_.Create(*db_, user_);
    auto stranger = *sessions_.Create(*db_, other_);
    for (auto& id : {keep, drop, stranger}) ASSERT_TRUE(sessions_.Lookup(*db_, id)->has_value());
    auto revoked = sessions_.RevokeUserSessions(*db_, user_, keep);
    ASSERT_TRUE(revoked.ok());
    EXPECT_EQ(*revoked, 1);
    EXPECT_TRUE(sessions_.Lookup(*db_, keep)->has_value());
    EXPECT_FALSE(sessions_.Lookup(*db_, drop)->has_value());
    EXPECT_TRUE(sessions_.Lookup(*db_, stranger)->has_value());

    // A role granted in the database shows once the user is forgotten by the cache.
    db_->sql() << "INSERT INTO user_role (user_id, role) VALUES (:u, 'organiser')", soci::use(user_);
    EXPECT_FALSE((*sessions_.Lookup(*db_, keep))->Has(domain::Role::kOrganiser));
    sessions_.ForgetUser(user_);
    EXPECT_TRUE((*sessions_.Lookup(*db_, keep))->Has(domain::Role::kOrganiser));
}

TEST_F(SessionsTest, DeletedUsersHaveNoSession) {
    auto id = *sessions_.Create(*db_, other_);
    db_->sql() << "UPDATE app_user SET deleted_at = '2026-04-01T09:00:00Z' WHERE id = :u", soci::use(other_);
    EXPECT_FALSE(sessions_.Lookup(*db_, id)->has_value());
}

TEST_F(SessionsTest, PurgeDeletesExpiredRows) {
    auto old_one = *sessions_.Create(*db_, user_);
    clock_.Advance(10 * kDay);
    auto recent = *sessions_.Create(*db_, user_);
    clock_.Advance(5 * kDay);
    auto purged = sessions_.PurgeExpired(*db_);
    ASSERT_TRUE(purged.ok());
    EXPECT_EQ(*purged, 1);
    EXPECT_EQ(SessionRows(), 1);
    EXPECT_TRUE(sessions_.Lookup(*db_, recent)->has_value());
    EXPECT_FALSE(sessions_.Lookup(*db_, old_one)->has_value());
}

TEST_F(SessionsTest, DatabaseFailuresAreErrorsNotExceptions) {
    auto id = *sessions_.Create(*db_, user_);
    db_->sql() << "DROP TABLE auth_session";
    auto r = sessions_.Lookup(*db_, id);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(sessions_.Create(*db_, user_).error().code, ErrorCode::kUnavailable);
}

TEST_F(SessionsTest, SharedCacheWithOneDatabasePerThread) {
    std::vector<std::string> ids;
    for (int i = 0; i < 8; ++i) ids.push_back(*sessions_.Create(*db_, i % 2 == 0 ? user_ : other_));
    std::atomic<int> found{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto db = files_.Open();
            for (int round = 0; round < 200; ++round) {
                const std::string& id = ids[(t + round) % ids.size()];
                auto r = sessions_.Lookup(*db, id);
                if (!r.ok() || !r->has_value()) {
                    ++failures;
                    continue;
                }
                ++found;
                if (round % 50 == 0) sessions_.ForgetUser((*r)->user_id);
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(found.load(), 800);
    EXPECT_LE(sessions_.CachedCount(), ids.size());
}

TEST(CookiesTest, SetAndClearAndRead) {
    EXPECT_EQ(SessionCookie("abc", 1209600, false),
              "juo_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600");
    EXPECT_EQ(SessionCookie("abc", 60, true),
              "juo_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
    EXPECT_EQ(ClearSessionCookie(true), "juo_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
    EXPECT_EQ(*SessionIdFromCookieHeader("juo_lang=en; juo_session=XYZ; other=1"), "XYZ");
    EXPECT_EQ(*SessionIdFromCookieHeader("juo_session=\"Q\""), "Q");
    EXPECT_EQ(*SessionIdFromCookieHeader("juo_session=A;juo_session=B"), "A");
    EXPECT_FALSE(SessionIdFromCookieHeader("").has_value());
    EXPECT_FALSE(SessionIdFromCookieHeader("juo_session=").has_value());
    EXPECT_FALSE(SessionIdFromCookieHeader("xjuo_session=A; juo_sessionx=B").has_value());
}

}  // namespace
}  // namespace juo::auth

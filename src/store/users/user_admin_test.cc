// Tests of the organiser's users and roles in the store (user_admin.h): the search and its pages,
// and every rule of a grant and a revocation, each change audited and a refused one changing
// nothing.
#include "store/users/user_admin.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/users/account_repository.h"
#include "store/back_office_test_data.h"
#include "store/db/dialect.h"

namespace juo::store {
namespace {

using domain::Role;
using domain::RoleGrant;
using namespace store::testing;

class UserAdminTest : public DatabaseTest {
 protected:
    std::vector<std::string> Emails(const UserSearchPage& page) {
        std::vector<std::string> out;
        for (const auto& u : page.users) out.push_back(u.email);
        return out;
    }
};

TEST_F(UserAdminTest, SearchByEmailOrNameAPageAtATime) {
    const long long site = AddSite(*db_, "Forge de Lyon");
    AddUser(*db_, "alice@usine.fr", "Alice Martin", {{Role::kHost, "", site}});
    AddUser(*db_, "bob@example.org", "Bob MARTIN", {});
    AddUser(*db_, "carla@example.org", "Carla",
            {{Role::kRelay, "69", std::nullopt}, {Role::kRelay, "01", std::nullopt}});
    AddUser(*db_, "d_100%@example.org", "Dora", {});
    const long long gone = AddUser(*db_, "martine@example.org", "Martine", {});
    db_->sql() << "UPDATE app_user SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = :i", soci::use(gone);

    EXPECT_EQ(
        Emails(SearchUsers(*db_, "martin", 1, 50)),
        (std::vector<std::string>{"alice@usine.fr", "bob@example.org"}));  // names, any case; not the deleted
    EXPECT_EQ(Emails(SearchUsers(*db_, "USINE", 1, 50)), std::vector<std::string>{"alice@usine.fr"});
    EXPECT_EQ(Emails(SearchUsers(*db_, "100%", 1, 50)), std::vector<std::string>{"d_100%@example.org"});
    EXPECT_TRUE(SearchUsers(*db_, "_1", 1, 50).users.size() == 1);  // '_' is not a wildcard
    EXPECT_TRUE(SearchUsers(*db_, "zzz", 1, 50).users.empty());

    auto first = SearchUsers(*db_, "", 1, 2);
    EXPECT_EQ(Emails(first), (std::vector<std::string>{"alice@usine.fr", "bob@example.org"}));
    EXPECT_TRUE(first.more);
    auto second = SearchUsers(*db_, "", 2, 2);
    EXPECT_EQ(Emails(second), (std::vector<std::string>{"carla@example.org", "d_100%@example.org"}));
    EXPECT_FALSE(second.more);
    ASSERT_EQ(first.users[0].grants.size(), 1u);
    EXPECT_EQ(first.users[0].grants[0].grant.role, Role::kHost);
    EXPECT_EQ(first.users[0].grants[0].site_name, "Forge de Lyon");
    ASSERT_EQ(second.users[0].grants.size(), 2u);
    EXPECT_EQ(second.users[0].grants[1].grant.department_code, "01");
    EXPECT_TRUE(second.users[1].grants.empty());
    EXPECT_FALSE(FindUserView(*db_, gone).has_value());
}

// Two organisers grant the same role to one user at the same instant (two app servers): one
// grant, and a 409 for the other — the unique index cannot tell two organiser grants apart (their
// scope columns are NULL), so the second waits for the first's commit on the user's row.
TEST_F(UserAdminTest, TheSameRoleGrantedTwiceAtOnceIsGrantedOnce) {
    const long long me = AddUser(*db_, "orga@example.org", "Orga", {{Role::kOrganiser, "", std::nullopt}});
    const long long user = AddUser(*db_, "user@example.org", "User", {});
    auto other = Database::Open(url(), OpenMode::kMustExist);
    ASSERT_TRUE(other.ok()) << other.error().message;
    // The other server's GrantRole, stopped before its commit: the user's row locked, the grant in.
    (*other)->sql() << std::string(BeginWriteTransaction((*other)->dialect()));
    long long locked = 0;
    (*other)->sql() << "SELECT id FROM app_user WHERE id = :u" + std::string(LockedForChange((*other)->dialect())),
        soci::use(user), soci::into(locked);
    (*other)->sql() << "INSERT INTO user_role (user_id, role) VALUES (:u, 'organiser')", soci::use(user);
    std::atomic<bool> done{false};
    Result<long long> mine = MakeError(ErrorCode::kInternal, "not run");
    std::thread granting([&] {
        mine = GrantRole(*db_, user, {Role::kOrganiser, "", std::nullopt}, me);
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const bool waited = !done.load();
    (*other)->sql() << "COMMIT";
    granting.join();
    EXPECT_TRUE(waited);
    ASSERT_FALSE(mine.ok());
    EXPECT_EQ(mine.error().code, ErrorCode::kConflict);
    long long grants = 0;
    db_->sql() << "SELECT count(*) FROM user_role WHERE user_id = :u AND role = 'organiser'", soci::use(user),
        soci::into(grants);
    EXPECT_EQ(grants, 1);
}

TEST_F(UserAdminTest, GrantAndRevokeRules) {
    const long long site = AddSite(*db_, "Forge");
    const long long me = AddUser(*db_, "orga@example.org", "Orga", {{Role::kOrganiser, "", std::nullopt}});
    const long long other =
        AddUser(*db_, "orga2@example.org", "Orga 2", {{Role::kOrganiser, "", std::nullopt}});
    const long long user = AddUser(*db_, "user@example.org", "User", {});

    auto refused = [&](const RoleGrant& g, ErrorCode code) {
        auto r = GrantRole(*db_, user, g, me);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, code) << r.error().message;
        EXPECT_FALSE(r.error().message_fr.empty());
    };
    refused({Role::kRelay, "", std::nullopt}, ErrorCode::kInvalidArgument);  // a relay needs a department
    refused({Role::kRelay, "69", site}, ErrorCode::kInvalidArgument);        // and no site
    refused({Role::kHost, "", std::nullopt}, ErrorCode::kInvalidArgument);   // a host needs a site
    refused({Role::kHost, "", 999999}, ErrorCode::kInvalidArgument);         // that exists
    refused({Role::kOrganiser, "69", std::nullopt}, ErrorCode::kInvalidArgument);
    EXPECT_EQ(GrantRole(*db_, 999999, {Role::kTeacher, "", std::nullopt}, me).error().code,
              ErrorCode::kNotFound);
    EXPECT_TRUE(LoadRoleGrants(*db_, user).empty());
    EXPECT_EQ(CountAudit("role.grant"), 0);

    auto relay = GrantRole(*db_, user, {Role::kRelay, "69", std::nullopt}, me);
    ASSERT_TRUE(relay.ok()) << relay.error().message;
    ASSERT_TRUE(GrantRole(*db_, user, {Role::kRelay, "2A", std::nullopt}, me).ok());
    ASSERT_TRUE(GrantRole(*db_, user, {Role::kHost, "", site}, me).ok());
    auto organiser = GrantRole(*db_, user, {Role::kOrganiser, "", std::nullopt}, me);
    ASSERT_TRUE(organiser.ok());
    // No duplicate, scoped or not (the UNIQUE constraint cannot see NULL scopes).
    refused({Role::kRelay, "69", std::nullopt}, ErrorCode::kConflict);
    refused({Role::kHost, "", site}, ErrorCode::kConflict);
    refused({Role::kOrganiser, "", std::nullopt}, ErrorCode::kConflict);
    auto grants = LoadRoleGrants(*db_, user);
    ASSERT_EQ(grants.size(), 4u);  // what the session lookup reads
    EXPECT_EQ(grants[0].department_code, "69");
    EXPECT_EQ(grants[2].site_id, site);
    EXPECT_EQ(CountAudit("role.grant"), 4);

    // Nobody revokes their own organiser role; another organiser may.
    auto mine = FindUserView(*db_, me)->grants[0].id;
    auto self = RevokeRole(*db_, me, mine, me);
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().code, ErrorCode::kConflict);
    EXPECT_EQ(LoadRoleGrants(*db_, me).size(), 1u);
    EXPECT_TRUE(RevokeRole(*db_, me, mine, other).ok());
    EXPECT_TRUE(LoadRoleGrants(*db_, me).empty());
    // A grant is revoked through its own user; twice is a 404.
    EXPECT_EQ(RevokeRole(*db_, other, *relay, me).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(RevokeRole(*db_, 999999, *relay, me).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(RevokeRole(*db_, user, *relay, me).ok());
    EXPECT_EQ(RevokeRole(*db_, user, *relay, me).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(RevokeRole(*db_, user, *organiser, me).ok());  // someone else's organiser role
    EXPECT_EQ(LoadRoleGrants(*db_, user).size(), 2u);
    EXPECT_EQ(CountAudit("role.revoke"), 3);
    std::string detail;
    db_->sql() << "SELECT detail FROM audit_log WHERE action = 'role.revoke' ORDER BY id LIMIT 1",
        soci::into(detail);
    EXPECT_EQ(detail, "orga@example.org: organiser");
}

}  // namespace
}  // namespace juo::store

// Tests of the organiser's back-office use cases (editions.h, users.h): a grant read from its
// fields, a PATCH merged onto the edition as stored and checked against its version, an edition
// looked up with its progress, and a change of roles forgetting the user's cached sessions (only
// once it is committed).
#include <gtest/gtest.h>

#include "auth/sessions.h"
#include "services/editions.h"
#include "services/users.h"
#include "store/back_office_test_data.h"

namespace juo::services {
namespace {

using store::testing::AddEdition;
using store::testing::AddUser;
using store::testing::DatabaseTest;

TEST(ReadGrant, ReadsTheRoleAndChecksTheDepartment) {
    auto relay = services::ReadGrant("relay", "2a", std::nullopt);
    ASSERT_TRUE(relay.ok()) << relay.error().message;
    EXPECT_EQ(relay->role, domain::Role::kRelay);
    EXPECT_EQ(relay->department_code, "2A");
    auto host = services::ReadGrant("host", "", 12);
    ASSERT_TRUE(host.ok());
    EXPECT_EQ(host->site_id, std::optional<long long>(12));
    EXPECT_EQ(services::ReadGrant("king", "", std::nullopt).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(services::ReadGrant("relay", "99", std::nullopt).error().code, ErrorCode::kInvalidArgument);
}

class BackOfficeServicesTest : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        organiser_ = AddUser(*db_, "orga@example.org", "Orga", {{domain::Role::kOrganiser, "", std::nullopt}});
    }
    long long organiser_ = 0;
};

TEST_F(BackOfficeServicesTest, APatchIsMergedOntoTheStoredEditionAndCheckedAgainstItsVersion) {
    const long long id = AddEdition(*db_, 2026);
    auto rename = [](std::string name) {
        return [name](EditionEdit current) -> Result<EditionEdit> {
            current.name = name;
            return current;
        };
    };
    auto before = services::FindEdition(*db_, id);
    ASSERT_TRUE(before.ok());
    const std::string version = services::EditionVersion(*before);

    auto patched = services::PatchEdition(*db_, id, "", rename("Printemps 2026"), organiser_);
    ASSERT_TRUE(patched.ok()) << patched.error().message;
    EXPECT_EQ(patched->name, "Printemps 2026");
    EXPECT_EQ(patched->days.size(), before->days.size());  // what the patch did not name is kept

    // The version the client read is gone: nothing written.
    EXPECT_EQ(services::PatchEdition(*db_, id, version, rename("Autre"), organiser_).error().code, ErrorCode::kStale);
    // The merge's own refusal comes back as it is.
    auto refused = services::PatchEdition(
        *db_, id, "",
        [](EditionEdit) -> Result<EditionEdit> { return MakeError(ErrorCode::kInvalidArgument, "bad", "mauvais"); },
        organiser_);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(services::PatchEdition(*db_, 999999, "", rename("x"), organiser_).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(services::FindEdition(*db_, id)->name, "Printemps 2026");

    auto progress = services::FindEditionProgress(*db_, id);
    ASSERT_TRUE(progress.ok());
    EXPECT_EQ(progress->edition.year, 2026);
    auto none = services::FindEditionProgress(*db_, 999999);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(none.error().message, "no edition 999999");
    EXPECT_EQ(services::CurrentEdition(*db_)->id, id);
}

TEST_F(BackOfficeServicesTest, AChangeOfRolesForgetsTheUsersCachedSessionsOnceCommitted) {
    auth::SessionStore sessions;
    const long long user = AddUser(*db_, "relais@example.org", "Relais", {});
    auto session = sessions.Create(*db_, user);
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(sessions.Lookup(*db_, *session).ok());
    ASSERT_EQ(sessions.CachedCount(), 1u);

    // Refused (a relay needs a department): the cache is kept.
    EXPECT_EQ(services::GrantRole(*db_, sessions, user, {domain::Role::kRelay, "", std::nullopt}, organiser_).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(sessions.CachedCount(), 1u);

    auto grant = services::GrantRole(*db_, sessions, user, {domain::Role::kRelay, "69", std::nullopt}, organiser_);
    ASSERT_TRUE(grant.ok()) << grant.error().message;
    EXPECT_EQ(sessions.CachedCount(), 0u);
    auto found = services::FindUserView(*db_, user);
    ASSERT_TRUE(found.ok() && found->has_value());
    ASSERT_EQ((*found)->grants.size(), 1u);
    EXPECT_EQ((*found)->grants[0].id, *grant);

    ASSERT_TRUE(sessions.Lookup(*db_, *session).ok());
    ASSERT_EQ(sessions.CachedCount(), 1u);
    ASSERT_TRUE(services::RevokeRole(*db_, sessions, user, *grant, organiser_).ok());
    EXPECT_EQ(sessions.CachedCount(), 0u);
    EXPECT_TRUE((*services::FindUserView(*db_, user))->grants.empty());
    EXPECT_FALSE(services::FindUserView(*db_, 999999)->has_value());

    auto page = services::SearchUsers(*db_, "relais", 1, 50);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->users.size(), 1u);
    EXPECT_EQ(page->users[0].id, user);
}

}  // namespace
}  // namespace juo::services

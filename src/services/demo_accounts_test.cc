// Tests of the demo accounts: a database seeded without them holds none; created on an edition
// open now, each of the six signs in with its password and holds its role (the host its named
// factory, the relay its region's departments); a second call and a missing edition are refused.
// On one replica of an edition open on a fixed day (SQLite, or a PostgreSQL schema).
#include "services/demo_accounts.h"

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include "auth/accounts.h"
#include "auth/sessions.h"
#include "refdata/refdata.h"
#include "seed/replica.h"
#include "store/db/test_database.h"

namespace juo::services {
namespace {

namespace fs = std::filesystem;

// The replica of an edition open on 10 January 2025: its days are 7 and 8 February 2025.
constexpr const char* kOpenOn = "2025-01-10";

class DemoAccountsTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_services_demo_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        const std::string url =
            store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*store::Database::Open(url, store::OpenMode::kCreateIfMissing)).release();
        seed::ReplicaOptions options;
        options.open_on = kOpenOn;
        auto replica = seed::GenerateReplica(options);
        ASSERT_TRUE(replica.ok()) << replica.error().message;
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
        store::RemoveSqliteFiles(path_);
    }
    static long long Users() {
        long long n = 0;
        db_->sql() << "SELECT count(*) FROM app_user", soci::into(n);
        return n;
    }

    static inline fs::path path_;
    static inline store::Database* db_ = nullptr;
    const auth::PasswordCost cost_ = auth::PasswordCost::ForTests();
};

TEST(DemoAccountsTextTest, PasswordsAreRandomAndReadableAndTheSignInUrlCarriesTheStartPage) {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        std::string p = NewDemoPassword();
        EXPECT_TRUE(std::regex_match(p, std::regex("[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}-[2-9a-km-np-z]{4}"))) << p;
        EXPECT_TRUE(auth::CheckPasswordRules(p).ok());
        seen.insert(p);
    }
    EXPECT_EQ(seen.size(), 50u);
    EXPECT_EQ(DemoSignInUrl("http://127.0.0.1:8080/", "/groupes/demande?visite=12"),
              "http://127.0.0.1:8080/compte/connexion?next=%2Fgroupes%2Fdemande%3Fvisite%3D12");
}

TEST_F(DemoAccountsTest, EachRoleSignsInWithItsPasswordAndHoldsItsRole) {
    auto none = CountDemoAccounts(*db_);
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(*none, 0) << "a database seeded without the flag holds no demo account";
    const long long before = Users();

    auto accounts = CreateDemoAccounts(*db_, 2025, cost_);
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;
    ASSERT_EQ(accounts->size(), 6u);
    EXPECT_EQ(Users(), before + 6);
    EXPECT_EQ(*CountDemoAccounts(*db_), 6);

    const std::vector<domain::Role> roles = {domain::Role::kVisitor, domain::Role::kTeacher,
                                             domain::Role::kAdviser, domain::Role::kHost,
                                             domain::Role::kRelay,   domain::Role::kOrganiser};
    auth::Accounts login{auth::AccountsConfig{cost_}};
    auth::SessionStore sessions;
    for (size_t i = 0; i < roles.size(); ++i) {
        const DemoAccount& a = (*accounts)[i];
        SCOPED_TRACE(a.email);
        EXPECT_EQ(a.role, roles[i]);
        EXPECT_NE(a.email.find("@demo.juo.test"), std::string::npos);
        EXPECT_EQ(a.start_path.front(), '/');
        auto user = login.Login(*db_, a.email, a.password);
        ASSERT_TRUE(user.ok()) << user.error().message;  // confirmed: no e-mail round trip
        EXPECT_EQ(*user, a.user_id);
        EXPECT_FALSE(login.Login(*db_, a.email, a.password + "x").ok());
        auto session = sessions.Create(*db_, *user, "test");
        ASSERT_TRUE(session.ok());
        auto who = sessions.Lookup(*db_, *session);
        ASSERT_TRUE(who.ok() && *who);
        EXPECT_TRUE((*who)->Has(roles[i]));
        for (const auto& g : (*who)->roles) EXPECT_EQ(g.role, roles[i]);  // one role each
    }

    // The host manages an approved factory of the edition with a Friday group tour, the one the
    // teacher and the adviser start from.
    const DemoAccount& host = (*accounts)[3];
    ASSERT_EQ(*login.Login(*db_, host.email, host.password), host.user_id);
    long long site = 0, approved = 0, tour_site = 0;
    std::string name;
    db_->sql() << "SELECT r.site_id, s.name FROM user_role r JOIN site s ON s.id = r.site_id WHERE r.user_id = :u",
        soci::use(host.user_id), soci::into(site), soci::into(name);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(host.scope.rfind(name, 0), 0u) << host.scope;
    db_->sql() << "SELECT count(*) FROM participation WHERE site_id = :s AND status = 'approved'", soci::use(site),
        soci::into(approved);
    EXPECT_EQ(approved, 1);
    const std::string& teacher_start = (*accounts)[1].start_path;
    ASSERT_EQ(teacher_start.rfind("/groupes/demande?visite=", 0), 0u);
    const long long friday_tour = std::stoll(teacher_start.substr(teacher_start.find('=') + 1));
    db_->sql() << "SELECT site_id FROM session WHERE id = :t", soci::use(friday_tour), soci::into(tour_site);
    EXPECT_EQ(tour_site, site);
    EXPECT_EQ((*accounts)[0].start_path, "/usines/" + std::to_string(site));

    // The relay covers every department of the factory's region, and only those.
    const DemoAccount& relay = (*accounts)[4];
    std::string region;
    db_->sql() << "SELECT region_code FROM site WHERE id = :s", soci::use(site), soci::into(region);
    EXPECT_EQ(relay.scope, refdata::FindRegion(region)->name);
    long long grants = 0, expected = 0;
    db_->sql() << "SELECT count(*) FROM user_role WHERE user_id = :u AND role = 'relay'", soci::use(relay.user_id),
        soci::into(grants);
    for (const auto& d : refdata::Departments()) expected += d.region_code == region;
    EXPECT_EQ(grants, expected);

    // Once only: the database already has them.
    auto again = CreateDemoAccounts(*db_, 2025, cost_);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_EQ(Users(), before + 6);
}

TEST_F(DemoAccountsTest, AnEditionThatIsNotThereHasNoDemoAccounts) {
    auto missing = CreateDemoAccounts(*db_, 2031, cost_);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace juo::services

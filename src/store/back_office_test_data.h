// Test data of the back office's tests (store and web): editions with their Friday and
// Saturday, factories, participations, users with grants and tours, written with the store's own
// functions. Only for the tests: each helper fails the current test (and returns 0) when the
// store refuses.
//
// Thread-safety: one Database per thread, as everywhere.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "domain/session.h"
#include "domain/site.h"
#include "domain/user.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/users/session_repository.h"
#include "store/sites/site_repository.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::store::testing {

// A test with its own SQLite database in a fresh folder named after the test (created and
// migrated in SetUp, removed in TearDown), or its own PostgreSQL schema when JUO_TEST_PG_URL is
// set (test_database.h).
class DatabaseTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("juo_back_office_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        auto db = Database::Open(url(), OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        db_ = std::move(*db);
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove_all(dir_);
    }
    std::string path() const { return (dir_ / "juo.db").string(); }
    // The test's database: path(), or its PostgreSQL schema.
    std::string url() {
        return urls_.Url("juo.db", [&](const std::string&) { return path(); });
    }
    // The audit entries with this action.
    long long CountAudit(const std::string& action) {
        long long n = 0;
        db_->sql() << "SELECT count(*) FROM audit_log WHERE action = :a", soci::use(action), soci::into(n);
        return n;
    }

    std::filesystem::path dir_;
    TestDatabaseUrls urls_;
    std::unique_ptr<Database> db_;
};

// Edition `year`: Friday (schools, job-seekers) and Saturday (public) of the first full weekend of
// April 2025 or 2026 (other years: 4 and 5 April), status `status`.
inline long long AddEdition(Database& db, int year,
                            domain::EditionStatus status = domain::EditionStatus::kDraft) {
    domain::Edition e;
    e.year = year;
    e.name = "Édition " + std::to_string(year);
    e.created_at = "2025-01-01T00:00:00Z";
    e.target_sites = 100;
    e.target_visitors = 5000;
    e.status = status;
    const std::string friday = year == 2026 ? "2026-04-03" : std::to_string(year) + "-04-04";
    const std::string saturday = year == 2026 ? "2026-04-04" : std::to_string(year) + "-04-05";
    e.days = {{0, friday, {domain::Audience::kSchool, domain::Audience::kJobSeekers}},
              {0, saturday, {domain::Audience::kPublic}}};
    auto stored = db.InTransaction<Unit>([&]() -> Status { return InsertEdition(db, e); });
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return e.id;
}

// A factory in Lyon named `name`.
inline long long AddSite(Database& db, const std::string& name) {
    auto stored = db.InTransaction<long long>([&]() -> Result<long long> {
        std::vector<domain::Organisation> orgs{{0, name + " SAS", "", "2025-01-01T00:00:00Z"}};
        InsertOrganisations(db, orgs);
        domain::Site site;
        site.organisation_id = orgs[0].id;
        site.name = name;
        site.naf_code = "29.10Z";
        site.naf_division = "29";
        site.address = "1 rue de l'Usine";
        site.postcode = "69001";
        site.commune_code = "69123";
        site.commune_name = "Lyon";
        site.department_code = "69";
        site.region_code = "84";
        site.position = {45.76, 4.83};
        site.created_at = "2025-01-01T00:00:00Z";
        std::vector<domain::Site> sites{site};
        JUO_TRY(InsertSites(db, sites));
        return sites[0].id;
    });
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? *stored : 0;
}

inline void AddParticipation(Database& db, long long edition_id, long long site_id,
                             domain::ParticipationStatus status) {
    std::vector<domain::Participation> p{{0, edition_id, site_id, status, "2025-02-01T00:00:00Z", ""}};
    auto stored = db.InTransaction<Unit>([&]() -> Status {
        InsertParticipations(db, p);
        return Ok();
    });
    EXPECT_TRUE(stored.ok()) << stored.error().message;
}

// A confirmed user with these grants.
inline long long AddUser(Database& db, const std::string& email, const std::string& name,
                         std::vector<domain::RoleGrant> grants) {
    std::vector<domain::User> users(1);
    users[0].email = email;
    users[0].display_name = name;
    users[0].email_confirmed_at = users[0].created_at = "2025-01-01T00:00:00Z";
    users[0].roles = std::move(grants);
    auto stored = db.InTransaction<Unit>([&]() -> Status { return InsertUsers(db, users); });
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return users[0].id;
}

// A tour of `site_id` on `day`, 10:00-11:30, for `audiences`.
inline long long AddTour(Database& db, long long edition_id, long long site_id, const std::string& day,
                         std::vector<domain::Audience> audiences) {
    domain::Session s;
    s.edition_id = edition_id;
    s.site_id = site_id;
    s.day_date = day;
    s.starts_at = "10:00";
    s.ends_at = "11:30";
    s.capacity_people = 20;
    s.capacity_groups = 0;
    for (auto a : audiences)
        if (domain::IsGroupAudience(a)) s.capacity_groups = 1;
    s.audiences = std::move(audiences);
    std::vector<domain::Session> sessions{s};
    auto stored = db.InTransaction<Unit>([&]() -> Status { return InsertSessions(db, sessions); });
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return sessions[0].id;
}

}  // namespace juo::store::testing

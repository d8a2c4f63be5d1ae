// Tests of the exports' queries and of the media queries on a small edition (SQLite, or PostgreSQL
// under JUO_TEST_PG_URL) with rows in two departments (69 and 38): each list has its rows and
// columns, and a relay's scope keeps only the rows of their departments (by the rule of each
// list, export_queries.h).
#include "store/reads/export_queries.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/media/media_queries.h"
#include "store/media/media_repository.h"
#include "store/db/test_database.h"

namespace juo::store {
namespace {

namespace fs = std::filesystem;

class ExportQueriesTest : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() / ("juo_export_queries_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        store::RemoveSqliteFiles(path_);
        db_ = std::move(*Database::Open(
            urls_.Url("juo.db", [&](const std::string&) { return path_.string(); }), OpenMode::kCreateIfMissing));
        auto& sql = db_->sql();
        sql << "INSERT INTO edition (id, year, name, created_at) VALUES (1, 2026, 'JUO 2026', '2026-01-01T00:00:00Z')";
        sql << "INSERT INTO edition (id, year, name, created_at) VALUES (2, 2025, 'JUO 2025', '2025-01-01T00:00:00Z')";
        sql << "INSERT INTO organisation (id, name, created_at) VALUES (1, 'Acier SA', 'x'), (2, 'Verre SAS', 'x')";
        // Site 1 in Lyon (69), site 2 in Grenoble (38), site 3 in Lyon taking part in 2025 only.
        sql << "INSERT INTO site (id, organisation_id, name, naf_code, naf_division, address, postcode, commune_code, "
               "commune_name, department_code, region_code, latitude, longitude, wheelchair_access, created_at) VALUES "
               "(1, 1, 'Aciérie de Lyon', '24.10Z', '24', '1 rue A', '69007', '69387', 'Lyon', '69', '84', 45.7, 4.8, "
               "1, 'x'), (2, 2, 'Verrerie de Grenoble', '23.13Z', '23', '2 rue B', '38000', '38185', 'Grenoble', "
               "'38', '84', 45.2, 5.7, 0, 'x'), (3, 1, 'Ancienne usine', '24.10Z', '24', '3 rue C', '69007', "
               "'69387', 'Lyon', '69', '84', 45.7, 4.8, 0, 'x')";
        sql << "INSERT INTO participation (edition_id, site_id, status) VALUES (1, 1, 'approved'), (1, 2, "
               "'submitted'), (2, 3, 'approved')";
        sql << "INSERT INTO session (id, edition_id, site_id, day_date, starts_at, ends_at, capacity_people, "
               "capacity_groups, places_taken, groups_taken) VALUES (10, 1, 1, '2026-04-03', '09:30', '11:00', 30, "
               "1, 28, 1), (11, 1, 1, '2026-04-04', '10:00', '11:30', 20, 0, 3, 0), (20, 1, 2, '2026-04-03', "
               "'14:00', '15:30', 25, 1, 0, 0)";
        sql << "INSERT INTO session_audience (session_id, audience) VALUES (10, 'school'), (10, 'job_seekers'), (11, "
               "'public'), (20, 'school')";
        sql << "INSERT INTO school (id, uai, name, kind, commune_code, commune_name, department_code, region_code, "
               "latitude, longitude) VALUES (1, '0380001A', 'Collège Stendhal', 'college', '38185', 'Grenoble', "
               "'38', '84', 45.2, 5.7), (2, '0690002B', 'Lycée Ampère', 'lycee', '69387', 'Lyon', '69', '84', 45.7, "
               "4.8)";
        sql << "INSERT INTO app_user (id, email, display_name, school_id, created_at) VALUES (1, "
               "'visiteur@example.org', 'Camille Secret', NULL, 'x'), (2, 'prof@example.org', 'Prof Secret', 1, 'x')";
        // Request 100: a Grenoble class wishing the Lyon site, given tour 10. Request 101: a Lyon
        // class wishing the Grenoble tour 20 (a wish by tour). Request 102: Grenoble wishing Grenoble.
        sql << "INSERT INTO group_request (id, edition_id, requester_user_id, school_id, audience, level, pupils, "
               "adults, latitude, longitude, department_code, status, submitted_at) VALUES (100, 1, 2, 1, 'school', "
               "'3e', 25, 3, 45.2, 5.7, '38', 'accepted', '2026-02-01T08:00:00Z'), (101, 1, NULL, 2, 'school', "
               "'2de', 20, 2, 45.7, 4.8, '69', 'pending', '2026-02-02T08:00:00Z'), (102, 1, NULL, 1, 'school', "
               "'4e', 22, 2, 45.2, 5.7, '38', 'pending', '2026-02-03T08:00:00Z')";
        sql << "INSERT INTO group_request_wish (request_id, rank, session_id, site_id) VALUES (100, 2, NULL, 2), (100, "
               "1, NULL, 1), (101, 1, 20, NULL), (102, 1, NULL, 2)";
        sql << "INSERT INTO booking (id, edition_id, session_id, kind, audience, user_id, group_request_id, people, "
               "status, ticket_code, created_at) VALUES (1000, 1, 10, 'group', 'school', 2, 100, 28, 'confirmed', "
               "'TICKETSEC1', '2026-02-05T08:00:00Z'), (1001, 1, 11, 'party', 'public', 1, NULL, 3, 'confirmed', "
               "'TICKETSEC2', '2026-03-01T08:00:00Z'), (1002, 1, 20, 'party', 'public', 1, NULL, 2, 'cancelled', "
               "'TICKETSEC3', '2026-03-02T08:00:00Z')";
        sql << "INSERT INTO check_in (booking_id, attended, checked_in_at) VALUES (1000, 26, '2026-04-03T07:40:00Z')";
        sql << "INSERT INTO media_mention (id, edition_id, kind, outlet, title, published_on, department_code) VALUES "
               "(1, 1, 'print', 'Le Progrès', 'Portes ouvertes', '2026-04-01', '69'), (2, 1, 'web', 'Le Dauphiné', "
               "NULL, '2026-04-05', '38'), (3, 1, 'broadcast', 'France Inter', NULL, '2026-04-02', NULL), (4, 2, "
               "'print', 'Ancien', NULL, '2025-04-01', '69')";
        sql << "INSERT INTO survey (id, edition_id, audience, title, status) VALUES (1, 1, 'hosts', 'Bilan hôtes', "
               "'sent'), (2, 1, 'teachers', 'Bilan enseignants', 'sent')";
        sql << "INSERT INTO survey_question (id, survey_id, position, kind, text_fr) VALUES (1, 1, 1, 'rating', "
               "'Satisfait ?'), (2, 1, 2, 'yes_no', 'De nouveau ?'), (3, 2, 1, 'text', 'Un mot ?')";
        sql << "INSERT INTO survey_response (id, survey_id, user_id, site_id, respondent_label, submitted_at) VALUES "
               "(1, 1, NULL, 1, 'Jeanne Hôte', '2026-04-10T08:00:00Z'), (2, 2, 2, NULL, 'Prof Secret', "
               "'2026-04-11T08:00:00Z')";
        sql << "INSERT INTO survey_answer (response_id, question_id, rating, yes_no, text_value) VALUES (1, 1, 5, "
               "NULL, NULL), (1, 2, NULL, 1, NULL), (2, 3, NULL, NULL, 'Très bien')";
    }
    void TearDown() override {
        db_.reset();
        store::RemoveSqliteFiles(path_);
    }

    fs::path path_;
    TestDatabaseUrls urls_;
    std::unique_ptr<Database> db_;
    const ExportScope all_ = ExportScope::Everything();
    const ExportScope lyon_ = ExportScope::Departments({"69"});
    const ExportScope grenoble_ = ExportScope::Departments({"38"});
};

TEST_F(ExportQueriesTest, ScopeConditions) {
    EXPECT_EQ(all_.Condition("t.d"), "1 = 1");
    EXPECT_EQ(ExportScope::Departments({"69", "2A"}).Condition("t.d"), "t.d IN ('69', '2A')");
    EXPECT_EQ(ExportScope::Departments({}).Condition("t.d"), "1 = 0");
    // Anything but a short code is never written into the SQL.
    EXPECT_EQ(ExportScope::Departments({"69') OR ('1'='1", ""}).Condition("t.d"), "1 = 0");
}

TEST_F(ExportQueriesTest, SitesOfTheEditionAndTheirDepartments) {
    auto rows = ExportSites(*db_, 1, all_);
    ASSERT_EQ(rows.size(), 2u);  // site 3 takes part in 2025 only
    EXPECT_EQ(rows[0].name, "Verrerie de Grenoble");  // by department
    EXPECT_EQ(rows[0].status, "submitted");
    EXPECT_EQ(rows[1].company, "Acier SA");
    EXPECT_EQ(rows[1].naf_code, "24.10Z");
    EXPECT_TRUE(rows[1].wheelchair);
    EXPECT_EQ(rows[1].sessions, 2);
    auto lyon = ExportSites(*db_, 1, lyon_);
    ASSERT_EQ(lyon.size(), 1u);
    EXPECT_EQ(lyon[0].department_code, "69");
    EXPECT_TRUE(ExportSites(*db_, 1, ExportScope::Departments({"75"})).empty());
}

TEST_F(ExportQueriesTest, SessionsWithBookedAndCheckedIn) {
    auto rows = ExportSessions(*db_, 1, all_);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].session_id, 10);
    EXPECT_EQ(rows[0].audiences, "job_seekers,school");
    EXPECT_EQ(rows[0].booked_people, 28);
    EXPECT_EQ(rows[0].booked_groups, 1);
    EXPECT_EQ(rows[0].checked_in, 26);
    EXPECT_EQ(rows[1].session_id, 20);  // the same day, later
    EXPECT_EQ(rows[2].checked_in, 0);
    auto grenoble = ExportSessions(*db_, 1, grenoble_);
    ASSERT_EQ(grenoble.size(), 1u);
    EXPECT_EQ(grenoble[0].site_name, "Verrerie de Grenoble");
}

TEST_F(ExportQueriesTest, RequestsWithWishesDecisionAndBothScopes) {
    auto rows = ExportRequests(*db_, 1, all_);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].request_id, 100);
    EXPECT_EQ(rows[0].school_name, "Collège Stendhal");
    EXPECT_EQ(rows[0].wishes, "1. Aciérie de Lyon; 2. Verrerie de Grenoble");  // by rank
    EXPECT_EQ(rows[0].decided_session_id, 10);
    EXPECT_EQ(rows[0].decided_site, "Aciérie de Lyon");
    EXPECT_EQ(rows[0].decided_starts_at, "09:30");
    EXPECT_EQ(rows[1].wishes, "1. Verrerie de Grenoble");  // a wish by tour names the tour's site
    EXPECT_EQ(rows[1].decided_session_id, 0);
    // Lyon's relay: request 100 (wishes the Lyon site) and 101 (a Lyon class), not 102.
    auto lyon = ExportRequests(*db_, 1, lyon_);
    ASSERT_EQ(lyon.size(), 2u);
    EXPECT_EQ(lyon[0].request_id, 100);
    EXPECT_EQ(lyon[1].request_id, 101);
    // Grenoble's relay: every one (a Grenoble class, or a Grenoble site wished).
    EXPECT_EQ(ExportRequests(*db_, 1, grenoble_).size(), 3u);
    EXPECT_TRUE(ExportRequests(*db_, 1, ExportScope::Departments({"75"})).empty());
}

TEST_F(ExportQueriesTest, BookingsWithoutPersonalData) {
    auto rows = ExportBookings(*db_, 1, all_);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].booking_id, 1000);
    EXPECT_EQ(rows[0].school_name, "Collège Stendhal");
    EXPECT_EQ(rows[0].attended, 26);
    EXPECT_EQ(rows[1].booking_id, 1002);
    EXPECT_EQ(rows[1].status, "cancelled");
    EXPECT_EQ(rows[2].kind, "party");
    EXPECT_EQ(rows[2].school_name, "");
    EXPECT_FALSE(rows[2].attended);
    auto lyon = ExportBookings(*db_, 1, lyon_);
    ASSERT_EQ(lyon.size(), 2u);
    for (const auto& b : lyon) EXPECT_EQ(b.department_code, "69");
}

TEST_F(ExportQueriesTest, AnswersScopedBySiteOrSchool) {
    auto rows = ExportAnswers(*db_, 1, all_);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].survey_title, "Bilan hôtes");
    EXPECT_EQ(rows[0].rating, 5);
    EXPECT_EQ(rows[1].yes_no, true);
    EXPECT_EQ(rows[2].text, "Très bien");
    EXPECT_EQ(rows[2].department_code, "38");  // the teacher's school
    auto lyon = ExportAnswers(*db_, 1, lyon_);
    ASSERT_EQ(lyon.size(), 2u);
    EXPECT_EQ(lyon[0].site_name, "Aciérie de Lyon");
    auto grenoble = ExportAnswers(*db_, 1, grenoble_);
    ASSERT_EQ(grenoble.size(), 1u);
    EXPECT_EQ(grenoble[0].question_kind, "text");
}

TEST_F(ExportQueriesTest, MediaMentionsListedScopedUpdatedAndDeleted) {
    auto all = ListMediaMentions(*db_, 1, all_, -1, 0);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].outlet, "Le Dauphiné");  // newest first
    EXPECT_EQ(all[2].title, "Portes ouvertes");
    auto page = ListMediaMentions(*db_, 1, all_, 1, 1);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].outlet, "France Inter");
    EXPECT_EQ(CountMediaMentions(*db_, 1), 3);
    // A relay: their department's mentions, never the national one.
    auto lyon = ListMediaMentions(*db_, 1, lyon_, -1, 0);
    ASSERT_EQ(lyon.size(), 1u);
    EXPECT_EQ(lyon[0].outlet, "Le Progrès");

    auto m = *FindMediaMention(*db_, 2);
    m.title = "Un bel article";
    m.kind = domain::MediaKind::kPrint;
    ASSERT_TRUE(UpdateMediaMention(*db_, m).ok());
    EXPECT_EQ(FindMediaMention(*db_, 2)->title, "Un bel article");
    EXPECT_EQ(FindMediaMention(*db_, 2)->kind, domain::MediaKind::kPrint);
    m.url = "ftp://x";
    EXPECT_EQ(UpdateMediaMention(*db_, m).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(FindMediaMention(*db_, 2)->url, "");  // unchanged
    m.url = "";
    m.id = 999;
    EXPECT_EQ(UpdateMediaMention(*db_, m).error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(DeleteMediaMention(*db_, 2));
    EXPECT_FALSE(DeleteMediaMention(*db_, 2));
    EXPECT_FALSE(FindMediaMention(*db_, 2));
}

TEST_F(ExportQueriesTest, SocialMentionsListedAndDeleted) {
    std::vector<domain::SocialMentions> counts(2);
    counts[0] = {0, 1, "linkedin", "2026-04-06", "2026-04-12", 120};
    counts[1] = {0, 1, "instagram", "2026-03-30", "2026-04-05", 40};
    InsertSocialMentions(*db_, counts);
    auto listed = ListSocialMentions(*db_, 1);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].network, "instagram");  // by period
    EXPECT_EQ(listed[1].mentions, 120);
    EXPECT_TRUE(ListSocialMentions(*db_, 2).empty());
    EXPECT_EQ(FindSocialMentions(*db_, counts[0].id)->network, "linkedin");
    EXPECT_TRUE(DeleteSocialMentions(*db_, counts[0].id));
    EXPECT_FALSE(FindSocialMentions(*db_, counts[0].id));
    EXPECT_FALSE(DeleteSocialMentions(*db_, counts[0].id));
    EXPECT_EQ(ListSocialMentions(*db_, 1).size(), 1u);
}

}  // namespace
}  // namespace juo::store

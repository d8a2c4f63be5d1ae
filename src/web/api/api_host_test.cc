// Tests of the JSON API of the host space, the moderation queue, surveys, quotes and the audit log
// (api_host.cc, api_organiser.cc) through the real router on SQLite (the replica, its edition
// opened): what is stored, what is refused (status, error code) and that a refusal stores nothing,
// the scope of hosts and relays, a decision or an answer given twice, the audit entries.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "auth/sessions.h"
#include "http/router.h"
#include "seed/replica.h"
#include "store/db/connection_per_thread.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"
#include "web/routes.h"
#include "web/kit/api_test_kit.h"

namespace juo::web {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// The callers, in the order of HostApiTest::users_.
enum User : size_t { kVisitor, kTeacher, kHostA, kHostB, kRelayIn, kRelayOut, kOrganiser, kNewHost };

class HostApiTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_api_host_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        db_ = std::move(*store::Database::Open(path_.string(), store::OpenMode::kCreateIfMissing)).release();
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db_, replica, {}).ok());
        db_->sql() << "UPDATE edition SET status = 'open'";
        // Site A: a site with tours in the current edition, outside the Rhône (69: where the new factory
        // registers) and Mayotte (976: the other relay's department); site B: another department's.
        db_->sql() << "SELECT s.site_id, t.department_code FROM session s JOIN site t ON t.id = s.site_id "
                      "JOIN edition e "
                      "ON e.id = s.edition_id WHERE e.year = (SELECT max(year) FROM edition) AND "
                      "t.department_code NOT "
                      "IN ('69', '976') ORDER BY s.id LIMIT 1",
            soci::into(site_a_), soci::into(department_a_);
        db_->sql() << "SELECT id FROM site WHERE department_code <> :d ORDER BY id LIMIT 1",
            soci::use(department_a_), soci::into(site_b_);
        std::vector<domain::User> users;
        auto add = [&](domain::Role role, std::string department, std::optional<long long> site) {
            domain::User u;
            u.email = "api" + std::to_string(users.size()) + "@example.org";
            u.display_name = std::string(domain::ToCode(role));
            u.email_confirmed_at = u.created_at = "2026-01-01T00:00:00Z";
            u.roles.push_back({role, std::move(department), site});
            users.push_back(u);
        };
        add(domain::Role::kVisitor, "", std::nullopt);
        add(domain::Role::kTeacher, "", std::nullopt);
        add(domain::Role::kHost, "", site_a_);
        add(domain::Role::kHost, "", site_b_);
        add(domain::Role::kRelay, "69", std::nullopt);
        add(domain::Role::kRelay, "976", std::nullopt);
        add(domain::Role::kOrganiser, "", std::nullopt);
        add(domain::Role::kHost, "", std::nullopt);  // registers a factory
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        sessions_ = new auth::SessionStore();
        for (const auto& u : users) {
            tokens_.push_back(*sessions_->Create(*db_, u.id));
            emails_.push_back(u.email);
        }
        connections_ = new store::ConnectionPerThread(path_.string());
        csrf_ = new auth::CsrfSigner(*auth::CsrfSigner::FromSecret(auth::CsrfSigner::NewSecret()));
        PeopleContext ctx;
        ctx.sessions = sessions_;
        ctx.csrf = csrf_;
        ctx.db = connections_;
        ctx.public_url = "http://test";
        router_ = new http::Router();
        RegisterBackOfficeApi(*router_, ctx);
    }
    static void TearDownTestSuite() {
        delete router_;
        delete csrf_;
        delete connections_;
        delete sessions_;
        delete db_;
        store::RemoveSqliteFiles(path_);
    }

    static Answer Call(User who, const std::string& method, const std::string& target,
                       const std::string& body = "") {
        return SendThrough(*router_, method, target, body, {{"authorization", "Bearer " + tokens_[who]}});
    }
    static long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    static std::string Sites(long long id) { return "/api/v1/host/sites/" + std::to_string(id); }

    static fs::path path_;
    static store::Database* db_;
    static long long site_a_, site_b_;
    static std::string department_a_;
    static std::vector<std::string> tokens_, emails_;
    static auth::SessionStore* sessions_;
    static store::ConnectionPerThread* connections_;
    static auth::CsrfSigner* csrf_;
    static http::Router* router_;
};
fs::path HostApiTest::path_;
store::Database* HostApiTest::db_ = nullptr;
long long HostApiTest::site_a_ = 0, HostApiTest::site_b_ = 0;
std::string HostApiTest::department_a_;
std::vector<std::string> HostApiTest::tokens_, HostApiTest::emails_;
auth::SessionStore* HostApiTest::sessions_ = nullptr;
store::ConnectionPerThread* HostApiTest::connections_ = nullptr;
auth::CsrfSigner* HostApiTest::csrf_ = nullptr;
http::Router* HostApiTest::router_ = nullptr;

const char* kFactory =
    R"({"company": "Fonderie du Rhône", "siret": "42876512000012", "division": "24", "address": "3 rue des Forges",
        "place": "69007", "min_age": 12, "wheelchair": true, "visual": true, "psychic": true,
        "description": "Fonte d'aluminium."})";

TEST_F(HostApiTest, RegisterAFactoryThenTheRelayOfItsDepartmentDecidesOnce) {
    const long long sites = Count("SELECT count(*) FROM site"),
                    entries = Count("SELECT count(*) FROM audit_log");
    // A bad SIRET: 400 naming it, nothing stored.
    std::string bad = kFactory;
    bad.replace(bad.find("42876512000012"), 14, "42876512000013");
    Answer refused = Call(kNewHost, "POST", "/api/v1/host/sites", bad);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(ErrorCodeOf(refused), "invalid_argument");
    EXPECT_NE(json::serialize(refused.body).find("SIRET 42876512000013"), std::string::npos);
    EXPECT_EQ(
        Call(kNewHost, "POST", "/api/v1/host/sites", R"({"company": "X", "division": "24", "address": "1 rue",
        "place": "nowhere-at-all-zz"})")
            .status,
        404);  // the geocoder knows no such place
    EXPECT_EQ(Call(kNewHost, "POST", "/api/v1/host/sites", R"({"company": ["X"]})").status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), entries);
    EXPECT_EQ(Call(kTeacher, "POST", "/api/v1/host/sites", kFactory).status, 403);

    Answer made = Call(kNewHost, "POST", "/api/v1/host/sites", kFactory);
    ASSERT_EQ(made.status, 201) << json::serialize(made.body);
    const long long site = made.body.at("site").at("id").as_int64();
    EXPECT_EQ(made.body.at("site").at("status"), "submitted");
    EXPECT_EQ(made.body.at("site").at("department"), "69");
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 1);
    // The five accessibility kinds as declared at registration.
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE id = " + std::to_string(site) +
                    " AND wheelchair_access = 1 AND hearing_access = 0 AND visual_access = 1 AND mental_access = 0 "
                    "AND psychic_access = 1"),
              1);
    EXPECT_EQ(Call(kNewHost, "POST", "/api/v1/host/sites", R"({"company": "X", "visual": "yes"})").status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'site.register' AND entity_id = " +
                    std::to_string(site)),
              1);
    // The same SIRET again: a conflict, nothing more stored.
    EXPECT_EQ(Call(kNewHost, "POST", "/api/v1/host/sites", kFactory).status, 409);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 1);
    // The host's list shows it at once (the new grant).
    Answer mine = Call(kNewHost, "GET", "/api/v1/host/sites");
    ASSERT_EQ(mine.status, 200);
    ASSERT_EQ(mine.body.at("sites").as_array().size(), 1u);
    EXPECT_EQ(mine.body.at("sites").at(0).at("id").as_int64(), site);
    const long long participation = mine.body.at("sites").at(0).at("participation_id").as_int64();
    // The registration's answer names the same participation (it said null).
    ASSERT_TRUE(made.body.at("site").at("participation_id").is_int64()) << json::serialize(made.body);
    EXPECT_EQ(made.body.at("site").at("participation_id").as_int64(), participation);

    // The queue: the Rhône's relay sees it, Mayotte's does not, and may not decide it.
    auto queued = [&](User who) {
        Answer q = Call(who, "GET", "/api/v1/moderation");
        EXPECT_EQ(q.status, 200);
        for (const auto& r : q.body.at("registrations").as_array())
            if (r.at("participation_id").as_int64() == participation) return true;
        return false;
    };
    EXPECT_TRUE(queued(kRelayIn));
    EXPECT_TRUE(queued(kOrganiser));
    EXPECT_FALSE(queued(kRelayOut));
    EXPECT_EQ(Call(kHostA, "GET", "/api/v1/moderation").status, 403);
    const std::string decide = "/api/v1/moderation/" + std::to_string(participation);
    Answer outside = Call(kRelayOut, "POST", decide, R"({"decision": "approve"})");
    EXPECT_EQ(outside.status, 403);
    EXPECT_EQ(ErrorCodeOf(outside), "forbidden");
    EXPECT_EQ(Call(kRelayIn, "POST", decide, R"({"decision": "refuse"})").status, 400);  // no reason
    EXPECT_EQ(Call(kRelayIn, "POST", decide, R"({"decision": "maybe", "reason": "?"})").status, 400);
    EXPECT_EQ(Call(kRelayIn, "POST", "/api/v1/moderation/999999", R"({"decision": "approve"})").status, 404);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE to_address = '" + emails_[kNewHost] + "'"), 0);

    Answer approved = Call(kRelayIn, "POST", decide, R"({"decision": "approve", "reason": "Bienvenue"})");
    ASSERT_EQ(approved.status, 200) << json::serialize(approved.body);
    EXPECT_EQ(approved.body.at("status"), "approved");
    EXPECT_EQ(
        Count("SELECT count(*) FROM email_outbox WHERE kind = 'participation.approved' AND to_address = '" +
              emails_[kNewHost] + "' AND body_text LIKE '%Bienvenue%'"),
        1);
    EXPECT_EQ(
        Count("SELECT count(*) FROM audit_log WHERE action = 'participation.approved' AND entity_id = " +
              std::to_string(participation)),
        1);
    // Issue 21: an approved site may still be refused later (its tours close, their bookings are
    // cancelled: services/site_closure), once; a second refusal is a conflict.
    Answer later = Call(kOrganiser, "POST", decide, R"({"decision": "refuse", "reason": "Non"})");
    EXPECT_EQ(later.status, 200) << json::serialize(later.body);
    EXPECT_EQ(later.body.at("status"), "refused");
    Answer twice = Call(kOrganiser, "POST", decide, R"({"decision": "refuse", "reason": "Non"})");
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(ErrorCodeOf(twice), "conflict");
    EXPECT_FALSE(queued(kRelayIn));
    EXPECT_EQ(Call(kNewHost, "GET", "/api/v1/host/sites").body.at("sites").at(0).at("status"), "refused");
}

TEST_F(HostApiTest, PublishAndCopyATourOnlyOnOnesOwnSite) {
    Answer listed = Call(kHostA, "GET", Sites(site_a_) + "/sessions");
    ASSERT_EQ(listed.status, 200) << json::serialize(listed.body);
    const auto& first = listed.body.at("sessions").at(0);
    const std::string day(first.at("day").as_string());
    const std::string audience(first.at("audiences").at(0).as_string());
    const bool groups = audience != "public";
    const std::string tour = R"({"day": ")" + day + R"(", "starts_at": "20:00", "ends_at": "21:30",
        "capacity_people": 12, "capacity_groups": )" +
                             (groups ? "1" : "0") + R"(, "audiences": [")" + audience + R"("]})";
    const std::string count = "SELECT count(*) FROM session WHERE site_id = " + std::to_string(site_a_);
    const long long before = Count(count);

    // Another host's site, and bad tours: refused, nothing stored.
    EXPECT_EQ(Call(kHostB, "POST", Sites(site_a_) + "/sessions", tour).status, 403);
    EXPECT_EQ(Call(kHostB, "GET", Sites(site_a_) + "/sessions").status, 403);
    EXPECT_EQ(Call(kHostB, "GET", Sites(site_a_) + "/visitors").status, 403);
    EXPECT_EQ(Call(kRelayOut, "GET", Sites(site_a_) + "/sessions").status, 403);
    EXPECT_EQ(Call(kHostA, "POST", Sites(999999) + "/sessions", tour).status, 404);
    std::string no_room = tour;
    no_room.replace(no_room.find("\"capacity_people\": 12"), 21, "\"capacity_people\": 0");
    EXPECT_EQ(Call(kHostA, "POST", Sites(site_a_) + "/sessions", no_room).status, 400);
    std::string other_day = tour;
    other_day.replace(other_day.find(day), day.size(), "1999-01-01");
    EXPECT_EQ(Call(kHostA, "POST", Sites(site_a_) + "/sessions", other_day).status, 400);
    EXPECT_EQ(Call(kHostA, "POST", Sites(site_a_) + "/sessions", R"({"copy_of": 999999})").status, 404);
    EXPECT_EQ(Count(count), before);

    Answer published = Call(kHostA, "POST", Sites(site_a_) + "/sessions", tour);
    ASSERT_EQ(published.status, 201) << json::serialize(published.body);
    const long long id = published.body.at("session").at("id").as_int64();
    EXPECT_EQ(published.body.at("session").at("capacity_people").as_int64(), 12);
    // The copy: right after, as long, the same day.
    Answer copied =
        Call(kHostA, "POST", Sites(site_a_) + "/sessions", R"({"copy_of": )" + std::to_string(id) + "}");
    ASSERT_EQ(copied.status, 201) << json::serialize(copied.body);
    EXPECT_NE(copied.body.at("session").at("id").as_int64(), id);
    EXPECT_EQ(copied.body.at("session").at("day").as_string(), day);
    EXPECT_EQ(copied.body.at("session").at("starts_at"), "21:30");
    EXPECT_EQ(copied.body.at("session").at("ends_at"), "23:00");
    // A copy of the copy would end after midnight.
    Answer late =
        Call(kHostA, "POST", Sites(site_a_) + "/sessions",
             R"({"copy_of": )" + std::to_string(copied.body.at("session").at("id").as_int64()) + "}");
    EXPECT_EQ(late.status, 400);
    EXPECT_EQ(Count(count), before + 2);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'session.publish' AND entity_id IN (" +
                    std::to_string(id) + ", " +
                    std::to_string(copied.body.at("session").at("id").as_int64()) + ")"),
              2);
    // The organiser acts on every site.
    EXPECT_EQ(Call(kOrganiser, "GET", Sites(site_a_) + "/sessions").body.at("sessions").as_array().size(),
              listed.body.at("sessions").as_array().size() + 2);

    // The visitor list: JSON by default, CSV and XLSX as the page's downloads, nothing else.
    Answer visitors = Call(kHostA, "GET", Sites(site_a_) + "/visitors");
    ASSERT_EQ(visitors.status, 200);
    EXPECT_TRUE(visitors.body.at("visitors").is_array());
    Answer csv = Call(kHostA, "GET", Sites(site_a_) + "/visitors?format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(csv.raw.rfind("Jour,Heure,Billet", 0), 0u);
    EXPECT_EQ(Call(kHostA, "GET", Sites(site_a_) + "/visitors?format=xlsx").raw.substr(0, 2), "PK");
    EXPECT_EQ(Call(kHostA, "GET", Sites(site_a_) + "/visitors?format=pdf").status, 400);
}

TEST_F(HostApiTest, ASurveyCreatedSentAnsweredOnceAndQuotedOnce) {
    // Bad surveys: nothing stored.
    const long long surveys = Count("SELECT count(*) FROM survey");
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/surveys",
                   R"({"title": "T", "audience": "teachers", "questions": []})")
                  .status,
              400);
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/surveys",
                   R"({"title": "", "audience": "teachers", "questions": ["note: Q"]})")
                  .status,
              400);
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/surveys",
                   R"({"title": "T", "audience": "martians", "questions": ["Q"]})")
                  .status,
              400);
    EXPECT_EQ(Call(kTeacher, "POST", "/api/v1/surveys",
                   R"({"title": "T", "audience": "teachers", "questions": ["Q"]})")
                  .status,
              403);
    EXPECT_EQ(Count("SELECT count(*) FROM survey"), surveys);

    // A draft, then sent: the teachers are mailed once.
    Answer draft = Call(kOrganiser, "POST", "/api/v1/surveys",
                        R"({"title": "Bilan des classes", "audience": "teachers", "send": false,
                            "questions": ["note : Satisfait ? [satisfaction]", "oui-non: Reviendriez-vous ?", "texte: Un mot ?"]})");
    ASSERT_EQ(draft.status, 201) << json::serialize(draft.body);
    const long long id = draft.body.at("survey").at("id").as_int64();
    const std::string path = "/api/v1/surveys/" + std::to_string(id);
    EXPECT_EQ(draft.body.at("survey").at("status"), "draft");
    EXPECT_EQ(draft.body.at("survey").at("questions").at(0).at("kind"), "rating");
    EXPECT_EQ(draft.body.at("survey").at("questions").at(0).at("code"), "satisfaction");
    EXPECT_EQ(Call(kTeacher, "GET", path + "/form").status, 404);  // not sent yet
    const long long mails = Count("SELECT count(*) FROM email_outbox WHERE kind = 'survey'");
    Answer sent = Call(kOrganiser, "POST", path + "/send");
    ASSERT_EQ(sent.status, 200) << json::serialize(sent.body);
    EXPECT_EQ(sent.body.at("survey").at("status"), "sent");
    const long long mailed = sent.body.at("recipients_mailed").as_int64();
    EXPECT_GE(mailed, 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'survey'"), mails + mailed);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'survey' AND to_address = '" +
                    emails_[kTeacher] + "'"),
              1);
    EXPECT_EQ(Call(kOrganiser, "POST", path + "/send").status, 409);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'survey'"), mails + mailed);

    // The teacher answers once; a visitor is not a recipient; bad answers are refused.
    Answer form = Call(kTeacher, "GET", path + "/form");
    ASSERT_EQ(form.status, 200);
    EXPECT_FALSE(form.body.at("survey").at("answered").as_bool());
    const auto& q = form.body.at("survey").at("questions").as_array();
    ASSERT_EQ(q.size(), 3u);
    const std::string rating = std::to_string(q[0].at("id").as_int64()),
                      yes = std::to_string(q[1].at("id").as_int64()),
                      text = std::to_string(q[2].at("id").as_int64());
    EXPECT_EQ(Call(kVisitor, "GET", path + "/form").status, 403);
    EXPECT_EQ(Call(kVisitor, "POST", path + "/responses", R"({"answers": {")" + rating + R"(": 5}})").status,
              403);
    EXPECT_EQ(Call(kTeacher, "POST", path + "/responses", R"({"answers": {")" + rating + R"(": 7}})").status,
              400);
    EXPECT_EQ(Call(kTeacher, "POST", path + "/responses", R"({"answers": {}})").status, 400);
    EXPECT_EQ(Call(kTeacher, "POST", path + "/responses", R"({"answers": {")" + yes + R"(": [1]}})").status,
              400);
    EXPECT_EQ(Count("SELECT count(*) FROM survey_response WHERE survey_id = " + std::to_string(id)), 0);
    const std::string answers = R"({"answers": {")" + rating + R"(": 5, ")" + yes + R"(": true, ")" + text +
                                R"(": "Les élèves ont adoré la fonderie."}})";
    Answer answered = Call(kTeacher, "POST", path + "/responses", answers);
    ASSERT_EQ(answered.status, 201) << json::serialize(answered.body);
    EXPECT_EQ(answered.body.at("answers").as_int64(), 3);
    Answer again = Call(kTeacher, "POST", path + "/responses", answers);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(ErrorCodeOf(again), "conflict");
    EXPECT_TRUE(Call(kTeacher, "GET", path + "/form").body.at("survey").at("answered").as_bool());

    // The results, and the free-text answer quoted once.
    Answer results = Call(kOrganiser, "GET", path);
    ASSERT_EQ(results.status, 200);
    EXPECT_EQ(results.body.at("survey").at("responses").as_int64(), 1);
    EXPECT_EQ(results.body.at("survey").at("questions").at(0).at("average_rating").as_double(), 5.0);
    EXPECT_EQ(results.body.at("survey").at("questions").at(1).at("yes").as_int64(), 1);
    const auto& texts = results.body.at("survey").at("text_answers").as_array();
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_FALSE(texts[0].at("quoted").as_bool());
    const std::string quote = R"({"survey_id": )" + std::to_string(id) + R"(, "response_id": )" +
                              std::to_string(texts[0].at("response_id").as_int64()) + R"(, "question_id": )" +
                              text + "}";
    EXPECT_EQ(Call(kTeacher, "POST", "/api/v1/quotes", quote).status, 403);
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/quotes",
                   R"({"survey_id": )" + std::to_string(id) + R"(, "response_id": 999999, "question_id": )" +
                       text + "}")
                  .status,
              404);
    const long long quotes = Count("SELECT count(*) FROM quote");
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/quotes", quote).status, 201);
    EXPECT_EQ(Call(kOrganiser, "POST", "/api/v1/quotes", quote).status, 409);
    EXPECT_EQ(Count("SELECT count(*) FROM quote"), quotes + 1);
    EXPECT_EQ(Count("SELECT count(*) FROM quote WHERE text = 'Les élèves ont adoré la fonderie.'"), 1);
    EXPECT_TRUE(
        Call(kOrganiser, "GET", path).body.at("survey").at("text_answers").at(0).at("quoted").as_bool());

    Answer listed = Call(kOrganiser, "GET", "/api/v1/surveys");
    ASSERT_EQ(listed.status, 200);
    bool found = false;
    for (const auto& s : listed.body.at("surveys").as_array()) found = found || s.at("id").as_int64() == id;
    EXPECT_TRUE(found);
    EXPECT_EQ(Call(kOrganiser, "GET", "/api/v1/surveys/999999").status, 404);
}

TEST_F(HostApiTest, TheAuditLogFiltered) {
    ASSERT_EQ(Call(kOrganiser, "POST", "/api/v1/surveys",
                   R"({"title": "Journal", "audience": "hosts", "send": false, "questions": "note: Q"})")
                  .status,
              201);
    Answer surveys = Call(kOrganiser, "GET", "/api/v1/audit?action=survey.");
    ASSERT_EQ(surveys.status, 200) << json::serialize(surveys.body);
    ASSERT_FALSE(surveys.body.at("entries").as_array().empty());
    for (const auto& e : surveys.body.at("entries").as_array())
        EXPECT_EQ(std::string(e.at("action").as_string()).rfind("survey.", 0), 0u) << json::serialize(e);
    EXPECT_EQ(surveys.body.at("entries").at(0).at("action"), "survey.create");  // newest first
    EXPECT_NE(std::string(surveys.body.at("entries").at(0).at("actor").as_string()).find(emails_[kOrganiser]),
              std::string::npos);
    // By actor: the organiser's entries only.
    Answer mine = Call(kOrganiser, "GET", "/api/v1/audit?actor=" + emails_[kOrganiser]);
    ASSERT_EQ(mine.status, 200);
    ASSERT_FALSE(mine.body.at("entries").as_array().empty());
    for (const auto& e : mine.body.at("entries").as_array())
        EXPECT_NE(std::string(e.at("actor").as_string()).find(emails_[kOrganiser]), std::string::npos);
    EXPECT_EQ(surveys.body.at("page").as_int64(), 1);
    Answer by_entity = Call(kOrganiser, "GET", "/api/v1/audit?entity=survey&action=survey.create");
    ASSERT_EQ(by_entity.status, 200);
    for (const auto& e : by_entity.body.at("entries").as_array()) EXPECT_EQ(e.at("action"), "survey.create");
    EXPECT_TRUE(
        Call(kOrganiser, "GET", "/api/v1/audit?actor=nobody-at-all").body.at("entries").as_array().empty());
    Answer second = Call(kOrganiser, "GET", "/api/v1/audit?page=2");
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.body.at("page").as_int64(), 2);
    EXPECT_EQ(Call(kOrganiser, "GET", "/api/v1/audit?page=0").status, 400);
    EXPECT_EQ(Call(kRelayIn, "GET", "/api/v1/audit").status, 403);
    EXPECT_EQ(SendThrough(*router_, "GET", "/api/v1/audit").status, 401);
}

}  // namespace
}  // namespace juo::web

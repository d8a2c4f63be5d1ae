// The retention purge (services/retention.h) on the seeded 2025 replica, in a new SQLite file or a
// PostgreSQL schema: the visitors and teachers of the ended edition anonymised, staff and accounts
// active in a later edition untouched, the bilan's JSON byte-identical, housekeeping rows gone,
// a dry run changing nothing with the same counts, a second run a no-op; and the dates.
#include "services/retention.h"

#include <gtest/gtest.h>

#include "report/bilan.h"
#include "report/render_json.h"
#include "seed/replica.h"
#include "store/db/database.h"
#include "store/db/test_database.h"
#include "store/reads/bilan_queries.h"

namespace juo::services {
namespace {

constexpr const char* kBefore = "2025-11-05";  // 2025's last day is 2025-04-05
constexpr const char* kNow = "2026-12-05T12:00:00Z";

class RetentionTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto opened = store::Database::Open(folder_.Url("retention.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(opened.ok());
        db_ = std::move(*opened);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        // A 2025 visitor who booked again in 2026 (an edition not over at kBefore).
        sql() << "SELECT min(user_id) FROM booking WHERE kind = 'party'", soci::into(returning_);
        sql() << "INSERT INTO edition (year, name, status, created_at) VALUES (2026, '2e édition', 'open', "
                 "'2025-10-01T00:00:00Z')";
        long long e2026 = Int("SELECT id FROM edition WHERE year = 2026");
        sql() << "INSERT INTO edition_day (edition_id, day_date) VALUES (:e, '2026-04-03')", soci::use(e2026);
        long long site = Int("SELECT min(site_id) FROM session");
        sql() << "INSERT INTO session (edition_id, site_id, day_date, starts_at, ends_at, capacity_people) VALUES "
                 "(:e, :s, '2026-04-03', '09:00', '10:00', 20)",
            soci::use(e2026), soci::use(site);
        long long session = Int("SELECT id FROM session WHERE edition_id = " + std::to_string(e2026));
        sql() << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, people, status, ticket_code, "
                 "created_at) VALUES (:e, :s, 'party', 'public', :u, 2, 'confirmed', 'RET-2026', "
                 "'2026-01-20T10:00:00Z')",
            soci::use(e2026), soci::use(session), soci::use(returning_);
        sql() << "SELECT min(u.id) FROM app_user u JOIN booking b ON b.user_id = u.id WHERE u.id <> :r",
            soci::use(returning_), soci::into(visitor_);
        // Rows kept only for a while, and what must stay.
        sql() << "INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent) "
                 "VALUES ('old', :u, '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z', '2025-03-15T00:00:00Z', "
                 "'Firefox'), ('live', :r, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', "
                 "'2026-12-15T00:00:00Z', 'Chromium')",
            soci::use(visitor_, "u"), soci::use(returning_, "r");
        sql() << "INSERT INTO auth_token (user_id, purpose, token_hash, created_at, expires_at, used_at) VALUES "
                 "(:r, 'reset_password', 'h1', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', NULL), "
                 "(:r2, 'confirm_email', 'h2', '2026-12-05T11:00:00Z', '2026-12-06T11:00:00Z', "
                 "'2026-12-05T11:05:00Z'), (:r3, 'reset_password', 'h3', '2026-12-05T11:00:00Z', "
                 "'2026-12-05T13:00:00Z', NULL)",
            soci::use(returning_, "r"), soci::use(returning_, "r2"), soci::use(returning_, "r3");
        sql() << "INSERT INTO login_failure (limit_key, failed_at) VALUES ('i:192.0.2.1', 1000), "
                 "('i:192.0.2.2', 2000000000)";
        sql() << "INSERT INTO guest_booking_attempt (client_key, attempted_at) VALUES ('ip:192.0.2.1', 1000)";
        std::string visitor_email = Text("SELECT email FROM app_user WHERE id = " + std::to_string(visitor_));
        sql() << "INSERT INTO email_outbox (created_at, kind, to_address, subject, body_text, status, "
                 "next_attempt_at, sent_at) VALUES ('2025-03-20T00:00:00Z', 'booking.confirmed', :e, 'Votre "
                 "visite', 'https://x/reservation?jeton=abc', 'sent', '2025-03-20T00:00:00Z', "
                 "'2025-03-20T00:00:01Z'), ('2025-03-20T00:00:00Z', 'password.reset', 'someone@example.org', "
                 "'Mot de passe', 'https://x/compte/nouveau-mot-de-passe?jeton=def', 'sent', "
                 "'2025-03-20T00:00:00Z', '2025-03-20T00:00:01Z')",
            soci::use(visitor_email);
    }
    soci::session& sql() { return db_->sql(); }
    long long Int(const std::string& query) {
        long long n = 0;
        sql() << query, soci::into(n);
        return n;
    }
    std::string Text(const std::string& query) {
        std::string s;
        sql() << query, soci::into(s);
        return s;
    }
    // Every row that the purge may change, as one text.
    std::string Snapshot() {
        std::string out;
        soci::rowset<soci::row> rows =
            (sql().prepare << "SELECT id, email, display_name, COALESCE(deleted_at, '') FROM app_user ORDER BY id");
        for (const auto& r : rows)
            out += r.get<std::string>(1) + "|" + r.get<std::string>(2) + "|" + r.get<std::string>(3) + "\n";
        for (const char* q : {"SELECT count(*) FROM auth_session", "SELECT count(*) FROM auth_token",
                              "SELECT count(*) FROM login_failure", "SELECT count(*) FROM user_role",
                              "SELECT count(*) FROM group_request WHERE message IS NOT NULL",
                              "SELECT count(*) FROM survey_answer WHERE text_value IS NOT NULL",
                              "SELECT count(*) FROM email_outbox WHERE body_text <> ''",
                              "SELECT count(*) FROM audit_log"})
            out += std::to_string(Int(q)) + "\n";
        return out;
    }
    std::string BilanJson() {
        auto data = store::LoadBilanWithPrevious(*db_, 2025);
        EXPECT_TRUE(data.ok());
        if (!data.ok()) return "";
        return report::RenderJson(
            report::ComputeBilan(data->current, data->previous ? &*data->previous : nullptr, {}));
    }
    Result<PurgeReport> Purge(bool dry_run) {
        PurgeOptions options;
        options.before = kBefore;
        options.now = kNow;
        options.dry_run = dry_run;
        return PurgeRetention(*db_, options);
    }
    long long StaffWithLiveAddress() {
        return Int("SELECT count(DISTINCT u.id) FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role "
                   "IN ('organiser', 'relay', 'host') AND u.email NOT LIKE '%@juo.invalid' AND u.deleted_at IS NULL");
    }
    store::TestFolder folder_{"juo_retention"};
    std::unique_ptr<store::Database> db_;
    long long returning_ = 0, visitor_ = 0;
};

TEST_F(RetentionTest, AnonymisesTheEndedEditionsVisitorsAndKeepsTheBilan) {
    const std::string bilan = BilanJson();
    const long long staff = StaffWithLiveAddress();
    const long long staff_rows = Int("SELECT count(*) FROM user_role WHERE role IN ('organiser', 'relay', 'host')");
    const std::string returning_email = Text("SELECT email FROM app_user WHERE id = " + std::to_string(returning_));
    auto report = Purge(false);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->editions, std::vector<int>{2025});
    EXPECT_GT(report->accounts, 3000);
    EXPECT_EQ(BilanJson(), bilan) << "every figure of the bilan stays";
    // Staff untouched, the returning visitor untouched, everyone else anonymised.
    EXPECT_EQ(StaffWithLiveAddress(), staff);
    EXPECT_EQ(Int("SELECT count(*) FROM user_role WHERE role IN ('organiser', 'relay', 'host')"), staff_rows);
    EXPECT_EQ(Text("SELECT email FROM app_user WHERE id = " + std::to_string(returning_)), returning_email);
    EXPECT_EQ(Int("SELECT count(*) FROM app_user WHERE deleted_at IS NULL AND id = " + std::to_string(returning_)), 1);
    EXPECT_EQ(Text("SELECT email FROM app_user WHERE id = " + std::to_string(visitor_)),
              "compte-supprime-" + std::to_string(visitor_) + "@juo.invalid");
    EXPECT_EQ(Int("SELECT count(*) FROM app_user u WHERE u.email NOT LIKE '%@juo.invalid' AND NOT EXISTS (SELECT 1 "
                  "FROM user_role r WHERE r.user_id = u.id AND r.role IN ('organiser', 'relay', 'host'))"),
              1)
        << "only the returning visitor keeps an address";
    EXPECT_EQ(report->accounts, Int("SELECT count(*) FROM app_user WHERE deleted_at IS NOT NULL"));
    EXPECT_EQ(Int("SELECT count(*) FROM group_request WHERE message IS NOT NULL"), 0);
    EXPECT_EQ(Int("SELECT count(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id JOIN survey "
                  "s ON s.id = r.survey_id WHERE a.text_value IS NOT NULL AND s.audience <> 'hosts'"),
              0);
    EXPECT_GT(Int("SELECT count(*) FROM survey_answer WHERE text_value IS NOT NULL"), 0) << "the hosts' kept";
    // Housekeeping: expired session, spent tokens, old counters, old bodies.
    EXPECT_EQ(Int("SELECT count(*) FROM auth_session"), 1);
    EXPECT_EQ(Text("SELECT id_hash FROM auth_session"), "live");
    EXPECT_EQ(Int("SELECT count(*) FROM auth_token"), 1) << "the unused, unexpired token stays";
    EXPECT_EQ(Int("SELECT count(*) FROM login_failure"), 1);
    EXPECT_EQ(Int("SELECT count(*) FROM guest_booking_attempt"), 0);
    EXPECT_EQ(Int("SELECT count(*) FROM email_outbox WHERE body_text <> ''"), 0);
    EXPECT_EQ(Int("SELECT count(*) FROM email_outbox WHERE subject = 'Votre visite' AND to_address LIKE "
                  "'compte-supprime-%@juo.invalid'"),
              1);
    // One audit entry with the counts.
    EXPECT_EQ(Int("SELECT count(*) FROM audit_log WHERE action = 'retention.purge'"), 1);
    EXPECT_NE(Text("SELECT detail FROM audit_log WHERE action = 'retention.purge'")
                  .find("accounts=" + std::to_string(report->accounts)),
              std::string::npos);
    auto last = LatestPurge(*db_);
    ASSERT_TRUE(last.ok());
    ASSERT_TRUE(last->has_value());
    EXPECT_EQ((*last)->at, kNow);
}

TEST_F(RetentionTest, DryRunChangesNothingAndCountsTheSame) {
    const std::string before = Snapshot();
    auto dry = Purge(true);
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_TRUE(dry->dry_run);
    EXPECT_EQ(Snapshot(), before);
    auto real = Purge(false);
    ASSERT_TRUE(real.ok());
    EXPECT_EQ(dry->Summary(), real->Summary());
    EXPECT_NE(Snapshot(), before);
}

TEST_F(RetentionTest, ASecondRunChangesNothing) {
    ASSERT_TRUE(Purge(false).ok());
    const std::string after = Snapshot();
    auto again = Purge(false);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->changed()) << again->Summary();
    EXPECT_EQ(Snapshot(), after) << "no second audit entry either";
}

TEST_F(RetentionTest, AnEarlierDateLeavesTheEditionAlone) {
    PurgeOptions options;
    options.before = "2025-04-05";  // the last day itself: not over before it
    options.now = kNow;
    auto report = PurgeRetention(*db_, options);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->editions.empty());
    EXPECT_EQ(report->accounts, 0) << "accounts created before the date are all tied to 2025";
    EXPECT_EQ(Int("SELECT count(*) FROM app_user WHERE deleted_at IS NOT NULL"), 0);
}

TEST_F(RetentionTest, RefusesMalformedDates) {
    PurgeOptions options;
    options.before = "2025-02-30";
    options.now = kNow;
    auto report = PurgeRetention(*db_, options);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST(RetentionDatesTest, CutoffAndChecks) {
    EXPECT_EQ(*RetentionCutoff("2026-12-05", 13), "2025-11-05");
    EXPECT_EQ(*RetentionCutoff("2026-03-31", 1), "2026-02-28");
    EXPECT_EQ(*RetentionCutoff("2028-03-31", 1), "2028-02-29");
    EXPECT_EQ(*RetentionCutoff("2026-01-15", 1), "2025-12-15");
    EXPECT_EQ(*RetentionCutoff("2026-01-15", 24), "2024-01-15");
    EXPECT_FALSE(RetentionCutoff("2026-13-01", 13).ok());
    EXPECT_FALSE(RetentionCutoff("2026-12-05", 0).ok());
    EXPECT_TRUE(CheckPurgeDate("2026-12-05", "2026-12-05").ok());
    EXPECT_TRUE(CheckPurgeDate("2025-11-05", "2026-12-05").ok());
    for (const char* bad : {"2026-12-06", "2027-12-05", "2025-11-5", "05/11/2025", "", "2025-02-29", "yesterday"}) {
        auto s = CheckPurgeDate(bad, "2026-12-05");
        ASSERT_FALSE(s.ok()) << bad;
        EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
        EXPECT_FALSE(s.error().message_fr.empty());
    }
}

}  // namespace
}  // namespace juo::services

// Leaving the bulk e-mails (issue 20, ADR 0014) on the seeded replica: a link is checked (list,
// address, token), the opt-out recorded once with its audit entry, and then the survey sender
// and the reminder query skip that address while everyone else is still mailed. On SQLite, and
// on PostgreSQL with JUO_TEST_PG_URL (services_mail_opt_outs_test_postgresql).
#include "services/mail_opt_outs.h"

#include <gtest/gtest.h>

#include "seed/replica.h"
#include "services/surveys.h"
#include "store/bookings/capacity_store.h"
#include "store/db/test_database.h"

namespace juo::services {
namespace {

class MailOptOutsTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto db = store::Database::Open(folder_.Url("optouts.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        db_ = std::move(*db);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
    }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    long long SendHostSurvey(const std::string& title) {
        auto draft = ReadSurvey({title, "hosts", "note: Votre journée ?"});
        EXPECT_TRUE(draft.ok()) << draft.error().message;
        auto mailed = CreateSurvey(*db_, "https://juo.example", 0, *draft, true);
        EXPECT_TRUE(mailed.ok()) << mailed.error().message;
        return mailed.ok() ? *mailed : -1;
    }
    store::TestFolder folder_{"juo_services_mail_opt_outs"};
    std::unique_ptr<store::Database> db_;
    const mail::UnsubscribeLinks links_{"a secret of the installation, any bytes"};
};

TEST_F(MailOptOutsTest, ALinkIsCheckedThenRecordedOnce) {
    const std::string token = links_.Token("survey", "famille@example.org");
    EXPECT_EQ(token.size(), 43u);
    // Any case and spaces: one address.
    EXPECT_EQ(links_.Token("survey", "  Famille@Example.ORG "), token);
    EXPECT_NE(links_.Token("reminder", "famille@example.org"), token);  // per list
    EXPECT_NE(mail::UnsubscribeLinks("another secret").Token("survey", "famille@example.org"), token);
    EXPECT_EQ(links_.Url("https://juo.example", "survey", "Famille+1@example.org"),
              "https://juo.example/desabonnement?liste=survey&adresse=famille%2B1%40example.org&jeton=" +
                  links_.Token("survey", "famille+1@example.org"));

    EXPECT_EQ(CheckUnsubscribeLink(links_, "news", "famille@example.org", token).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(CheckUnsubscribeLink(links_, "survey", "", token).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(CheckUnsubscribeLink(links_, "survey", "autre@example.org", token).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(CheckUnsubscribeLink(links_, "reminder", "famille@example.org", token).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(CheckUnsubscribeLink(links_, "survey", "famille@example.org", token.substr(1)).error().code,
              ErrorCode::kForbidden);
    auto checked = CheckUnsubscribeLink(links_, "survey", "Famille@example.org", token);
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked->address, "famille@example.org");
    EXPECT_FALSE(*HasUnsubscribed(*db_, *checked));

    auto first = Unsubscribe(*db_, links_, "survey", "famille@example.org", token, "2026-05-01T10:00:00Z");
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_TRUE(*first);
    auto second = Unsubscribe(*db_, links_, "survey", "famille@example.org", token, "2026-05-01T10:01:00Z");
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(*second);  // a second click (or the one-click POST after the page) is no error
    EXPECT_TRUE(*HasUnsubscribed(*db_, *checked));
    EXPECT_EQ(Count("SELECT count(*) FROM mail_opt_out"), 1);
    // The journal says it happened, without the address.
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'mail.unsubscribe' AND detail = 'survey'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE detail LIKE '%famille%'"), 0);
    // A forged link records nothing.
    EXPECT_FALSE(Unsubscribe(*db_, links_, "reminder", "x@example.org", token, "2026-05-01T10:00:00Z").ok());
    EXPECT_EQ(Count("SELECT count(*) FROM mail_opt_out"), 1);
}

TEST_F(MailOptOutsTest, TheSurveySenderSkipsAnAddressThatLeftTheSurveys) {
    const long long everyone = SendHostSurvey("Bilan des usines");
    ASSERT_GE(everyone, 2);
    std::string gone;
    db_->sql() << "SELECT to_address FROM email_outbox WHERE kind = 'survey' ORDER BY id LIMIT 1", soci::into(gone);
    // The reminders list is another list: it changes nothing for surveys.
    ASSERT_TRUE(Unsubscribe(*db_, links_, "reminder", gone, links_.Token("reminder", gone), "2026-05-01T10:00:00Z").ok());
    EXPECT_EQ(SendHostSurvey("Deuxième enquête"), everyone);
    ASSERT_TRUE(Unsubscribe(*db_, links_, "survey", gone, links_.Token("survey", gone), "2026-05-01T10:00:00Z").ok());
    EXPECT_EQ(SendHostSurvey("Troisième enquête"), everyone - 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'survey' AND lower(to_address) = '" +
                    mail::NormaliseAddress(gone) + "'"),
              2);  // the first two surveys only
}

TEST_F(MailOptOutsTest, TheReminderQuerySkipsAnAddressThatLeftTheReminders) {
    std::string day, email;
    long long booking = 0;
    db_->sql() << "SELECT s.day_date, u.email, b.id FROM booking b JOIN session s ON s.id = b.session_id JOIN app_user u "
                  "ON u.id = b.user_id WHERE b.status = 'confirmed' AND s.status = 'open' ORDER BY b.id LIMIT 1",
        soci::into(day), soci::into(email), soci::into(booking);
    ASSERT_GT(booking, 0);
    db_->sql() << "UPDATE booking SET reminded_at = NULL WHERE id = :b", soci::use(booking);
    store::CapacityStore store(*db_);
    auto due = [&] {
        for (const auto& d : store.DueReminders(day, 1000000))
            if (d.booking.id == booking) return true;
        return false;
    };
    EXPECT_TRUE(due());
    ASSERT_TRUE(Unsubscribe(*db_, links_, "survey", email, links_.Token("survey", email), "2026-05-01T10:00:00Z").ok());
    EXPECT_TRUE(due());  // the surveys are another list
    ASSERT_TRUE(
        Unsubscribe(*db_, links_, "reminder", email, links_.Token("reminder", email), "2026-05-01T10:00:00Z").ok());
    EXPECT_FALSE(due());
}

}  // namespace
}  // namespace juo::services

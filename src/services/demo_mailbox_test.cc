// Tests of the demo mailbox: the outbox newest first, a page at a time, a booking's e-mail with
// its QR ticket and .ics (as the sender attaches them), the attachments by number, and errors as
// values. On the seeded replica in a new SQLite file (or a PostgreSQL schema).
#include "services/demo_mailbox.h"

#include <gtest/gtest.h>

#include "seed/replica.h"
#include "store/db/test_database.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

class DemoMailboxTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto db = store::Database::Open(folder_.Url("mailbox.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        db_ = std::move(*db);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        db_->sql() << "SELECT min(id) FROM booking", soci::into(booking_);
    }
    // Writes `n` messages; the last one names the booking when `with_booking`.
    void Write(int n, bool with_booking) {
        store::OutboxWriter writer(*db_);
        for (int i = 0; i < n; ++i) {
            store::OutgoingEmail e;
            e.created_at = "2026-04-03T07:3" + std::to_string(i % 10) + ":00Z";
            e.kind = "test";
            e.to_address = "personne" + std::to_string(i) + "@example.org";
            e.subject = "Message " + std::to_string(i);
            e.body_text = "Bonjour <b>" + std::to_string(i) + "</b> https://juo.example/x";
            if (with_booking && i == n - 1) {
                e.kind = "booking.confirmed";
                e.booking_id = booking_;
            }
            writer.Enqueue(e);
        }
    }
    store::TestFolder folder_{"juo_services_demo_mailbox"};
    std::unique_ptr<store::Database> db_;
    long long booking_ = 0;
};

TEST_F(DemoMailboxTest, AnEmptyOutbox) {
    auto page = ListDemoEmails(*db_, 1);
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_TRUE(page->emails.empty());
    EXPECT_FALSE(page->more);
    EXPECT_EQ(ListDemoEmails(*db_, 0).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(ListDemoEmails(*db_, 10'001).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(DemoMailAttachment(*db_, 1, 1).error().code, ErrorCode::kNotFound);
}

TEST_F(DemoMailboxTest, NewestFirstAPageAtATime) {
    Write(kDemoMailboxPageSize + 3, true);
    db_->sql() << "UPDATE email_outbox SET status = 'sent', sent_at = '2026-04-03T07:40:00Z' WHERE id = 1";
    auto first = ListDemoEmails(*db_, 1);
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_EQ(first->emails.size(), static_cast<size_t>(kDemoMailboxPageSize));
    EXPECT_TRUE(first->more);
    const DemoEmail& newest = first->emails.front();
    EXPECT_EQ(newest.kind, "booking.confirmed");
    EXPECT_EQ(newest.status, "pending");
    EXPECT_EQ(newest.subject, "Message " + std::to_string(kDemoMailboxPageSize + 2));
    EXPECT_EQ(newest.body_text.find("<b>"), 8u) << "the text as written: the page escapes it";
    EXPECT_EQ(newest.paris_date, "2026-04-03");
    EXPECT_EQ(newest.paris_time, "09:32");  // CEST: UTC+2
    ASSERT_EQ(newest.attachments.size(), 2u);
    EXPECT_EQ(newest.attachments[0].number, 1);
    EXPECT_TRUE(newest.attachments[0].image);
    EXPECT_EQ(newest.attachments[0].content_type, "image/png");
    EXPECT_EQ(newest.attachments[0].filename.rfind("billet-", 0), 0u);
    EXPECT_GT(newest.attachments[0].bytes, 100u);
    EXPECT_EQ(newest.attachments[1].filename, "visite.ics");
    EXPECT_FALSE(newest.attachments[1].image);
    EXPECT_TRUE(first->emails[1].attachments.empty());
    for (size_t i = 1; i < first->emails.size(); ++i) EXPECT_LT(first->emails[i].id, first->emails[i - 1].id);

    auto second = ListDemoEmails(*db_, 2);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->emails.size(), 3u);
    EXPECT_FALSE(second->more);
    EXPECT_EQ(second->emails.back().id, 1);
    EXPECT_EQ(second->emails.back().status, "sent");
    EXPECT_TRUE(ListDemoEmails(*db_, 3)->emails.empty());

    auto png = DemoMailAttachment(*db_, newest.id, 1);
    ASSERT_TRUE(png.ok()) << png.error().message;
    EXPECT_EQ(png->content_type, "image/png");
    EXPECT_EQ(png->bytes.substr(1, 3), "PNG");
    auto ics = DemoMailAttachment(*db_, newest.id, 2);
    ASSERT_TRUE(ics.ok());
    EXPECT_EQ(ics->filename, "visite.ics");
    EXPECT_EQ(ics->content_type.rfind("text/calendar", 0), 0u);
    EXPECT_NE(ics->bytes.find("BEGIN:VCALENDAR"), std::string::npos);
    EXPECT_EQ(DemoMailAttachment(*db_, newest.id, 3).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(DemoMailAttachment(*db_, newest.id, 0).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(DemoMailAttachment(*db_, 1, 1).error().code, ErrorCode::kNotFound);  // no booking, no attachment
}

TEST_F(DemoMailboxTest, ADatabaseFailureIsAnError) {
    const bool pg = db_->dialect() == store::Dialect::kPostgresql;
    db_->sql() << (pg ? "DROP TABLE email_outbox CASCADE" : "DROP TABLE email_outbox");
    EXPECT_EQ(ListDemoEmails(*db_, 1).error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(DemoMailAttachment(*db_, 1, 1).error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace juo::services

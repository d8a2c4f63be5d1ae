// Tests of the hosts' daily digest (issue 19 item 1) on the seeded replica — SQLite, or PostgreSQL
// under JUO_TEST_PG_URL: the digest time in winter and summer; a host who chose the digest gets no
// single e-mail, their notices wait, and one digest carries them all after 18:00 Paris, once
// (a second run sends nothing); a host who did not choose it is mailed at once; going back to
// single e-mails sends what was held at once.
#include "services/host_digest.h"

#include <gtest/gtest.h>

#include "booking/booking_test_fixture.h"
#include "common/clock.h"
#include "services/hosts.h"

namespace juo::services {
namespace {

TEST(HostDigestCutoffTest, IsTheLastSixPmInParisAtOrBeforeNow) {
    EXPECT_EQ(HostDigestCutoff("2026-12-06T16:59:00Z"), "2026-12-05T17:00:00Z");  // 17:59 in winter (UTC+1)
    EXPECT_EQ(HostDigestCutoff("2026-12-06T17:00:00Z"), "2026-12-06T17:00:00Z");
    EXPECT_EQ(HostDigestCutoff("2026-12-06T23:30:00Z"), "2026-12-06T17:00:00Z");  // 00:30 on the 7th in Paris
    EXPECT_EQ(HostDigestCutoff("2026-06-10T15:30:00Z"), "2026-06-09T16:00:00Z");  // 17:30 in summer (UTC+2)
    EXPECT_EQ(HostDigestCutoff("2026-03-01T00:00:00Z"), "2026-02-28T17:00:00Z");  // across a month
    EXPECT_EQ(HostDigestCutoff("not a time"), "");
}

class HostDigestTest : public booking::BookingTest {
 protected:
    void SetUp() override {
        BookingTest::SetUp();
        db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(session_), soci::into(site_);
        db_->sql() << "DELETE FROM user_role WHERE role = 'host' AND site_id = :s", soci::use(site_);
        for (long long host : {users_[5], users_[6]})
            db_->sql() << "INSERT INTO user_role (user_id, role, site_id) VALUES (:u, 'host', :s)", soci::use(host),
                soci::use(site_);
        digest_host_.user_id = users_[5];
        digest_host_.roles.push_back({domain::Role::kHost, "", site_});
        db_->sql() << "SELECT email FROM app_user WHERE id = :u", soci::use(users_[5]), soci::into(digest_email_);
        db_->sql() << "SELECT email FROM app_user WHERE id = :u", soci::use(users_[6]), soci::into(single_email_);
    }
    void Notify(const std::string& subject) {
        auto done = db_->InTransaction<Unit>([&]() -> Status {
            MailHosts(*db_, site_, "group_request.new", MailText{subject, "Le détail : " + subject});
            return Ok();
        });
        ASSERT_TRUE(done.ok()) << done.error().message;
    }
    long long MailsTo(const std::string& address, const std::string& kind) {
        return Count("SELECT count(*) FROM email_outbox WHERE to_address = '" + address + "' AND kind = '" + kind + "'");
    }

    long long site_ = 0;
    auth::Principal digest_host_;
    std::string digest_email_, single_email_;
};

TEST_F(HostDigestTest, NoticesWaitForOneDigestAfterSixPmAndAreSentOnce) {
    ASSERT_TRUE(ChooseHostMailDigest(*db_, digest_host_, true, "2026-12-06T08:00:00Z").ok());
    EXPECT_TRUE(*HostMailDigestOf(*db_, digest_host_));
    Notify("Nouvelle demande n°1");
    Notify("Nouvelle demande n°2");
    // The host who did not choose the digest: two e-mails at once. The other: none yet.
    EXPECT_EQ(MailsTo(single_email_, "group_request.new"), 2);
    EXPECT_EQ(MailsTo(digest_email_, "group_request.new"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice"), 2);

    // Notices are written at the real time: a run before their digest's hour sends nothing.
    const std::string now = NowUtcIso();
    auto early = SendHostDigests(*db_, now);
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->hosts, 0);

    // The next day's digest carries both, once.
    const std::string tomorrow_evening = UtcIsoPlusSeconds(now, 2 * 86400);
    auto run = SendHostDigests(*db_, tomorrow_evening);
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_EQ(run->hosts, 1);
    EXPECT_EQ(run->notices, 2);
    EXPECT_EQ(MailsTo(digest_email_, "host.digest"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'host.digest' AND body_text LIKE "
                    "'%Nouvelle demande n°1%Nouvelle demande n°2%' AND subject LIKE '%(2)%'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice"), 0);
    auto again = SendHostDigests(*db_, tomorrow_evening);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->hosts, 0);
    EXPECT_EQ(MailsTo(digest_email_, "host.digest"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'host.mail_digest'"), 1);
}

TEST_F(HostDigestTest, BackToSingleEmailsSendsWhatWasHeldAtOnce) {
    ASSERT_TRUE(ChooseHostMailDigest(*db_, digest_host_, true, NowUtcIso()).ok());
    Notify("Groupes de la répartition");
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice"), 1);
    ASSERT_TRUE(ChooseHostMailDigest(*db_, digest_host_, false, NowUtcIso()).ok());
    EXPECT_FALSE(*HostMailDigestOf(*db_, digest_host_));
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice"), 0);
    EXPECT_EQ(MailsTo(digest_email_, "host.digest"), 1);
    Notify("Nouvelle demande n°3");  // single e-mails again
    EXPECT_EQ(MailsTo(digest_email_, "group_request.new"), 1);
}

TEST_F(HostDigestTest, TheHostsAreToldWhenAGroupCancelsItsVisit) {
    // The school tour's factory, with the same two hosts (one chose the digest).
    long long school_site = 0;
    db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(school_session_), soci::into(school_site);
    db_->sql() << "DELETE FROM user_role WHERE role = 'host' AND site_id = :s", soci::use(school_site);
    for (long long host : {users_[5], users_[6]})
        db_->sql() << "INSERT INTO user_role (user_id, role, site_id) VALUES (:u, 'host', :s)", soci::use(host),
            soci::use(school_site);
    db_->sql() << "UPDATE session SET capacity_people = 40, places_taken = 0, capacity_groups = 1, groups_taken = 0, "
                  "min_level = NULL WHERE id = :s",
        soci::use(school_session_);
    ASSERT_TRUE(ChooseHostMailDigest(*db_, digest_host_, true, NowUtcIso()).ok());
    const long long request = booking::InsertRequest(*db_, school_session_, users_[11], 24);
    auto booked = engine_->Call(booking::AcceptGroupRequest{request, school_session_, users_[5], "", [](long long) { return true; }});
    ASSERT_TRUE(booked.ok()) << booked.error().message;
    const long long notices = Count("SELECT count(*) FROM host_notice");

    ASSERT_TRUE(engine_->Call(booking::Cancel{users_[11], booked->booking->id, false}).ok());
    EXPECT_EQ(MailsTo(single_email_, "host.group_cancelled"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'host.group_cancelled' AND body_text LIKE '%26 "
                    "personnes%' AND body_text LIKE '%" + booked->booking->ticket_code + "%'"),
              1);
    EXPECT_EQ(MailsTo(digest_email_, "host.group_cancelled"), 0);  // held for the digest
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice WHERE kind = 'host.group_cancelled'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM host_notice"), notices + 1);
    // A party's cancellation does not mail the hosts.
    auto party = BookParty(users_[0], 2);
    ASSERT_TRUE(party.ok());
    ASSERT_TRUE(engine_->Call(booking::Cancel{users_[0], party->booking->id, false}).ok());
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'host.group_cancelled'"), 1);
}

}  // namespace
}  // namespace juo::services

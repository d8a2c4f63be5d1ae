// Tests of offline check-in (issue 19 item 3) through a real booking engine on the seeded replica
// — SQLite, or PostgreSQL under JUO_TEST_PG_URL (booking/booking_test_fixture.h): a queued scan is
// recorded as offline with the phone's time; the same upload twice counts once (check-in rows,
// audit entries and the bilan's attended figure); a ticket scanned on two phones, or cancelled
// meanwhile, is a conflict; an unknown code or another site's ticket is refused; bad scans are
// read as errors.
#include "services/offline_check_in.h"

#include <gtest/gtest.h>

#include <future>

#include "booking/booking_test_fixture.h"
#include "store/reads/bilan_queries.h"

namespace juo::services {
namespace {

using booking::Book;
using booking::BookingTest;
using booking::Cancel;

class OfflineCheckInTest : public BookingTest {
 protected:
    void SetUp() override {
        BookingTest::SetUp();
        db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(session_), soci::into(site_);
        db_->sql() << "SELECT e.year FROM edition e JOIN session s ON s.edition_id = e.id WHERE s.id = :s",
            soci::use(session_), soci::into(year_);
        host_.user_id = users_[5];
        host_.roles.push_back({domain::Role::kHost, "", site_});
    }
    std::string BookTicket(long long user, int people) {
        auto b = engine_->Call(Book{user, session_, people, domain::Audience::kPublic, "", false});
        EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().message);
        return b.ok() ? b->booking->ticket_code : "";
    }
    std::vector<ScanResult> Sync(const std::vector<OfflineScan>& scans, const auth::Principal& who) {
        std::promise<std::vector<ScanResult>> answer;
        SyncOfflineScans(*engine_, who, scans,
                         [&](std::vector<ScanResult> r) { answer.set_value(std::move(r)); });
        return answer.get_future().get();
    }
    std::vector<ScanResult> Sync(const std::vector<OfflineScan>& scans) { return Sync(scans, host_); }
    static OfflineScan Scan(const std::string& nonce, const std::string& code, int attended,
                            const std::string& at = "2030-04-05T08:12:40Z") {
        auto scan = ReadOfflineScan(nonce, code, attended, at);
        EXPECT_TRUE(scan.ok()) << (scan.ok() ? "" : scan.error().message);
        return scan.ok() ? *scan : OfflineScan{};
    }
    long long Attended() {
        auto data = store::LoadBilanData(*db_, year_);
        EXPECT_TRUE(data.ok());
        long long n = 0;
        if (data.ok())
            for (const auto& v : data->visitors) n += v.attended;
        return n;
    }

    long long site_ = 0;
    int year_ = 0;
    auth::Principal host_;
    long long undo_id_ = 0;
};

TEST_F(OfflineCheckInTest, TheSameUploadTwiceCountsOnceAndIsRecordedAsOffline) {
    const std::string a = BookTicket(users_[0], 3), b = BookTicket(users_[1], 2);
    const long long attended_before = Attended();
    const long long audits_before = Count("SELECT count(*) FROM audit_log WHERE action = 'booking.check_in'");
    // As the phone queued them: one with a dash in lower case, one with the QR code's prefix.
    const std::vector<OfflineScan> batch = {
        Scan("nonce-aaaaaaaaaaaaaaaa", a.substr(0, 4) + "-" + a.substr(4), 3, "2030-04-05T08:12:40.517Z"),
        Scan("nonce-bbbbbbbbbbbbbbbb", "JUO:" + b, booking::kEveryoneBooked, "2030-04-05T08:13:05Z")};
    EXPECT_EQ(batch[0].ticket_code, a);
    EXPECT_EQ(batch[0].scanned_at, "2030-04-05T08:12:40Z");
    auto first = Sync(batch);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].status, ScanStatus::kCheckedIn) << (first[0].error ? first[0].error->message : "");
    EXPECT_EQ(first[0].attended, 3);
    EXPECT_EQ(first[1].status, ScanStatus::kCheckedIn);
    EXPECT_EQ(first[1].attended, 2);  // everyone booked
    EXPECT_EQ(
        Count("SELECT count(*) FROM check_in WHERE offline = 1 AND scanned_at = '2030-04-05T08:12:40Z'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM check_in_scan"), 2);
    EXPECT_EQ(Attended(), attended_before + 5);  // the bilan counts offline scans as any

    auto second = Sync(batch);
    ASSERT_EQ(second.size(), 2u);
    EXPECT_EQ(second[0].status, ScanStatus::kAlreadySynced);
    EXPECT_EQ(second[0].attended, 3);
    EXPECT_EQ(second[1].status, ScanStatus::kAlreadySynced);
    EXPECT_EQ(std::string(ScanStatusName(second[1].status)), "already_synced");
    EXPECT_EQ(Count("SELECT count(*) FROM check_in WHERE offline = 1"), 2);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'booking.check_in'"), audits_before + 2);
    EXPECT_EQ(Attended(), attended_before + 5);

    // Undone at the door, then the same upload arrives late: it does not check the ticket in again.
    db_->sql() << "SELECT id FROM booking WHERE ticket_code = :c", soci::use(a), soci::into(undo_id_);
    ASSERT_TRUE(engine_->Call(booking::UndoCheckIn{undo_id_, users_[5], nullptr}).ok());
    auto late = Sync({batch[0]});
    EXPECT_EQ(late[0].status, ScanStatus::kAlreadySynced);
    EXPECT_EQ(Attended(), attended_before + 2);
}

TEST_F(OfflineCheckInTest, ConflictsAndRefusalsAreReportedPerScan) {
    const std::string a = BookTicket(users_[0], 3), cancelled = BookTicket(users_[1], 2);
    long long cancelled_id = 0;
    db_->sql() << "SELECT id FROM booking WHERE ticket_code = :c", soci::use(cancelled),
        soci::into(cancelled_id);
    // One phone checks `a` in; meanwhile the other booking is cancelled.
    ASSERT_EQ(Sync({Scan("phone-one-0000000001", a, 3)})[0].status, ScanStatus::kCheckedIn);
    ASSERT_TRUE(engine_->Call(Cancel{users_[1], cancelled_id, false}).ok());
    // A real ticket's code with its last symbol altered (forged from a real one).
    const std::string altered = a.substr(0, a.size() - 1) + (a.back() == 'A' ? "B" : "A");
    auto r = Sync({Scan("phone-two-0000000001", a, 2), Scan("phone-two-0000000002", cancelled, 2),
                   Scan("phone-two-0000000003", "ZZZZ-ZZZZ-ZZ", 1), Scan("phone-two-0000000004", altered, 1)});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[3].status, ScanStatus::kRefused);  // altered: no such ticket
    EXPECT_EQ(r[0].status, ScanStatus::kConflict);  // scanned on two phones
    ASSERT_TRUE(r[0].error);
    EXPECT_EQ(r[0].error->message_fr, "ce billet a déjà été pointé");
    EXPECT_EQ(r[1].status, ScanStatus::kConflict);  // cancelled meanwhile
    EXPECT_EQ(r[1].error->message_fr, "cette réservation a été annulée");
    EXPECT_EQ(r[2].status, ScanStatus::kRefused);  // no such ticket
    EXPECT_EQ(Count("SELECT count(*) FROM check_in_scan"), 1);
    // The first phone's headcount stays.
    EXPECT_EQ(
        Count(
            "SELECT attended FROM check_in c JOIN booking b ON b.id = c.booking_id WHERE b.ticket_code = '" +
            a + "'"),
        3);

    // A host of another site: refused, nothing recorded; a nonce reused for another ticket: a conflict.
    const std::string c = BookTicket(users_[2], 1);
    auth::Principal elsewhere;
    elsewhere.user_id = users_[6];
    elsewhere.roles.push_back({domain::Role::kHost, "", site_ + 100000});
    EXPECT_EQ(Sync({Scan("phone-three-00000001", c, 1)}, elsewhere)[0].status, ScanStatus::kRefused);
    EXPECT_EQ(Sync({Scan("phone-one-0000000001", c, 1)})[0].status, ScanStatus::kConflict);
    EXPECT_EQ(Count("SELECT count(*) FROM check_in_scan"), 1);
}

TEST(ReadOfflineScanTest, RefusesWhatIsNotAScan) {
    EXPECT_FALSE(ReadOfflineScan("short", "ABCD1234", 1, "2030-04-05T08:12:40Z").ok());
    EXPECT_FALSE(ReadOfflineScan("nonce with spaces!!", "ABCD1234", 1, "2030-04-05T08:12:40Z").ok());
    EXPECT_FALSE(ReadOfflineScan("0123456789abcdef", "--", 1, "2030-04-05T08:12:40Z").ok());
    EXPECT_FALSE(ReadOfflineScan("0123456789abcdef", "ABCD1234", 1001, "2030-04-05T08:12:40Z").ok());
    EXPECT_FALSE(ReadOfflineScan("0123456789abcdef", "ABCD1234", -2, "2030-04-05T08:12:40Z").ok());
    EXPECT_FALSE(ReadOfflineScan("0123456789abcdef", "ABCD1234", 1, "hier à 10 h").ok());
    EXPECT_FALSE(ReadOfflineScan("0123456789abcdef", "ABCD1234", 1, "2030-04-05T08:12:40+02:00").ok());
    auto ok = ReadOfflineScan("0123456789abcdef", "juo: abcd 1234", -1, "2030-04-05T08:12:40Z");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->ticket_code, "ABCD1234");
    EXPECT_EQ(ok->attended, booking::kEveryoneBooked);
}

}  // namespace
}  // namespace juo::services

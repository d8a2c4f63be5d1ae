// Guest bookings' limits (per address, per client with IPv6 by /64), the guest found or created
// by e-mail, an account's address booked for the account, and the manage page's read and
// overlaps. On the seeded replica in a new SQLite file (or a PostgreSQL schema).
#include "services/guest_bookings.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "seed/replica.h"
#include "services/guest_intake.h"
#include "store/db/connection_per_thread.h"
#include "store/db/database.h"
#include "store/db/test_database.h"

namespace juo::services {
namespace {

class GuestBookingsTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto opened = store::Database::Open(folder_.Url("guests.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(opened.ok());
        db_ = std::move(*opened);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        db_->sql() << "SELECT id, edition_id FROM session ORDER BY id LIMIT 1", soci::into(session_),
            soci::into(edition_);
    }
    GuestRequest Request(std::string email, std::string ip = "") {
        GuestRequest r;
        r.email = std::move(email);
        r.display_name = "Anne Guest";
        r.client_ip = std::move(ip);
        r.edition_id = edition_;
        return r;
    }
    // A confirmed party booking of `user` at the edition's `nth` session (0: session_).
    long long InsertBooking(long long user, const std::string& code, int nth) {
        long long session = 0;
        db_->sql() << "SELECT id FROM session WHERE edition_id = :e ORDER BY id LIMIT 1 OFFSET " +
                          std::to_string(nth),
            soci::use(edition_), soci::into(session);
        db_->sql() << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, people, status, "
                      "ticket_code, created_at) VALUES (:e, :s, 'party', 'public', :u, 2, 'confirmed', :c, "
                      "'2025-01-01T00:00:00Z')",
            soci::use(edition_), soci::use(session), soci::use(user), soci::use(code);
        long long id = 0;
        db_->sql() << "SELECT id FROM booking WHERE ticket_code = :c", soci::use(code), soci::into(id);
        return id;
    }
    store::TestFolder folder_{"juo_guest_bookings"};
    std::unique_ptr<store::Database> db_;
    long long session_ = 0, edition_ = 0;
};

TEST(GuestClientKeyTest, Ipv6CountsByItsSlash64) {
    EXPECT_EQ(GuestClientKey(""), "");
    EXPECT_EQ(GuestClientKey("192.0.2.7"), "ip:192.0.2.7");
    EXPECT_EQ(GuestClientKey("::ffff:192.0.2.7"), "ip:192.0.2.7");
    EXPECT_EQ(GuestClientKey("2001:db8:1:2::1"), "ip6:2001:db8:1:2");
    EXPECT_EQ(GuestClientKey("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd"), "ip6:2001:db8:1:2");
    EXPECT_EQ(GuestClientKey("2001:db8::1"), "ip6:2001:db8:0:0");
    EXPECT_EQ(GuestClientKey("2001:db8:0:0:ffff::2"), "ip6:2001:db8:0:0");
    EXPECT_NE(GuestClientKey("2001:db8:0:1::2"), GuestClientKey("2001:db8::2"));
    EXPECT_EQ(GuestClientKey("::1"), "ip6:0:0:0:0");
}

TEST_F(GuestBookingsTest, AGuestIsFoundOrCreatedByEmailWithoutPassword) {
    GuestLimits limits;
    auto first = PrepareGuestBooking(*db_, Request("  Anne.Guest@Example.FR "), limits, 1000);
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto again = PrepareGuestBooking(*db_, Request("anne.guest@example.fr"), limits, 1001);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*first, *again);
    soci::indicator hash_ind = soci::i_ok, confirmed_ind = soci::i_ok;
    std::string hash, confirmed;
    db_->sql() << "SELECT password_hash, email_confirmed_at FROM app_user WHERE id = :u", soci::use(*first),
        soci::into(hash, hash_ind), soci::into(confirmed, confirmed_ind);
    EXPECT_EQ(hash_ind, soci::i_null);
    EXPECT_EQ(confirmed_ind, soci::i_null);
}

TEST_F(GuestBookingsTest, AnAccountsAddressIsBookedForTheAccount) {
    long long account = 0;
    std::string email;
    db_->sql() << "SELECT id, email FROM app_user WHERE password_hash IS NOT NULL ORDER BY id LIMIT 1",
        soci::into(account), soci::into(email);
    if (account == 0) {
        db_->sql() << "INSERT INTO app_user (email, display_name, password_hash, created_at) VALUES "
                      "('owner@example.fr', 'Owner', 'x', '2025-01-01T00:00:00Z')";
        db_->sql() << "SELECT id FROM app_user WHERE email = 'owner@example.fr'", soci::into(account);
        email = "owner@example.fr";
    }
    auto booked_for = PrepareGuestBooking(*db_, Request(email), GuestLimits{}, 1000);
    ASSERT_TRUE(booked_for.ok());
    EXPECT_EQ(*booked_for, account);
}

TEST_F(GuestBookingsTest, BadAddressOrNameIsRefusedInWords) {
    auto bad = PrepareGuestBooking(*db_, Request("not-an-address"), GuestLimits{}, 1000);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    auto r = Request("a@example.fr");
    r.display_name = "   ";
    auto nameless = PrepareGuestBooking(*db_, r, GuestLimits{}, 1000);
    ASSERT_FALSE(nameless.ok());
    EXPECT_EQ(nameless.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(nameless.error().message_fr, "Indiquez votre nom.");
}

TEST_F(GuestBookingsTest, PerClientLimitCountsAnIpv6SubnetAsOneClient) {
    GuestLimits limits;
    limits.per_client = 2;
    limits.window_seconds = 3600;
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("a1@example.fr", "2001:db8:5:6::1"), limits, 1000).ok());
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("a2@example.fr", "2001:db8:5:6:ffff::9"), limits, 1001).ok());
    auto third = PrepareGuestBooking(*db_, Request("a3@example.fr", "2001:db8:5:6::abcd"), limits, 1002);
    ASSERT_FALSE(third.ok());
    EXPECT_EQ(third.error().code, ErrorCode::kTooManyRequests);
    // Another /64, and the same one once the window has passed.
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("a3@example.fr", "2001:db8:5:7::1"), limits, 1002).ok());
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("a3@example.fr", "2001:db8:5:6::1"), limits, 1000 + 3601).ok());
    // A refused attempt made no guest.
    int made = 0;
    db_->sql() << "SELECT COUNT(*) FROM app_user WHERE email = 'a3@example.fr'", soci::into(made);
    EXPECT_EQ(made, 1);
}

TEST_F(GuestBookingsTest, PerAddressLimitCountsLivePartyBookingsOfTheEdition) {
    GuestLimits limits;
    limits.per_address = 2;
    auto guest = PrepareGuestBooking(*db_, Request("busy@example.fr"), limits, 1000);
    ASSERT_TRUE(guest.ok());
    InsertBooking(*guest, "GUESTAAA1", 0);
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("busy@example.fr"), limits, 1001).ok());
    const long long second = InsertBooking(*guest, "GUESTAAA2", 1);
    auto refused = PrepareGuestBooking(*db_, Request("busy@example.fr"), limits, 1002);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
    // A cancelled booking frees its turn.
    db_->sql() << "UPDATE booking SET status = 'cancelled' WHERE id = :b", soci::use(second);
    EXPECT_TRUE(PrepareGuestBooking(*db_, Request("busy@example.fr"), limits, 1003).ok());
}

TEST_F(GuestBookingsTest, TheManagePageReadsABookingAndItsOverlaps) {
    auto missing = BookingToManage(*db_, 987654321);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

    auto guest = PrepareGuestBooking(*db_, Request("two@example.fr"), GuestLimits{}, 1000);
    ASSERT_TRUE(guest.ok());
    std::string day, start, end;
    db_->sql() << "SELECT day_date, starts_at, ends_at FROM session WHERE id = :s", soci::use(session_),
        soci::into(day), soci::into(start), soci::into(end);
    const long long a = InsertBooking(*guest, "OVERLAPA1", 0);
    auto managed = BookingToManage(*db_, a);
    ASSERT_TRUE(managed.ok());
    EXPECT_EQ(managed->view.booking.ticket_code, "OVERLAPA1");
    EXPECT_EQ(managed->user_email, "two@example.fr");
    EXPECT_FALSE(managed->user_has_password);
    EXPECT_FALSE(managed->site_postcode.empty());
    auto none = OverlappingBookings(*db_, *guest, managed->view.tour.session_id);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    // Another tour at the same time that day overlaps; the same booking does not count.
    long long other_session = 0;
    db_->sql() << "SELECT MIN(id) FROM session WHERE day_date = :d AND starts_at < :e AND ends_at > :s AND id <> :i",
        soci::use(day), soci::use(end), soci::use(start), soci::use(session_), soci::into(other_session);
    ASSERT_GT(other_session, 0);
    db_->sql() << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, people, status, "
                  "ticket_code, created_at) SELECT edition_id, id, 'party', 'public', :u, 1, 'confirmed', "
                  "'OVERLAPB2', '2025-01-01T00:00:00Z' FROM session WHERE id = :s",
        soci::use(*guest), soci::use(other_session);
    auto one = OverlappingBookings(*db_, *guest, managed->view.tour.session_id);
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ(one->front().booking.ticket_code, "OVERLAPB2");
}

// The page's one-query read of a tour answers what the engine's reads answer.
TEST_F(GuestBookingsTest, ThePagesTourReadAnswersAsTheEnginesRead) {
    std::vector<long long> ids(20);
    db_->sql() << "SELECT id FROM session ORDER BY id", soci::into(ids);
    ASSERT_FALSE(ids.empty());
    for (long long id : ids) {
        auto page = TourForBookingPage(*db_, id);
        auto engine = TourForBooking(*db_, id);
        ASSERT_TRUE(page.ok() && engine.ok());
        EXPECT_EQ(page->edition_id, engine->edition_id);
        EXPECT_EQ(page->status, engine->status);
        EXPECT_EQ(page->capacity_people, engine->capacity_people);
        EXPECT_EQ(page->places_taken, engine->places_taken);
        EXPECT_EQ(page->day_date + page->starts_at + page->ends_at, engine->day_date + engine->starts_at + engine->ends_at);
        EXPECT_EQ(page->min_age, engine->min_age);
        EXPECT_EQ(page->max_party_size, engine->max_party_size);
        EXPECT_EQ(page->edition_status, engine->edition_status);
        EXPECT_EQ(page->registration_opens_at, engine->registration_opens_at);
        EXPECT_EQ(page->registration_closes_at, engine->registration_closes_at);
        EXPECT_EQ(page->site_name + page->site_address + page->site_postcode + page->site_commune,
                  engine->site_name + engine->site_address + engine->site_postcode + engine->site_commune);
        EXPECT_EQ(page->audiences, engine->audiences);
        EXPECT_EQ(page->participation_status, engine->participation_status);
    }
    auto missing = TourForBookingPage(*db_, 987654321);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_F(GuestBookingsTest, ABatchChecksEachGuestAgainstTheOnesBeforeIt) {
    GuestLimits limits;
    limits.per_client = 2;
    std::vector<GuestRequest> batch = {Request("b1@example.fr", "192.0.2.50"), Request("bad address", "192.0.2.51"),
                                       Request("b2@example.fr", "192.0.2.50"), Request("b3@example.fr", "192.0.2.50"),
                                       Request("B1@example.fr", "192.0.2.52")};
    auto answers = PrepareGuestBookings(*db_, batch, limits, 5000);
    ASSERT_EQ(answers.size(), batch.size());
    ASSERT_TRUE(answers[0].ok());
    EXPECT_EQ(answers[1].error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(answers[2].ok());
    ASSERT_FALSE(answers[3].ok());  // the client's third in the window: refused by the two before it
    EXPECT_EQ(answers[3].error().code, ErrorCode::kTooManyRequests);
    ASSERT_TRUE(answers[4].ok());
    EXPECT_EQ(*answers[4], *answers[0]);  // the guest created earlier in the same batch
    // The refused guests wrote nothing: two attempts from .50, one from .52, no b3 and no bad one.
    int attempts = 0, b3 = 0, b1 = 0;
    db_->sql() << "SELECT COUNT(*) FROM guest_booking_attempt WHERE client_key = 'ip:192.0.2.50'", soci::into(attempts);
    db_->sql() << "SELECT COUNT(*) FROM app_user WHERE email = 'b3@example.fr'", soci::into(b3);
    db_->sql() << "SELECT COUNT(*) FROM app_user WHERE email = 'b1@example.fr'", soci::into(b1);
    EXPECT_EQ(attempts, 2);
    EXPECT_EQ(b3, 0);
    EXPECT_EQ(b1, 1);
}

// The intake's thread prepares the guests waiting in one transaction: while another connection
// holds the write lock, every guest submitted waits, and then they go through in batches of at
// most max_batch, each answered once with its own guest.
TEST_F(GuestBookingsTest, TheIntakeGroupsTheGuestsWaitingIntoOneTransaction) {
    store::ConnectionPerThread connections(folder_.Url("guests.db"));
    GuestIntakeOptions options;
    options.max_batch = 8;
    GuestIntake intake(connections, options);
    auto holder = store::Database::Open(folder_.Url("guests.db"), store::OpenMode::kMustExist);
    ASSERT_TRUE(holder.ok());
    if ((*holder)->dialect() == store::Dialect::kSqlite)
        (*holder)->sql() << "BEGIN IMMEDIATE";
    else
        (*holder)->sql() << "BEGIN; LOCK TABLE guest_booking_attempt IN EXCLUSIVE MODE";
    constexpr int kGuests = 20;
    std::mutex mutex;
    std::vector<long long> ids(kGuests, 0);
    std::atomic<int> answered{0};
    for (int i = 0; i < kGuests; ++i) {
        Status queued = intake.Submit(Request("q" + std::to_string(i) + "@example.fr", "198.51.100." + std::to_string(i)),
                                      [&, i](Result<long long> user) {
                                          std::lock_guard lock(mutex);
                                          ids[i] = user.ok() ? *user : -1;
                                          ++answered;
                                      });
        ASSERT_TRUE(queued.ok());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(answered.load(), 0);  // all wait for the lock
    (*holder)->sql() << "COMMIT";
    intake.Stop();  // prepares what is queued, then joins
    EXPECT_EQ(answered.load(), kGuests);
    EXPECT_EQ(intake.largest_batch(), 8u);
    std::set<long long> distinct(ids.begin(), ids.end());
    EXPECT_EQ(distinct.size(), static_cast<size_t>(kGuests));
    EXPECT_EQ(distinct.count(-1), 0u);
    int attempts = 0;
    db_->sql() << "SELECT COUNT(*) FROM guest_booking_attempt WHERE client_key LIKE 'ip:198.51.100.%'",
        soci::into(attempts);
    EXPECT_EQ(attempts, kGuests);
    // Stopped: refused with a sentence, and the callback is never called.
    Status late = intake.Submit(Request("late@example.fr"), [&](Result<long long>) { ++answered; });
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(answered.load(), kGuests);
}

}  // namespace
}  // namespace juo::services

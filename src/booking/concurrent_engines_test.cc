// Two capacity engines on one database, as two app servers (`juo serve` instances) on one
// PostgreSQL run them (ADR 0008): each has its own connection and its own batches, and nothing
// in either process's memory is trusted by the other. Commands race on purpose — the same
// booking cancelled through both, the same Idempotency-Key sent to both, the same reminders
// swept by both, the outbox delivered by two senders — and every test checks the rows: places
// counted once, each decision taken once, each e-mail written and delivered once. The suite
// runs on SQLite (two connections to one file) and, as concurrent_engines_test_postgresql, on
// PostgreSQL, where the engines really interleave.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "booking/booking_test_fixture.h"
#include "common/clock.h"
#include "mail/sender.h"

namespace juo::booking {
namespace {

class ConcurrentEnginesTest : public BookingTest {
 protected:
    void SetUp() override {
        BookingTest::SetUp();
        other_ = StartEngine();
        ASSERT_NE(other_, nullptr);
    }
    void TearDown() override {
        other_.reset();
        BookingTest::TearDown();
    }
    // Submits `a` to the first engine and `b` to the second at the same instant; both answers.
    std::pair<Result<Outcome>, Result<Outcome>> Race(Command a, Command b) {
        auto first = std::async(std::launch::async, [&] { return engine_->Call(std::move(a)); });
        auto second = std::async(std::launch::async, [&] { return other_->Call(std::move(b)); });
        return {first.get(), second.get()};
    }
    // Runs `work(i)` for i in [0, n) on `threads` threads.
    template <typename Work>
    static void InParallel(int n, int threads, Work work) {
        std::atomic<int> next{0};
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                for (int i = next++; i < n; i = next++) work(i);
            });
        for (auto& t : pool) t.join();
    }
    BookingEngine& EngineFor(int i) { return i % 2 == 0 ? *engine_ : *other_; }
    long long HeldPeople() {
        return Count("SELECT coalesce(sum(people), 0) FROM waitlist_entry WHERE status = 'offered' AND session_id = " +
                     std::to_string(session_));
    }

    std::unique_ptr<BookingEngine> other_;
};

// Visitors book one tour through both engines at once; some of them twice at the same instant,
// once on each: never more than the capacity, one booking per visitor, counters equal to rows.
TEST_F(ConcurrentEnginesTest, BookingsThroughTwoEnginesNeverOverbookNorBookAVisitorTwice) {
    db_->sql() << "UPDATE session SET capacity_people = 150 WHERE id = :s", soci::use(session_);
    std::atomic<int> failed{0}, doubled_both_booked{0};
    InParallel(static_cast<int>(users_.size()), 8, [&](int i) {
        const int people = 1 + i % 3;
        if (i % 5 == 0) {  // the same visitor on both engines at once, no waiting list
            auto [a, b] = Race(Book{users_[i], session_, people, domain::Audience::kPublic, "", false},
                               Book{users_[i], session_, people, domain::Audience::kPublic, "", false});
            if (a.ok() && b.ok()) ++doubled_both_booked;
            for (const auto* r : {&a, &b})
                if (!r->ok() && r->error().code != ErrorCode::kConflict && r->error().code != ErrorCode::kFull)
                    ++failed;
            return;
        }
        auto r = EngineFor(i).Call(Book{users_[i], session_, people, domain::Audience::kPublic, "", true});
        if (!r.ok()) ++failed;
    });
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(doubled_both_booked.load(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM (SELECT user_id FROM booking WHERE status = 'confirmed' AND session_id = " +
                    std::to_string(session_) + " GROUP BY user_id HAVING count(*) > 1) AS twice"),
              0);
    EXPECT_LE(ConfirmedPeople(), 150);
    EXPECT_GE(ConfirmedPeople(), 148);  // the last places go to parties that fit
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.confirmed'"),
              Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND session_id = " +
                    std::to_string(session_)));
}

// A client retries on the other app server with the same Idempotency-Key while the first is
// still booking: one booking, and both answers name it.
TEST_F(ConcurrentEnginesTest, TheSameKeyOnBothEnginesBooksOnce) {
    db_->sql() << "UPDATE session SET capacity_people = 1000 WHERE id = :s", soci::use(session_);
    std::mutex mutex;
    std::vector<std::string> wrong;
    InParallel(60, 4, [&](int i) {
        const std::string key = "retry-" + std::to_string(i);
        auto [a, b] = Race(Book{users_[i], session_, 2, domain::Audience::kPublic, key, false},
                           Book{users_[i], session_, 2, domain::Audience::kPublic, key, false});
        std::string problem;
        if (!a.ok() || !b.ok())
            problem = (a.ok() ? std::string("ok") : a.error().message) + " / " + (b.ok() ? "ok" : b.error().message);
        else if (a->booking->id != b->booking->id || a->replayed == b->replayed)
            problem = "bookings " + std::to_string(a->booking->id) + " and " + std::to_string(b->booking->id) +
                      (a->replayed ? ", replayed" : ", new") + (b->replayed ? " and replayed" : " and new");
        std::lock_guard lock(mutex);
        if (!problem.empty()) wrong.push_back(key + ": " + problem);
    });
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " keys, first: " << wrong.front();
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE idempotency_key LIKE 'retry-%'"), 60);
    EXPECT_EQ(PlacesTaken(), 120);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.confirmed'"), 60);
}

// A ticket checked in at the door through one engine while its visitor cancels through the other:
// one of the two only, never a cancelled booking with a check-in.
TEST_F(ConcurrentEnginesTest, ACheckInAndACancellationOfOneTicketDoNotBothHappen) {
    db_->sql() << "UPDATE session SET capacity_people = 1000 WHERE id = :s", soci::use(session_);
    constexpr int kTickets = 40;
    std::vector<domain::Booking> bookings;
    for (int i = 0; i < kTickets; ++i) {
        auto b = BookParty(users_[i], 2);
        ASSERT_TRUE(b.ok()) << b.error().message;
        bookings.push_back(*b->booking);
    }
    std::atomic<int> both{0}, neither{0};
    InParallel(kTickets, 4, [&](int i) {
        auto [in, out] = Race(CheckIn{bookings[i].ticket_code, kEveryoneBooked, users_[0], nullptr},
                              Cancel{*bookings[i].user_id, bookings[i].id, false});
        if (in.ok() && out.ok()) ++both;
        if (!in.ok() && !out.ok()) ++neither;
    });
    EXPECT_EQ(both.load(), 0);
    EXPECT_EQ(neither.load(), 0);
    std::string ids;
    for (const auto& b : bookings) ids += (ids.empty() ? "" : ",") + std::to_string(b.id);
    EXPECT_EQ(Count("SELECT count(*) FROM booking b JOIN check_in c ON c.booking_id = b.id WHERE b.status = "
                    "'cancelled' AND b.id IN (" + ids + ")"),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM check_in WHERE booking_id IN (" + ids + ")") +
                  Count("SELECT count(*) FROM booking WHERE status = 'cancelled' AND id IN (" + ids + ")"),
              kTickets);
}

// A batch that keeps losing deadlocks runs its commands one per transaction, each answered as if
// alone. The deadlocks are real PostgreSQL errors (SQLSTATE 40P01), raised by a trigger for the
// second cancellation in one transaction: a batch of two or more fails every time, a command
// alone never.
TEST_F(ConcurrentEnginesTest, ABatchThatKeepsLosingDeadlocksRunsItsCommandsOneByOne) {
    if (!store::TestingOnPostgresql()) GTEST_SKIP() << "PostgreSQL only: a PL/pgSQL trigger raises the deadlocks";
    std::vector<long long> bookings;
    for (int i = 0; i < 6; ++i) {
        auto b = BookParty(users_[i], 1);
        ASSERT_TRUE(b.ok()) << b.error().message;
        bookings.push_back(b->booking->id);
    }
    db_->sql() << "CREATE FUNCTION juo_test_second_cancel() RETURNS trigger LANGUAGE plpgsql AS $$ "
                  "DECLARE n int; BEGIN "
                  "n = CAST(coalesce(nullif(current_setting('juo_test.cancels', true), ''), '0') AS int) + 1; "
                  "PERFORM set_config('juo_test.cancels', CAST(n AS text), true); "
                  "IF n > 1 THEN RAISE EXCEPTION 'a second cancellation in one transaction' "
                  "USING ERRCODE = '40P01'; END IF; RETURN NEW; END $$";
    db_->sql() << "CREATE TRIGGER juo_test_second_cancel BEFORE UPDATE OF status ON booking FOR EACH ROW "
                  "WHEN (NEW.status = 'cancelled') EXECUTE FUNCTION juo_test_second_cancel()";

    // The writer waits on the first cancellation (its booking locked here) while the others queue
    // behind it, so that they form one batch.
    long long locked = 0;
    db_->sql() << "BEGIN";
    db_->sql() << "SELECT id FROM booking WHERE id = :b FOR UPDATE", soci::use(bookings[0]), soci::into(locked);
    std::vector<std::future<Result<Outcome>>> answers;
    auto submit = [&](size_t i) {
        auto promise = std::make_shared<std::promise<Result<Outcome>>>();
        answers.push_back(promise->get_future());
        engine_->Submit(Cancel{users_[i], bookings[i], false},
                        [promise](Result<Outcome> r) { promise->set_value(std::move(r)); });
    };
    submit(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (size_t i = 1; i < bookings.size(); ++i) submit(i);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    db_->sql() << "COMMIT";
    for (auto& answer : answers) {
        auto r = answer.get();
        EXPECT_TRUE(r.ok()) << r.error().message;
    }
    const EngineStats stats = engine_->stats();
    EXPECT_EQ(stats.batches_split, 1);
    EXPECT_GE(stats.batches_run_again, 5);  // the batch's 6 attempts
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE status = 'cancelled' AND session_id = " +
                    std::to_string(session_)),
              6);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'"), 6);
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
    EXPECT_EQ(PlacesTaken(), 0);
}

// Each booking cancelled through both engines at once (a double click landing on two servers):
// one cancellation each, its places released once, each freed place offered to one waiting party.
TEST_F(ConcurrentEnginesTest, ACancellationThroughBothEnginesReleasesPlacesOnce) {
    std::vector<long long> bookings;
    for (int i = 0; i < 10; ++i) {
        auto b = BookParty(users_[i], 1);
        ASSERT_TRUE(b.ok()) << b.error().message;
        bookings.push_back(b->booking->id);
    }
    for (int i = 10; i < 16; ++i) ASSERT_EQ(BookParty(users_[i], 1, "", true)->kind, Outcome::Kind::kWaitlisted);
    std::atomic<int> cancelled{0}, conflicts{0}, failed{0};
    InParallel(10, 5, [&](int i) {
        const long long owner = users_[i];
        auto [a, b] = Race(Cancel{owner, bookings[i], false}, Cancel{owner, bookings[i], false});
        for (const auto* r : {&a, &b}) {
            if (r->ok())
                ++cancelled;
            else if (r->error().code == ErrorCode::kConflict)
                ++conflicts;
            else
                ++failed;
        }
    });
    EXPECT_EQ(cancelled.load(), 10);
    EXPECT_EQ(conflicts.load(), 10);
    EXPECT_EQ(failed.load(), 0);
    // The 6 waiting parties hold 6 of the 10 freed places; nobody is offered twice.
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'offered'"), 6);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.offer'"), 6);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'"), 10);
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople() + HeldPeople());
    EXPECT_EQ(PlacesTaken(), 6);

    // The offers expire; both engines sweep at once: each offer's places released once.
    SetNow("2026-03-01T12:00:00Z");
    auto [a, b] = Race(ExpireOffers{}, ExpireOffers{});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'expired'"), 6);
    EXPECT_EQ(PlacesTaken(), 0);
}

// Both engines accept the same offer and sweep the same reminders at once: one booking, one
// e-mail per booking.
TEST_F(ConcurrentEnginesTest, OffersAndRemindersAreActedOnOnce) {
    auto first = BookParty(users_[0], 6);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(BookParty(users_[8], 4).ok());  // full
    auto waiting = BookParty(users_[1], 4, "", true);
    ASSERT_EQ(waiting->kind, Outcome::Kind::kWaitlisted);
    ASSERT_TRUE(engine_->Call(Cancel{users_[0], first->booking->id, false}).ok());
    auto [a, b] = Race(AcceptOffer{users_[1], waiting->entry->id}, AcceptOffer{users_[1], waiting->entry->id});
    EXPECT_NE(a.ok(), b.ok());  // one accepts, the other finds no open offer
    const auto& refused = a.ok() ? b : a;
    if (!refused.ok()) {
        EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    }
    EXPECT_EQ(ConfirmedPeople(), 8);
    EXPECT_EQ(PlacesTaken(), 8);

    db_->sql() << "UPDATE session SET capacity_people = 100 WHERE id = :s", soci::use(session_);
    for (int i = 2; i < 8; ++i) ASSERT_TRUE(BookParty(users_[i], 1).ok());
    std::string day;
    db_->sql() << "SELECT day_date FROM session WHERE id = :s", soci::use(session_), soci::into(day);
    SetNow(UtcIsoPlusSeconds(day + "T08:00:00Z", -24 * 3600));
    auto [r1, r2] = Race(SendReminders{100000}, SendReminders{100000});
    ASSERT_TRUE(r1.ok()) << r1.error().message;
    ASSERT_TRUE(r2.ok()) << r2.error().message;
    EXPECT_EQ(Count("SELECT count(*) FROM (SELECT booking_id FROM email_outbox WHERE kind = 'booking.reminder' "
                    "GROUP BY booking_id HAVING count(*) > 1) AS twice"),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.reminder'"),
              r1->reminders_sent + r2->reminders_sent);
    EXPECT_EQ(Count("SELECT count(*) FROM booking b JOIN session s ON s.id = b.session_id WHERE s.day_date = '" +
                    day + "' AND b.status = 'confirmed' AND b.reminded_at IS NULL AND b.user_id IS NOT NULL"),
              0);
}

// Two senders (one per app server) deliver one outbox, each into its own maildir: every message
// lands once, in one of them.
TEST_F(ConcurrentEnginesTest, TwoSendersDeliverEachMessageOnce) {
    db_->sql() << "UPDATE session SET capacity_people = 1000 WHERE id = :s", soci::use(session_);
    std::atomic<int> booked{0};
    InParallel(120, 4, [&](int i) {
        if (EngineFor(i).Call(Book{users_[i], session_, 1, domain::Audience::kPublic, "", false}).ok()) ++booked;
    });
    ASSERT_EQ(booked.load(), 120);
    const long long messages = Count("SELECT count(*) FROM email_outbox WHERE status = 'pending'");
    ASSERT_GE(messages, 120);
    const fs::path root = fs::temp_directory_path() / ("juo_two_senders_" + std::to_string(::getpid()));
    fs::remove_all(root);
    std::vector<std::unique_ptr<mail::OutboxSender>> senders;
    for (const char* name : {"a", "b"}) {
        mail::SenderOptions o;
        o.db_url = url_;
        o.maildir = (root / name).string();
        o.batch = 7;  // small batches, so that the two interleave
        o.now = [] { return std::string("2026-03-01T10:00:00Z"); };
        auto s = mail::OutboxSender::Open(o);
        ASSERT_TRUE(s.ok()) << s.error().message;
        senders.push_back(std::move(*s));
    }
    std::atomic<int> errors{0};
    InParallel(2, 2, [&](int i) {
        for (int round = 0; round < 200; ++round) {
            auto sent = senders[i]->SendDue();
            if (!sent.ok()) ++errors;
            if (sent.ok() && *sent == 0) break;
        }
    });
    EXPECT_EQ(errors.load(), 0);
    std::multiset<std::string> ids;  // the outbox id ends each maildir file name
    for (const char* name : {"a", "b"})
        for (const auto& f : fs::directory_iterator(root / name / "new")) {
            const std::string file = f.path().filename().string();
            ids.insert(file.substr(file.rfind('_') + 1));
        }
    EXPECT_EQ(static_cast<long long>(ids.size()), messages);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());  // none twice
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE status = 'sent'"), messages);
    fs::remove_all(root);
}

}  // namespace
}  // namespace juo::booking

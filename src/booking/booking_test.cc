// Capacity engine tests on a real SQLite file (or, under JUO_TEST_PG_URL, a PostgreSQL schema)
// holding the replica (scale 1), its edition opened for registrations (booking_test_fixture.h):
// every rule, the waiting list, check-in, and a concurrency test (many
// threads booking one session: exactly its capacity confirmed, the rest waitlisted or refused).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <optional>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "booking/booking_test_fixture.h"
#include "booking/engine.h"
#include "booking/rules.h"
#include "common/clock.h"
#include "seed/replica.h"
#include "store/db/database.h"
#include "store/mail/outbox.h"
#include "store/groups/group_request_queries.h"
#include "store/groups/group_request_repository.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::booking {
namespace {

TEST(TicketCode, TenUnambiguousSymbolsSpreadEvenly) {
    const std::string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    std::set<std::string> codes;
    std::map<char, int> counts;
    for (int i = 0; i < 3100; ++i) {
        std::string code = NewTicketCode();
        ASSERT_EQ(code.size(), 10u);
        for (char c : code) {
            ASSERT_NE(alphabet.find(c), std::string::npos) << code;
            ++counts[c];
        }
        codes.insert(code);
    }
    EXPECT_EQ(codes.size(), 3100u);  // 31^10 codes: a repeat here would mean a broken source
    ASSERT_EQ(counts.size(), alphabet.size());
    for (auto [symbol, n] : counts) {  // 1,000 expected each; ±20 % is over 6 standard deviations
        EXPECT_GT(n, 800) << symbol;
        EXPECT_LT(n, 1200) << symbol;
    }
}

TEST_F(BookingTest, ABookingTakesPlacesWritesTheEmailAndTheAuditLog) {
    auto r = BookParty(users_[0], 4);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Outcome::Kind::kBooked);
    ASSERT_TRUE(r->booking);
    EXPECT_GT(r->booking->id, 0);
    EXPECT_EQ(r->booking->ticket_code.size(), 10u);
    EXPECT_EQ(r->places_left, 6);
    EXPECT_EQ(PlacesTaken(), 4);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.confirmed' AND to_address = "
                    "'visiteur0@example.org' AND booking_id = " +
                    std::to_string(r->booking->id)),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'booking.create' AND entity_id = " +
                    std::to_string(r->booking->id)),
              1);
}

TEST_F(BookingTest, ARetriedSubmitWithTheSameKeyBooksOnce) {
    auto first = BookParty(users_[0], 2, "key-1");
    ASSERT_TRUE(first.ok());
    auto again = BookParty(users_[0], 2, "key-1");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->replayed);
    EXPECT_EQ(again->booking->id, first->booking->id);
    EXPECT_EQ(PlacesTaken(), 2);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox"), 1);
    auto other = BookParty(users_[1], 2, "key-1");  // the same key from someone else
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kConflict);
    EXPECT_EQ(PlacesTaken(), 2);
}

TEST_F(BookingTest, BadRequestsChangeNothing) {
    auto expect_refused = [&](Result<Outcome> r, ErrorCode code) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, code) << r.error().message;
        EXPECT_FALSE(r.error().message_fr.empty());
    };
    expect_refused(BookParty(users_[0], 11), ErrorCode::kInvalidArgument);  // over the edition's maximum (6)
    expect_refused(BookParty(users_[0], 0), ErrorCode::kInvalidArgument);
    expect_refused(engine_->Call(Book{users_[0], 999999, 2, domain::Audience::kPublic, "", false}),
                   ErrorCode::kNotFound);
    expect_refused(engine_->Call(Book{999999, session_, 2, domain::Audience::kPublic, "", false}),
                   ErrorCode::kNotFound);
    // A class does not book a Saturday tour as a party; a public party cannot book a school tour.
    expect_refused(engine_->Call(Book{users_[0], session_, 2, domain::Audience::kSchool, "", false}),
                   ErrorCode::kInvalidArgument);
    expect_refused(engine_->Call(Book{users_[0], school_session_, 2, domain::Audience::kPublic, "", false}),
                   ErrorCode::kInvalidArgument);
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    expect_refused(BookParty(users_[0], 1), ErrorCode::kConflict);  // one booking per tour and person
    expect_refused(BookParty(users_[1], 5), ErrorCode::kFull);      // 4 left
    db_->sql() << "UPDATE edition SET status = 'closed'";
    expect_refused(BookParty(users_[2], 1), ErrorCode::kConflict);
    db_->sql() << "UPDATE edition SET status = 'open', registration_closes_at = '2026-02-01T00:00:00Z'";
    expect_refused(BookParty(users_[2], 1), ErrorCode::kConflict);  // registrations closed
    EXPECT_EQ(PlacesTaken(), 6);
    EXPECT_EQ(ConfirmedPeople(), 6);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox"), 1);
}

TEST_F(BookingTest, CancellingFreesThePlacesAtOnce) {
    auto b = BookParty(users_[0], 4);
    ASSERT_TRUE(b.ok());
    auto not_mine = engine_->Call(Cancel{users_[1], b->booking->id, false});
    ASSERT_FALSE(not_mine.ok());
    EXPECT_EQ(not_mine.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(PlacesTaken(), 4);
    auto c = engine_->Call(Cancel{users_[0], b->booking->id, false});
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->places_left, 10);
    EXPECT_EQ(PlacesTaken(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'"), 1);
    auto twice = engine_->Call(Cancel{users_[0], b->booking->id, false});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

TEST_F(BookingTest, AWaitingPartyIsOfferedFreedPlacesAndCanAcceptThem) {
    auto a = BookParty(users_[0], 6);
    auto b = BookParty(users_[1], 3);
    ASSERT_TRUE(a.ok() && b.ok());
    auto big = BookParty(users_[2], 5, "", true);  // does not fit (1 left): waits as a whole
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big->kind, Outcome::Kind::kWaitlisted);
    auto small = BookParty(users_[3], 2, "", true);
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small->kind, Outcome::Kind::kWaitlisted);
    EXPECT_EQ(PlacesTaken(), 9);

    // 3 places free: the first entry (5) does not fit, the next one (2) does and is offered.
    auto c = engine_->Call(Cancel{users_[1], b->booking->id, false});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->offers_made, 1);
    EXPECT_EQ(PlacesTaken(), 8);  // 6 booked + 2 held for the offer
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.offer' AND to_address = "
                    "'visiteur3@example.org'"),
              1);
    auto wrong_user = engine_->Call(AcceptOffer{users_[2], small->entry->id});
    ASSERT_FALSE(wrong_user.ok());
    auto accepted = engine_->Call(AcceptOffer{users_[3], small->entry->id});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->booking->people, 2);
    EXPECT_EQ(PlacesTaken(), 8);
    EXPECT_EQ(ConfirmedPeople(), 8);
    auto again = engine_->Call(AcceptOffer{users_[3], small->entry->id});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);

    // The first booking cancelled: 8 free, the party of 5 is offered; it lets the offer expire.
    ASSERT_TRUE(engine_->Call(Cancel{users_[0], a->booking->id, false}).ok());
    EXPECT_EQ(PlacesTaken(), 7);
    SetNow("2026-03-01T12:00:00Z");  // past the one-hour offer
    auto late = engine_->Call(AcceptOffer{users_[2], big->entry->id});
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kConflict);
    ASSERT_TRUE(engine_->Call(ExpireOffers{}).ok());
    EXPECT_EQ(PlacesTaken(), 2);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'expired'"), 1);
}

TEST_F(BookingTest, LeavingTheListByItsLinkReleasesAnOffer) {
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    auto b = BookParty(users_[1], 4);
    auto waiting = BookParty(users_[2], 3, "", true);
    ASSERT_TRUE(b.ok() && waiting.ok());
    ASSERT_EQ(waiting->kind, Outcome::Kind::kWaitlisted);
    ASSERT_TRUE(engine_->Call(Cancel{users_[1], b->booking->id, false}).ok());
    EXPECT_EQ(PlacesTaken(), 9);  // 3 held
    auto bad = engine_->Call(LeaveWaitlist{"not-a-token", 0, 0});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
    // The link is signed and nothing usable is stored (issue 21); a token whose MAC was altered,
    // or that names another entry, leaves nothing.
    EXPECT_EQ(waiting->leave_token.rfind(std::to_string(waiting->entry->id) + ".", 0), 0u);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE leave_token IS NOT NULL"), 0);
    std::string forged = waiting->leave_token;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    auto refused = engine_->Call(LeaveWaitlist{forged, 0, 0});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
    auto left = engine_->Call(LeaveWaitlist{waiting->leave_token, 0, 0});
    ASSERT_TRUE(left.ok()) << left.error().message;
    EXPECT_EQ(PlacesTaken(), 6);
    // The answer says the places left after the offer's release (10 - 6), not 0.
    EXPECT_EQ(left->places_left, 4);
}

// An entry made before the signed leave link keeps its stored random token, which still works.
TEST_F(BookingTest, AnOlderStoredLeaveTokenStillLeaves) {
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    ASSERT_TRUE(BookParty(users_[1], 4).ok());
    auto waiting = BookParty(users_[2], 3, "", true);
    ASSERT_TRUE(waiting.ok());
    ASSERT_EQ(waiting->kind, Outcome::Kind::kWaitlisted);
    db_->sql() << "UPDATE waitlist_entry SET leave_token = 'Zm9vYmFyYmF6cXV4cXV1eA' WHERE id = "
               << waiting->entry->id;
    auto left = engine_->Call(LeaveWaitlist{"Zm9vYmFyYmF6cXV4cXV1eA", 0, 0});
    ASSERT_TRUE(left.ok()) << left.error().message;
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'left'"), 1);
}

// [block: waiting-list offer by its link]
// Issue 17: a guest accepts an offer by the e-mailed link's token, without an account. The right
// token books once (a replay is refused and books nothing more); a wrong token, another entry's
// and an unknown entry's all get the same 403; an expired offer books nothing.
TEST_F(BookingTest, AnOfferIsAcceptedByItsLinksTokenOnce) {
    auto a = BookParty(users_[0], 6);
    auto b = BookParty(users_[1], 4);
    auto first = BookParty(users_[2], 3, "", true);
    auto second = BookParty(users_[3], 3, "", true);
    ASSERT_TRUE(a.ok() && b.ok() && first.ok() && second.ok());
    ASSERT_EQ(first->kind, Outcome::Kind::kWaitlisted);
    ASSERT_EQ(second->kind, Outcome::Kind::kWaitlisted);
    auto created = [&](long long entry) {
        std::string at;
        db_->sql() << "SELECT created_at FROM waitlist_entry WHERE id = :e", soci::use(entry), soci::into(at);
        return at;
    };
    const long long e1 = first->entry->id, e2 = second->entry->id;
    const std::string t1 = links_.OfferToken(e1, created(e1)), t2 = links_.OfferToken(e2, created(e2));

    // 4 places free: the first entry is offered; its e-mail carries the accept link.
    ASSERT_TRUE(engine_->Call(Cancel{users_[1], b->booking->id, false}).ok());
    std::string body;
    db_->sql() << "SELECT body_text FROM email_outbox WHERE kind = 'waitlist.offer' AND to_address = "
                  "'visiteur2@example.org'",
        soci::into(body);
    EXPECT_NE(body.find(links_.OfferPath(e1, created(e1))), std::string::npos) << body;

    const auto refused = [&](Result<Outcome> r) {
        return !r.ok() && r.error().code == ErrorCode::kForbidden;
    };
    EXPECT_TRUE(refused(engine_->Call(AcceptOffer{0, e1, std::string(43, 'A')})));  // a wrong token
    EXPECT_TRUE(refused(engine_->Call(AcceptOffer{0, e1, t2})));                    // another entry's
    EXPECT_TRUE(refused(engine_->Call(AcceptOffer{0, e1, links_.Token(e1, created(e1))})));  // a manage token
    EXPECT_TRUE(refused(engine_->Call(AcceptOffer{0, e1 + 1000, t1})));                      // no such entry
    // A signed-in user's id does not replace the token, nor does the token accept for them.
    EXPECT_TRUE(refused(engine_->Call(AcceptOffer{users_[3], e1, t2})));
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND user_id = " +
                    std::to_string(users_[2])),
              0);

    auto accepted = engine_->Call(AcceptOffer{0, e1, t1});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(accepted->booking->user_id, users_[2]);  // the entry's visitor, with no session
    EXPECT_EQ(accepted->booking->people, 3);
    EXPECT_EQ(PlacesTaken(), 9);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'waitlist.accept' AND entity_id = " +
                    std::to_string(accepted->booking->id)),
              1);
    auto replay = engine_->Call(AcceptOffer{0, e1, t1});
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.error().code, ErrorCode::kConflict);
    EXPECT_EQ(replay.error().message, "this offer was already accepted");
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE user_id = " + std::to_string(users_[2])), 1);
    EXPECT_EQ(PlacesTaken(), 9);
    EXPECT_EQ(ConfirmedPeople(), 9);

    // The second entry is offered once the first booking goes, and lets its offer expire.
    ASSERT_TRUE(engine_->Call(Cancel{users_[0], a->booking->id, false}).ok());
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'offered'"), 1);
    SetNow("2026-03-01T12:00:00Z");  // past the one-hour offer, not swept yet
    auto late = engine_->Call(AcceptOffer{0, e2, t2});
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kConflict);
    EXPECT_NE(late.error().message.find("expired"), std::string::npos);
    ASSERT_TRUE(engine_->Call(ExpireOffers{}).ok());
    auto swept = engine_->Call(AcceptOffer{0, e2, t2});
    ASSERT_FALSE(swept.ok());
    EXPECT_NE(swept.error().message.find("expired"), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE user_id = " + std::to_string(users_[3])), 0);
    EXPECT_EQ(PlacesTaken(), 3);
}
// [end of block: waiting-list offer by its link]

TEST_F(BookingTest, CheckInOncePerTicketAndOnlyForTheRightSite) {
    auto b = BookParty(users_[0], 4);
    ASSERT_TRUE(b.ok());
    auto elsewhere =
        engine_->Call(CheckIn{b->booking->ticket_code, 4, users_[5], [](long long) { return false; }});
    ASSERT_FALSE(elsewhere.ok());
    EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
    auto unknown = engine_->Call(CheckIn{"ZZZZZZZZZZ", 4, users_[5], nullptr});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    auto ok = engine_->Call(CheckIn{b->booking->ticket_code, 3, users_[5], [](long long) { return true; }});
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_GT(ok->check_in_id, 0);
    auto twice = engine_->Call(CheckIn{b->booking->ticket_code, 3, users_[5], nullptr});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    auto cancel = engine_->Call(Cancel{users_[0], b->booking->id, false});
    ASSERT_FALSE(cancel.ok());  // checked in: kept
    EXPECT_EQ(PlacesTaken(), 4);
}

// Issue 19: a check-in undone at the door is removed and audited, places untouched; it can be
// checked in again (with another headcount); only the right site may undo; twice is refused.
TEST_F(BookingTest, CheckInCanBeUndoneOnceAndOnlyForTheRightSite) {
    auto b = BookParty(users_[0], 4);
    ASSERT_TRUE(b.ok());
    const long long id = b->booking->id;
    auto none = engine_->Call(UndoCheckIn{id, users_[5], nullptr});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(engine_->Call(CheckIn{b->booking->ticket_code, 3, users_[5], nullptr}).ok());
    auto elsewhere = engine_->Call(UndoCheckIn{id, users_[5], [](long long) { return false; }});
    ASSERT_FALSE(elsewhere.ok());
    EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(Count("SELECT count(*) FROM check_in WHERE booking_id = " + std::to_string(id)), 1);
    auto undone = engine_->Call(UndoCheckIn{id, users_[5], [](long long) { return true; }});
    ASSERT_TRUE(undone.ok()) << undone.error().message;
    EXPECT_EQ(undone->kind, Outcome::Kind::kCheckInUndone);
    EXPECT_EQ(undone->attended, 3);
    EXPECT_EQ(PlacesTaken(), 4);
    EXPECT_EQ(Count("SELECT count(*) FROM check_in WHERE booking_id = " + std::to_string(id)), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'booking.check_in_undo' AND entity_id = " +
                    std::to_string(id)),
              1);
    auto twice = engine_->Call(UndoCheckIn{id, users_[5], nullptr});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::kNotFound);
    auto again = engine_->Call(CheckIn{b->booking->ticket_code, 4, users_[5], nullptr});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(Count("SELECT attended FROM check_in WHERE booking_id = " + std::to_string(id)), 4);
}

// Commands submitted together run in one batch (on PostgreSQL a batch writes its bookings, audit
// entries and e-mails at its end, many rows per statement): the same key twice, the same visitor
// twice, and a cancellation between bookings answer as if run one by one, and every row is there.
TEST_F(BookingTest, RepeatsInsideOneBatchAnswerAsOneByOne) {
    db_->sql() << "UPDATE session SET capacity_people = 1000 WHERE id = :s", soci::use(session_);
    auto earlier = BookParty(users_[0], 2, "early");
    ASSERT_TRUE(earlier.ok());
    constexpr int kPairs = 40;
    std::vector<Command> commands;
    for (int i = 1; i <= kPairs; ++i) {
        const long long user = users_[i];
        const std::string key = "pair-" + std::to_string(i);
        commands.push_back(Book{user, session_, 1, domain::Audience::kPublic, key, false});
        commands.push_back(Book{user, session_, 1, domain::Audience::kPublic, key, false});  // a retry
        commands.push_back(Book{user, session_, 1, domain::Audience::kPublic, key + "-b", false});  // a 2nd one
        if (i == kPairs / 2) commands.push_back(Cancel{users_[0], earlier->booking->id, false});
    }
    std::mutex mutex;
    std::condition_variable done;
    std::vector<std::optional<Result<Outcome>>> results(commands.size());
    size_t answered = 0;
    for (size_t i = 0; i < commands.size(); ++i)
        engine_->Submit(commands[i], [&, i](Result<Outcome> r) {
            std::lock_guard lock(mutex);
            results[i] = std::move(r);
            ++answered;
            done.notify_one();
        });
    {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(done.wait_for(lock, std::chrono::seconds(60), [&] { return answered == commands.size(); }));
    }
    EXPECT_GT(engine_->stats().largest_batch, 3);
    std::set<long long> ids;
    size_t i = 0;
    for (int pair = 1; pair <= kPairs; ++pair, i += 3) {
        const auto& first = *results[i];
        const auto& retry = *results[i + 1];
        const auto& second = *results[i + 2];
        ASSERT_TRUE(first.ok()) << first.error().message;
        ASSERT_TRUE(retry.ok()) << retry.error().message;
        EXPECT_FALSE(first->replayed);
        EXPECT_TRUE(retry->replayed);
        EXPECT_EQ(retry->booking->id, first->booking->id);
        EXPECT_EQ(retry->booking->ticket_code, first->booking->ticket_code);
        ASSERT_FALSE(second.ok());
        EXPECT_EQ(second.error().code, ErrorCode::kConflict);
        ids.insert(first->booking->id);
        if (pair == kPairs / 2) {
            ++i;
            ASSERT_TRUE(results[i + 2]->ok()) << results[i + 2]->error().message;
            EXPECT_EQ((*results[i + 2])->kind, Outcome::Kind::kCancelled);
        }
    }
    EXPECT_EQ(ids.size(), static_cast<size_t>(kPairs));
    // Each answer is a row, under its id and ticket.
    for (const auto& r : results) {
        if (!r->ok() || (*r)->kind != Outcome::Kind::kBooked) continue;
        EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE id = " + std::to_string((*r)->booking->id) +
                        " AND ticket_code = '" + (*r)->booking->ticket_code + "' AND status = 'confirmed'"),
                  1);
    }
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE idempotency_key LIKE 'pair-%'"), kPairs);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox o JOIN booking b ON b.id = o.booking_id WHERE "
                    "b.idempotency_key LIKE 'pair-%' AND o.kind = 'booking.confirmed'"),
              kPairs);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log a JOIN booking b ON b.id = a.entity_id AND a.entity = "
                    "'booking' WHERE b.idempotency_key LIKE 'pair-%' AND a.action = 'booking.create'"),
              kPairs);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'"), 1);
    EXPECT_EQ(PlacesTaken(), kPairs);
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
}

// Many threads book the same session at once: exactly its capacity is confirmed, every other
// party is waitlisted, and the counters agree with the rows.
TEST_F(BookingTest, ARushOnOneSessionNeverOverbooks) {
    db_->sql() << "UPDATE session SET capacity_people = 100 WHERE id = :s", soci::use(session_);
    constexpr int kThreads = 16;
    std::atomic<int> next{0}, booked_people{0}, waitlisted{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (int i = next++; i < static_cast<int>(users_.size()); i = next++) {
                int people = 1 + i % 4;
                auto r = BookParty(users_[i], people, "rush-" + std::to_string(i), true);
                if (!r.ok())
                    ++failed;
                else if (r->kind == Outcome::Kind::kBooked)
                    booked_people += people;
                else
                    ++waitlisted;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_LE(booked_people.load(), 100);
    EXPECT_GE(booked_people.load(), 97);  // the last places go to parties that fit
    EXPECT_EQ(booked_people.load(), ConfirmedPeople());
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
    EXPECT_EQ(waitlisted.load() + Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND "
                                        "idempotency_key LIKE 'rush-%'"),
              static_cast<long long>(users_.size()));
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'waiting'"), waitlisted.load());
    EXPECT_GT(engine_->stats().largest_batch, 1);  // commits were grouped
}

TEST_F(BookingTest, ABookingSurvivesARestartOfTheEngine) {
    auto b = BookParty(users_[0], 3, "persist");
    ASSERT_TRUE(b.ok());
    Restart();
    auto again = BookParty(users_[0], 3, "persist");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->replayed);
    EXPECT_EQ(again->booking->ticket_code, b->booking->ticket_code);
}

// Issue 18 (ADR 0018, step 4): after the round is published, a place freed on a tour goes to the
// requests the round left unplaced that wished it, whole groups only, priority first; a group that
// does not fit is passed over for the next that does; a request that needs a bus, or that a host
// refused (not the round), is not placed.
TEST_F(BookingTest, AFreedPlaceGoesToTheGroupsTheRoundLeftUnplaced) {
    // A tour still to come (the engine's clock reads 2026-03-01); no place is given on one that started.
    db_->sql() << "UPDATE session SET capacity_people = 40, places_taken = 0, capacity_groups = 2, groups_taken = 0, "
                  "min_level = NULL, day_date = '2026-04-03' WHERE id = :s",
        soci::use(school_session_);
    db_->sql() << "UPDATE booking SET status = 'cancelled' WHERE session_id = :s", soci::use(school_session_);
    const long long placed_first = InsertRequest(*db_, school_session_, users_[11], 20);
    const long long placed_second = InsertRequest(*db_, school_session_, users_[12], 10);
    const long long too_big = InsertRequest(*db_, school_session_, users_[13], 30);      // 32 people
    const long long fits = InsertRequest(*db_, school_session_, users_[14], 18);         // 20 people
    const long long needs_bus = InsertRequest(*db_, school_session_, users_[15], 10);
    const long long host_refused = InsertRequest(*db_, school_session_, users_[16], 10);  // not by the round
    db_->sql() << "UPDATE group_request SET bus_needed = 1 WHERE id = :r", soci::use(needs_bus);
    // The published round: two groups placed, four left without a place.
    long long edition = 0, run = 0;
    db_->sql() << "SELECT edition_id FROM session WHERE id = :s", soci::use(school_session_), soci::into(edition);
    db_->sql() << "INSERT INTO allocation_run (edition_id, method, status, created_at, published_at) VALUES (:e, "
                  "'optimal', 'published', '2026-02-10T08:00:00Z', '2026-02-10T09:00:00Z')",
        soci::use(edition);
    db_->sql() << "SELECT max(id) FROM allocation_run", soci::into(run);
    auto accept = [&](long long request) {
        auto r = engine_->Call(AcceptGroupRequest{request, school_session_, users_[10], "", [](long long) { return true; }});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r->booking->id : 0;
    };
    const long long first_booking = accept(placed_first);
    accept(placed_second);
    for (long long r : {placed_first, placed_second})
        db_->sql() << "INSERT INTO allocation_assignment (run_id, request_id, session_id) VALUES (:run, :r, :s)",
            soci::use(run), soci::use(r), soci::use(school_session_);
    for (long long r : {too_big, fits, needs_bus}) {
        db_->sql() << "INSERT INTO allocation_assignment (run_id, request_id, session_id) VALUES (:run, :r, NULL)",
            soci::use(run), soci::use(r);
        db_->sql() << "UPDATE group_request SET status = 'refused' WHERE id = :r", soci::use(r);
    }
    db_->sql() << "UPDATE group_request SET status = 'refused' WHERE id = :r", soci::use(host_refused);
    const std::string status_of = "SELECT count(*) FROM group_request WHERE status = 'accepted' AND id = ";

    // The first group cancels: its 22 places and its group slot are free again. The 32-person group
    // does not fit in 40 - 12 = 28; the 20-person group does.
    auto cancelled = engine_->Call(Cancel{users_[11], first_booking, false});
    ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
    EXPECT_EQ(cancelled->groups_placed, 1);
    EXPECT_EQ(Count(status_of + std::to_string(fits)), 1);
    EXPECT_EQ(Count(status_of + std::to_string(too_big)), 0);
    EXPECT_EQ(Count(status_of + std::to_string(needs_bus)), 0);
    EXPECT_EQ(Count(status_of + std::to_string(host_refused)), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND kind = 'group' AND group_request_id = " +
                    std::to_string(fits) + " AND session_id = " + std::to_string(school_session_)),
              1);
    EXPECT_EQ(Count("SELECT places_taken * 100 + groups_taken FROM session WHERE id = " +
                    std::to_string(school_session_)),
              3202);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_accepted' AND body_text LIKE '%place "
                    "s''est libérée%'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'group_request.freed_place' AND entity_id = " +
                    std::to_string(fits)),
              1);
    // No group slot left: nothing more is placed, whatever frees.
    EXPECT_EQ(engine_->Call(OfferFreedPlaces{{school_session_}})->groups_placed, 0);
    // Once the tour has started, a freed place goes to nobody.
    SetNow("2026-04-03T23:00:00Z");
    auto late = engine_->Call(Cancel{users_[12], Count("SELECT id FROM booking WHERE status = 'confirmed' AND "
                                                       "group_request_id = " + std::to_string(placed_second)), false});
    ASSERT_TRUE(late.ok()) << late.error().message;
    EXPECT_EQ(late->groups_placed, 0);
    EXPECT_EQ(Count(status_of + std::to_string(too_big)), 0);
}

// Step 4's order weighs priority as the round does (domain::PriorityPct): a school that had a
// class refused the year before (carry-over) comes before an earlier request with no priority.
TEST_F(BookingTest, FreedPlacesWeighCarryOverAsTheRoundDoes) {
    const long long plain = InsertRequest(*db_, school_session_, users_[11], 20);
    const long long carried = InsertRequest(*db_, school_session_, users_[12], 20);
    long long edition = 0, run = 0, school = 0;
    int year = 0;
    db_->sql() << "SELECT s.edition_id, e.year FROM session s JOIN edition e ON e.id = s.edition_id WHERE s.id = :s",
        soci::use(school_session_), soci::into(edition), soci::into(year);
    db_->sql() << "SELECT min(id) FROM school WHERE coalesce(priority_education, 'none') = 'none' AND rural = 0 AND "
                  "to_check = 0",
        soci::into(school);
    ASSERT_GT(school, 0);
    db_->sql() << "UPDATE group_request SET school_id = :sc, submitted_at = '2026-02-02T08:00:00Z' WHERE id = :r",
        soci::use(school), soci::use(carried);
    db_->sql() << "INSERT INTO allocation_run (edition_id, method, status, created_at, published_at) VALUES (:e, "
                  "'optimal', 'published', '2026-02-10T08:00:00Z', '2026-02-10T09:00:00Z')",
        soci::use(edition);
    db_->sql() << "SELECT max(id) FROM allocation_run", soci::into(run);
    for (long long r : {plain, carried}) {
        db_->sql() << "INSERT INTO allocation_assignment (run_id, request_id, session_id) VALUES (:run, :r, NULL)",
            soci::use(run), soci::use(r);
        db_->sql() << "UPDATE group_request SET status = 'refused' WHERE id = :r", soci::use(r);
    }
    EXPECT_EQ(store::UnplacedRequestsWishing(*db_, school_session_), (std::vector<long long>{plain, carried}));
    // The school's class refused the year before: it goes first.
    const int previous = year - 1;
    db_->sql() << "INSERT INTO edition (year, name, status, created_at) SELECT :y, 'Previous', 'archived', "
                  "'2024-01-01T00:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM edition WHERE year = :y2)",
        soci::use(previous), soci::use(previous);
    db_->sql() << "INSERT INTO group_request (edition_id, school_id, audience, level, pupils, adults, latitude, "
                  "longitude, department_code, status, submitted_at) SELECT id, :sc, 'school', '3e', 20, 2, 45.7, "
                  "4.8, '69', 'refused', '2024-03-01T00:00:00Z' FROM edition WHERE year = :y",
        soci::use(school), soci::use(previous);
    EXPECT_EQ(store::UnplacedRequestsWishing(*db_, school_session_), (std::vector<long long>{carried, plain}));
}

TEST_F(BookingTest, AnAcceptedGroupTakesPlacesAndAGroupSlotOnce) {
    db_->sql() << "UPDATE session SET capacity_people = 40, places_taken = 0, capacity_groups = 1, groups_taken = 0, "
                  "min_level = NULL WHERE id = :s",
        soci::use(school_session_);
    const long long host = users_[10], teacher = users_[11];
    const long long first = InsertRequest(*db_, school_session_, teacher, 24);
    const long long second = InsertRequest(*db_, school_session_, users_[12], 10);
    auto anywhere = [](long long) { return true; };
    auto nowhere = [](long long) { return false; };
    const std::string status_of = "SELECT count(*) FROM group_request WHERE status = 'accepted' AND id = ";

    auto r = engine_->Call(AcceptGroupRequest{first, school_session_, host, "", nowhere});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    r = engine_->Call(AcceptGroupRequest{first, session_, host, "", anywhere});  // a tour it did not ask for
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(Count(status_of + std::to_string(first)), 0);

    r = engine_->Call(AcceptGroupRequest{first, school_session_, host, "Bienvenue", anywhere});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Outcome::Kind::kBooked);
    EXPECT_EQ(r->booking->kind, domain::BookingKind::kGroup);
    EXPECT_EQ(r->booking->people, 26);
    EXPECT_EQ(r->request_id, first);
    EXPECT_EQ(Count("SELECT places_taken * 100 + groups_taken FROM session WHERE id = " +
                    std::to_string(school_session_)),
              2601);
    EXPECT_EQ(Count(status_of + std::to_string(first)), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_accepted' AND body_text LIKE '%Bienvenue%'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'group_request.accept' AND entity_id = " +
                    std::to_string(first)),
              1);

    r = engine_->Call(AcceptGroupRequest{first, school_session_, host, "", anywhere});  // decided already
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    r = engine_->Call(AcceptGroupRequest{second, school_session_, host, "", anywhere});  // no group slot left
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kFull);
    EXPECT_EQ(Count("SELECT places_taken FROM session WHERE id = " + std::to_string(school_session_)), 26);

    r = engine_->Call(RefuseGroupRequest{second, host, "Complet, désolé", nowhere});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    r = engine_->Call(RefuseGroupRequest{second, host, "Complet, désolé", anywhere});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Outcome::Kind::kRefused);
    EXPECT_EQ(Count("SELECT count(*) FROM group_request WHERE status = 'refused' AND message = 'Complet, désolé' "
                    "AND id = " + std::to_string(second)),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_refused'"), 1);
    r = engine_->Call(RefuseGroupRequest{second, host, "", anywhere});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    r = engine_->Call(RefuseGroupRequest{999999, host, "", anywhere});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(BookingTest, AGroupBelowTheTourLevelIsNotAccepted) {
    db_->sql() << "UPDATE session SET capacity_people = 40, places_taken = 0, capacity_groups = 2, groups_taken = 0, "
                  "min_level = 'terminale' WHERE id = :s",
        soci::use(school_session_);
    const long long request = InsertRequest(*db_, school_session_, users_[11], 20, "3e");
    auto r = engine_->Call(AcceptGroupRequest{request, school_session_, users_[10], "", nullptr});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("terminale"), std::string::npos);
    EXPECT_EQ(Count("SELECT places_taken FROM session WHERE id = " + std::to_string(school_session_)), 0);
}

// A tour whose factory the organiser refused (or has not approved yet) is not in the catalogue:
// booked by its id, joined as a waiting list or accepted for a group, it is "no such tour", and
// nothing is taken, written or mailed.
TEST_F(BookingTest, ATourOfAFactoryNotApprovedForTheEditionCannotBeBooked) {
    auto set_participation = [&](long long session, const std::string& status) {
        db_->sql() << "UPDATE participation SET status = :st WHERE site_id = (SELECT site_id FROM session WHERE "
                      "id = :s) AND edition_id = (SELECT edition_id FROM session WHERE id = :s2)",
            soci::use(status), soci::use(session), soci::use(session);
    };
    db_->sql() << "UPDATE session SET capacity_people = 40, places_taken = 0, capacity_groups = 2, groups_taken = 0, "
                  "min_level = NULL WHERE id = :s",
        soci::use(school_session_);
    const long long request = InsertRequest(*db_, school_session_, users_[11], 20);
    for (const std::string status : {"refused", "submitted", "withdrawn", "changes_requested", "draft"}) {
        set_participation(session_, status);
        set_participation(school_session_, status);
        auto r = BookParty(users_[0], 2);
        ASSERT_FALSE(r.ok()) << status;
        EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << status;
        EXPECT_NE(r.error().message_fr.find("ne participe pas"), std::string::npos) << r.error().message_fr;
        r = BookParty(users_[1], 2, "", true);  // nor its waiting list
        ASSERT_FALSE(r.ok()) << status;
        EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << status;
        r = engine_->Call(AcceptGroupRequest{request, school_session_, users_[10], "", nullptr});
        ASSERT_FALSE(r.ok()) << status;
        EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << status;
    }
    // No participation row at all: the same.
    db_->sql() << "DELETE FROM participation WHERE site_id = (SELECT site_id FROM session WHERE id = :s)",
        soci::use(session_);
    auto r = BookParty(users_[0], 2);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(PlacesTaken(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE session_id = " + std::to_string(session_) +
                    " OR group_request_id = " + std::to_string(request)),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox"), 0);
    EXPECT_EQ(Count("SELECT places_taken FROM session WHERE id = " + std::to_string(school_session_)), 0);
    // Approved again: booked as before.
    db_->sql() << "INSERT INTO participation (edition_id, site_id, status) SELECT edition_id, site_id, 'approved' "
                  "FROM session WHERE id = :s",
        soci::use(session_);
    set_participation(school_session_, "approved");
    EXPECT_TRUE(BookParty(users_[0], 2).ok());
    EXPECT_TRUE(engine_->Call(AcceptGroupRequest{request, school_session_, users_[10], "", nullptr}).ok());
}

// A reply callback that throws is its caller's bug: the writer logs it and goes on answering.
TEST_F(BookingTest, AThrowingReplyCallbackDoesNotStopTheWriter) {
    std::promise<void> called;
    engine_->Submit(Book{users_[0], session_, 1, domain::Audience::kPublic, "", false}, [&](Result<Outcome>) {
        called.set_value();
        throw std::runtime_error("a bug in the caller");
    });
    engine_->Submit(Book{users_[1], session_, 1, domain::Audience::kPublic, "", false},
                    [](Result<Outcome>) { throw 42; });
    called.get_future().wait();
    auto next = BookParty(users_[2], 1);
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(PlacesTaken(), 3);  // the two bookings whose callbacks threw are committed all the same
    engine_->Stop();              // and the writer stops cleanly
}

TEST_F(BookingTest, RemindersGoOutTheDayBeforeOncePerBooking) {
    auto booked = BookParty(users_[0], 2);
    ASSERT_TRUE(booked.ok());
    std::string day;
    db_->sql() << "SELECT day_date FROM session WHERE id = :s", soci::use(session_), soci::into(day);
    const std::string mine = "SELECT count(*) FROM email_outbox WHERE kind = 'booking.reminder' AND booking_id = " +
                             std::to_string(booked->booking->id);
    SetNow(day + "T12:00:00Z");  // the day itself: too late for "tomorrow"
    ASSERT_TRUE(engine_->Call(SendReminders{100000}).ok());
    EXPECT_EQ(Count(mine), 0);
    SetNow(UtcIsoPlusSeconds(day + "T08:00:00Z", -24 * 3600));  // the day before
    auto sent = engine_->Call(SendReminders{100000});
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_GE(sent->reminders_sent, 1);
    EXPECT_EQ(Count(mine), 1);
    auto again = engine_->Call(SendReminders{100000});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->reminders_sent, 0);
    EXPECT_EQ(Count(mine), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND reminded_at IS NULL AND session_id "
                    "IN (SELECT id FROM session WHERE day_date = '" + day + "') AND user_id IS NOT NULL"),
              0);
}

}  // namespace
}  // namespace juo::booking

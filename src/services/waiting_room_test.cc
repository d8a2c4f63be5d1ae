// Tests of the waiting room (issue 17): random order for the tickets taken before the opening T
// (a permutation, not the arrival order), the same ticket keeps its rank, first-come after T, the
// admission pace, the room engaging on overload, the purge, and two app servers — two
// connections to one database, as two instances — sharing one sequence of ranks. On a SQLite
// file, or a PostgreSQL schema under tests/pg/with_postgres.sh.
#include "services/waiting_room.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "common/clock.h"
#include "store/db/test_database.h"

namespace juo::services {
namespace {

constexpr const char* kOpening = "2026-05-01T07:00:00Z";

class WaitingRoomTest : public ::testing::Test {
 protected:
    void SetUp() override {
        db_ = Open();
        ASSERT_TRUE(db_);
        db_->sql() << "INSERT INTO edition (year, name, registration_opens_at, status, created_at) "
                      "VALUES (2026, 'Édition 2026', :o, 'open', '2026-01-01T00:00:00Z')",
            soci::use(opening_);
        t_ = *EpochFromUtcIso(kOpening);
        options_.rate_per_second = 10;
    }
    std::unique_ptr<store::Database> Open() {
        auto db = store::Database::Open(folder_.Url("room.db"), store::OpenMode::kCreateIfMissing);
        EXPECT_TRUE(db.ok()) << db.error().message;
        return db.ok() ? std::move(*db) : nullptr;
    }
    WaitingPlace Arrive(const std::string& token, long long now, bool overloaded = false, Db* db = nullptr) {
        auto place = ArriveAtWaitingRoom(db ? *db : *db_, options_, token, now, overloaded);
        EXPECT_TRUE(place.ok()) << place.error().message;
        return place.ok() ? *place : WaitingPlace{};
    }
    // `n` visitors arriving one second apart from `from`; their tokens in arrival order.
    std::vector<std::string> ArriveMany(int n, long long from) {
        std::vector<std::string> tokens;
        for (int i = 0; i < n; ++i) {
            WaitingPlace p = Arrive("", from + i);
            EXPECT_FALSE(p.pass);
            EXPECT_FALSE(p.new_token.empty());
            tokens.push_back(p.new_token);
        }
        return tokens;
    }

    store::TestFolder folder_{"juo_waiting_room_test"};
    std::unique_ptr<store::Database> db_;
    const std::string opening_ = kOpening;  // bound by reference: must outlive the statement
    long long t_ = 0;
    WaitingRoomOptions options_;
};

TEST_F(WaitingRoomTest, NoRoomWithoutAnOpenEditionOrLongBeforeTheOpening) {
    EXPECT_TRUE(Arrive("", t_ - 2 * 3600).pass);  // the room opens an hour before T
    db_->sql() << "UPDATE edition SET status = 'closed'";
    EXPECT_TRUE(Arrive("", t_ - 60).pass);
    db_->sql() << "UPDATE edition SET status = 'open', registration_opens_at = NULL";
    EXPECT_TRUE(Arrive("", t_ - 60).pass);
    // After T with nobody in line and no overload: no ticket at all.
    db_->sql() << "UPDATE edition SET registration_opens_at = :o", soci::use(opening_);
    WaitingPlace after = Arrive("", t_ + 5);
    EXPECT_TRUE(after.pass);
    EXPECT_TRUE(after.new_token.empty());
}

TEST_F(WaitingRoomTest, TicketsTakenBeforeTheOpeningAreDrawnAtRandomIntoAPermutation) {
    const int n = 300;
    auto tokens = ArriveMany(n, t_ - 3000);
    // Before T: a ticket, no rank yet, the wait until T.
    WaitingPlace before = Arrive(tokens[0], t_ - 10);
    EXPECT_TRUE(before.before_opening);
    EXPECT_EQ(before.rank, 0);
    EXPECT_EQ(before.waiting, n);
    EXPECT_EQ(before.wait_seconds, 10);
    EXPECT_TRUE(before.new_token.empty());  // the same ticket, no new cookie
    // At T every ticket has its rank; together they are 1..n.
    std::vector<long long> ranks;
    for (const auto& token : tokens) {
        WaitingPlace p = Arrive(token, t_);
        EXPECT_FALSE(p.before_opening);
        EXPECT_TRUE(p.new_token.empty());
        ranks.push_back(p.rank);
    }
    std::vector<long long> sorted = ranks;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < n; ++i) EXPECT_EQ(sorted[static_cast<size_t>(i)], i + 1);
    // Not the arrival order: few visitors keep their arrival place, and the order is far from
    // sorted (an ordered draw of 300 would have 0 inversions; a random one about n²/4).
    int same_place = 0;
    long long inversions = 0;
    for (int i = 0; i < n; ++i) {
        same_place += ranks[static_cast<size_t>(i)] == i + 1;
        for (int j = i + 1; j < n; ++j) inversions += ranks[static_cast<size_t>(i)] > ranks[static_cast<size_t>(j)];
    }
    EXPECT_LT(same_place, 10);
    EXPECT_GT(inversions, n * (n - 1) / 8);
    EXPECT_LT(inversions, 3 * n * (n - 1) / 8);
    // Coming back (refreshing) keeps the rank.
    for (int i = 0; i < 20; ++i) EXPECT_EQ(Arrive(tokens[static_cast<size_t>(i)], t_ + 1).rank, ranks[static_cast<size_t>(i)]);
}

TEST_F(WaitingRoomTest, AfterTheOpeningNewcomersQueueFirstComeBehindTheDrawnTickets) {
    auto early = ArriveMany(50, t_ - 100);
    std::vector<long long> late_ranks;
    for (int i = 0; i < 30; ++i) {
        WaitingPlace p = Arrive("", t_ + 1);  // 10 ranks let through by now: the queue holds
        EXPECT_FALSE(p.pass);
        EXPECT_FALSE(p.new_token.empty());
        late_ranks.push_back(p.rank);
    }
    for (int i = 0; i < 30; ++i) EXPECT_EQ(late_ranks[static_cast<size_t>(i)], 51 + i);
    // A garbage or unknown cookie is a newcomer too.
    EXPECT_EQ(Arrive("not-a-token", t_ + 1).rank, 81);
}

TEST_F(WaitingRoomTest, RanksAreLetThroughAtTheRateAndTheAdmissionIsRecorded) {
    auto tokens = ArriveMany(100, t_ - 200);
    std::map<long long, std::string> by_rank;
    for (const auto& token : tokens) by_rank[Arrive(token, t_).rank] = token;
    EXPECT_FALSE(Arrive(by_rank[1], t_).pass);  // at T itself nobody yet
    // 3 s after T at 10 per second: ranks 1..30 pass, 31 waits one more rank.
    EXPECT_TRUE(Arrive(by_rank[30], t_ + 3).pass);
    WaitingPlace next = Arrive(by_rank[31], t_ + 3);
    EXPECT_FALSE(next.pass);
    EXPECT_EQ(next.ahead, 0);  // next in line
    EXPECT_EQ(next.wait_seconds, 1);
    WaitingPlace last = Arrive(by_rank[100], t_ + 3);
    EXPECT_EQ(last.ahead, 69);
    EXPECT_EQ(last.wait_seconds, 7);
    long long admitted = 0;
    db_->sql() << "SELECT count(*) FROM waiting_ticket WHERE admitted_at IS NOT NULL", soci::into(admitted);
    EXPECT_EQ(admitted, 1);  // only the one who came back when let through
    // An admitted visitor passes for 30 minutes, then queues again as a newcomer.
    EXPECT_TRUE(Arrive(by_rank[30], t_ + 29 * 60).pass);
    WaitingPlace expired = Arrive(by_rank[30], t_ + 3 + 31 * 60, /*overloaded=*/true);
    EXPECT_FALSE(expired.new_token.empty());
    EXPECT_EQ(expired.rank, 101);
}

TEST_F(WaitingRoomTest, TheRoomEngagesOnOverloadWithoutBankingPastAdmissions) {
    // An hour after T, nobody in line: a visitor passes without a ticket...
    EXPECT_TRUE(Arrive("", t_ + 3600).pass);
    // ...unless the server is behind: a ticket, let through at the rate from now on.
    WaitingPlace first = Arrive("", t_ + 3600, true);
    EXPECT_FALSE(first.pass);
    EXPECT_EQ(first.rank, 1);
    WaitingPlace second = Arrive("", t_ + 3600, true);
    EXPECT_EQ(second.rank, 2);
    EXPECT_TRUE(Arrive(first.new_token, t_ + 3601).pass);
    EXPECT_TRUE(Arrive(second.new_token, t_ + 3601).pass);
    // While some wait, newcomers queue even once the overload is over.
    std::vector<std::string> crowd;
    for (int i = 0; i < 30; ++i) crowd.push_back(Arrive("", t_ + 3601, true).new_token);
    WaitingPlace calm = Arrive("", t_ + 3601, false);
    EXPECT_FALSE(calm.pass);
    EXPECT_EQ(calm.rank, 33);
}

TEST_F(WaitingRoomTest, TwoInstancesShareOneSequenceOfRanksAndAgreeOnTheOrder) {
    auto other = Open();  // a second app server: its own connection to the same database
    ASSERT_TRUE(other);
    std::vector<std::string> a_tokens, b_tokens;
    auto run = [&](Db* db, std::vector<std::string>* tokens, long long from, int n) {
        for (int i = 0; i < n; ++i) {
            auto p = ArriveAtWaitingRoom(*db, options_, "", from + i / 10, false);
            ASSERT_TRUE(p.ok()) << p.error().message;
            tokens->push_back(p->new_token);
        }
    };
    // Before T, both at once.
    std::thread a([&] { run(db_.get(), &a_tokens, t_ - 100, 80); });
    std::thread b([&] { run(other.get(), &b_tokens, t_ - 100, 80); });
    a.join();
    b.join();
    // After T (the first to arrive draws), newcomers on both at once, behind the 160.
    std::vector<std::string> a_late, b_late;
    std::thread c([&] { run(db_.get(), &a_late, t_ + 1, 40); });
    std::thread d([&] { run(other.get(), &b_late, t_ + 1, 40); });
    c.join();
    d.join();
    std::set<long long> early_ranks, late_ranks;
    auto rank_on_both = [&](const std::string& token) {
        WaitingPlace here = Arrive(token, t_ + 2, false, db_.get());
        WaitingPlace there = Arrive(token, t_ + 2, false, other.get());
        EXPECT_EQ(here.rank, there.rank);
        return here.rank;
    };
    for (const auto* list : {&a_tokens, &b_tokens})
        for (const auto& token : *list) early_ranks.insert(rank_on_both(token));
    for (const auto* list : {&a_late, &b_late})
        for (const auto& token : *list) late_ranks.insert(rank_on_both(token));
    ASSERT_EQ(early_ranks.size(), 160u);  // no collision
    EXPECT_EQ(*early_ranks.begin(), 1);
    EXPECT_EQ(*early_ranks.rbegin(), 160);
    ASSERT_EQ(late_ranks.size(), 80u);
    EXPECT_EQ(*late_ranks.begin(), 161);
    EXPECT_EQ(*late_ranks.rbegin(), 240);
    // Each instance's own newcomers keep their arrival order.
    long long previous = 0;
    for (const auto& token : a_late) {
        long long r = Arrive(token, t_ + 2).rank;
        EXPECT_GT(r, previous);
        previous = r;
    }
}

TEST_F(WaitingRoomTest, OldTicketsArePurged) {
    auto tokens = ArriveMany(5, t_ - 100);
    auto purged = PurgeWaitingRoom(*db_, options_, t_ + options_.keep_seconds - 200);
    ASSERT_TRUE(purged.ok()) << purged.error().message;
    EXPECT_EQ(*purged, 0);
    purged = PurgeWaitingRoom(*db_, options_, t_ + options_.keep_seconds + 1);
    ASSERT_TRUE(purged.ok());
    EXPECT_EQ(*purged, 5);
    long long rooms = 1;
    db_->sql() << "SELECT count(*) FROM waiting_room", soci::into(rooms);
    EXPECT_EQ(rooms, 0);
}

}  // namespace
}  // namespace juo::services

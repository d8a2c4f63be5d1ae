// The capacity engine's test fixture, shared by booking_test.cc and concurrent_engines_test.cc:
// a real SQLite file (or, under JUO_TEST_PG_URL, a fresh PostgreSQL schema) holding the replica
// (scale 1) with its edition opened for registrations, a public tour of 10 places, 300 visitor
// accounts, and an engine on a clock the test sets.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "booking/engine.h"
#include "seed/replica.h"
#include "store/db/database.h"
#include "store/db/test_database.h"
#include "store/groups/group_request_repository.h"
#include "store/users/user_repository.h"

namespace juo::booking {

namespace fs = std::filesystem;

class BookingTest : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() /
                ("juo_booking_test_" + std::to_string(::getpid()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        store::RemoveSqliteFiles(path_);
        url_ = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*store::Database::Open(url_, store::OpenMode::kCreateIfMissing));
        static const auto replica = *seed::GenerateReplica({});
        auto copy = replica;
        ASSERT_TRUE(seed::WriteReplica(*db_, copy, {}).ok());
        db_->sql() << "UPDATE edition SET status = 'open', registration_opens_at = NULL, "
                      "registration_closes_at = NULL, max_party_size = 6";
        // A public tour with some places left, made small for the tests: 10 places, none taken.
        db_->sql() << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE "
                      "a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT 1",
            soci::into(session_);
        db_->sql()
            << "DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id = :s)",
            soci::use(session_);
        db_->sql() << "DELETE FROM booking WHERE session_id = :s", soci::use(session_);
        db_->sql() << "UPDATE session SET capacity_people = 10, places_taken = 0 WHERE id = :s",
            soci::use(session_);
        db_->sql() << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE "
                      "a.audience = 'school' AND s.status = 'open' ORDER BY s.id LIMIT 1",
            soci::into(school_session_);
        std::vector<domain::User> users(300);
        for (size_t i = 0; i < users.size(); ++i) {
            users[i].email = "visiteur" + std::to_string(i) + "@example.org";
            users[i].display_name = "Visiteur " + std::to_string(i);
            users[i].created_at = "2026-01-01T00:00:00Z";
            users[i].roles.push_back({domain::Role::kVisitor, "", std::nullopt});
        }
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        for (const auto& u : users) users_.push_back(u.id);
        Restart();
    }
    void TearDown() override {
        engine_.reset();
        db_.reset();
        store::RemoveSqliteFiles(path_);
    }
    void Restart() {
        engine_.reset();
        engine_ = StartEngine();
    }
    // Another engine on the same database: what a second app server runs.
    std::unique_ptr<BookingEngine> StartEngine() {
        EngineOptions o;
        o.db_url = url_;
        o.durable = false;
        o.offer_ttl = std::chrono::hours(1);
        o.sweep_every = std::chrono::hours(1);  // the tests sweep by hand
        o.remind_every = std::chrono::hours(1);
        o.manage_path = [this](long long id, const std::string& code) { return links_.Path(id, code); };
        o.offer_links = &links_;
        o.now = [this] {
            std::lock_guard lock(clock_mutex_);
            return now_;
        };
        auto engine = BookingEngine::Start(o);
        EXPECT_TRUE(engine.ok()) << engine.error().message;
        return engine.ok() ? std::move(*engine) : nullptr;
    }
    void SetNow(std::string now) {
        std::lock_guard lock(clock_mutex_);
        now_ = std::move(now);
    }
    int PlacesTaken() {
        int n = 0;
        db_->sql() << "SELECT places_taken FROM session WHERE id = :s", soci::use(session_), soci::into(n);
        return n;
    }
    int ConfirmedPeople() {
        int n = 0;
        soci::indicator ind;
        db_->sql() << "SELECT sum(people) FROM booking WHERE session_id = :s AND status = 'confirmed'",
            soci::use(session_), soci::into(n, ind);
        return ind == soci::i_ok ? n : 0;
    }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    Result<Outcome> BookParty(long long user, int people, std::string key = "", bool wait = false) {
        return engine_->Call(Book{user, session_, people, domain::Audience::kPublic, std::move(key), wait});
    }

    fs::path path_;
    std::string url_;  // path_, or a fresh PostgreSQL schema under JUO_TEST_PG_URL
    std::unique_ptr<store::Database> db_;
    ManageLinks links_{std::string(32, 'k')};  // the manage and offer links (issue 17)
    std::unique_ptr<BookingEngine> engine_;
    long long session_ = 0, school_session_ = 0;
    std::vector<long long> users_;
    std::mutex clock_mutex_;
    std::string now_ = "2026-03-01T10:00:00Z";
};

// A class of `pupils` + 2 adults from Lyon asking for the school tour, by `requester`.
inline long long InsertRequest(store::Database& db, long long session, long long requester, int pupils,
                        const std::string& level = "3e") {
    domain::GroupRequest r;
    db.sql() << "SELECT edition_id FROM session WHERE id = :s", soci::use(session), soci::into(r.edition_id);
    r.requester_user_id = requester;
    r.audience = domain::Audience::kSchool;
    r.level = level;
    r.pupils = pupils;
    r.adults = 2;
    r.position = {45.76, 4.83};
    r.department_code = "69";
    r.submitted_at = "2026-02-01T08:00:00Z";
    domain::Wish w;
    w.session_id = session;
    r.wishes.push_back(w);
    EXPECT_TRUE(store::InsertGroupRequests(db, std::span<domain::GroupRequest>(&r, 1)).ok());
    return r.id;
}

}  // namespace juo::booking

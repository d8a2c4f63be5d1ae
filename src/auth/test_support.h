// Test helpers for auth/: a fresh SQLite database in a temporary folder, and a clock the test
// moves by hand. Only for the tests.
//
// Thread-safety: TestClock is thread-safe (an atomic); a TestDatabase is single-threaded.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "auth/time_source.h"
#include "store/db/database.h"

namespace juo::auth::testing {

// 2026-04-01T08:00:00Z: an arbitrary fixed start.
inline constexpr long long kStart = 1775030400;

class TestClock {
 public:
    TestClock() : now_(std::make_shared<std::atomic<long long>>(kStart)) {}
    Clock clock() const {
        auto now = now_;
        return [now] { return now->load(); };
    }
    long long now() const { return now_->load(); }
    void Advance(long long seconds) { now_->fetch_add(seconds); }

 private:
    std::shared_ptr<std::atomic<long long>> now_;
};

class TestDatabase {
 public:
    TestDatabase() {
        dir_ = std::filesystem::temp_directory_path() /
               ("juo_auth_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~TestDatabase() { std::filesystem::remove_all(dir_); }
    // A new connection to the test's database file (created and migrated on first open).
    std::unique_ptr<store::Database> Open() const {
        auto db = store::Database::Open((dir_ / "juo.db").string(), store::OpenMode::kCreateIfMissing);
        EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
        return db.ok() ? std::move(*db) : nullptr;
    }

 private:
    std::filesystem::path dir_;
};

}  // namespace juo::auth::testing

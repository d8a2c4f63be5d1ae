// Test databases for the suites that run on both dialects: a SQLite file in the test's own
// folder, or, when JUO_TEST_PG_URL names a PostgreSQL database (tests/pg/with_postgres.sh sets
// it), a fresh schema in that database, selected through the connection's search_path.
//
// Header-only, for tests. Not thread-safe: call from the test's thread.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "store/db/database.h"

namespace juo::store {

// The PostgreSQL URL the suite runs against, or empty for SQLite.
inline std::string TestPostgresqlUrl() {
    const char* url = std::getenv("JUO_TEST_PG_URL");
    return url ? std::string(url) : std::string();
}

inline bool TestingOnPostgresql() { return !TestPostgresqlUrl().empty(); }

// Creates an empty schema in the JUO_TEST_PG_URL database and returns a URL whose connections
// see only it: each test starts from an empty database, as with a new SQLite file.
inline std::string FreshPostgresqlSchemaUrl() {
    static int counter = 0;
    const std::string base = TestPostgresqlUrl();
    const std::string schema = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    // By backend name: the library is linked into every program already (the soci target).
    soci::session admin("postgresql", PostgresqlConnectString(base).value());
    admin << "CREATE SCHEMA " + schema;
    // libpq URI parameter: `options` passes -c settings to the server (%3D is '=').
    return base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

// Removes a SQLite database file and the write-ahead log and shared-memory files beside it, so
// that a suite leaves nothing in the temporary folder.
inline void RemoveSqliteFiles(const std::filesystem::path& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ignored);
}

// Hands out one database per name for a test: `Url("a.db")` twice gives the same database, a
// new name a new one. `path_of` maps a name to the SQLite file (the test's folder).
class TestDatabaseUrls {
 public:
    template <typename PathOf>
    const std::string& Url(const std::string& name, PathOf&& path_of) {
        auto it = urls_.find(name);
        if (it == urls_.end())
            it = urls_.emplace(name, TestingOnPostgresql() ? FreshPostgresqlSchemaUrl() : path_of(name)).first;
        return it->second;
    }

 private:
    std::map<std::string, std::string> urls_;
};

// The running test's own folder under the system's temporary folder (made empty, removed with
// the object) and its databases: Path(name) a file in the folder, Url(name) that file or, on
// PostgreSQL, a fresh schema (TestDatabaseUrls). Make one per test, in its fixture.
class TestFolder {
 public:
    explicit TestFolder(const std::string& prefix)
        : dir_(std::filesystem::temp_directory_path() /
               (prefix + "_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~TestFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    TestFolder(const TestFolder&) = delete;
    TestFolder& operator=(const TestFolder&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::string Path(const std::string& name) const { return (dir_ / name).string(); }
    const std::string& Url(const std::string& name) {
        return urls_.Url(name, [&](const std::string& n) { return Path(n); });
    }

 private:
    std::filesystem::path dir_;
    TestDatabaseUrls urls_;
};

}  // namespace juo::store

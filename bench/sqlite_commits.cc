// sqlite_commits: the reference for the booking benchmark — raw SQLite (C API, no SOCI, no JUO)
// inserting booking-like rows in WAL mode with synchronous=FULL (an fsync at every commit, the
// durability the capacity engine gives), for `seconds` each way:
//   one_per_commit      one INSERT per transaction (what a naive booking service does)
//   hundred_per_commit  100 INSERTs per transaction (group commit)
// Prints "MODE ROWS_PER_SECOND" lines. Usage: sqlite_commits DB_FILE [SECONDS]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

bool Exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite_commits: %s: %s\n", sql, error ? error : "?");
        sqlite3_free(error);
        return false;
    }
    return true;
}

double Run(sqlite3* db, sqlite3_stmt* insert, int per_commit, double seconds, long long* counter) {
    using Clock = std::chrono::steady_clock;
    auto start = Clock::now();
    long long rows = 0;
    while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
        if (!Exec(db, "BEGIN")) std::exit(1);
        for (int i = 0; i < per_commit; ++i) {
            std::string key = "k" + std::to_string(++*counter);
            sqlite3_bind_int64(insert, 1, *counter % 100);
            sqlite3_bind_int(insert, 2, 1 + static_cast<int>(*counter % 4));
            sqlite3_bind_text(insert, 3, key.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(insert) != SQLITE_DONE) std::exit(1);
            sqlite3_reset(insert);
        }
        if (!Exec(db, "COMMIT")) std::exit(1);
        rows += per_commit;
    }
    return rows / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sqlite_commits DB_FILE [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
    std::remove(argv[1]);
    sqlite3* db = nullptr;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 5;
    if (!Exec(db, "PRAGMA journal_mode = WAL") || !Exec(db, "PRAGMA synchronous = FULL") ||
        !Exec(db,
              "CREATE TABLE booking (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, people INTEGER NOT "
              "NULL, idempotency_key TEXT UNIQUE, created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"))
        return 5;
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO booking (session_id, people, idempotency_key) VALUES (?, ?, ?)", -1,
                       &insert, nullptr);
    long long counter = 0;
    std::printf("one_per_commit %.0f\n", Run(db, insert, 1, seconds, &counter));
    std::printf("hundred_per_commit %.0f\n", Run(db, insert, 100, seconds, &counter));
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return 0;
}

// Database: one connection to the JUO store (SQLite file today, PostgreSQL next), with the
// pragmas JUO relies on, URL parsing, and transactions that turn database failures into Errors.
//
// A Database is one SOCI session: not thread-safe; give each thread its own (a pool comes with
// the server). All SQL lives in store/; other layers call repositories.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace juo::store {

enum class Dialect { kSqlite, kPostgresql };

struct DatabaseUrl {
    Dialect dialect = Dialect::kSqlite;
    std::string target;  // SQLite: a file path; PostgreSQL: the URL as given
};

// Parses --db: "postgresql://…" / "postgres://…" selects PostgreSQL; "sqlite:PATH",
// "sqlite://PATH" or a plain path selects SQLite. Fails on an empty value or an unknown scheme.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

enum class OpenMode {
    kCreateIfMissing,  // a new SQLite file is created (seed, migrate)
    kMustExist,        // a missing file is an error (report, serve)
};

class Database {
 public:
    // Opens the database, checks it is readable and not from a newer JUO, applies pending
    // migrations, and turns on WAL and foreign keys (SQLite).
    // Fails with kUnavailable (missing or unreadable file, not a database, PostgreSQL not yet
    // supported) or kConflict (schema newer than this program).
    static Result<std::unique_ptr<Database>> Open(std::string_view url, OpenMode mode);

    soci::session& sql() { return sql_; }
    Dialect dialect() const { return url_.dialect; }
    const std::string& display_name() const { return url_.target; }

    // Runs `fn` in a transaction: commits when it returns ok, rolls back when it returns an
    // error or throws. A soci_error becomes kUnavailable with the database's message.
    template <typename T, typename Fn>
    Result<T> InTransaction(Fn&& fn);

    // Converts a database exception into an Error naming the database.
    Error FromException(const std::exception& e) const;

 private:
    explicit Database(DatabaseUrl url) : url_(std::move(url)) {}
    DatabaseUrl url_;
    soci::session sql_;
};

template <typename T, typename Fn>
Result<T> Database::InTransaction(Fn&& fn) {
    try {
        soci::transaction tx(sql_);
        Result<T> result = fn();
        if (result.ok()) tx.commit();  // otherwise the destructor rolls back
        return result;
    } catch (const soci::soci_error& e) {
        return FromException(e);
    }
}

}  // namespace juo::store

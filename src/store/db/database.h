// Database: one connection to the JUO store (SQLite file today, PostgreSQL next), with the
// pragmas JUO relies on, URL parsing, and transactions that turn database failures into Errors.
//
// PostgreSQL (a postgresql:// URL, handed to libpq as is) gets the same migrations and store code;
// the few SQL differences between the two live in store/dialect.h.
//
// A Database is one SOCI session: not thread-safe; give each thread its own (a pool comes with
// the server). All SQL lives in store/; other layers call repositories.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <unordered_map>

#include "common/result.h"

namespace juo::store {

enum class Dialect { kSqlite, kPostgresql };

struct DatabaseUrl {
    Dialect dialect = Dialect::kSqlite;
    std::string target;  // SQLite: a file path; PostgreSQL: the URL as given
};

// The URL with its password, if any, replaced by "***": for messages and logs.
std::string RedactedDatabaseUrl(std::string_view url);

// A postgresql:// URL as libpq's keyword=value string, the form SOCI 4.0's PostgreSQL backend
// passes on intact (it rewrites the string at blanks and '=' before libpq reads it). Fails with
// kInvalidArgument when libpq cannot parse the URL or a value holds a blank or a quote.
Result<std::string> PostgresqlConnectString(std::string_view url);

// A postgresql:// URL for a child program (pg_dump, pg_restore): libpq's keyword=value string
// without the password, each value quoted as libpq reads it (for a command line, which `ps`
// shows), and the password apart ("" when the URL has none), to hand over out of sight.
struct PostgresqlLogin {
    std::string conninfo;
    std::string password;
};
Result<PostgresqlLogin> SplitPostgresqlPassword(std::string_view url);

// Parses --db: "postgresql://…" / "postgres://…" selects PostgreSQL; "sqlite:PATH",
// "sqlite://PATH" or a plain path selects SQLite. Fails on an empty value or an unknown scheme.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

enum class OpenMode {
    kCreateIfMissing,  // a new SQLite file is created (seed, migrate)
    kMustExist,        // a missing file is an error (report, serve)
};

// What opening does to the schema.
enum class SchemaUpdate {
    kMigrate,  // apply the pending migrations (every command that reads or writes JUO data)
    kNone,     // leave the database as it is: no migration, and on SQLite no change of journal
               // mode (juo copy-db reads its source untouched and migrates its target itself)
};

class Database {
 public:
    // Opens the database, checks it is readable and not from a newer JUO, applies pending
    // migrations, and turns on WAL and foreign keys (SQLite). On PostgreSQL `mode` is not
    // consulted: the database must exist (libpq fails otherwise) and an empty one is migrated.
    // With SchemaUpdate::kNone nothing of this is done but the connection settings (foreign
    // keys on SQLite): the schema, its version and the journal mode are left as they are.
    // Fails with kUnavailable (missing or unreadable file, not a database, PostgreSQL server
    // unreachable or refusing the login) or kConflict (schema newer than this program).
    static Result<std::unique_ptr<Database>> Open(std::string_view url, OpenMode mode,
                                                  SchemaUpdate schema = SchemaUpdate::kMigrate);

    soci::session& sql() { return sql_; }
    Dialect dialect() const { return url_.dialect; }
    // The file path, or the PostgreSQL URL without its password.
    const std::string& display_name() const { return display_name_; }
    // What Open was given (the PostgreSQL URL with its password): to open another connection to
    // the same database. Never print it; display_name() is for messages.
    const std::string& connection_url() const { return url_.target; }

    // Runs `fn` in a transaction: commits when it returns ok, rolls back when it returns an
    // error or throws. A soci_error becomes kUnavailable with the database's message.
    template <typename T, typename Fn>
    Result<T> InTransaction(Fn&& fn);

    // Rolls the open transaction back, ignoring a failure (the connection may be gone).
    void RollbackQuietly() noexcept;

    // Converts a database exception into an Error (kUnavailable) that says only an incident
    // number; the database's own words are logged under that number (issue 21: no database
    // text reaches a client).
    Error FromException(const std::exception& e) const;

    // SQLite: read the file through a shared memory map instead of pread into this connection's
    // own page cache. A WAL reader's cache is dropped whenever another connection commits, so
    // under a booking rush every read of the server's threads re-read and re-allocated its pages
    // (measured in docs/perf.md, booking section). For the server's long-lived connections; the
    // mapped pages are the operating system's file cache, shared, but counted in the process's
    // RSS, so one-shot commands (report, seed) do without.
    void ReadThroughMemoryMap();

    // The id of the row the last INSERT on this connection created. Used instead of
    // `INSERT … RETURNING id`, which SQLite runs through a temporary table (a pager opened and
    // closed per statement: measured in docs/perf.md, booking section).
    long long LastInsertId(const char* table);

    // This connection's instance of a set of prepared statements: `T` is built from the session
    // on the first call and kept as long as the connection, so a hot query is parsed once per
    // connection instead of once per call. `T` owns its statements and the variables they are
    // bound to; the caller sets the variables, executes, and reads the results before the next
    // call on this connection (a Database is used by one thread).
    template <typename T>
    T& Prepared();

 private:
    explicit Database(DatabaseUrl url) : url_(std::move(url)), display_name_(RedactedDatabaseUrl(url_.target)) {}
    static Result<std::unique_ptr<Database>> OpenPostgresql(DatabaseUrl url, SchemaUpdate schema);
    DatabaseUrl url_;
    std::string display_name_;
    soci::session sql_;
    // Declared after sql_: destroyed first, so the statements are finalised before the session.
    std::unordered_map<std::type_index, std::shared_ptr<void>> prepared_;
};

template <typename T>
T& Database::Prepared() {
    std::shared_ptr<void>& slot = prepared_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>(sql_);
    return *static_cast<T*>(slot.get());
}

template <typename T, typename Fn>
Result<T> Database::InTransaction(Fn&& fn) {
    // SQLite: BEGIN IMMEDIATE takes the write lock at the start, waiting in the busy handler (ADR
    // 0025). A deferred BEGIN that reads, then writes after another connection committed, would
    // fail at once with SQLITE_BUSY_SNAPSHOT (every caller writes). PostgreSQL: a plain BEGIN.
    bool open = false;
    try {
        sql_ << (url_.dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        open = true;
        Result<T> result = fn();
        if (result.ok()) {
            sql_ << "COMMIT";  // a failed COMMIT leaves the transaction open: rolled back below
            open = false;
        } else {
            open = false;
            sql_ << "ROLLBACK";
        }
        return result;
    } catch (const soci::soci_error& e) {
        if (open) RollbackQuietly();
        return FromException(e);
    } catch (...) {
        if (open) RollbackQuietly();
        throw;
    }
}

}  // namespace juo::store

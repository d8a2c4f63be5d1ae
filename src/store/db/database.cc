// Opening a database: URL parsing, file checks, pragmas, schema version checks.
#include "store/db/database.h"

#include <unistd.h>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <random>
#include <utility>
#include <vector>

#include "store/db/incident.h"
#include "store/db/migrations.h"

namespace juo::store {

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
    if (url.empty())
        return MakeError(ErrorCode::kInvalidArgument,
                         "--db is empty: give a SQLite file path or a postgresql:// URL");
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
        return DatabaseUrl{Dialect::kPostgresql, std::string(url)};
    if (url.rfind("sqlite://", 0) == 0)
        url.remove_prefix(9);
    else if (url.rfind("sqlite:", 0) == 0)
        url.remove_prefix(7);
    else if (auto scheme = url.find("://"); scheme != std::string_view::npos)
        return MakeError(ErrorCode::kInvalidArgument, "unknown database scheme in '" + std::string(url) +
                                                          "': use a file path or postgresql://");
    if (url.empty()) return MakeError(ErrorCode::kInvalidArgument, "--db names no SQLite file");
    return DatabaseUrl{Dialect::kSqlite, std::string(url)};
}

std::string RedactedDatabaseUrl(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const auto authority = scheme + 3;
    const auto at = url.find('@', authority);
    const auto slash = url.find('/', authority);
    if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return std::string(url);
    const auto colon = url.find(':', authority);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

namespace {

// The settings a PostgreSQL URL gives libpq (keyword, value), those with a value.
Result<std::vector<std::pair<std::string, std::string>>> PostgresqlSettings(std::string_view url) {
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &message);
    if (!options) {
        std::string why = message ? message : "out of memory";
        if (message) PQfreemem(message);
        while (!why.empty() && why.back() == '\n') why.pop_back();
        return MakeError(ErrorCode::kInvalidArgument, "cannot read the PostgreSQL URL " + RedactedDatabaseUrl(url) +
                                                          ": " + why);
    }
    std::vector<std::pair<std::string, std::string>> settings;
    for (const PQconninfoOption* o = options; o->keyword; ++o)
        if (o->val && *o->val) settings.emplace_back(o->keyword, o->val);
    PQconninfoFree(options);
    return settings;
}

// SQLite's own busy timeout sleeps 1, 2, 5, 10, 15, 20, 25… ms between its attempts at a lock:
// a writer that found the lock taken waits on, well after the other writer's commit (a booking
// batch holds it a few milliseconds). Under a booking rush with the outbox sender writing too,
// those sleeps, not the work, set the pace (docs/adr/0025-sqlite-lock-retries.md). This handler
// tries again every 100 µs for the first 2 ms, every 500 µs up to 12 ms, then every 2 ms, and
// gives up after 10 s, as the busy timeout did. Thread-safe: it keeps no state.
constexpr long long kBusyGiveUpMicros = 10'000'000;
long long BusyWaitedMicros(int attempts) {
    if (attempts < 20) return attempts * 100LL;
    if (attempts < 40) return 2'000 + (attempts - 20) * 500LL;
    return 12'000 + (attempts - 40) * 2'000LL;
}
int RetryBusySoon(void*, int attempts) {
    if (BusyWaitedMicros(attempts) >= kBusyGiveUpMicros) return 0;
    ::usleep(static_cast<useconds_t>(BusyWaitedMicros(attempts + 1) - BusyWaitedMicros(attempts)));
    return 1;
}

}  // namespace

Result<std::string> PostgresqlConnectString(std::string_view url) {
    auto settings = PostgresqlSettings(url);
    if (!settings.ok()) return settings.error();
    std::string out;
    for (const auto& [keyword, value] : *settings) {
        // SOCI 4.0 splits the string at blanks and drops quotes before libpq sees it.
        if (value.find_first_of(" \t\r\n\"'\\") != std::string::npos)
            return MakeError(ErrorCode::kInvalidArgument, "the PostgreSQL URL's parameter '" + keyword +
                                                              "' holds a blank or a quote, which this build cannot "
                                                              "pass on: set it in the server's or role's settings");
        if (!out.empty()) out += ' ';
        out += keyword + "=" + value;
    }
    return out;
}

Result<PostgresqlLogin> SplitPostgresqlPassword(std::string_view url) {
    auto settings = PostgresqlSettings(url);
    if (!settings.ok()) return settings.error();
    PostgresqlLogin login;
    for (const auto& [keyword, value] : *settings) {
        if (keyword == "password") {
            login.password = value;
            continue;
        }
        std::string quoted = "'";
        for (char c : value) quoted += c == '\'' || c == '\\' ? std::string("\\") + c : std::string(1, c);
        login.conninfo += (login.conninfo.empty() ? "" : " ") + keyword + "=" + quoted + "'";
    }
    return login;
}

Error Database::FromException(const std::exception& e) const {
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    // Every database failure is kUnavailable on both dialects, as SQLite's constraint and busy
    // errors always were: PostgreSQL's unique violations (23505), serialization failures (40001)
    // and deadlocks (40P01) included. The SQLSTATE is kept in the log line.
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e))
        what = "[" + pg->sqlstate() + "] " + what;
    // Issue 21: the database's own words (its file's path, table and column names, the SQL) go to
    // the log only, under an incident number; the error — which a response may show — says the
    // number and nothing else, so the operator finds the line the user quotes.
    const std::string incident = NewIncidentId();
    spdlog::error("incident {}: database {}: {}", incident, display_name_, what);
    return MakeError(ErrorCode::kUnavailable,
                     "the database could not answer (incident " + incident + ", in the server's log): try again",
                     "La base de données n'a pas pu répondre (incident " + incident + ") : réessayez dans un instant.");
}

std::string NewIncidentId() {
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937_64 random{std::random_device{}()};
    char out[20];
    std::snprintf(out, sizeof out, "%08llx-%u", static_cast<unsigned long long>(random() & 0xffffffffULL),
                  counter.fetch_add(1) % 1000);
    return out;
}

Result<std::unique_ptr<Database>> Database::OpenPostgresql(DatabaseUrl url, SchemaUpdate schema) {
    auto connect = PostgresqlConnectString(url.target);
    if (!connect.ok()) return connect.error();
    std::unique_ptr<Database> db(new Database(std::move(url)));
    try {
        db->sql_.open(soci::postgresql, *connect);
        db->sql_ << "SET client_encoding = 'UTF8'";
        db->sql_ << "SET application_name = 'juo'";
        // libpq prints NOTICEs (e.g. CREATE TABLE IF NOT EXISTS skipping) on stderr.
        db->sql_ << "SET client_min_messages = warning";
    } catch (const std::exception& e) {
        return db->FromException(e);
    }
    if (schema == SchemaUpdate::kNone) return db;
    // Several `juo` processes may open an empty database at once: the first migrates, the
    // others wait on this session-level advisory lock, then find the schema up to date.
    constexpr long long kMigrationLock = 0x4a554f4d;  // "JUOM"
    try {
        db->sql_ << "SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")";
    } catch (const std::exception& e) {
        return db->FromException(e);
    }
    auto migrated = Migrate(*db);
    try {
        db->sql_ << "SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")";
    } catch (const std::exception& e) {
        if (migrated.ok()) return db->FromException(e);
    }
    if (!migrated.ok()) return migrated.error();
    return db;
}

Result<std::unique_ptr<Database>> Database::Open(std::string_view url_text, OpenMode mode, SchemaUpdate schema) {
    auto url = ParseDatabaseUrl(url_text);
    if (!url.ok()) return url.error();
    if (url->dialect == Dialect::kPostgresql) return OpenPostgresql(std::move(*url), schema);

    namespace fs = std::filesystem;
    const std::string& path = url->target;
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (!exists && mode == OpenMode::kMustExist)
        return MakeError(ErrorCode::kUnavailable,
                         "database " + path + " does not exist (create it with `juo seed` or `juo migrate`)");
    if (exists) {
        if (fs::is_directory(path, ec))
            return MakeError(ErrorCode::kUnavailable, "database " + path + " is a directory, not a file");
        // access(), not an open/close: closing any descriptor of the file drops every POSIX lock
        // this process holds on it, including those of SQLite connections already open, and
        // SQLite then deletes the WAL under them (sqlite.org/howtocorrupt.html, 2.2).
        if (::access(path.c_str(), R_OK | W_OK) != 0 && ::access(path.c_str(), R_OK) != 0)
            return MakeError(ErrorCode::kUnavailable, "database " + path + " cannot be read (permissions?)");
    } else {
        auto parent = fs::path(path).parent_path();
        if (!parent.empty() && !fs::is_directory(parent, ec))
            return MakeError(ErrorCode::kUnavailable, "cannot create database " + path + ": folder " +
                                                          parent.string() + " does not exist");
    }

    // SQLite counts its memory use under one global mutex on every allocation by default; the
    // server's threads would all queue on it. Off before SQLite initialises (a later call is a
    // harmless SQLITE_MISUSE).
    static const bool memory_statistics_off = [] {
        sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)memory_statistics_off;

    std::unique_ptr<Database> db(new Database(*url));
    try {
        db->sql_.open(soci::sqlite3, "db=\"" + path + "\"");
        auto* backend = static_cast<soci::sqlite3_session_backend*>(db->sql_.get_backend());
        sqlite_api::sqlite3_busy_handler(backend->conn_, &RetryBusySoon, nullptr);
        // Reading the schema fails here on a file that is not a SQLite database.
        int objects = 0;
        db->sql_ << "SELECT count(*) FROM sqlite_master", soci::into(objects);
        db->sql_ << "PRAGMA foreign_keys = ON";
        if (schema == SchemaUpdate::kNone) return db;
        std::string journal;
        db->sql_ << "PRAGMA journal_mode = WAL", soci::into(journal);
        // WAL + NORMAL: a committed transaction survives a crash of the process (kill -9);
        // only an operating-system crash may lose the last commits.
        db->sql_ << "PRAGMA synchronous = NORMAL";
        // Statement journals and the rows of RETURNING go to temporary storage: keep it in memory
        // rather than in temporary files (measured in docs/perf.md).
        db->sql_ << "PRAGMA temp_store = MEMORY";
    } catch (const std::exception& e) {
        return db->FromException(e);
    }
    auto migrated = Migrate(*db);
    if (!migrated.ok()) return migrated.error();
    return db;
}

void Database::ReadThroughMemoryMap() {
    if (url_.dialect == Dialect::kSqlite) sql_ << "PRAGMA mmap_size = 1073741824";
}

long long Database::LastInsertId(const char* table) {
    if (url_.dialect == Dialect::kSqlite) {
        auto* backend = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend());
        return static_cast<long long>(sqlite_api::sqlite3_last_insert_rowid(backend->conn_));
    }
    // The identity column's sequence, as this session last advanced it: other sessions'
    // inserts do not move it.
    const std::string name(table);
    long long id = 0;
    sql_ << "SELECT currval(pg_get_serial_sequence(:t, 'id'))", soci::use(name), soci::into(id);
    return id;
}

void Database::RollbackQuietly() noexcept {
    try {
        sql_ << "ROLLBACK";
    } catch (...) {
    }
}

}  // namespace juo::store

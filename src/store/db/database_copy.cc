// juo copy-db: a whole database into an empty one (see database_copy.h).
//
// The schema is read from the databases' catalogues (sqlite_master and PRAGMAs, PostgreSQL's
// information_schema and pg_catalog), never from a list in the code: a new migration's tables
// are copied as they come. Rows go through the native APIs under SOCI's sessions: sqlite3
// statements (types as stored: integer, real, text, blob, NULL), and libpq's cursors and COPY.
#include "store/db/database_copy.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "store/db/binding.h"
#include "store/db/database.h"
#include "store/db/migrations.h"

namespace juo::store {

Result<std::vector<std::string>> OrderForForeignKeys(const std::vector<std::string>& tables,
                                                     const std::vector<ForeignKey>& keys) {
    const std::set<std::string> listed(tables.begin(), tables.end());
    std::map<std::string, std::set<std::string>> references;  // table → the listed tables it needs first
    for (const auto& k : keys)
        if (k.table != k.referenced && listed.count(k.table) && listed.count(k.referenced))
            references[k.table].insert(k.referenced);
    std::vector<std::string> order;
    std::set<std::string> placed;
    auto ready = [&](const std::string& t) {
        for (const auto& r : references[t])
            if (!placed.count(r)) return false;
        return true;
    };
    while (placed.size() < listed.size()) {
        auto next = std::find_if(tables.begin(), tables.end(),
                                 [&](const std::string& t) { return !placed.count(t) && ready(t); });
        if (next != tables.end()) {
            order.push_back(*next);
            placed.insert(*next);
            continue;
        }
        // Every table left waits for another one left: walk those waits until one repeats.
        std::vector<std::string> path{*std::find_if(tables.begin(), tables.end(),
                                                    [&](const std::string& t) { return !placed.count(t); })};
        for (;;) {
            const auto& deps = references[path.back()];
            const std::string waits_for =
                *std::find_if(deps.begin(), deps.end(), [&](const std::string& r) { return !placed.count(r); });
            auto seen = std::find(path.begin(), path.end(), waits_for);
            if (seen != path.end()) {
                std::string cycle;
                for (auto it = seen; it != path.end(); ++it) cycle += *it + " → ";
                return MakeError(ErrorCode::kInvalidArgument,
                                 "the tables reference each other in a cycle (" + cycle + waits_for +
                                     "): no copy order satisfies their foreign keys");
            }
            path.push_back(waits_for);
        }
    }
    return order;
}

namespace {

namespace fs = std::filesystem;

// What identifies a PostgreSQL database for SameDatabase: host, port, database name and the
// `options` (a search_path there selects another schema: another JUO database).
std::optional<std::tuple<std::string, std::string, std::string, std::string>> PostgresqlIdentity(
    const std::string& url) {
    PQconninfoOption* given = PQconninfoParse(url.c_str(), nullptr);
    if (!given) return std::nullopt;
    PQconninfoOption* defaults = PQconndefaults();
    auto value = [&](const char* keyword) {
        for (const PQconninfoOption* o = given; o->keyword; ++o)
            if (std::string_view(o->keyword) == keyword && o->val && *o->val) return std::string(o->val);
        for (const PQconninfoOption* o = defaults; o && o->keyword; ++o)
            if (std::string_view(o->keyword) == keyword && o->val && *o->val) return std::string(o->val);
        return std::string();
    };
    std::string host = value("host");
    if (host.empty()) host = value("hostaddr");
    std::string dbname = value("dbname");
    if (dbname.empty()) dbname = value("user");  // libpq's default database is the user's name
    auto identity = std::make_tuple(host, value("port"), dbname, value("options"));
    PQconninfoFree(given);
    if (defaults) PQconninfoFree(defaults);
    return identity;
}

}  // namespace

bool SameDatabase(std::string_view a, std::string_view b) {
    auto ua = ParseDatabaseUrl(a), ub = ParseDatabaseUrl(b);
    if (!ua.ok() || !ub.ok()) return a == b;
    if (ua->dialect != ub->dialect) return false;
    if (ua->dialect == Dialect::kPostgresql) {
        auto ia = PostgresqlIdentity(ua->target), ib = PostgresqlIdentity(ub->target);
        return ia && ib ? *ia == *ib : a == b;
    }
    std::error_code ec;
    if (fs::exists(ua->target, ec) && fs::exists(ub->target, ec)) return fs::equivalent(ua->target, ub->target, ec);
    std::error_code ec_a, ec_b;
    return fs::weakly_canonical(ua->target, ec_a) == fs::weakly_canonical(ub->target, ec_b);
}

namespace {

// One value as the source stores it.
struct Value {
    enum class Kind { kNull, kInteger, kReal, kText, kBlob };
    Kind kind = Kind::kNull;
    long long integer = 0;
    double real = 0;
    std::string bytes;  // text (UTF-8) or blob
};
using Row = std::vector<Value>;
using Batch = std::vector<Row>;
using BatchSink = std::function<void(Batch&)>;

// Rows per batch: per COPY message on PostgreSQL, per progress report.
constexpr size_t kBatchRows = 5000;

// A failure while reading the source (the target's failures are soci_errors: see CopyInto).
struct SourceFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string Quote(const std::string& identifier) {
    std::string q = "\"";
    for (char c : identifier) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string QuotedList(const std::vector<std::string>& names) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + Quote(n);
    return list;
}

sqlite_api::sqlite3* SqliteHandle(Database& db) {
    return static_cast<soci::sqlite3_session_backend*>(db.sql().get_backend())->conn_;
}

PGconn* PostgresqlHandle(Database& db) {
    return static_cast<soci::postgresql_session_backend*>(db.sql().get_backend())->conn_;
}

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string PgMessage(PGconn* c, const PGresult* r) {
    std::string m = r ? PQresultErrorMessage(r) : "";
    if (m.empty()) m = PQerrorMessage(c);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    return m;
}

// ---- The catalogue ----------------------------------------------------------------------------

struct TableShape {
    std::vector<std::string> columns;  // in the table's order
    std::vector<std::string> key;      // the primary key's columns, in the key's order
};

std::vector<std::string> ListTables(Database& db) {
    std::vector<std::string> tables;
    const std::string sql =
        db.dialect() == Dialect::kSqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' "
              "ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND "
              "table_type = 'BASE TABLE' ORDER BY table_name";
    soci::rowset<std::string> rows = db.sql().prepare << sql;
    for (const auto& t : rows) tables.push_back(t);
    return tables;
}

TableShape ShapeOf(Database& db, const std::string& table) {
    TableShape shape;
    if (db.dialect() == Dialect::kSqlite) {
        std::map<long long, std::string> key;
        soci::rowset<soci::row> rows = db.sql().prepare << "PRAGMA table_info(" + Quote(table) + ")";
        for (const auto& r : rows) {
            shape.columns.push_back(r.get<std::string>(1));
            if (long long pk = RowInt(r, 5); pk > 0) key[pk] = shape.columns.back();
        }
        for (const auto& [position, column] : key) shape.key.push_back(column);
        return shape;
    }
    const std::string quoted = Quote(table);
    soci::rowset<std::string> columns =
        (db.sql().prepare << "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                             "current_schema() AND table_name = :t ORDER BY ordinal_position",
         soci::use(table));
    for (const auto& c : columns) shape.columns.push_back(c);
    soci::rowset<std::string> key =
        (db.sql().prepare << "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                             "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(:t) AND i.indisprimary "
                             "ORDER BY array_position(i.indkey::int2[], a.attnum)",
         soci::use(quoted));
    for (const auto& c : key) shape.key.push_back(c);
    return shape;
}

std::vector<ForeignKey> ListForeignKeys(Database& db, const std::vector<std::string>& tables) {
    std::vector<ForeignKey> keys;
    if (db.dialect() == Dialect::kSqlite) {
        for (const auto& t : tables) {
            soci::rowset<soci::row> rows = db.sql().prepare << "PRAGMA foreign_key_list(" + Quote(t) + ")";
            for (const auto& r : rows) keys.push_back({t, r.get<std::string>(3), r.get<std::string>(2)});
        }
        return keys;
    }
    soci::rowset<soci::row> rows =
        db.sql().prepare << "SELECT r.relname, a.attname, f.relname FROM pg_constraint c "
                            "JOIN pg_class r ON r.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid "
                            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
                            "WHERE c.contype = 'f' AND r.relnamespace = "
                            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY 1, 2";
    for (const auto& r : rows) keys.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
    return keys;
}

long long CountRows(Database& db, const std::string& table) {
    soci::row r;
    db.sql() << "SELECT count(*) FROM " + Quote(table), soci::into(r);
    return RowInt(r, 0);
}

// The schema version, or nullopt when the database has no schema_migrations table. Reads only.
std::optional<int> SchemaVersionAsIs(Database& db, const std::vector<std::string>& tables) {
    if (std::find(tables.begin(), tables.end(), "schema_migrations") == tables.end()) return std::nullopt;
    soci::row r;
    db.sql() << "SELECT coalesce(max(version), 0) FROM schema_migrations", soci::into(r);
    return static_cast<int>(RowInt(r, 0));
}

// The rows a freshly migrated database holds (reference lists such as audience, and
// schema_migrations), per table: what an "empty" target may hold. Migrated in memory.
Result<std::map<std::string, long long>> RowsOfAFreshSchema() {
    auto fresh = Database::Open(":memory:", OpenMode::kCreateIfMissing);
    if (!fresh.ok()) return fresh.error();
    try {
        std::map<std::string, long long> rows;
        for (const auto& t : ListTables(**fresh)) rows[t] = CountRows(**fresh, t);
        return rows;
    } catch (const std::exception& e) {
        return (*fresh)->FromException(e);
    }
}

// ---- Reading the source -----------------------------------------------------------------------

void ReadSqliteRows(Database& db, const std::string& select, const BatchSink& sink) {
    sqlite_api::sqlite3* h = SqliteHandle(db);
    sqlite_api::sqlite3_stmt* raw = nullptr;
    if (sqlite_api::sqlite3_prepare_v2(h, select.c_str(), -1, &raw, nullptr) != SQLITE_OK)
        throw SourceFailure(sqlite_api::sqlite3_errmsg(h));
    std::unique_ptr<sqlite_api::sqlite3_stmt, decltype(&sqlite_api::sqlite3_finalize)> st(raw,
                                                                                          &sqlite_api::sqlite3_finalize);
    const int columns = sqlite_api::sqlite3_column_count(raw);
    Batch batch;
    int rc = SQLITE_ROW;
    while ((rc = sqlite_api::sqlite3_step(raw)) == SQLITE_ROW) {
        Row row(static_cast<size_t>(columns));
        for (int i = 0; i < columns; ++i) {
            Value& v = row[static_cast<size_t>(i)];
            switch (sqlite_api::sqlite3_column_type(raw, i)) {
                case SQLITE_INTEGER:
                    v.kind = Value::Kind::kInteger;
                    v.integer = sqlite_api::sqlite3_column_int64(raw, i);
                    break;
                case SQLITE_FLOAT:
                    v.kind = Value::Kind::kReal;
                    v.real = sqlite_api::sqlite3_column_double(raw, i);
                    break;
                case SQLITE_TEXT:
                    v.kind = Value::Kind::kText;
                    v.bytes.assign(reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(raw, i)),
                                   static_cast<size_t>(sqlite_api::sqlite3_column_bytes(raw, i)));
                    break;
                case SQLITE_BLOB: {
                    v.kind = Value::Kind::kBlob;
                    const auto* data = static_cast<const char*>(sqlite_api::sqlite3_column_blob(raw, i));
                    const auto size = static_cast<size_t>(sqlite_api::sqlite3_column_bytes(raw, i));
                    if (data) v.bytes.assign(data, size);
                    break;
                }
                default:
                    break;  // NULL
            }
        }
        batch.push_back(std::move(row));
        if (batch.size() == kBatchRows) {
            sink(batch);
            batch.clear();
        }
    }
    if (rc != SQLITE_DONE) throw SourceFailure(sqlite_api::sqlite3_errmsg(h));
    if (!batch.empty()) sink(batch);
}

// A PostgreSQL value in text form, typed by its column's type.
Value PostgresqlValue(const char* text, int length, Oid type) {
    constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
                  kFloat8 = 701;
    Value v;
    const std::string_view s(text, static_cast<size_t>(length));
    switch (type) {
        case kInt8:
        case kInt2:
        case kInt4:
        case kOid:
            v.kind = Value::Kind::kInteger;
            if (std::from_chars(s.data(), s.data() + s.size(), v.integer).ec != std::errc())
                throw SourceFailure("cannot read the integer '" + std::string(s) + "'");
            return v;
        case kFloat4:
        case kFloat8:
            v.kind = Value::Kind::kReal;
            v.real = std::strtod(text, nullptr);  // also reads NaN, Infinity, -Infinity
            return v;
        case kBool:
            v.kind = Value::Kind::kInteger;
            v.integer = s == "t" ? 1 : 0;
            return v;
        case kBytea: {
            v.kind = Value::Kind::kBlob;
            unsigned byte = 0;
            if (s.size() % 2 != 0 || s.substr(0, 2) != "\\x") throw SourceFailure("cannot read a bytea value");
            for (size_t i = 2; i < s.size(); i += 2) {
                if (std::from_chars(s.data() + i, s.data() + i + 2, byte, 16).ec != std::errc())
                    throw SourceFailure("cannot read a bytea value");
                v.bytes += static_cast<char>(byte);
            }
            return v;
        }
        default:
            v.kind = Value::Kind::kText;
            v.bytes.assign(s);
            return v;
    }
}

void ReadPostgresqlRows(Database& db, const std::string& select, const BatchSink& sink) {
    PGconn* c = PostgresqlHandle(db);
    auto exec = [&](const std::string& sql, ExecStatusType expected) {
        PgResult r(PQexec(c, sql.c_str()), &PQclear);
        if (PQresultStatus(r.get()) != expected) throw SourceFailure(PgMessage(c, r.get()));
        return r;
    };
    // A cursor in the source's read transaction: batches, not the whole table in memory.
    exec("DECLARE juo_copy_rows NO SCROLL CURSOR FOR " + select, PGRES_COMMAND_OK);
    Batch batch;
    for (;;) {
        PgResult r = exec("FETCH " + std::to_string(kBatchRows) + " FROM juo_copy_rows", PGRES_TUPLES_OK);
        const int rows = PQntuples(r.get()), columns = PQnfields(r.get());
        if (rows == 0) break;
        for (int i = 0; i < rows; ++i) {
            Row row(static_cast<size_t>(columns));
            for (int j = 0; j < columns; ++j)
                if (!PQgetisnull(r.get(), i, j))
                    row[static_cast<size_t>(j)] =
                        PostgresqlValue(PQgetvalue(r.get(), i, j), PQgetlength(r.get(), i, j), PQftype(r.get(), j));
            batch.push_back(std::move(row));
        }
        sink(batch);
        batch.clear();
    }
    exec("CLOSE juo_copy_rows", PGRES_COMMAND_OK);
}

void ReadRows(Database& db, const std::string& select, const BatchSink& sink) {
    if (db.dialect() == Dialect::kSqlite)
        ReadSqliteRows(db, select, sink);
    else
        ReadPostgresqlRows(db, select, sink);
}

// ---- Writing the target -----------------------------------------------------------------------

// Inserts the rows of one table; `nulled` columns are written as NULL (the first pass of a
// table that references itself). Throws soci::soci_error.
class TableWriter {
 public:
    virtual ~TableWriter() = default;
    virtual void Write(const Batch& batch) = 0;
    virtual void Finish() = 0;
};

// SQLite: one prepared INSERT, bound and stepped for every row.
class SqliteWriter : public TableWriter {
 public:
    SqliteWriter(Database& db, const std::string& table, const std::vector<std::string>& columns,
                 std::vector<bool> nulled)
        : h_(SqliteHandle(db)), table_(table), nulled_(std::move(nulled)) {
        std::string marks;
        for (size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
        const std::string sql = "INSERT INTO " + Quote(table) + " (" + QuotedList(columns) + ") VALUES (" + marks + ")";
        if (sqlite_api::sqlite3_prepare_v2(h_, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK) Throw();
    }
    ~SqliteWriter() override { sqlite_api::sqlite3_finalize(st_); }

    void Write(const Batch& batch) override {
        // SQLITE_STATIC: the row outlives the step.
        const auto kStatic = static_cast<sqlite_api::sqlite3_destructor_type>(nullptr);
        for (const Row& row : batch) {
            sqlite_api::sqlite3_reset(st_);
            for (size_t i = 0; i < row.size(); ++i) {
                const Value& v = row[i];
                const int at = static_cast<int>(i) + 1;
                int rc = SQLITE_OK;
                if (nulled_[i] || v.kind == Value::Kind::kNull)
                    rc = sqlite_api::sqlite3_bind_null(st_, at);
                else if (v.kind == Value::Kind::kInteger)
                    rc = sqlite_api::sqlite3_bind_int64(st_, at, v.integer);
                else if (v.kind == Value::Kind::kReal)
                    rc = sqlite_api::sqlite3_bind_double(st_, at, v.real);
                else if (v.kind == Value::Kind::kText)
                    rc = sqlite_api::sqlite3_bind_text(st_, at, v.bytes.data(), static_cast<int>(v.bytes.size()),
                                                       kStatic);
                else
                    rc = sqlite_api::sqlite3_bind_blob(st_, at, v.bytes.data(), static_cast<int>(v.bytes.size()),
                                                       kStatic);
                if (rc != SQLITE_OK) Throw();
            }
            if (sqlite_api::sqlite3_step(st_) != SQLITE_DONE) Throw();
        }
    }
    void Finish() override {}

 private:
    [[noreturn]] void Throw() {
        throw soci::soci_error("table " + table_ + ": " + sqlite_api::sqlite3_errmsg(h_));
    }
    sqlite_api::sqlite3* h_;
    std::string table_;
    std::vector<bool> nulled_;
    sqlite_api::sqlite3_stmt* st_ = nullptr;
};

// PostgreSQL: COPY … FROM STDIN in text format, one message per batch.
class PostgresqlWriter : public TableWriter {
 public:
    PostgresqlWriter(Database& db, const std::string& table, const std::vector<std::string>& columns,
                     std::vector<bool> nulled)
        : c_(PostgresqlHandle(db)), table_(table), nulled_(std::move(nulled)) {
        const std::string sql = "COPY " + Quote(table) + " (" + QuotedList(columns) + ") FROM STDIN";
        PgResult r(PQexec(c_, sql.c_str()), &PQclear);
        if (PQresultStatus(r.get()) != PGRES_COPY_IN) Throw(PgMessage(c_, r.get()));
        open_ = true;
    }
    ~PostgresqlWriter() override {
        if (open_) {  // a failure on the way: end the COPY so that the connection can roll back
            PQputCopyEnd(c_, "juo copy-db stopped");
            while (PGresult* r = PQgetResult(c_)) PQclear(r);
        }
    }

    void Write(const Batch& batch) override {
        buffer_.clear();
        for (const Row& row : batch) {
            for (size_t i = 0; i < row.size(); ++i) {
                if (i) buffer_ += '\t';
                Append(nulled_[i] ? Value{} : row[i]);
            }
            buffer_ += '\n';
        }
        if (PQputCopyData(c_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) Throw(PQerrorMessage(c_));
    }

    void Finish() override {
        open_ = false;
        if (PQputCopyEnd(c_, nullptr) != 1) Throw(PQerrorMessage(c_));
        std::string failure;
        while (PGresult* r = PQgetResult(c_)) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK && failure.empty()) failure = PgMessage(c_, r);
            PQclear(r);
        }
        if (!failure.empty()) Throw(failure);
    }

 private:
    void Append(const Value& v) {
        char digits[32];
        switch (v.kind) {
            case Value::Kind::kNull:
                buffer_ += "\\N";
                return;
            case Value::Kind::kInteger:
                buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, v.integer).ptr);
                return;
            case Value::Kind::kReal:
                if (std::isnan(v.real))
                    buffer_ += "NaN";
                else if (std::isinf(v.real))
                    buffer_ += v.real > 0 ? "Infinity" : "-Infinity";
                else  // the shortest text that reads back as the same double
                    buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, v.real).ptr);
                return;
            case Value::Kind::kText:
                for (char ch : v.bytes) {
                    if (ch == '\\')
                        buffer_ += "\\\\";
                    else if (ch == '\n')
                        buffer_ += "\\n";
                    else if (ch == '\r')
                        buffer_ += "\\r";
                    else if (ch == '\t')
                        buffer_ += "\\t";
                    else
                        buffer_ += ch;
                }
                return;
            case Value::Kind::kBlob: {
                static constexpr char kHex[] = "0123456789abcdef";
                buffer_ += "\\\\x";  // bytea's hex input, its backslash escaped for COPY
                for (unsigned char ch : v.bytes) {
                    buffer_ += kHex[ch >> 4];
                    buffer_ += kHex[ch & 15];
                }
                return;
            }
        }
    }
    [[noreturn]] void Throw(std::string why) {
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw soci::soci_error("table " + table_ + ": " + why);
    }
    PGconn* c_;
    std::string table_;
    std::vector<bool> nulled_;
    bool open_ = false;
    std::string buffer_;
};

std::unique_ptr<TableWriter> WriterFor(Database& db, const std::string& table, const std::vector<std::string>& columns,
                                       std::vector<bool> nulled) {
    if (db.dialect() == Dialect::kSqlite) return std::make_unique<SqliteWriter>(db, table, columns, std::move(nulled));
    return std::make_unique<PostgresqlWriter>(db, table, columns, std::move(nulled));
}

// ---- The copy ---------------------------------------------------------------------------------

struct SourceTable {
    TableShape shape;
    long long rows = 0;
};

// What the source holds, read in its open read transaction.
struct Source {
    int version = 0;
    std::map<std::string, SourceTable> tables;
};

Result<Source> ReadSource(Database& from) {
    Source source;
    try {
        // One snapshot for the catalogue, the counts and every row.
        from.sql() << (from.dialect() == Dialect::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const auto tables = ListTables(from);
        const auto version = SchemaVersionAsIs(from, tables);
        if (!version)
            return MakeError(ErrorCode::kInvalidArgument,
                             "the source " + from.display_name() + " is not a JUO database (no schema_migrations table)");
        if (*version < LatestSchemaVersion())
            return MakeError(ErrorCode::kConflict,
                             "the source " + from.display_name() + " is at schema version " + std::to_string(*version) +
                                 ", this juo copies version " + std::to_string(LatestSchemaVersion()) +
                                 ": bring it up to date first with `juo migrate --db " + from.display_name() +
                                 "` (or start this version's `juo serve` on it once)");
        if (*version > LatestSchemaVersion())
            return MakeError(ErrorCode::kConflict, "the source " + from.display_name() + " has schema version " +
                                                       std::to_string(*version) + ", newer than this juo (" +
                                                       std::to_string(LatestSchemaVersion()) + "): upgrade juo");
        source.version = *version;
        for (const auto& t : tables) source.tables[t] = {ShapeOf(from, t), CountRows(from, t)};
    } catch (const std::exception& e) {
        return from.FromException(e);
    }
    return source;
}

// Refuses a target that holds anything but what a migration inserts: copy-db never merges.
Status CheckTargetEmpty(Database& to) {
    auto fresh = RowsOfAFreshSchema();
    if (!fresh.ok()) return fresh.error();
    try {
        const auto tables = ListTables(to);
        if (tables.empty()) return Ok();
        const auto version = SchemaVersionAsIs(to, tables);
        if (!version)
            return MakeError(ErrorCode::kConflict, "the target " + to.display_name() + " holds tables (" + tables.front() +
                                                       ", …) but no JUO schema: copy into an empty database");
        if (*version > LatestSchemaVersion())
            return MakeError(ErrorCode::kConflict, "the target " + to.display_name() + " has schema version " +
                                                       std::to_string(*version) + ", newer than this juo: upgrade juo");
        for (const auto& t : tables) {
            const long long rows = CountRows(to, t);
            const auto it = fresh->find(t);
            if (rows > (it == fresh->end() ? 0 : it->second))
                return MakeError(ErrorCode::kConflict,
                                 "the target " + to.display_name() + " is not empty (table " + t + " holds " +
                                     std::to_string(rows) + " rows): copy-db only copies into an empty database, "
                                     "it never merges");
        }
    } catch (const std::exception& e) {
        return to.FromException(e);
    }
    return Ok();
}

// Sets each identity (or serial) column's sequence so that the next value is past the largest
// id: explicit ids do not move a sequence, and the next ordinary insert would collide.
int SetSequencesPastLargestIds(Database& to) {
    std::vector<std::pair<std::string, std::string>> identities;
    soci::rowset<soci::row> rows =
        to.sql().prepare << "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                            "current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%') "
                            "ORDER BY 1, 2";
    for (const auto& r : rows) identities.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    for (const auto& [table, column] : identities) {
        const std::string quoted = Quote(table);
        long long next = 0;
        to.sql() << "SELECT setval(pg_get_serial_sequence(:t, :c), greatest(coalesce(max(" + Quote(column) +
                        "), 0) + 1, 1), false) FROM " + quoted,
            soci::use(quoted), soci::use(column), soci::into(next);
    }
    return static_cast<int>(identities.size());
}

std::string OrderBy(const std::vector<std::string>& key) {
    return key.empty() ? std::string() : " ORDER BY " + QuotedList(key);
}

// Copies one table; its self-referencing columns are NULL in the first pass, then set.
void CopyTable(Database& from, Database& to, const std::string& table, const SourceTable& source,
               const std::vector<std::string>& self_references, const CopyProgress& progress) {
    const auto& columns = source.shape.columns;
    std::vector<bool> nulled(columns.size(), false);
    for (size_t i = 0; i < columns.size(); ++i)
        nulled[i] = std::find(self_references.begin(), self_references.end(), columns[i]) != self_references.end();
    long long copied = 0;
    if (progress) progress(table, 0, source.rows);
    {
        auto writer = WriterFor(to, table, columns, nulled);
        ReadRows(from, "SELECT " + QuotedList(columns) + " FROM " + Quote(table) + OrderBy(source.shape.key),
                 [&](Batch& batch) {
                     writer->Write(batch);
                     copied += static_cast<long long>(batch.size());
                     if (progress) progress(table, copied, source.rows);
                 });
        writer->Finish();
    }
    for (const auto& column : self_references) {
        if (source.shape.key.size() != 1)
            throw soci::soci_error("table " + table + " references itself and has no one-column primary key: "
                                   "copy-db cannot order its rows");
        long long key = 0, value = 0;
        soci::statement update = (to.sql().prepare << "UPDATE " + Quote(table) + " SET " + Quote(column) +
                                                           " = :v WHERE " + Quote(source.shape.key[0]) + " = :k",
                                  soci::use(value), soci::use(key));
        ReadRows(from,
                 "SELECT " + Quote(source.shape.key[0]) + ", " + Quote(column) + " FROM " + Quote(table) + " WHERE " +
                     Quote(column) + " IS NOT NULL",
                 [&](Batch& batch) {
                     for (const Row& row : batch) {
                         if (row[0].kind != Value::Kind::kInteger || row[1].kind != Value::Kind::kInteger)
                             throw soci::soci_error("table " + table + ": column " + column +
                                                    " references its own table by a value that is not an integer");
                         key = row[0].integer;
                         value = row[1].integer;
                         update.execute(true);
                     }
                 });
    }
}

// Everything on the target, in its one transaction: migrations, rows, sequences, checks.
Result<CopySummary> CopyInto(Database& from, const Source& source, Database& to, const CopyProgress& progress) {
    CopySummary summary;
    summary.schema_version = source.version;
    auto current = CurrentSchemaVersion(to);
    if (!current.ok()) return current.error();
    for (const auto& m : Migrations())
        if (m.version > *current) ApplyMigration(to, m);

    const auto target_tables = ListTables(to);
    for (const auto& [table, in_source] : source.tables) {
        if (std::find(target_tables.begin(), target_tables.end(), table) == target_tables.end())
            return MakeError(ErrorCode::kConflict, "the source's table " + table + " is not in the target's schema");
        const auto target_columns = ShapeOf(to, table).columns;
        for (const auto& c : in_source.shape.columns)
            if (std::find(target_columns.begin(), target_columns.end(), c) == target_columns.end())
                return MakeError(ErrorCode::kConflict, "the source's column " + table + "." + c +
                                                           " is not in the target's schema");
    }
    const auto keys = ListForeignKeys(to, target_tables);
    auto order = OrderForForeignKeys(target_tables, keys);
    if (!order.ok()) return order.error();

    // The migrations' own rows (reference lists, schema_migrations) make way for the source's;
    // children first.
    for (auto it = order->rbegin(); it != order->rend(); ++it)
        if (CountRows(to, *it) > 0) to.sql() << "DELETE FROM " + Quote(*it);

    try {
        for (const auto& table : *order) {
            const auto found = source.tables.find(table);
            if (found == source.tables.end()) continue;
            std::vector<std::string> self_references;
            for (const auto& k : keys)
                if (k.table == table && k.referenced == table) self_references.push_back(k.column);
            CopyTable(from, to, table, found->second, self_references, progress);
            summary.tables.push_back({table, found->second.rows});
            summary.rows += found->second.rows;
        }
    } catch (const SourceFailure& e) {
        return from.FromException(e);  // the target's errors (soci_error) go on to InTransaction
    }
    if (to.dialect() == Dialect::kPostgresql) summary.sequences_set = SetSequencesPastLargestIds(to);

    for (const auto& [table, in_source] : source.tables) {
        const long long rows = CountRows(to, table);
        if (rows != in_source.rows)
            return MakeError(ErrorCode::kInternal, "table " + table + ": " + std::to_string(rows) +
                                                       " rows in the target after the copy, " +
                                                       std::to_string(in_source.rows) + " in the source: nothing copied");
    }
    return summary;
}

}  // namespace

Result<CopySummary> CopyDatabase(const std::string& from_url, const std::string& to_url, const CopyProgress& progress) {
    auto to_url_parsed = ParseDatabaseUrl(to_url);
    if (!to_url_parsed.ok()) return to_url_parsed.error();
    if (auto parsed = ParseDatabaseUrl(from_url); !parsed.ok()) return parsed.error();
    if (SameDatabase(from_url, to_url))
        return MakeError(ErrorCode::kInvalidArgument, "--from and --to name the same database (" +
                                                          RedactedDatabaseUrl(to_url) +
                                                          "): copy into another, empty database");

    auto from = Database::Open(from_url, OpenMode::kMustExist, SchemaUpdate::kNone);
    if (!from.ok()) return from.error();
    auto source = ReadSource(**from);
    if (!source.ok()) {
        (*from)->RollbackQuietly();
        return source.error();
    }

    // A SQLite file this call creates is removed again if the copy fails.
    const bool sqlite_target = to_url_parsed->dialect == Dialect::kSqlite;
    std::error_code ec;
    const bool created = sqlite_target && !fs::exists(to_url_parsed->target, ec);
    auto remove_created = [&] {
        if (!created) return;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(to_url_parsed->target + suffix, ec);
    };

    Result<CopySummary> copied = MakeError(ErrorCode::kInternal, "not copied");
    {
        auto to = Database::Open(to_url, OpenMode::kCreateIfMissing, SchemaUpdate::kNone);
        if (!to.ok()) {
            (*from)->RollbackQuietly();
            remove_created();
            return to.error();
        }
        Status empty = CheckTargetEmpty(**to);
        if (!empty.ok()) {
            copied = empty.error();
        } else {
            copied = (*to)->InTransaction<CopySummary>([&]() -> Result<CopySummary> {
                // One large transaction: a bigger page cache keeps SQLite from spilling (as the seed).
                if (sqlite_target) (*to)->sql() << "PRAGMA cache_size = -262144";
                return CopyInto(**from, *source, **to, progress);
            });
            try {
                if (copied.ok() && sqlite_target) (*to)->sql() << "PRAGMA journal_mode = WAL";  // as every JUO database
            } catch (const std::exception&) {
                // The copy is committed; the next `juo` to open the file sets the journal mode.
            }
        }
    }
    (*from)->RollbackQuietly();  // the read transaction
    if (!copied.ok()) remove_created();
    return copied;
}

}  // namespace juo::store

// Small helpers to bind optional values and booleans with SOCI (which has no std::optional
// or bool support in 4.0), and to prepare the hot inserts whose new id is wanted. Internal to
// store/.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

// A column value that may be NULL, bound by reference to a prepared statement: set() it for
// each row before execute().
template <typename T>
struct Nullable {
    T value{};
    soci::indicator ind = soci::i_null;

    void set(const std::optional<T>& v) {
        ind = v ? soci::i_ok : soci::i_null;
        value = v.value_or(T{});
    }
    std::optional<T> get() const { return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt; }
};

// Text that is stored as NULL when empty.
struct NullableText {
    std::string value;
    soci::indicator ind = soci::i_null;

    void set(const std::string& v) {
        value = v;
        ind = v.empty() ? soci::i_null : soci::i_ok;
    }
};

// soci::use keeps a reference to its `name` argument until the statement takes it: the default
// (a temporary) would dangle once these helpers return, so they pass a name that lives forever.
inline const std::string& UnnamedBinding() {
    static const std::string kEmpty;
    return kEmpty;
}

template <typename T>
auto use(Nullable<T>& n) {
    return soci::use(n.value, n.ind, UnnamedBinding());
}
inline auto use(NullableText& n) { return soci::use(n.value, n.ind, UnnamedBinding()); }

// An integer column of a soci::row, whatever integer type the backend reports for it (SQLite
// reports by declared type and value, PostgreSQL by column type).
inline long long RowInt(const soci::row& r, std::size_t i) {
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_integer:
            return r.get<int>(i);
        case soci::dt_unsigned_long_long:
            return static_cast<long long>(r.get<unsigned long long>(i));
        case soci::dt_double:
            return static_cast<long long>(r.get<double>(i));
        case soci::dt_string:
            return std::stoll(r.get<std::string>(i));
        default:
            return r.get<long long>(i);
    }
}

// Executes a prepared statement that yields at most one row (into its bound variables), then
// steps it to its end: SQLite counts a statement stopped on a row as still running, and refuses
// to RELEASE a savepoint while one is. Returns whether there was a row.
inline bool ExecuteOne(soci::statement& st) {
    bool got = st.execute(true);
    if (got) {
        while (st.fetch()) {
        }
    }
    return got;
}

// Executes a prepared `SELECT COUNT(*) …` whose result is bound to `count` (a long long: COUNT is
// a bigint on PostgreSQL), as ExecuteOne does; returns the count.
inline int ExecuteCount(soci::statement& st, long long& count) {
    count = 0;
    ExecuteOne(st);
    return static_cast<int>(count);
}

// A hot INSERT prepared once, whose new id is wanted: on PostgreSQL with "RETURNING id" into
// `id` (one round trip; reading the sequence afterwards would be a second one), on SQLite without
// (the id is the connection's last rowid, read in memory: see InsertedId).
template <typename... Uses>
soci::statement PrepareInsert(soci::session& sql, bool postgresql, const std::string& insert, long long& id,
                              Uses&&... uses) {
    if (postgresql)
        return ((sql.prepare << insert + " RETURNING id"), ..., std::forward<Uses>(uses)), soci::into(id);
    return ((sql.prepare << insert), ..., std::forward<Uses>(uses));
}

// Ids as a comma-separated list for an `IN (…)` clause (integers: nothing to escape); "" when
// there are none.
inline std::string IdList(const std::vector<long long>& ids) {
    std::string list;
    for (long long id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    return list;
}

// The id of the row a PrepareInsert statement just inserted: `returned` (RETURNING id) on
// PostgreSQL, the connection's last rowid on SQLite.
inline long long InsertedId(Database& db, const char* table, long long returned) {
    return db.dialect() == Dialect::kPostgresql ? returned : db.LastInsertId(table);
}

}  // namespace juo::store

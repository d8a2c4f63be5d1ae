// Copying a whole JUO database into another, empty one (`juo copy-db`): how an organiser moves
// from SQLite to PostgreSQL (every edition, user, site, booking, e-mail and file); PostgreSQL to
// SQLite and SQLite to SQLite work the same way.
//
// The source is read untouched in one read transaction (a consistent snapshot, even while a
// server writes to it) and must be at this program's latest schema version. The target must be
// empty (no tables, or a JUO schema holding only what the migrations themselves insert); in ONE
// transaction it is migrated with the ordinary migrations, every table is copied (ids, NULLs and
// value types kept; tables in foreign-key order; batches of rows: a reused prepared statement on
// SQLite, COPY on PostgreSQL), PostgreSQL's identity sequences are set past the largest ids, and
// every table's row count is checked against the source's. Any failure rolls the target back.
//
// Thread-safety: functions over their arguments.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace juo::store {

// A foreign key: `table`.`column` references the table `referenced`.
struct ForeignKey {
    std::string table;
    std::string column;
    std::string referenced;
};

// The tables in an order where each comes after every table it references (a topological sort;
// among tables free to go, the order of `tables`). References of a table to itself and to tables
// not listed are left out (the copy handles self-references in a second pass). Fails with
// kInvalidArgument naming the tables of a reference cycle, which no order satisfies.
Result<std::vector<std::string>> OrderForForeignKeys(const std::vector<std::string>& tables,
                                                     const std::vector<ForeignKey>& keys);

// Whether two --db values name the same database: the same SQLite file (through links and
// relative paths), or the same host, port and database name on PostgreSQL (libpq's defaults
// filled in). Values that cannot be parsed are compared as text.
bool SameDatabase(std::string_view a, std::string_view b);

// Called after each batch of rows: the table, the rows copied so far and the table's total.
using CopyProgress = std::function<void(const std::string& table, long long copied, long long total)>;

struct CopiedTable {
    std::string name;
    long long rows = 0;
};

struct CopySummary {
    std::vector<CopiedTable> tables;  // in the order copied
    long long rows = 0;
    int schema_version = 0;
    int sequences_set = 0;  // PostgreSQL identity sequences moved past the largest id
};

// Copies the database `from_url` into `to_url`. Fails with kInvalidArgument when both name the
// same database or the source is not a JUO database; kConflict when the source's schema is not
// this program's latest (migrate it first) or newer, or the target is not empty; kUnavailable
// when a database cannot be opened or a statement fails (the target is then left as it was; a
// SQLite file this call created is removed); kInternal when a table's row count differs after
// the copy (rolled back).
Result<CopySummary> CopyDatabase(const std::string& from_url, const std::string& to_url,
                                 const CopyProgress& progress = {});

}  // namespace juo::store

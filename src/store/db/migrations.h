// Versioned schema migrations, applied in order, each in its own transaction, recorded in the
// schema_migrations table. Applied by `juo migrate` and whenever a database is opened.
//
// Thread-safety: the functions take a Database, which is single-threaded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace juo::store {

class Database;
enum class Dialect;

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;  // portable SQL with the {{pk}} placeholder, statements end with ';'
};

// Every migration this program knows, by increasing version.
const std::vector<Migration>& Migrations();

// The highest version in Migrations().
int LatestSchemaVersion();

// The migration's SQL for a dialect, split into single statements.
std::vector<std::string> MigrationStatements(const Migration& migration, Dialect dialect);

// The database's schema version: 0 for an empty database.
Result<int> CurrentSchemaVersion(Database& db);

struct MigrateOutcome {
    int from_version = 0;
    int to_version = 0;
};

// Applies every pending migration. Fails with kConflict when the database's version is newer
// than LatestSchemaVersion() (an older JUO must not write to it), kUnavailable on a database error;
// a failing migration leaves the database at the previous version.
Result<MigrateOutcome> Migrate(Database& db);

// Runs one migration's statements and records it in schema_migrations, in the caller's open
// transaction (Migrate opens one per migration; `juo copy-db` runs them all in its own). Throws
// soci::soci_error on a database error.
void ApplyMigration(Database& db, const Migration& migration);

}  // namespace juo::store

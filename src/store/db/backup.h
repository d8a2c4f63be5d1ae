// Backups of a JUO database and their restoration.
//   SQLite: SQLite's online backup API copies the live database page by page (the server may
//   keep serving: readers and the writer go on between steps), into a temporary file renamed into
//   place at the end, so a backup is never half-written. A restore checks that the file is a JUO
//   database whose schema this program knows and that passes `PRAGMA integrity_check`, then copies
//   it over the target the same way (the server must be stopped: docs/deploy.md).
//   PostgreSQL: `pg_dump --format=custom` (into a temporary file renamed at the end) and
//   `pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction`, the programs
//   found on the PATH (Debian's pg_wrapper picks the newest installed version), run as child
//   processes. The URL's password goes to them through a temporary password file (PGPASSFILE),
//   never on their command line. A restore first reads the archive alone: a pg_dump archive whose
//   schema_migrations table holds a version this program knows, else nothing is touched; a
//   database that holds tables is replaced only with `overwrite` (tables the backup does not
//   hold are left alone).
//
// Thread-safety: functions over their arguments.
#pragma once

#include <functional>
#include <string>

#include "common/result.h"

namespace juo::store {

// Called after each step with the pages (SQLite) still to copy and the total.
using BackupProgress = std::function<void(long long remaining, long long total)>;

// Writes a backup of the database at `db_url` to `to_path`, which must not exist (kConflict).
// kUnavailable when the database cannot be read or the file written.
Status BackupDatabase(const std::string& db_url, const std::string& to_path, const BackupProgress& progress = {});

// Replaces the database at `db_url` by the backup `from_path`: kInvalidArgument when the file is
// not a JUO database backup (or a damaged one), kConflict when its schema is newer than this
// program, kConflict when the target exists (SQLite) or holds tables (PostgreSQL) and `overwrite`
// is false.
Status RestoreDatabase(const std::string& from_path, const std::string& db_url, bool overwrite,
                       const BackupProgress& progress = {});

}  // namespace juo::store

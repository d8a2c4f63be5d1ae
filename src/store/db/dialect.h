// The SQL that differs between SQLite and PostgreSQL, in one place: each function returns the
// fragment for a dialect, and the store's queries splice it in. Everything else in store/ is
// the SQL both accept (ADR 0008 lists the choices).
//
// Pure functions: thread-safe.
#pragma once

#include <soci/soci.h>

#include <exception>
#include <string>
#include <string_view>

#include "store/db/database.h"

namespace juo::store {

// The dialect of a SOCI session (for statements prepared from a session, not a Database).
Dialect DialectOf(soci::session& sql);

// An aggregate joining the text values of `expression` with `separator` (an SQL string literal,
// quotes included): group_concat on SQLite, string_agg on PostgreSQL. Values come in the order of
// the rows the aggregate reads (give it an ordered subquery).
std::string StringAgg(Dialect dialect, std::string_view expression, std::string_view separator);

// LIKE that ignores the case of ASCII letters, as SQLite's LIKE does: ILIKE on PostgreSQL.
std::string_view CaseInsensitiveLike(Dialect dialect);

// Starts a transaction that will write: BEGIN IMMEDIATE on SQLite (the write lock taken at once,
// so a read in the transaction never has to upgrade), BEGIN on PostgreSQL (row locks).
std::string_view BeginWriteTransaction(Dialect dialect);

// A row read in a transaction that will change it, locked against other app servers' changes
// until COMMIT: " FOR NO KEY UPDATE" on PostgreSQL (the lock an UPDATE takes; rows that refer to
// it can still be inserted), nothing on SQLite (BEGIN IMMEDIATE holds the one write lock
// already). Append it to the SELECT.
std::string_view LockedForChange(Dialect dialect);

// Rows of a queue a worker claims: " FOR UPDATE SKIP LOCKED" on PostgreSQL (another app server's
// worker takes the next rows instead of waiting for these), nothing on SQLite (one writer at a
// time). Append it to the SELECT of the ids to claim.
std::string_view SkipLockedRows(Dialect dialect);

// Whether a database error is a conflict between concurrent transactions that a new attempt of
// the whole transaction may not meet: PostgreSQL's serialization failure (40001) and deadlock
// (40P01). Always false on SQLite (its one writer waits in its busy handler instead).
bool IsTransientConflict(const std::exception& error);

// Whether a database error is PostgreSQL's unique violation (23505): e.g. two app servers
// inserting the same idempotency key, or the same visitor's booking, at the same instant.
bool IsUniqueViolation(const std::exception& error);

}  // namespace juo::store

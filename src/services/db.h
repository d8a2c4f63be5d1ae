// The database as the web layer sees it: an opaque handle. Handlers get this thread's connection
// (ThreadDb) and pass it to the services; only services (and the store below them) read it. The
// web layer never includes store/ and never names store:: — the build's lint checks it
// (scripts/check_layers.sh).
//
// Thread-safety: ThreadDb may be called from any thread; the Db it returns belongs to the calling
// thread only (store::ConnectionPerThread).
#pragma once

#include <exception>
#include <utility>

#include "common/result.h"

namespace juo::store {
class Database;
class ConnectionPerThread;
}  // namespace juo::store

namespace juo::services {

// One database connection (a SOCI session): opaque outside services/ and store/.
using Db = store::Database;
// The server's connections, one per thread.
using Connections = store::ConnectionPerThread;

// This thread's connection, or kUnavailable when it cannot be opened.
Result<Db*> ThreadDb(const Connections& connections);

// A database exception as its Error (kUnavailable, or kConflict for a constraint), in the same
// words on both databases.
Error DatabaseError(const Db& db, const std::exception& e);

// `read(db)` with a database exception turned into its Error: for the services' reads, whose
// store functions throw.
template <typename T, typename Read>
Result<T> Guarded(Db& db, Read&& read) {
    try {
        return std::forward<Read>(read)(db);
    } catch (const std::exception& e) {
        return DatabaseError(db, e);
    }
}

}  // namespace juo::services

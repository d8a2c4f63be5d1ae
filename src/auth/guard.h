// Internal to auth/: runs store calls and turns their database exceptions into Errors, so the
// public functions of auth/ never throw whether or not the caller wrapped them in a transaction.
//
// Thread-safety: as the Database it is given (single-threaded).
#pragma once

#include <exception>

#include "common/result.h"
#include "store/db/database.h"

namespace juo::auth::internal {

template <typename T, typename Fn>
Result<T> Guarded(store::Database& db, Fn&& fn) {
    try {
        return fn();
    } catch (const std::exception& e) {
        return db.FromException(e);
    }
}

}  // namespace juo::auth::internal

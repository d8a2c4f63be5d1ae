// Failed logins kept in the database for the login rate limit shared by several app servers
// (auth/rate_limiter.h, migration 7): one row per failure and key ("e:<e-mail>", "i:<ip>").
//
// Every function throws soci::soci_error on database failures.
// Thread-safety: as the Database (one connection per thread).
#pragma once

#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

// The times (Unix seconds) of the key's failures after `after`, newest first, at most `limit`.
std::vector<long long> RecentLoginFailures(Database& db, const std::string& key, long long after, int limit);
// Records a failure of `key` at `at`, and deletes every failure at or before `forget_before`.
void RecordLoginFailure(Database& db, const std::string& key, long long at, long long forget_before);
// Forgets the key's failures (a successful login).
void ForgetLoginFailures(Database& db, const std::string& key);

}  // namespace juo::store

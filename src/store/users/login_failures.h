// Failed logins kept in the database for the login rate limit shared by several app servers
// (auth/rate_limiter.h, migration 7): one row per failure and key ("e:<e-mail>", "i:<ip>").
// The same table holds the requests counted by the sign-up and reset throttles
// (auth/request_throttle.h), under keys "t:<throttle>:..." that the login's clean-up leaves alone
// (each throttle cleans its own prefix with its own, longer window).
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

// Records a throttled request of `key` at `at` (one row per key), and deletes the rows of keys
// starting with `prefix` dated at or before `forget_before` (the throttle's window).
void RecordThrottledRequest(Database& db, const std::vector<std::string>& keys, long long at,
                            const std::string& prefix, long long forget_before);

}  // namespace juo::store

// Login behind the rate limiter, in the one order that is right: refuse early when the e-mail or
// the IP is over its limit (before any argon2id work), check the credentials, count a wrong
// e-mail/password as a failure, clear the e-mail's count on success. An unconfirmed account
// (right password) and a malformed e-mail are not counted.
//
// Thread-safety: as its parts: Accounts and LoginRateLimiter are thread-safe, the Database is not.
#pragma once

#include <string_view>

#include "auth/accounts.h"
#include "auth/rate_limiter.h"

namespace juo::auth {

// The user id, or the error of LoginRateLimiter::Check (kTooManyRequests) or Accounts::Login.
Result<long long> LimitedLogin(const Accounts& accounts, LoginRateLimiter& limiter, store::Database& db,
                               std::string_view email, std::string_view password, std::string_view client_ip);

}  // namespace juo::auth

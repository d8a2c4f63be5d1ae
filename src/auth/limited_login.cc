// Login with the rate limiter around it.
#include "auth/limited_login.h"

namespace juo::auth {

Result<long long> LimitedLogin(const Accounts& accounts, LoginRateLimiter& limiter, store::Database& db,
                               std::string_view email, std::string_view password,
                               std::string_view client_ip) {
    JUO_TRY(limiter.Check(email, client_ip, &db));
    auto user = accounts.Login(db, email, password);
    if (user.ok())
        limiter.RecordSuccess(email, &db);
    else if (user.error().code == ErrorCode::kUnauthenticated)
        limiter.RecordFailure(email, client_ip, &db);
    return user;
}

}  // namespace juo::auth

// Login rate limiting: failed logins are counted in a sliding window per e-mail address
// (normalised) and per client IP; once a key reaches its limit, logins for it are refused with
// "try again in N minutes" until its oldest counted failure leaves the window. Defaults: 5
// failures per e-mail and 20 per IP in 15 minutes. A successful login clears the e-mail's count.
//
// Two stores for the counts. In memory (the default, one app server on SQLite): the number of
// tracked keys is bounded — past max_tracked_keys, the key written least recently is forgotten
// (auth/window_counts.h: O(1), never every counter at once). In the
// database (`shared`, several app servers on one PostgreSQL: store/login_failures.h): every
// server counts every server's failures, so spreading attempts over servers gains nothing; the
// methods then need the caller's database connection.
// An IPv6 client is keyed by its /64 (RequestThrottle::ClientKey): one home holds a whole /64.
// Behind a reverse proxy the IP is the client's only when the proxy is trusted
// (http/client_address.h); otherwise every request would count against the proxy's address.
//
// Thread-safety: thread-safe (one mutex). The Clock must be callable from several threads.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/time_source.h"
#include "auth/window_counts.h"
#include "common/result.h"
#include "store/db/database.h"

namespace juo::auth {

struct RateLimitConfig {
    int max_failures_per_email = 5;
    int max_failures_per_ip = 20;
    long long window_seconds = 15 * 60;
    size_t max_tracked_keys = 100000;
    bool shared = false;  // counts in the database (pass it to the methods), shared by app servers
};

class LoginRateLimiter {
 public:
    explicit LoginRateLimiter(RateLimitConfig config = {}, Clock clock = SystemClock());

    // Ok when a login for this e-mail from this IP may be tried now; else kTooManyRequests with
    // the wait in minutes (rounded up), in English and French. Call before Accounts::Login.
    // An empty ip is not counted (e.g. a test or a local call).
    // `db`: the caller's connection, used when the limiter is `shared` (required then).
    Status Check(std::string_view email, std::string_view ip, store::Database* db = nullptr) const;

    // Counts a failed login (wrong password or unknown e-mail) for the e-mail and the IP.
    void RecordFailure(std::string_view email, std::string_view ip, store::Database* db = nullptr);

    // Forgets the e-mail's failures after a successful login (the IP's stay counted).
    void RecordSuccess(std::string_view email, store::Database* db = nullptr);

    // Seconds until a login for this e-mail and IP may be tried again; 0 when it may be now.
    long long RetryAfterSeconds(std::string_view email, std::string_view ip, store::Database* db = nullptr) const;

    bool shared() const { return config_.shared; }

 private:
    using Failures = std::deque<long long>;  // failure times, oldest first, at most the limit

    static std::string EmailKey(std::string_view email);
    static std::string IpKey(std::string_view ip);
    // The wait imposed by `times` (failures, oldest first) under `limit`.
    long long WaitFor(const std::deque<long long>& times, int limit, long long now) const;
    long long WaitLocked(const std::string& key, int limit, long long now) const;
    long long WaitShared(store::Database& db, const std::string& key, int limit, long long now) const;
    void AddLocked(const std::string& key, int limit, long long now);

    RateLimitConfig config_;
    Clock clock_;
    mutable std::mutex mutex_;
    WindowCounts failures_;
};

}  // namespace juo::auth

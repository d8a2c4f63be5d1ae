// RequestThrottle: a cap on how often an expensive or e-mail-sending request may be made, per
// client address and per target e-mail address, in a sliding window. Three are used: sign-up
// (default 5 per 10 minutes per client, 3 per hour per e-mail), password-reset requests
// (default 10 per hour per client, 3 per hour per e-mail) and confirmation e-mails sent again
// (5 per 10 minutes per client, 3 per hour per e-mail). Unlike the login limiter, every
// request counts (not only failures): each one costs an argon2id hash or sends an e-mail.
//
// A client is keyed by its IPv4 address, or by the /64 prefix of its IPv6 address (one home or
// phone usually holds a whole /64, so counting single IPv6 addresses would limit nothing). The
// e-mail is normalised (auth/email.h); a malformed one is keyed as typed (the request then fails
// its own checks). A refused request is not counted, so waiting out the answer's Retry-After is
// enough.
//
// Counts live in memory (one app server; keys bounded like the login limiter's, least recently
// used forgotten first: auth/window_counts.h) or, when
// `shared`, in the database's login_failure table under "t:<name>:" keys
// (store/users/login_failures.h), so the limits hold across several app servers; the count and
// the insert are two statements, so two servers racing on the last slot may both pass (at most
// one request per server over the limit).
//
// Thread-safety: thread-safe (one mutex). The Database argument is the caller's own.
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

struct ThrottleConfig {
    std::string name;  // "signup", "reset" or "resend": the key prefix, and which sentence the error says
    int per_client = 5;
    long long client_window_seconds = 600;
    int per_email = 3;
    long long email_window_seconds = 3600;
    size_t max_tracked_keys = 100000;
    bool shared = false;  // counts in the database (pass it to Take), shared by app servers

    static ThrottleConfig SignUp();
    static ThrottleConfig PasswordReset();
    static ThrottleConfig ConfirmationResend();  // "resend": 5 per 10 min per client, 3 per hour per address
};

class RequestThrottle {
 public:
    explicit RequestThrottle(ThrottleConfig config, Clock clock = SystemClock());

    // Counts one request for `email` from `client_ip` and returns 0 when both are within their
    // limits; else returns the seconds until one more would be (and counts nothing). An empty
    // ip or e-mail is not limited on that side. `db` is required when the throttle is shared;
    // a database failure lets the request through (a throttle must not turn an outage into
    // refusals) and is logged.
    long long Take(std::string_view email, std::string_view client_ip, store::Database* db = nullptr);

    // The kTooManyRequests error for a wait of `seconds`, in English and French ("Trop de
    // demandes d'inscription depuis votre connexion : réessayez dans 4 minutes.").
    Error TooMany(long long seconds) const;

    // The key of a client: the IPv4 address as is, "a:b:c:d::/64" for an IPv6 one (an IPv4-mapped
    // IPv6 address counts as its IPv4), the text as is when it is neither.
    static std::string ClientKey(std::string_view ip);

    const ThrottleConfig& config() const { return config_; }

 private:
    using Times = std::deque<long long>;

    // Seconds until `times` (oldest first) holds fewer than `limit` requests in `window`.
    static long long WaitFor(const Times& times, int limit, long long window, long long now);
    long long TakeShared(store::Database& db, const std::string& client, const std::string& email, long long now);

    ThrottleConfig config_;
    Clock clock_;
    std::mutex mutex_;
    WindowCounts requests_;
};

}  // namespace juo::auth

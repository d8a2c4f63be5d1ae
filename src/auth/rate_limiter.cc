// Sliding-window counts of failed logins per e-mail and per IP.
#include "auth/rate_limiter.h"

#include <algorithm>

#include "auth/email.h"
#include "auth/request_throttle.h"
#include "store/users/login_failures.h"

namespace juo::auth {

LoginRateLimiter::LoginRateLimiter(RateLimitConfig config, Clock clock)
    : config_(config), clock_(std::move(clock)), failures_(config.max_tracked_keys) {}

std::string LoginRateLimiter::EmailKey(std::string_view email) {
    auto normalised = NormaliseEmail(email);
    return "e:" + (normalised.ok() ? *normalised : std::string(email));
}

std::string LoginRateLimiter::IpKey(std::string_view ip) { return "i:" + RequestThrottle::ClientKey(ip); }

long long LoginRateLimiter::WaitLocked(const std::string& key, int limit, long long now) const {
    const Failures* times = failures_.Find(key);
    return times ? WaitFor(*times, limit, now) : 0;
}

long long LoginRateLimiter::WaitShared(store::Database& db, const std::string& key, int limit, long long now) const {
    auto newest_first = store::RecentLoginFailures(db, key, now - config_.window_seconds, std::max(limit, 1));
    return WaitFor(Failures(newest_first.rbegin(), newest_first.rend()), limit, now);
}

long long LoginRateLimiter::WaitFor(const Failures& times, int limit, long long now) const {
    // Failures still in the window, counted from the newest end (the deque is time-ordered).
    long long in_window = std::count_if(times.begin(), times.end(),
                                        [&](long long t) { return t > now - config_.window_seconds; });
    if (in_window < limit) return 0;
    // The limit-th newest failure must leave the window before one more attempt is allowed.
    long long pivot = times[times.size() - static_cast<size_t>(limit)];
    return std::max<long long>(1, pivot + config_.window_seconds - now);
}

void LoginRateLimiter::AddLocked(const std::string& key, int limit, long long now) {
    failures_.Add(key, now, config_.window_seconds, static_cast<size_t>(std::max(limit, 1)));
}

long long LoginRateLimiter::RetryAfterSeconds(std::string_view email, std::string_view ip,
                                              store::Database* db) const {
    const long long now = clock_();
    if (config_.shared && db) {
        long long wait = WaitShared(*db, EmailKey(email), config_.max_failures_per_email, now);
        if (!ip.empty()) wait = std::max(wait, WaitShared(*db, IpKey(ip), config_.max_failures_per_ip, now));
        return wait;
    }
    std::lock_guard lock(mutex_);
    long long wait = WaitLocked(EmailKey(email), config_.max_failures_per_email, now);
    if (!ip.empty()) wait = std::max(wait, WaitLocked(IpKey(ip), config_.max_failures_per_ip, now));
    return wait;
}

Status LoginRateLimiter::Check(std::string_view email, std::string_view ip, store::Database* db) const {
    long long wait = RetryAfterSeconds(email, ip, db);
    if (wait == 0) return Ok();
    std::string minutes = std::to_string((wait + 59) / 60);
    bool one = minutes == "1";
    return MakeError(
        ErrorCode::kTooManyRequests,
        "too many failed logins: try again in " + minutes + (one ? " minute" : " minutes"),
        "Trop de tentatives de connexion : réessayez dans " + minutes + (one ? " minute." : " minutes."));
}

void LoginRateLimiter::RecordFailure(std::string_view email, std::string_view ip, store::Database* db) {
    const long long now = clock_();
    if (config_.shared && db) {
        const long long forget = now - config_.window_seconds;
        (void)db->InTransaction<bool>([&]() -> Result<bool> {
            store::RecordLoginFailure(*db, EmailKey(email), now, forget);
            if (!ip.empty()) store::RecordLoginFailure(*db, IpKey(ip), now, forget);
            return true;
        });
        return;
    }
    std::lock_guard lock(mutex_);
    AddLocked(EmailKey(email), config_.max_failures_per_email, now);
    if (!ip.empty()) AddLocked(IpKey(ip), config_.max_failures_per_ip, now);
}

void LoginRateLimiter::RecordSuccess(std::string_view email, store::Database* db) {
    if (config_.shared && db) {
        store::ForgetLoginFailures(*db, EmailKey(email));
        return;
    }
    std::lock_guard lock(mutex_);
    failures_.Erase(EmailKey(email));
}

}  // namespace juo::auth

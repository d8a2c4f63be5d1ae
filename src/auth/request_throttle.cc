// Sliding-window request throttles per client and per e-mail (see request_throttle.h).
#include "auth/request_throttle.h"

#include <arpa/inet.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "auth/email.h"
#include "store/users/login_failures.h"

namespace juo::auth {

ThrottleConfig ThrottleConfig::SignUp() {
    ThrottleConfig c;
    c.name = "signup";
    c.per_client = 5;
    c.client_window_seconds = 600;
    c.per_email = 3;
    c.email_window_seconds = 3600;
    return c;
}

ThrottleConfig ThrottleConfig::PasswordReset() {
    ThrottleConfig c;
    c.name = "reset";
    c.per_client = 10;
    c.client_window_seconds = 3600;
    c.per_email = 3;
    c.email_window_seconds = 3600;
    return c;
}

ThrottleConfig ThrottleConfig::ConfirmationResend() {
    ThrottleConfig c;
    c.name = "resend";
    c.per_client = 5;
    c.client_window_seconds = 600;
    c.per_email = 3;
    c.email_window_seconds = 3600;
    return c;
}

RequestThrottle::RequestThrottle(ThrottleConfig config, Clock clock)
    : config_(std::move(config)), clock_(std::move(clock)), requests_(config_.max_tracked_keys) {}

std::string RequestThrottle::ClientKey(std::string_view ip) {
    std::string text(ip);
    unsigned char v6[16];
    if (inet_pton(AF_INET6, text.c_str(), v6) == 1) {
        static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::equal(kMapped, kMapped + 12, v6)) {
            char v4[INET_ADDRSTRLEN];
            if (inet_ntop(AF_INET, v6 + 12, v4, sizeof v4)) return v4;
        }
        char out[48];
        std::snprintf(out, sizeof out, "%x:%x:%x:%x::/64", v6[0] << 8 | v6[1], v6[2] << 8 | v6[3],
                      v6[4] << 8 | v6[5], v6[6] << 8 | v6[7]);
        return out;
    }
    return text;
}

long long RequestThrottle::WaitFor(const Times& times, int limit, long long window, long long now) {
    long long in_window =
        std::count_if(times.begin(), times.end(), [&](long long t) { return t > now - window; });
    if (in_window < limit) return 0;
    if (limit <= 0) return window;
    // The limit-th newest request must leave the window before one more is allowed.
    long long pivot = times[times.size() - static_cast<size_t>(limit)];
    return std::max<long long>(1, pivot + window - now);
}

long long RequestThrottle::Take(std::string_view email, std::string_view client_ip, store::Database* db) {
    const long long now = clock_();
    const std::string prefix = "t:" + config_.name + ":";
    std::string client = client_ip.empty() ? std::string() : prefix + "c:" + ClientKey(client_ip);
    std::string mail;
    if (!email.empty()) {
        auto normalised = NormaliseEmail(email);
        mail = prefix + "e:" + (normalised.ok() ? *normalised : std::string(email));
    }
    if (config_.shared && db) return TakeShared(*db, client, mail, now);

    std::lock_guard lock(mutex_);
    long long wait = 0;
    auto wait_for = [&](const std::string& key, int limit, long long window) -> long long {
        const Times* times = requests_.Find(key);
        return times ? WaitFor(*times, limit, window, now) : (limit <= 0 ? window : 0);
    };
    if (!client.empty()) wait = std::max(wait, wait_for(client, config_.per_client, config_.client_window_seconds));
    if (!mail.empty()) wait = std::max(wait, wait_for(mail, config_.per_email, config_.email_window_seconds));
    if (wait > 0) return wait;
    auto add = [&](const std::string& key, int limit, long long window) {
        requests_.Add(key, now, window, static_cast<size_t>(std::max(limit, 1)));
    };
    if (!client.empty()) add(client, config_.per_client, config_.client_window_seconds);
    if (!mail.empty()) add(mail, config_.per_email, config_.email_window_seconds);
    return 0;
}

long long RequestThrottle::TakeShared(store::Database& db, const std::string& client, const std::string& mail,
                                      long long now) {
    try {
        auto recent = [&](const std::string& key, int limit, long long window) {
            auto newest_first = store::RecentLoginFailures(db, key, now - window, std::max(limit, 1));
            return WaitFor(Times(newest_first.rbegin(), newest_first.rend()), limit, window, now);
        };
        long long wait = 0;
        if (!client.empty()) wait = std::max(wait, recent(client, config_.per_client, config_.client_window_seconds));
        if (!mail.empty()) wait = std::max(wait, recent(mail, config_.per_email, config_.email_window_seconds));
        if (wait > 0) return wait;
        std::vector<std::string> keys;
        if (!client.empty()) keys.push_back(client);
        if (!mail.empty()) keys.push_back(mail);
        const long long window = std::max(config_.client_window_seconds, config_.email_window_seconds);
        auto written = db.InTransaction<bool>([&]() -> Result<bool> {
            store::RecordThrottledRequest(db, keys, now, "t:" + config_.name + ":", now - window);
            return true;
        });
        if (!written.ok()) spdlog::warn("{} throttle: not recorded: {}", config_.name, written.error().message);
        return 0;
    } catch (const std::exception& e) {
        spdlog::warn("{} throttle: database failure, request let through: {}", config_.name, e.what());
        return 0;
    }
}

Error RequestThrottle::TooMany(long long seconds) const {
    long long minutes = std::max<long long>(1, (seconds + 59) / 60);
    const std::string n = std::to_string(minutes);
    const bool one = minutes == 1;
    const bool signup = config_.name == "signup", resend = config_.name == "resend";
    return MakeError(ErrorCode::kTooManyRequests,
                     std::string(signup   ? "too many sign-ups"
                                 : resend ? "too many confirmation e-mails asked"
                                          : "too many password reset requests") +
                         " from this connection or for this address: try again in " + n +
                         (one ? " minute" : " minutes"),
                     std::string(signup   ? "Trop de demandes d'inscription"
                                 : resend ? "Trop de demandes d'e-mail de confirmation"
                                          : "Trop de demandes de nouveau mot de passe") +
                         " depuis votre connexion ou pour cette adresse : réessayez dans " + n +
                         (one ? " minute." : " minutes."));
}

}  // namespace juo::auth

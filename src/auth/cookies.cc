// Session cookie values.
#include "auth/cookies.h"

namespace juo::auth {

std::string SessionCookie(std::string_view session_id, long long max_age_seconds, bool secure) {
    std::string value(kSessionCookieName);
    value += "=";
    value += session_id;
    value += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
    if (secure) value += "; Secure";
    return value;
}

std::string ClearSessionCookie(bool secure) { return SessionCookie("", 0, secure); }

std::optional<std::string> SessionIdFromCookieHeader(std::string_view header) {
    while (!header.empty()) {
        size_t end = header.find(';');
        std::string_view pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos || pair.substr(0, eq) != kSessionCookieName) continue;
        std::string_view value = pair.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        if (value.empty()) return std::nullopt;
        return std::string(value);
    }
    return std::nullopt;
}

}  // namespace juo::auth

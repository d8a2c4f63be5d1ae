// The session cookie: the Set-Cookie values that open and clear it, and reading its value from
// a request's Cookie header. The cookie is HttpOnly (no script reads it), SameSite=Lax (not sent
// on cross-site POSTs), Path=/, and Secure when the server is behind TLS.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo::auth {

inline constexpr std::string_view kSessionCookieName = "juo_session";

// "juo_session=ID; Path=/; HttpOnly; SameSite=Lax; Max-Age=N" plus "; Secure" when `secure`.
std::string SessionCookie(std::string_view session_id, long long max_age_seconds, bool secure);

// The Set-Cookie value that deletes the cookie (empty value, Max-Age=0, same attributes).
std::string ClearSessionCookie(bool secure);

// The juo_session value in a Cookie header ("a=1; juo_session=XYZ"), or nullopt when absent or
// empty. The first occurrence wins.
std::optional<std::string> SessionIdFromCookieHeader(std::string_view cookie_header);

}  // namespace juo::auth

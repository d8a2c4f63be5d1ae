// CSRF tokens. A signed-in form carries the HMAC-SHA256 of the session id under a server secret
// (the token changes with the session and cannot be made without the secret). A form shown to an
// anonymous visitor (sign-up, login, password reset) carries a signed expiry and a nonce,
// optionally bound to a value the caller chooses (e.g. a random pre-session cookie) so that a
// token fetched by another site cannot be replayed with this browser's cookie.
//
// Token checks are constant-time. The secret (32 bytes) comes from the server's configuration
// and must be the same on every app server; changing it voids the forms being filled.
//
// Thread-safety: a CsrfSigner is immutable after construction: thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace juo::auth {

class CsrfSigner {
 public:
    static constexpr size_t kSecretBytes = 32;
    static constexpr long long kAnonymousTtlSeconds = 2 * 3600;

    // A signer with `secret` (exactly kSecretBytes raw bytes). Fails with kInvalidArgument.
    static Result<CsrfSigner> FromSecret(std::string_view secret);
    // A new random secret (raw bytes), e.g. for a first configuration or tests.
    static std::string NewSecret();

    // The token for forms of the session `session_id` (base64url, 43 characters).
    std::string SessionToken(std::string_view session_id) const;
    // Ok when `token` is the session's token; else kForbidden with a bilingual message.
    Status CheckSessionToken(std::string_view session_id, std::string_view token) const;

    // A token for an anonymous form, valid until now + ttl_seconds (base64url, 75 characters).
    std::string AnonymousToken(long long now, std::string_view binding = {},
                               long long ttl_seconds = kAnonymousTtlSeconds) const;
    // Ok when `token` was made here with the same binding and has not expired at `now`; else
    // kForbidden (malformed, forged, other binding, or expired: "reload the page").
    Status CheckAnonymousToken(std::string_view token, long long now, std::string_view binding = {}) const;

 private:
    explicit CsrfSigner(std::string secret) : secret_(std::move(secret)) {}
    std::string Mac(std::string_view domain, std::string_view message, std::string_view binding) const;

    std::string secret_;
};

}  // namespace juo::auth

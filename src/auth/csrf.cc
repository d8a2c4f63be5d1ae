// CSRF tokens: HMAC-SHA256 (crypto_auth_hmacsha256) of the session id, or of an expiry and nonce.
#include "auth/csrf.h"

#include <sodium.h>

#include "auth/crypto.h"

namespace juo::auth {
namespace {

constexpr size_t kExpiryBytes = 8;
constexpr size_t kNonceBytes = 16;
constexpr size_t kPayloadBytes = kExpiryBytes + kNonceBytes;

Error Forged() {
    return MakeError(ErrorCode::kForbidden,
                     "the form's security token is missing or invalid: reload the page",
                     "Le jeton de sécurité du formulaire est absent ou invalide : rechargez la page.");
}

}  // namespace

Result<CsrfSigner> CsrfSigner::FromSecret(std::string_view secret) {
    if (secret.size() != kSecretBytes)
        return MakeError(ErrorCode::kInvalidArgument, "the CSRF secret must be " +
                                                          std::to_string(kSecretBytes) + " bytes, not " +
                                                          std::to_string(secret.size()));
    EnsureSodium();
    return CsrfSigner(std::string(secret));
}

std::string CsrfSigner::NewSecret() { return RandomBytes(kSecretBytes); }

std::string CsrfSigner::Mac(std::string_view domain, std::string_view message,
                            std::string_view binding) const {
    // Each part is length-prefixed so that no two (domain, message, binding) share an input.
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()),
                                secret_.size());
    for (std::string_view part : {domain, message, binding}) {
        unsigned char length[8];
        unsigned long long n = part.size();
        for (int i = 7; i >= 0; --i, n >>= 8) length[i] = static_cast<unsigned char>(n & 0xff);
        crypto_auth_hmacsha256_update(&state, length, sizeof length);
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                      part.size());
    }
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&state, mac);
    return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

std::string CsrfSigner::SessionToken(std::string_view session_id) const {
    return Base64UrlEncode(Mac("session", session_id, {}));
}

Status CsrfSigner::CheckSessionToken(std::string_view session_id, std::string_view token) const {
    if (session_id.empty() || token.empty()) return Forged();
    if (!ConstantTimeEquals(SessionToken(session_id), token)) return Forged();
    return Ok();
}

std::string CsrfSigner::AnonymousToken(long long now, std::string_view binding, long long ttl_seconds) const {
    std::string payload(kExpiryBytes, '\0');
    auto expiry = static_cast<unsigned long long>(now + ttl_seconds);
    for (int i = static_cast<int>(kExpiryBytes) - 1; i >= 0; --i, expiry >>= 8)
        payload[i] = static_cast<char>(expiry & 0xff);
    payload += RandomBytes(kNonceBytes);
    return Base64UrlEncode(payload + Mac("anonymous", payload, binding));
}

Status CsrfSigner::CheckAnonymousToken(std::string_view token, long long now,
                                       std::string_view binding) const {
    auto raw = Base64UrlDecode(token);
    if (!raw || raw->size() != kPayloadBytes + crypto_auth_hmacsha256_BYTES) return Forged();
    std::string_view payload(raw->data(), kPayloadBytes);
    std::string_view mac(raw->data() + kPayloadBytes, crypto_auth_hmacsha256_BYTES);
    if (!ConstantTimeEquals(Mac("anonymous", payload, binding), mac)) return Forged();
    unsigned long long expiry = 0;
    for (size_t i = 0; i < kExpiryBytes; ++i) expiry = (expiry << 8) | static_cast<unsigned char>(payload[i]);
    if (static_cast<long long>(expiry) <= now)
        return MakeError(ErrorCode::kForbidden, "the form has expired: reload the page and try again",
                         "Le formulaire a expiré : rechargez la page et recommencez.");
    return Ok();
}

}  // namespace juo::auth

// Small cryptographic helpers on libsodium for the accounts library: random tokens, base64url,
// SHA-256, constant-time comparison.
//
// Every function initialises libsodium on first use (sodium_init, once per process) and throws
// std::runtime_error if it cannot be initialised (a start-up failure, not an expected one).
// Thread-safety: thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace juo::auth {

// Size of the random secrets behind tokens and session ids: 32 bytes (256 bits).
inline constexpr size_t kTokenBytes = 32;
// Length of their base64url text (no padding): 43 characters.
inline constexpr size_t kTokenTextLength = 43;

// Initialises libsodium (idempotent). Throws std::runtime_error on failure.
void EnsureSodium();

// `bytes` random bytes from the operating system's CSPRNG (randombytes_buf).
std::string RandomBytes(size_t bytes);

// A new random token: kTokenBytes random bytes as base64url without padding (URL- and
// cookie-safe, kTokenTextLength characters).
std::string NewToken();

// True when `text` has the shape of a token from NewToken (length and alphabet): lets callers
// reject garbage before touching the database.
bool IsTokenShaped(std::string_view text);

// base64url (RFC 4648 §5) without padding, and back; Decode returns nullopt on bad input.
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// SHA-256 of `data` as 64 lowercase hex characters: how tokens and session ids are stored.
std::string Sha256Hex(std::string_view data);

// Compares two strings in time that depends only on their lengths (sodium_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace juo::auth

// Passwords: the rules a new password must follow, and argon2id hashing through libsodium
// (crypto_pwhash_str: the salt and the cost are stored inside the hash string, so a change of
// cost applies to new hashes and to old ones at their next successful login).
//
// Thread-safety: thread-safe. Each hash uses PasswordCost::memlimit bytes of memory while it runs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace juo::auth {

inline constexpr size_t kMinPasswordBytes = 10;
inline constexpr size_t kMaxPasswordBytes = 128;

// The argon2id cost: number of passes and memory. Production uses Interactive() (libsodium's
// OPSLIMIT/MEMLIMIT_INTERACTIVE: 2 passes, 64 MiB); tests use ForTests() (the minimum: 1 pass,
// 8 KiB), which is insecure and only meant to keep tests fast.
struct PasswordCost {
    unsigned long long opslimit = 0;
    size_t memlimit = 0;

    static PasswordCost Interactive();
    static PasswordCost ForTests();
};

// Checks a new password: 10 to 128 bytes. Fails with kInvalidArgument and a message in English
// and French saying the limit.
Status CheckPasswordRules(std::string_view password);

// Hashes `password` with argon2id and a random salt. Checks the rules first (kInvalidArgument);
// fails with kUnavailable when the memory for the hash cannot be allocated.
Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost);

// True when `password` matches `hash` (a crypto_pwhash_str string). False for a wrong password,
// an empty or malformed hash, or a password longer than the rules allow.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with another cost or algorithm than `cost` and should be replaced
// (after a successful verification, when the password is at hand).
bool PasswordNeedsRehash(std::string_view hash, const PasswordCost& cost);

}  // namespace juo::auth

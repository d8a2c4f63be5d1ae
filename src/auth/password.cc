// argon2id password hashing (libsodium crypto_pwhash_str) and password rules.
#include "auth/password.h"

#include <sodium.h>

#include "auth/crypto.h"

namespace juo::auth {

PasswordCost PasswordCost::Interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::ForTests() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Status CheckPasswordRules(std::string_view password) {
    if (password.size() < kMinPasswordBytes)
        return MakeError(ErrorCode::kInvalidArgument,
                         "the password is too short: at least " + std::to_string(kMinPasswordBytes) +
                             " characters are needed",
                         "Le mot de passe est trop court : il faut au moins " +
                             std::to_string(kMinPasswordBytes) + " caractères.");
    if (password.size() > kMaxPasswordBytes)
        return MakeError(
            ErrorCode::kInvalidArgument,
            "the password is too long: at most " + std::to_string(kMaxPasswordBytes) + " bytes are accepted",
            "Le mot de passe est trop long : " + std::to_string(kMaxPasswordBytes) + " octets au maximum.");
    return Ok();
}

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
    JUO_TRY(CheckPasswordRules(password));
    EnsureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.opslimit, cost.memlimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return MakeError(ErrorCode::kUnavailable, "not enough memory to hash the password",
                         "Le serveur est surchargé, veuillez réessayer.");
    return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    EnsureSodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || password.size() > kMaxPasswordBytes)
        return false;
    std::string terminated(hash);  // crypto_pwhash_str_verify reads a NUL-terminated string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash, const PasswordCost& cost) {
    EnsureSodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
    std::string terminated(hash);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.opslimit, cost.memlimit) != 0;
}

}  // namespace juo::auth

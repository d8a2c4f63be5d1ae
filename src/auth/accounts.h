// Accounts: sign-up with e-mail confirmation, login, password reset by e-mailed token.
//
// The functions take the caller's Database and are meant to run inside the caller's
// Database::InTransaction, so that the caller writes the e-mail (confirmation link, reset
// link) into the outbox in the same transaction: either the account and its e-mail exist, or
// neither. They never throw: database failures come back as kUnavailable, and the caller's
// transaction then rolls back.
//
// Tokens sent by e-mail are 32 random bytes in base64url (43 characters, for the link); only
// their SHA-256 is stored, with a purpose, an expiry (confirmation 48 h, reset 1 h by default)
// and a used-at time: each token works once. E-mail addresses are normalised (NormaliseEmail).
// Login fails the same way, after the same argon2id work, for an unknown e-mail and for a wrong
// password, so answers do not reveal which addresses have accounts.
//
// Thread-safety: an Accounts object is thread-safe (its state is constant after the first
// Login, which computes a decoy hash once); the Database argument is not.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/password.h"
#include "auth/sessions.h"
#include "auth/time_source.h"
#include "common/result.h"
#include "domain/user.h"
#include "store/db/database.h"

namespace juo::auth {

struct AccountsConfig {
    PasswordCost password_cost = PasswordCost::Interactive();
    long long confirmation_ttl_seconds = 48 * 3600;
    long long reset_ttl_seconds = 3600;
};

struct SignUpRequest {
    std::string email;
    std::string display_name;                    // 1–100 bytes once trimmed, no control characters
    std::string password;                        // CheckPasswordRules
    domain::Role role = domain::Role::kVisitor;  // visitor, teacher, adviser or host
    std::string locale = "fr";                   // "fr" or "en" (empty means "fr")
};

// A token to send by e-mail, with what the e-mail needs.
struct EmailedToken {
    long long user_id = 0;
    std::string email;  // normalised
    std::string display_name;
    std::string locale;
    std::string token;  // base64url, for the link; never stored
};

class Accounts {
 public:
    explicit Accounts(AccountsConfig config = {}, Clock clock = SystemClock());

    // Creates an unconfirmed account with one role grant and returns the confirmation token.
    // Fails with kInvalidArgument (bad e-mail, name, password, locale, or a role one cannot sign
    // up for: relay and organiser are granted by an organiser), kConflict (an account already
    // uses the e-mail), kUnavailable (database).
    Result<EmailedToken> SignUp(store::Database& db, const SignUpRequest& request) const;

    // Confirms the e-mail address of the token's account and returns the user id. Fails with
    // kNotFound (unknown or malformed token), kConflict (already used), kInvalidArgument
    // (expired: ask for a new link), kUnavailable.
    Result<long long> ConfirmEmail(store::Database& db, std::string_view token) const;

    // A new confirmation token for an unconfirmed account (the first e-mail was lost), or
    // nullopt when the address has no account or is already confirmed (nothing to send).
    Result<std::optional<EmailedToken>> ResendConfirmation(store::Database& db, std::string_view email) const;

    // Checks the credentials and returns the user id. Fails with kUnauthenticated ("wrong
    // e-mail or password", the same for an unknown e-mail), kForbidden when the password is
    // right but the e-mail is not confirmed yet, kInvalidArgument for a malformed e-mail,
    // kUnavailable. Re-hashes the password when the configured cost changed.
    // Rate limiting is the caller's (LoginRateLimiter), around this call.
    Result<long long> Login(store::Database& db, std::string_view email, std::string_view password) const;

    // A reset token for the account, or nullopt for an address without an account: the caller
    // answers "if an account exists, we sent a link" either way. Earlier reset tokens of the
    // account stay valid until they expire or one is used. Fails with kInvalidArgument for a
    // malformed e-mail, kUnavailable.
    Result<std::optional<EmailedToken>> RequestPasswordReset(store::Database& db,
                                                             std::string_view email) const;

    // Sets a new password with a reset token, retires the account's other reset tokens, confirms
    // the e-mail (the link proved it) and ends every session of the user (cache included);
    // returns the user id. Call sessions.ForgetUser(id) again once the transaction committed to
    // close the window in which a concurrent lookup re-reads an uncommitted row. Fails with
    // kInvalidArgument (password rules, expired token), kNotFound, kConflict (used), kUnavailable.
    Result<long long> ResetPassword(store::Database& db, SessionStore& sessions, std::string_view token,
                                    std::string_view new_password) const;

    const AccountsConfig& config() const { return config_; }

 private:
    // Checks a token and marks it used; returns its user id.
    Result<long long> ConsumeToken(store::Database& db, std::string_view token,
                                   const std::string& purpose) const;
    // Creates and stores a token; returns its text.
    std::string IssueToken(store::Database& db, long long user_id, const std::string& purpose,
                           long long ttl_seconds) const;
    // A hash of a random password with the configured cost, verified against when the e-mail is
    // unknown so that both failures cost one argon2id.
    const std::string& DecoyHash() const;

    AccountsConfig config_;
    Clock clock_;
    mutable std::once_flag decoy_once_;
    mutable std::string decoy_hash_;
};

}  // namespace juo::auth

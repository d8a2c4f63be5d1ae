// Accounts: sign-up with e-mail confirmation, login, password reset by e-mailed token.
//
// The functions take the caller's Database and are meant to run inside the caller's
// Database::InTransaction, so that the caller writes the e-mail (confirmation link, reset
// link) into the outbox in the same transaction: either the account and its e-mail exist, or
// neither. They never throw: database failures come back as kUnavailable, and the caller's
// transaction then rolls back.
//
// No password hash inside a transaction (issue 17): an argon2id hash takes tens of
// milliseconds, and inside BEGIN IMMEDIATE it would hold SQLite's write lock all along. So the
// steps that hash come in two parts: PrepareSignUp / PreparePassword hash without touching the
// database (call them outside any transaction, on the hashing pool), then SignUp /
// ResetPassword taking the prepared hash do the short write. Login only reads before it
// verifies. The one-call forms (SignUp with a request, ResetPassword with a password) remain
// for tests and tools; they hash first too, so they too must not be called in a transaction.
//
// Guests (issue 17): a user row without a password (made by a guest booking) may be signed up
// for. The new hash waits in the row as "pending:<hash>" — which no password matches — until
// the address is confirmed: then it becomes the password, and the guest's bookings (the same
// user id) are the account's. A new sign-up for the guest replaces the pending hash and voids
// the earlier confirmation links, so the link that is followed sets the password typed with it.
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

// A sign-up checked and hashed, ready for its short write (PrepareSignUp).
struct PreparedSignUp {
    std::string email;  // normalised
    std::string display_name;
    std::string locale;
    domain::Role role = domain::Role::kVisitor;
    std::string password_hash;
};

// A new password checked and hashed (PreparePassword).
struct PreparedPassword {
    std::string hash;
};

// What confirming an address did: the user, and whether a guest's pending password was set.
struct ConfirmedAddress {
    long long user_id = 0;
    bool password_set = false;
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

    // Checks a sign-up and hashes its password, without the database (so: outside any
    // transaction). Fails with kInvalidArgument (bad e-mail, name, password, locale, or a role
    // one cannot sign up for: relay and organiser are granted by an organiser), kUnavailable
    // (no memory for the hash).
    Result<PreparedSignUp> PrepareSignUp(const SignUpRequest& request) const;

    // Creates an unconfirmed account with one role grant — or, for a guest's address, stores
    // the pending password and grants the role — and returns the confirmation token. A short
    // write: no hash. Fails with kConflict (an account with a password already uses the
    // e-mail), kUnavailable (database).
    Result<EmailedToken> SignUp(store::Database& db, const PreparedSignUp& prepared) const;
    // PrepareSignUp then SignUp (hashes: not in a transaction).
    Result<EmailedToken> SignUp(store::Database& db, const SignUpRequest& request) const;

    // Confirms the e-mail address of the token's account (and sets a guest's pending password).
    // Fails with kNotFound (unknown or malformed token), kConflict (already used),
    // kInvalidArgument (expired: ask for a new link), kUnavailable.
    Result<ConfirmedAddress> ConfirmAddress(store::Database& db, std::string_view token) const;
    // ConfirmAddress's user id.
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

    // Checks a new password's rules and hashes it, without the database (outside any
    // transaction). kInvalidArgument (rules), kUnavailable (no memory).
    Result<PreparedPassword> PreparePassword(std::string_view new_password) const;

    // Whether a reset token may be used now, without using it (a read): its user id, or the
    // errors of ResetPassword for the token. Lets a caller refuse a bad link before hashing.
    Result<long long> CheckResetToken(store::Database& db, std::string_view token) const;

    // ResetPassword with the password already hashed: the short write only.
    Result<long long> ResetPassword(store::Database& db, SessionStore& sessions, std::string_view token,
                                    const PreparedPassword& password) const;

    // Sets a new password with a reset token, retires the account's other reset tokens, confirms
    // the e-mail (the link proved it) and ends every session of the user (cache included);
    // returns the user id. Call sessions.ForgetUser(id) again once the transaction committed to
    // close the window in which a concurrent lookup re-reads an uncommitted row. Fails with
    // kInvalidArgument (password rules, expired token), kNotFound, kConflict (used), kUnavailable.
    Result<long long> ResetPassword(store::Database& db, SessionStore& sessions, std::string_view token,
                                    std::string_view new_password) const;

    const AccountsConfig& config() const { return config_; }

 private:
    // Checks a token and marks it used (only checks it when !consume); returns its user id.
    Result<long long> ConsumeToken(store::Database& db, std::string_view token, const std::string& purpose,
                                   bool consume = true) const;
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

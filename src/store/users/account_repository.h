// Accounts persistence: users looked up by e-mail, password hashes, e-mail confirmation, the
// single-use tokens sent by e-mail (auth_token) and server-side login sessions (auth_session).
//
// This SQL lives in store/ rather than in auth/ because DESIGN.md keeps every SQL statement in
// store/ (one place to port to PostgreSQL); auth/ holds the rules (hashing, expiry, single use)
// and calls these functions. Tokens and session ids arrive here already hashed (SHA-256 hex).
//
// Every function throws soci::soci_error on a database failure: call it inside
// Database::InTransaction, or catch. Thread-safety: a Database is single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/user.h"
#include "store/db/database.h"

namespace juo::store {

// A user as accounts need it. password_hash and email_confirmed_at are empty when NULL.
struct AccountRow {
    long long id = 0;
    std::string email;
    std::string display_name;
    std::string password_hash;
    std::string email_confirmed_at;
    std::string locale;
};

// The live (not deleted) user with this exact e-mail (already normalised), if any.
std::optional<AccountRow> FindAccountByEmail(Database& db, const std::string& email);

// True when any user row, deleted or not, has this e-mail (the column is UNIQUE).
bool EmailInUse(Database& db, const std::string& email);

// The live user with this id, if any.
std::optional<AccountRow> FindAccountById(Database& db, long long user_id);

// The user's role grants, in insertion order.
std::vector<domain::RoleGrant> LoadRoleGrants(Database& db, long long user_id);

// Replaces the user's password hash.
void UpdatePasswordHash(Database& db, long long user_id, const std::string& password_hash);

// Sets email_confirmed_at to `at` when it is still NULL; true when it changed.
bool MarkEmailConfirmed(Database& db, long long user_id, const std::string& at);

// Grants `role` (unscoped: no department, no site) unless the user has it already: for a guest
// (a user without a password, made by a guest booking) who signs up (issue 17).
void GrantRoleIfMissing(Database& db, long long user_id, const std::string& role);

// ---- auth_token ---------------------------------------------------------------------------

struct AuthTokenRow {
    long long id = 0;
    long long user_id = 0;
    std::string purpose;  // "confirm_email" or "reset_password"
    std::string expires_at;
    std::string used_at;  // empty while unused
};

void InsertAuthToken(Database& db, long long user_id, const std::string& purpose,
                     const std::string& token_hash, const std::string& created_at,
                     const std::string& expires_at);

// The token with this hash and purpose, used or not, expired or not.
std::optional<AuthTokenRow> FindAuthToken(Database& db, const std::string& token_hash,
                                          const std::string& purpose);

// Marks the token used at `at` if it was unused; false when another request used it first.
bool MarkAuthTokenUsed(Database& db, long long token_id, const std::string& at);

// Marks every unused token of the user with this purpose as used at `at`; returns how many.
long long RetireAuthTokens(Database& db, long long user_id, const std::string& purpose,
                           const std::string& at);

// ---- auth_session -------------------------------------------------------------------------

// A session joined with its (live) user.
struct AuthSessionRow {
    long long user_id = 0;
    std::string last_seen_at;
    std::string expires_at;
    std::string email;
    std::string display_name;
    std::string locale;
};

void InsertAuthSession(Database& db, const std::string& id_hash, long long user_id,
                       const std::string& created_at, const std::string& expires_at,
                       const std::string& user_agent);

// The session with this id hash whose user is not deleted, expired or not.
std::optional<AuthSessionRow> FindAuthSession(Database& db, const std::string& id_hash);

// Records activity: last_seen_at and the new (sliding) expiry.
void TouchAuthSession(Database& db, const std::string& id_hash, const std::string& last_seen_at,
                      const std::string& expires_at);

// Deletes one session; false when there was none.
bool DeleteAuthSession(Database& db, const std::string& id_hash);

// Deletes every session of the user except `keep_id_hash` (none when empty); returns how many.
long long DeleteUserSessions(Database& db, long long user_id, const std::string& keep_id_hash = {});

// Deletes sessions and tokens whose expiry is at or before `now`; returns how many rows.
long long PurgeExpiredAuthRows(Database& db, const std::string& now);

}  // namespace juo::store

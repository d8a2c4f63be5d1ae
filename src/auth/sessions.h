// Server-side login sessions: an opaque random id in the cookie, its SHA-256 in the database
// (auth_session) with created / last-seen / expiry (sliding idle expiry, 14 days by default),
// and a shared in-memory cache in front of the lookups that the server makes on every request.
//
// One SessionStore serves the whole server; the Database is passed per call because each
// thread has its own. Lookup answers from the cache for at most `cache_ttl_seconds` before
// reading the row again, so a logout or a password reset on another app server takes effect
// within that delay here (at once for a lookup kFromDatabase, which web/caller.cc asks for a
// staff member's changes); on this server, Logout, RevokeUserSessions and ForgetUser evict at
// once. Every function catches database failures and returns kUnavailable; each works inside
// or outside the caller's transaction (a write is one statement).
//
// Touch policy (issue 17): only requests that change something slide a session's expiry. A
// lookup made for a read-only request (GET, HEAD: Access::kReadOnly) never writes — no
// last_seen_at update and no deletion of an expired row (it is simply anonymous; PurgeExpired
// removes it) — so a page view never takes the database's write lock. A session therefore ends
// `idle_seconds` (14 days) after the last sign-in or change made with it (a booking, a form
// sent), at most touch_interval_seconds later than that; someone who only reads pages for 14
// days signs in again.
//
// Thread-safety: a SessionStore is thread-safe (one mutex around the cache, never held during
// database calls). The Database argument is not: one per thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/principal.h"
#include "auth/time_source.h"
#include "common/result.h"
#include "store/db/database.h"

namespace juo::auth {

struct SessionConfig {
    long long idle_seconds = 14 * 24 * 3600;  // a session unused for this long is over
    long long touch_interval_seconds = 300;   // last-seen is written at most this often
    long long cache_ttl_seconds = 30;         // how long a cached lookup is trusted
    size_t cache_capacity = 100000;           // entries; the cache is emptied when full
};

class SessionStore {
 public:
    explicit SessionStore(SessionConfig config = {}, Clock clock = SystemClock());

    // Opens a session for `user_id` and returns its id (43 base64url characters) for the cookie.
    // `user_agent` is stored for the user's "your sessions" list (may be empty; cut to 255 bytes).
    // Fails with kUnavailable on a database failure.
    Result<std::string> Create(store::Database& db, long long user_id, std::string_view user_agent = {});

    // Whether a lookup may answer from the cache, or must read the database (then refreshes the
    // cache): for staff changes, so that a role revoked or a sign-out on another app server
    // holds at once for what matters, at one read per such request.
    enum class Freshness { kCachedOk, kFromDatabase };
    // Whether the lookup may write (slide the expiry, delete an expired row): only for a
    // request that changes something.
    enum class Access { kReadOnly, kChanges };

    // The principal of a live session, or nullopt when the id is malformed, unknown, expired
    // (the row is then deleted, kChanges only) or its user deleted: the request is anonymous.
    // kChanges slides the expiry when the session was last seen more than
    // touch_interval_seconds ago; kReadOnly never writes. Fails with kUnavailable on a
    // database failure.
    Result<std::optional<Principal>> Lookup(store::Database& db, std::string_view session_id,
                                            Freshness freshness = Freshness::kCachedOk,
                                            Access access = Access::kChanges);

    // Ends the session (row deleted, cache evicted). Ending an unknown or malformed session is
    // not an error (logging out twice is fine).
    Status Logout(store::Database& db, std::string_view session_id);

    // Ends every session of the user except `keep_session_id` (none when empty), e.g. after a
    // password change; returns how many rows were deleted. Evicts the user from the cache.
    Result<long long> RevokeUserSessions(store::Database& db, long long user_id,
                                         std::string_view keep_session_id = {});

    // Evicts the user's cached lookups (after a change of roles or account, or once the
    // transaction that revoked their sessions committed).
    void ForgetUser(long long user_id);

    // Deletes expired sessions and tokens; returns how many rows. For a periodic job.
    Result<long long> PurgeExpired(store::Database& db);

    // Number of cached lookups (for tests and metrics).
    size_t CachedCount() const;

    const SessionConfig& config() const { return config_; }

 private:
    struct CacheEntry {
        Principal principal;
        long long expires_at = 0;  // the session's expiry
        long long last_seen = 0;   // as stored
        long long loaded_at = 0;   // when this entry was read from the database
    };

    void Evict(const std::string& id_hash);

    SessionConfig config_;
    Clock clock_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, CacheEntry> cache_;  // by SHA-256 hex of the session id
};

}  // namespace juo::auth

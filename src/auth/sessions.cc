// Server-side sessions with a shared lookup cache.
#include "auth/sessions.h"

#include "auth/crypto.h"
#include "auth/guard.h"
#include "common/clock.h"
#include "store/users/account_repository.h"

namespace juo::auth {

using internal::Guarded;

SessionStore::SessionStore(SessionConfig config, Clock clock) : config_(config), clock_(std::move(clock)) {}

Result<std::string> SessionStore::Create(store::Database& db, long long user_id,
                                         std::string_view user_agent) {
    std::string id = NewToken();
    long long now = clock_();
    std::string agent(user_agent.substr(0, 255));
    return Guarded<std::string>(db, [&]() -> Result<std::string> {
        store::InsertAuthSession(db, Sha256Hex(id), user_id, UtcIsoFromEpoch(now),
                                 UtcIsoFromEpoch(now + config_.idle_seconds), agent);
        return id;
    });
}

Result<std::optional<Principal>> SessionStore::Lookup(store::Database& db, std::string_view session_id,
                                                      Freshness freshness, Access access) {
    const bool may_write = access == Access::kChanges;
    if (!IsTokenShaped(session_id)) return std::optional<Principal>{};
    const std::string hash = Sha256Hex(session_id);
    const long long now = clock_();
    if (freshness == Freshness::kFromDatabase) {
        Evict(hash);
    } else {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(hash);
        if (it != cache_.end()) {
            const CacheEntry& e = it->second;
            const bool fresh = now < e.expires_at && now - e.loaded_at < config_.cache_ttl_seconds;
            // A change goes to the database when the session is due a touch; a read never does.
            if (fresh && (!may_write || now - e.last_seen < config_.touch_interval_seconds))
                return std::optional<Principal>(e.principal);
            if (!fresh) cache_.erase(it);
        }
    }
    return Guarded<std::optional<Principal>>(db, [&]() -> Result<std::optional<Principal>> {
        auto row = store::FindAuthSession(db, hash);
        if (!row) return std::optional<Principal>{};
        auto expires_at = ParseUtcIso(row->expires_at);
        auto last_seen = ParseUtcIso(row->last_seen_at);
        if (!expires_at || !last_seen || *expires_at <= now) {
            if (may_write) store::DeleteAuthSession(db, hash);
            return std::optional<Principal>{};
        }
        CacheEntry entry;
        entry.expires_at = *expires_at;
        entry.last_seen = *last_seen;
        if (may_write && now - *last_seen >= config_.touch_interval_seconds) {
            // Sliding the expiry is best effort: a busy database must not turn a page view into
            // an error. The next read after the cache TTL tries again.
            try {
                store::TouchAuthSession(db, hash, UtcIsoFromEpoch(now),
                                        UtcIsoFromEpoch(now + config_.idle_seconds));
                entry.expires_at = now + config_.idle_seconds;
            } catch (const std::exception&) {
            }
            entry.last_seen = now;
        }
        entry.loaded_at = now;
        entry.principal.user_id = row->user_id;
        entry.principal.email = std::move(row->email);
        entry.principal.display_name = std::move(row->display_name);
        entry.principal.locale = std::move(row->locale);
        entry.principal.roles = store::LoadRoleGrants(db, row->user_id);
        std::optional<Principal> principal = entry.principal;
        std::lock_guard lock(mutex_);
        if (cache_.size() >= config_.cache_capacity) cache_.clear();
        cache_[hash] = std::move(entry);
        return principal;
    });
}

Status SessionStore::Logout(store::Database& db, std::string_view session_id) {
    if (!IsTokenShaped(session_id)) return Ok();
    const std::string hash = Sha256Hex(session_id);
    Evict(hash);
    return Guarded<Unit>(db, [&]() -> Status {
        store::DeleteAuthSession(db, hash);
        return Ok();
    });
}

Result<long long> SessionStore::RevokeUserSessions(store::Database& db, long long user_id,
                                                   std::string_view keep_session_id) {
    std::string keep = IsTokenShaped(keep_session_id) ? Sha256Hex(keep_session_id) : std::string();
    ForgetUser(user_id);
    return Guarded<long long>(
        db, [&]() -> Result<long long> { return store::DeleteUserSessions(db, user_id, keep); });
}

void SessionStore::ForgetUser(long long user_id) {
    std::lock_guard lock(mutex_);
    std::erase_if(cache_, [&](const auto& item) { return item.second.principal.user_id == user_id; });
}

Result<long long> SessionStore::PurgeExpired(store::Database& db) {
    const long long now = clock_();
    {
        std::lock_guard lock(mutex_);
        std::erase_if(cache_, [&](const auto& item) { return item.second.expires_at <= now; });
    }
    return Guarded<long long>(
        db, [&]() -> Result<long long> { return store::PurgeExpiredAuthRows(db, UtcIsoFromEpoch(now)); });
}

size_t SessionStore::CachedCount() const {
    std::lock_guard lock(mutex_);
    return cache_.size();
}

void SessionStore::Evict(const std::string& id_hash) {
    std::lock_guard lock(mutex_);
    cache_.erase(id_hash);
}

}  // namespace juo::auth

// What the back office's pages and JSON API share for editions, users and roles
// (edition_pages.cc, user_pages.cc, api_editions.cc, api_users.cc): a role grant read from its
// fields (a relay's department must be a real one, from refdata), the invitation e-mail of last
// year's hosts in French then English, and the changes of roles, which take effect on the user's
// next request (the session cache forgets them once the change is committed).
//
// Thread-safety: pure functions, and the thread-safe services of PeopleContext; the Database
// comes from ConnectionPerThread (one per thread).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/user.h"
#include "store/database.h"
#include "store/edition_admin.h"
#include "web/api_v1.h"
#include "web/caller.h"
#include "web/json_writer.h"

namespace juo::web {

// The grant of `role` (a domain::Role code), `department` (a relay's: a department code such as
// "69" or "2A", any case) and `site` (a host's). kInvalidArgument for an unknown role or
// department; the rest (a relay without a department, a site that does not exist…) is the
// store's to check (store::GrantRole).
Result<domain::RoleGrant> ReadGrant(std::string_view role, std::string_view department,
                                    std::optional<long long> site);

// The invitation to re-enrol: the host's sites and a link to the host space (`public_url` +
// "/usine"), in French then English.
store::InviteComposer InvitationMail(std::string public_url);

// store::GrantRole and store::RevokeRole, then the user's cached sessions forgotten so that
// their roles are read again on their next request to this server (other app servers read them
// again within auth::SessionConfig::cache_ttl_seconds).
Result<long long> GrantRoleNow(const PeopleContext& ctx, store::Database& db, long long user_id,
                               const domain::RoleGrant& grant, long long actor_user_id);
Status RevokeRoleNow(const PeopleContext& ctx, store::Database& db, long long user_id, long long grant_id,
                     long long actor_user_id);

// `fn(db)` with this thread's connection: its answer, or the JSON error of a database failure.
template <typename Fn>
http::Response WithApiDatabase(const PeopleContext& ctx, Fn&& fn) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return ApiError(db.error());
    try {
        return fn(**db);
    } catch (const std::exception& e) {
        return ApiError(services::DatabaseError(**db, e));
    }
}

// A JSON answer of the back office's API: personal or unpublished data, never cached.
http::Response PrivateJson(int status, JsonWriter& w);

}  // namespace juo::web

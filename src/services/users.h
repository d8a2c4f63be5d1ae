// Users and roles: the organiser's use cases over the accounts' roles, as the back-office pages
// (user_pages.cc) and the JSON API (api_users.cc) both run them — users found by e-mail or name a
// page at a time, one user with their role grants, a grant read from its fields (a relay's
// department must be a real one), a grant given and a grant revoked. A change of roles takes
// effect on the user's next request: once it is committed, the user's cached sessions are
// forgotten on this server (other app servers read them again within
// auth::SessionConfig::cache_ttl_seconds).
//
// The rules of a grant in the database (no duplicate, the scope the role needs and no other, no
// organiser revoking their own organiser grant) are the store's, applied with the change and its
// audit entry in one transaction (store/user_admin.h).
//
// Every function returns its Error (a database failure as kUnavailable): none throws.
// Thread-safety: a Db is used by one thread (services::ThreadDb); the SessionStore is
// thread-safe; ReadGrant is pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/user.h"
#include "services/db.h"
#include "store/users/user_admin.h"

namespace juo::auth {
class SessionStore;
}

namespace juo::services {

// The read models, as the store defines them.
using GrantView = store::GrantView;            // a role grant, with a host's site name
using UserView = store::UserView;              // a live user with their grants
using UserSearchPage = store::UserSearchPage;  // a page of users, and whether another follows

// The live users whose e-mail or name contains `query` (every user when empty), by e-mail,
// `page_size` of them on page `page` (1-based), with their grants.
Result<UserSearchPage> SearchUsers(Db& db, const std::string& query, int page, int page_size);

// The live user `user_id` with their grants; nullopt when there is none.
Result<std::optional<UserView>> FindUserView(Db& db, long long user_id);

// The grant of `role` (a domain::Role code), `department` (a relay's: a department code such as
// "69" or "2A", any case) and `site` (a host's). kInvalidArgument for an unknown role or
// department; the rest (a relay without a department, a site that does not exist…) is checked
// by GrantRole.
Result<domain::RoleGrant> ReadGrant(std::string_view role, std::string_view department,
                                    std::optional<long long> site);

// Gives `grant` to user `user_id` for `actor_user_id` ("role.grant" audited), then forgets the
// user's cached sessions in `sessions`; returns the grant's id. Errors: kNotFound (no such user),
// kInvalidArgument (a scope missing, unknown or not the role's), kConflict (held already),
// kUnavailable.
Result<long long> GrantRole(Db& db, auth::SessionStore& sessions, long long user_id,
                            const domain::RoleGrant& grant, long long actor_user_id);

// Takes grant `grant_id` from user `user_id` for `actor_user_id` ("role.revoke" audited), then
// forgets the user's cached sessions in `sessions`. Errors: kNotFound (no such user, or not
// their grant), kConflict (an organiser revoking their own organiser grant), kUnavailable.
Status RevokeRole(Db& db, auth::SessionStore& sessions, long long user_id, long long grant_id,
                  long long actor_user_id);

}  // namespace juo::services

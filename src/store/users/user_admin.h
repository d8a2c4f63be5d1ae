// The organiser's users and roles in the store: users found by e-mail or name, a page at a time,
// each with their role grants; a grant given (relay: one department; host: one existing site;
// other roles: no scope) and a grant revoked. Rules: no duplicate grant, the scope the role needs
// and no other, and no organiser revoking their own organiser grant (nobody locks themselves
// out). Each change writes its audit entry in the same transaction.
//
// Whether a department code is a real one is for the caller to check (refdata, which the store
// does not depend on): the store checks the shape of a grant and what is in the database. The
// callers evict the user from the session cache (auth::SessionStore::ForgetUser) once a change
// is committed, so that it takes effect on the user's next request.
//
// GrantRole and RevokeRole run their own transaction and return an Error for bad input or a
// database failure; the reads throw soci::soci_error. Thread-safety: a Database is
// single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/user.h"
#include "store/db/database.h"

namespace juo::store {

struct GrantView {
    long long id = 0;  // user_role.id
    domain::RoleGrant grant;
    std::string site_name;  // hosts: the site's name
};

struct UserView {
    long long id = 0;
    std::string email;
    std::string display_name;
    std::string created_at;
    bool email_confirmed = false;
    std::vector<GrantView> grants;  // in the order they were given
};

struct UserSearchPage {
    std::vector<UserView> users;  // by e-mail
    bool more = false;            // a next page exists
};

// The live users whose e-mail or name contains `query` (case-insensitive for ASCII letters; every
// user when empty), by e-mail, `page_size` of them on page `page` (1-based), with their grants.
UserSearchPage SearchUsers(Database& db, const std::string& query, int page, int page_size);

// The live user `user_id` with their grants, or nullopt.
std::optional<UserView> FindUserView(Database& db, long long user_id);

// Gives `grant` to user `user_id` for `actor_user_id` ("role.grant" audited); returns the grant's
// id. Errors: kNotFound (no such user); kInvalidArgument (a relay without a department, a host
// without a site or with a site that does not exist, a scope the role does not take); kConflict
// (the user holds that grant already); kUnavailable.
Result<long long> GrantRole(Database& db, long long user_id, const domain::RoleGrant& grant,
                            long long actor_user_id);

// Takes grant `grant_id` from user `user_id` for `actor_user_id` ("role.revoke" audited).
// Errors: kNotFound (no such user, or the grant is not theirs); kConflict (an organiser revoking
// their own organiser grant); kUnavailable.
Status RevokeRole(Database& db, long long user_id, long long grant_id, long long actor_user_id);

}  // namespace juo::store

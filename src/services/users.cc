// The organiser's users and roles (users.h).
#include "services/users.h"

#include <algorithm>
#include <cctype>

#include "auth/sessions.h"
#include "refdata/refdata.h"
#include "store/db/database.h"

namespace juo::services {

Result<UserSearchPage> SearchUsers(Db& db, const std::string& query, int page, int page_size) {
    return Guarded<UserSearchPage>(db, [&](Db& d) { return store::SearchUsers(d, query, page, page_size); });
}

Result<std::optional<UserView>> FindUserView(Db& db, long long user_id) {
    return Guarded<std::optional<UserView>>(db, [&](Db& d) { return store::FindUserView(d, user_id); });
}

Result<domain::RoleGrant> ReadGrant(std::string_view role, std::string_view department,
                                    std::optional<long long> site) {
    auto parsed = domain::ParseRole(role);
    if (!parsed)
        return MakeError(ErrorCode::kInvalidArgument, "unknown role '" + std::string(role) + "'",
                         "rôle inconnu : '" + std::string(role) + "'");
    domain::RoleGrant g;
    g.role = *parsed;
    g.site_id = site;
    std::string code(department);
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
    if (!code.empty() && refdata::FindDepartment(code) == nullptr)
        return MakeError(ErrorCode::kInvalidArgument, "'" + code + "' is not a French department code",
                         "'" + code + "' n'est pas un code de département");
    g.department_code = code;
    return g;
}

Result<long long> GrantRole(Db& db, auth::SessionStore& sessions, long long user_id,
                            const domain::RoleGrant& grant, long long actor_user_id) {
    auto id = Guarded<long long>(db, [&](Db& d) { return store::GrantRole(d, user_id, grant, actor_user_id); });
    if (id.ok()) sessions.ForgetUser(user_id);
    return id;
}

Status RevokeRole(Db& db, auth::SessionStore& sessions, long long user_id, long long grant_id,
                  long long actor_user_id) {
    auto done = Guarded<Unit>(db, [&](Db& d) { return store::RevokeRole(d, user_id, grant_id, actor_user_id); });
    if (done.ok()) sessions.ForgetUser(user_id);
    return done;
}

}  // namespace juo::services

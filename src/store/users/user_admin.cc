// The organiser's users and roles (user_admin.h).
#include "store/users/user_admin.h"

#include <algorithm>

#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/users/user_change_audit.h"

namespace juo::store {
namespace {

// `text` for a LIKE pattern with ESCAPE '\': its own % and _ match themselves.
std::string LikeContains(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out + "%";
}

// The grants of these users (ids of live users), by user then in the order given.
void LoadGrants(Database& db, std::vector<UserView>& users) {
    if (users.empty()) return;
    // The ids are integers read from the database: inlined, the statement stays one round trip
    // whatever the page size.
    std::string ids;
    for (const auto& u : users) ids += (ids.empty() ? "" : ",") + std::to_string(u.id);
    soci::rowset<soci::row> rows =
        (db.sql().prepare
         << "SELECT r.id, r.user_id, r.role, r.department_code, r.site_id, s.name FROM user_role r "
            "LEFT JOIN site s ON s.id = r.site_id WHERE r.user_id IN (" +
                ids + ") ORDER BY r.user_id, r.id");
    for (const auto& r : rows) {
        auto role = domain::ParseRole(r.get<std::string>(2));
        if (!role) continue;  // the CHECK constraint makes this unreachable
        GrantView g;
        g.id = RowInt(r, 0);
        g.grant.role = *role;
        if (r.get_indicator(3) == soci::i_ok) g.grant.department_code = r.get<std::string>(3);
        if (r.get_indicator(4) == soci::i_ok) g.grant.site_id = RowInt(r, 4);
        if (r.get_indicator(5) == soci::i_ok) g.site_name = r.get<std::string>(5);
        const long long user_id = RowInt(r, 1);
        for (auto& u : users)
            if (u.id == user_id) u.grants.push_back(std::move(g));
    }
}

std::vector<UserView> ReadUsers(soci::rowset<soci::row>& rows) {
    std::vector<UserView> out;
    for (const auto& r : rows) {
        UserView u;
        u.id = RowInt(r, 0);
        u.email = r.get<std::string>(1);
        u.display_name = r.get<std::string>(2);
        u.created_at = r.get<std::string>(3);
        u.email_confirmed = r.get_indicator(4) == soci::i_ok;
        out.push_back(std::move(u));
    }
    return out;
}

constexpr const char* kUserColumns =
    "SELECT id, email, display_name, created_at, email_confirmed_at FROM app_user ";

// "relay 69", "host site 12", "organiser".
std::string GrantText(const domain::RoleGrant& g) {
    std::string text(domain::ToCode(g.role));
    if (!g.department_code.empty()) text += " " + g.department_code;
    if (g.site_id) text += " site " + std::to_string(*g.site_id);
    return text;
}

Error Invalid(std::string en, std::string fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
}

Error NoUser(long long user_id) {
    return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(user_id),
                     "aucun utilisateur n°" + std::to_string(user_id));
}

// The scope the role takes: a department for a relay, a site for a host, nothing otherwise.
Status CheckScope(Database& db, const domain::RoleGrant& g) {
    if (g.role == domain::Role::kRelay) {
        if (g.department_code.empty())
            return Invalid("a relay needs a department", "un relais est rattaché à un département");
        if (g.site_id) return Invalid("a relay has no site", "un relais n'a pas de site");
        return Ok();
    }
    if (g.role == domain::Role::kHost) {
        if (!g.site_id) return Invalid("a host needs a site", "un hôte est rattaché à un site");
        if (!g.department_code.empty())
            return Invalid("a host has no department", "un hôte n'a pas de département");
        long long sites = 0;
        db.sql() << "SELECT count(*) FROM site WHERE id = :s", soci::use(*g.site_id), soci::into(sites);
        if (sites == 0)
            return Invalid("no site " + std::to_string(*g.site_id),
                           "aucun site n°" + std::to_string(*g.site_id));
        return Ok();
    }
    if (!g.department_code.empty() || g.site_id)
        return Invalid("only relays have a department and hosts a site",
                       "seuls les relais ont un département et les hôtes un site");
    return Ok();
}

}  // namespace

UserSearchPage SearchUsers(Database& db, const std::string& query, int page, int page_size) {
    UserSearchPage out;
    const std::string pattern = LikeContains(query);
    const int limit = page_size + 1;  // one more tells whether a next page exists
    const int offset = std::max(0, page - 1) * page_size;
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << std::string(kUserColumns) +
                    "WHERE deleted_at IS NULL AND (lower(email) LIKE :p ESCAPE '\\' OR "
                    "lower(display_name) LIKE :p2 ESCAPE '\\') ORDER BY email LIMIT :n OFFSET :o",
         soci::use(pattern), soci::use(pattern), soci::use(limit), soci::use(offset));
    out.users = ReadUsers(rows);
    if (static_cast<int>(out.users.size()) > page_size) {
        out.more = true;
        out.users.pop_back();
    }
    LoadGrants(db, out.users);
    return out;
}

std::optional<UserView> FindUserView(Database& db, long long user_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kUserColumns) + "WHERE id = :i AND deleted_at IS NULL",
         soci::use(user_id));
    auto users = ReadUsers(rows);
    if (users.empty()) return std::nullopt;
    LoadGrants(db, users);
    return users.front();
}

Result<long long> GrantRole(Database& db, long long user_id, const domain::RoleGrant& grant,
                            long long actor_user_id) {
    return db.InTransaction<long long>([&]() -> Result<long long> {
        // Two organisers granting the same role on two app servers: the second waits here for the
        // first's commit, then sees its grant below (PostgreSQL; SQLite's write lock serialises).
        long long locked = 0;
        db.sql() << "SELECT id FROM app_user WHERE id = :u" + std::string(LockedForChange(db.dialect())),
            soci::use(user_id), soci::into(locked);
        auto user = FindUserView(db, user_id);
        if (!user) return NoUser(user_id);
        JUO_TRY(CheckScope(db, grant));
        // The UNIQUE constraint does not see duplicates through NULL scopes (two "organiser" rows):
        // compare the grants themselves.
        for (const auto& g : user->grants)
            if (g.grant.role == grant.role && g.grant.department_code == grant.department_code &&
                g.grant.site_id == grant.site_id)
                return MakeError(ErrorCode::kConflict, user->email + " already holds " + GrantText(grant),
                                 user->email + " a déjà ce rôle (" + GrantText(grant) + ")");
        NullableText department;
        department.set(grant.department_code);
        Nullable<long long> site;
        site.set(grant.site_id);
        std::string role(domain::ToCode(grant.role));
        long long id = 0;
        db.sql() << "INSERT INTO user_role (user_id, role, department_code, site_id) VALUES (:u, :r, :d, :s) "
                    "RETURNING id",
            soci::use(user_id), soci::use(role), use(department), use(site), soci::into(id);
        AuditUserChange(db, actor_user_id, "role.grant", "app_user", user_id,
                        user->email + ": " + GrantText(grant));
        return id;
    });
}

Status RevokeRole(Database& db, long long user_id, long long grant_id, long long actor_user_id) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto user = FindUserView(db, user_id);
        if (!user) return NoUser(user_id);
        auto g = std::find_if(user->grants.begin(), user->grants.end(),
                              [&](const auto& v) { return v.id == grant_id; });
        if (g == user->grants.end())
            return MakeError(ErrorCode::kNotFound,
                             "user " + std::to_string(user_id) + " has no grant " + std::to_string(grant_id),
                             "ce rôle n'appartient pas à cet utilisateur");
        if (g->grant.role == domain::Role::kOrganiser && user_id == actor_user_id)
            return MakeError(
                ErrorCode::kConflict, "you cannot revoke your own organiser role: another organiser can",
                "vous ne pouvez pas retirer votre propre rôle d'organisateur : un autre organisateur "
                "le peut");
        db.sql() << "DELETE FROM user_role WHERE id = :i AND user_id = :u", soci::use(grant_id),
            soci::use(user_id);
        AuditUserChange(db, actor_user_id, "role.revoke", "app_user", user_id,
                        user->email + ": " + GrantText(g->grant));
        return Ok();
    });
}

}  // namespace juo::store

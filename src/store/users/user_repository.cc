// User persistence.
#include "store/users/user_repository.h"

#include "store/db/binding.h"

namespace juo::store {

Status InsertUsers(Database& db, std::span<domain::User> users) {
    domain::User row;
    NullableText hash, confirmed, department;
    Nullable<long long> organisation, school, site;
    std::string role;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare << "INSERT INTO app_user (email, display_name, password_hash, email_confirmed_at, "
                             "organisation_id, school_id, locale, created_at) VALUES (:email, :name, :hash, "
                             ":confirmed, :org, :school, :locale, :created) RETURNING id",
         soci::use(row.email), soci::use(row.display_name), use(hash), use(confirmed), use(organisation),
         use(school), soci::use(row.locale), soci::use(row.created_at), soci::into(id));
    soci::statement grant =
        (db.sql().prepare << "INSERT INTO user_role (user_id, role, department_code, site_id) "
                             "VALUES (:u, :r, :d, :s)",
         soci::use(id), soci::use(role), use(department), use(site));
    for (auto& u : users) {
        if (!domain::IsPlausibleEmail(u.email))
            return MakeError(ErrorCode::kInvalidArgument, "'" + u.email + "' is not an e-mail address",
                             "'" + u.email + "' n'est pas une adresse e-mail");
        row = u;
        hash.set(u.password_hash);
        confirmed.set(u.email_confirmed_at);
        organisation.set(u.organisation_id);
        school.set(u.school_id);
        st.execute(true);
        u.id = id;
        for (const auto& g : u.roles) {
            role = std::string(domain::ToCode(g.role));
            department.set(g.department_code);
            site.set(g.site_id);
            grant.execute(true);
        }
    }
    return Ok();
}

}  // namespace juo::store

// School persistence.
#include "store/groups/school_repository.h"

#include "store/db/binding.h"

namespace juo::store {

void InsertSchools(Database& db, std::span<domain::School> schools) {
    domain::School row;
    NullableText uai;
    std::string kind, priority;
    int rural = 0;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO school (uai, name, kind, commune_code, commune_name, department_code, "
                "region_code, latitude, longitude, priority_education, rural) VALUES (:uai, :name, "
                ":kind, :cc, :cn, :dep, :reg, :lat, :lon, :prio, :rural) RETURNING id",
         use(uai), soci::use(row.name), soci::use(kind), soci::use(row.commune_code),
         soci::use(row.commune_name), soci::use(row.department_code), soci::use(row.region_code),
         soci::use(row.position.lat), soci::use(row.position.lon), soci::use(priority), soci::use(rural),
         soci::into(id));
    for (auto& s : schools) {
        row = s;
        uai.set(s.uai);
        kind = std::string(domain::ToCode(s.kind));
        priority = std::string(domain::ToCode(s.priority_education));
        rural = s.rural ? 1 : 0;
        st.execute(true);
        s.id = id;
    }
}

}  // namespace juo::store

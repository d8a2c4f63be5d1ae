// Demo reads (see demo_queries.h).
#include "store/reads/demo_queries.h"

#include "store/db/binding.h"

namespace juo::store {

std::optional<DemoSite> FindDemoSite(Database& db, long long edition_id) {
    // The two tours per site as correlated sub-queries, filtered in an outer query: portable to
    // SQLite and PostgreSQL, and cheap (one edition's sessions, by site).
    soci::rowset<soci::row> rows = (db.sql().prepare << R"(
SELECT id, organisation_id, name, commune_name, region_code, friday, saturday FROM (
  SELECT st.id, st.organisation_id, st.name, st.commune_name, st.region_code,
    (SELECT min(f.id) FROM session f
      WHERE f.site_id = st.id AND f.edition_id = :e1 AND f.status = 'open'
        AND coalesce(f.min_level, '') = '' AND f.groups_taken < f.capacity_groups
        AND f.capacity_people - f.places_taken >= 40
        AND EXISTS (SELECT 1 FROM session_audience a WHERE a.session_id = f.id AND a.audience = 'school')
        AND EXISTS (SELECT 1 FROM session_audience a WHERE a.session_id = f.id AND a.audience = 'job_seekers')
    ) AS friday,
    (SELECT min(s.id) FROM session s
      WHERE s.site_id = st.id AND s.edition_id = :e2 AND s.status = 'open'
        AND s.capacity_people - s.places_taken >= 6
        AND EXISTS (SELECT 1 FROM session_audience a WHERE a.session_id = s.id AND a.audience = 'public')
    ) AS saturday,
    (SELECT coalesce(sum(s.capacity_people - s.places_taken), 0) FROM session s
      WHERE s.site_id = st.id AND s.edition_id = :e3 AND s.status = 'open'
        AND EXISTS (SELECT 1 FROM session_audience a WHERE a.session_id = s.id AND a.audience = 'public')
    ) AS public_left
  FROM site st JOIN participation p ON p.site_id = st.id
  WHERE p.edition_id = :e4 AND p.status = 'approved'
) x WHERE friday IS NOT NULL AND saturday IS NOT NULL
ORDER BY public_left DESC, id LIMIT 1)",
                                    soci::use(edition_id, "e1"), soci::use(edition_id, "e2"),
                                    soci::use(edition_id, "e3"), soci::use(edition_id, "e4"));
    std::optional<DemoSite> found;
    for (const auto& r : rows) {  // LIMIT 1: read to the end, so that SQLite ends the statement
        DemoSite& d = found.emplace();
        d.site_id = RowInt(r, 0);
        d.organisation_id = RowInt(r, 1);
        d.name = r.get<std::string>(2);
        d.commune_name = r.get<std::string>(3);
        d.region_code = r.get<std::string>(4);
        d.friday_session_id = RowInt(r, 5);
        d.saturday_session_id = RowInt(r, 6);
    }
    return found;
}

long long CountUsersAtDomain(Database& db, const std::string& domain) {
    long long n = 0;
    const std::string pattern = "%@" + domain;
    db.sql() << "SELECT count(*) FROM app_user WHERE email LIKE :p", soci::use(pattern), soci::into(n);
    return n;
}

}  // namespace juo::store

// Site persistence: one prepared statement per table, reused for every row.
#include "store/sites/site_repository.h"

#include "store/db/binding.h"

namespace juo::store {

void InsertOrganisations(Database& db, std::span<domain::Organisation> organisations) {
    domain::Organisation row;
    NullableText siret;
    long long id = 0;
    soci::statement st = (db.sql().prepare << "INSERT INTO organisation (name, siret, created_at) VALUES "
                                              "(:name, :siret, :created) RETURNING id",
                          soci::use(row.name), use(siret), soci::use(row.created_at), soci::into(id));
    for (auto& o : organisations) {
        row = o;
        siret.set(o.siret);
        st.execute(true);
        o.id = id;
    }
}

Status InsertSites(Database& db, std::span<domain::Site> sites) {
    domain::Site row;
    NullableText siret, access_notes, safety, description;
    Nullable<int> min_age;
    int wheelchair = 0, hearing = 0, visual = 0, mental = 0, psychic = 0;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO site (organisation_id, name, siret, naf_code, naf_division, address, "
                "postcode, commune_code, commune_name, department_code, region_code, latitude, "
                "longitude, wheelchair_access, hearing_access, accessibility_notes, safety_rules, "
                "description, min_age, created_at, visual_access, mental_access, psychic_access) VALUES (:org, "
                ":name, :siret, :naf, :div, :addr, :pc, :cc, :cn, :dep, :reg, :lat, :lon, :wc, :hear, :an, "
                ":safety, :descr, :age, :created, :vis, :men, :psy) RETURNING id",
         soci::use(row.organisation_id), soci::use(row.name), use(siret), soci::use(row.naf_code),
         soci::use(row.naf_division), soci::use(row.address), soci::use(row.postcode),
         soci::use(row.commune_code), soci::use(row.commune_name), soci::use(row.department_code),
         soci::use(row.region_code), soci::use(row.position.lat), soci::use(row.position.lon),
         soci::use(wheelchair), soci::use(hearing), use(access_notes), use(safety), use(description),
         use(min_age), soci::use(row.created_at), soci::use(visual), soci::use(mental), soci::use(psychic),
         soci::into(id));
    for (auto& s : sites) {
        JUO_TRY(domain::ValidateSite(s));
        row = s;
        siret.set(s.siret);
        access_notes.set(s.accessibility_notes);
        safety.set(s.safety_rules);
        description.set(s.description);
        min_age.set(s.min_age);
        wheelchair = s.wheelchair_access ? 1 : 0;
        hearing = s.hearing_access ? 1 : 0;
        visual = s.visual_access ? 1 : 0;
        mental = s.mental_access ? 1 : 0;
        psychic = s.psychic_access ? 1 : 0;
        st.execute(true);
        s.id = id;
    }
    return Ok();
}

void InsertParticipations(Database& db, std::span<domain::Participation> participations) {
    domain::Participation row;
    std::string status;
    NullableText submitted, decided;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO participation (edition_id, site_id, status, submitted_at, decided_at) "
                "VALUES (:e, :s, :st, :sub, :dec) RETURNING id",
         soci::use(row.edition_id), soci::use(row.site_id), soci::use(status), use(submitted), use(decided),
         soci::into(id));
    for (auto& p : participations) {
        row = p;
        status = std::string(domain::ToCode(p.status));
        submitted.set(p.submitted_at);
        decided.set(p.decided_at);
        st.execute(true);
        p.id = id;
    }
}

}  // namespace juo::store

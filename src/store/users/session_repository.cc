// Session persistence.
#include "store/users/session_repository.h"

#include "store/db/binding.h"

namespace juo::store {

Status InsertSessions(Database& db, std::span<domain::Session> sessions) {
    domain::Session row;
    std::string status, audience;
    NullableText min_level;
    Nullable<int> min_age;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO session (edition_id, site_id, day_date, starts_at, ends_at, "
                "capacity_people, capacity_groups, places_taken, groups_taken, min_level, min_age, "
                "status) VALUES (:e, :site, :day, :start, :end, :cp, :cg, :pt, :gt, :lvl, :age, :st) "
                "RETURNING id",
         soci::use(row.edition_id), soci::use(row.site_id), soci::use(row.day_date), soci::use(row.starts_at),
         soci::use(row.ends_at), soci::use(row.capacity_people), soci::use(row.capacity_groups),
         soci::use(row.places_taken), soci::use(row.groups_taken), use(min_level), use(min_age),
         soci::use(status), soci::into(id));
    soci::statement aud =
        (db.sql().prepare << "INSERT INTO session_audience (session_id, audience) VALUES (:s, :a)",
         soci::use(id), soci::use(audience));
    for (auto& s : sessions) {
        JUO_TRY(domain::ValidateSession(s));
        row = s;
        status = std::string(domain::ToCode(s.status));
        min_level.set(s.min_level);
        min_age.set(s.min_age);
        st.execute(true);
        s.id = id;
        for (auto a : s.audiences) {
            audience = std::string(domain::ToCode(a));
            aud.execute(true);
        }
    }
    return Ok();
}

Status RecountSessionCounters(Database& db, long long edition_id) {
    int over = 0;
    db.sql()
        << "SELECT count(*) FROM session s WHERE s.edition_id = :e AND ("
           "(SELECT coalesce(sum(b.people), 0) FROM booking b WHERE b.session_id = s.id AND b.status = "
           "'confirmed') > s.capacity_people OR (SELECT count(*) FROM booking b WHERE b.session_id = s.id "
           "AND b.status = 'confirmed' AND b.kind = 'group') > s.capacity_groups)",
        soci::use(edition_id), soci::into(over);
    if (over > 0)
        return MakeError(ErrorCode::kConflict,
                         std::to_string(over) + " session(s) have more confirmed bookings than places");
    db.sql() << "UPDATE session SET places_taken = (SELECT coalesce(sum(b.people), 0) FROM booking b WHERE "
                "b.session_id = session.id AND b.status = 'confirmed'), groups_taken = (SELECT count(*) FROM "
                "booking b WHERE b.session_id = session.id AND b.status = 'confirmed' AND b.kind = 'group') "
                "WHERE edition_id = :e",
        soci::use(edition_id);
    return Ok();
}

}  // namespace juo::store

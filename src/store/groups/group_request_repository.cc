// Group request persistence.
#include "store/groups/group_request_repository.h"

#include "store/db/binding.h"

namespace juo::store {

Status InsertGroupRequests(Database& db, std::span<domain::GroupRequest> requests) {
    domain::GroupRequest row;
    Nullable<long long> requester, school, wish_session, wish_site;
    Nullable<double> radius;
    NullableText message, decided;
    std::string audience, status, division;
    int bus = 0, first_time = 0, rank = 0;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO group_request (edition_id, requester_user_id, school_id, audience, level, "
                "pupils, adults, bus_needed, radius_km, latitude, longitude, department_code, "
                "first_time, status, message, submitted_at, decided_at) VALUES (:e, :req, :school, "
                ":aud, :lvl, :pupils, :adults, :bus, :radius, :lat, :lon, :dep, :first, :status, "
                ":msg, :sub, :dec) RETURNING id",
         soci::use(row.edition_id), use(requester), use(school), soci::use(audience), soci::use(row.level),
         soci::use(row.pupils), soci::use(row.adults), soci::use(bus), use(radius),
         soci::use(row.position.lat), soci::use(row.position.lon), soci::use(row.department_code),
         soci::use(first_time), soci::use(status), use(message), soci::use(row.submitted_at), use(decided),
         soci::into(id));
    soci::statement wish =
        (db.sql().prepare << "INSERT INTO group_request_wish (request_id, rank, session_id, "
                             "site_id) VALUES (:r, :rank, :session, :site)",
         soci::use(id), soci::use(rank), use(wish_session), use(wish_site));
    soci::statement sector =
        (db.sql().prepare << "INSERT INTO group_request_sector (request_id, naf_division) VALUES (:r, :d)",
         soci::use(id), soci::use(division));
    for (auto& r : requests) {
        JUO_TRY(domain::ValidateGroupRequest(r));
        row = r;
        requester.set(r.requester_user_id);
        school.set(r.school_id);
        radius.set(r.radius_km);
        message.set(r.message);
        decided.set(r.decided_at);
        audience = std::string(domain::ToCode(r.audience));
        status = std::string(domain::ToCode(r.status));
        bus = r.bus_needed ? 1 : 0;
        first_time = r.first_time ? 1 : 0;
        st.execute(true);
        r.id = id;
        for (const auto& w : r.wishes) {
            rank = w.rank;
            wish_session.set(w.session_id);
            wish_site.set(w.site_id);
            wish.execute(true);
        }
        for (const auto& d : r.sector_divisions) {
            division = d;
            sector.execute(true);
        }
    }
    return Ok();
}

}  // namespace juo::store

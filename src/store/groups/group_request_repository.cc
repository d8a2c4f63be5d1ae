// Group request persistence.
#include "store/groups/group_request_repository.h"

#include <map>
#include <utility>

#include "store/db/binding.h"

namespace juo::store {
namespace {

// Inserts the wishes and sectors of request `r` (its id set).
void InsertWishesAndSectors(Database& db, const domain::GroupRequest& r) {
    long long id = r.id;
    int rank = 0;
    Nullable<long long> wish_session, wish_site;
    std::string division;
    soci::statement wish =
        (db.sql().prepare << "INSERT INTO group_request_wish (request_id, rank, session_id, "
                             "site_id) VALUES (:r, :rank, :session, :site)",
         soci::use(id), soci::use(rank), use(wish_session), use(wish_site));
    soci::statement sector =
        (db.sql().prepare << "INSERT INTO group_request_sector (request_id, naf_division) VALUES (:r, :d)",
         soci::use(id), soci::use(division));
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

}  // namespace

Status InsertGroupRequests(Database& db, std::span<domain::GroupRequest> requests) {
    domain::GroupRequest row;
    Nullable<long long> requester, school;
    Nullable<double> radius;
    NullableText message, decided;
    std::string audience, status;
    int bus = 0, first_time = 0;
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
        InsertWishesAndSectors(db, r);
    }
    return Ok();
}

Status UpdateGroupRequest(Database& db, const domain::GroupRequest& r) {
    JUO_TRY(domain::ValidateGroupRequest(r));
    long long id = r.id;
    std::string current;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT status FROM group_request WHERE id = :id", soci::use(id), soci::into(current, ind);
    if (ind != soci::i_ok) return MakeError(ErrorCode::kNotFound, "no such request", "demande introuvable");
    if (current != "pending")
        return MakeError(ErrorCode::kConflict, "the request is no longer pending", "la demande n'est plus en attente");
    Nullable<long long> school;
    school.set(r.school_id);
    Nullable<double> radius;
    radius.set(r.radius_km);
    int bus = r.bus_needed ? 1 : 0;
    int pupils = r.pupils, adults = r.adults;
    double lat = r.position.lat, lon = r.position.lon;
    std::string level = r.level, department = r.department_code;
    // Still pending when written: a publication that decided it meanwhile (another app server on
    // PostgreSQL) is not overwritten.
    soci::statement update =
        (db.sql().prepare << "UPDATE group_request SET school_id = :school, level = :lvl, pupils = :p, adults = :a, "
                             "bus_needed = :bus, radius_km = :radius, latitude = :lat, longitude = :lon, "
                             "department_code = :dep WHERE id = :id AND status = 'pending'",
         use(school), soci::use(level), soci::use(pupils), soci::use(adults), soci::use(bus), use(radius),
         soci::use(lat), soci::use(lon), soci::use(department), soci::use(id));
    update.execute(true);
    if (update.get_affected_rows() != 1)
        return MakeError(ErrorCode::kConflict, "the request is no longer pending", "la demande n'est plus en attente");
    // The host's "unavailable" marks, by what the wish names, kept across the rewrite.
    std::map<std::pair<long long, long long>, std::pair<std::string, long long>> marks;
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT coalesce(session_id, 0), coalesce(site_id, 0), unavailable_at, "
                                 "coalesce(unavailable_by, 0) FROM group_request_wish WHERE request_id = :id AND "
                                 "unavailable_at IS NOT NULL",
             soci::use(id));
        for (const auto& row : rows)
            marks[{RowInt(row, 0), RowInt(row, 1)}] = {row.get<std::string>(2), RowInt(row, 3)};
    }
    db.sql() << "DELETE FROM group_request_wish WHERE request_id = :id", soci::use(id);
    db.sql() << "DELETE FROM group_request_sector WHERE request_id = :id", soci::use(id);
    InsertWishesAndSectors(db, r);
    for (const auto& w : r.wishes) {
        auto it = marks.find({w.session_id.value_or(0), w.site_id.value_or(0)});
        if (it == marks.end()) continue;
        int rank = w.rank;
        db.sql() << "UPDATE group_request_wish SET unavailable_at = :at, unavailable_by = :by WHERE request_id = :id "
                    "AND rank = :k",
            soci::use(it->second.first), soci::use(it->second.second), soci::use(id), soci::use(rank);
    }
    return Ok();
}

}  // namespace juo::store

// The organiser's live figures (see office_queries.h). Each figure is one aggregate query over an
// indexed edition: cheap enough for a page a few organisers poll every half-minute.
#include "store/reads/office_queries.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

// The integers of a query's single row (sums coalesced to 0 by the query).
std::vector<long long> OneRow(Database& db, const std::string& sql, long long edition_id) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows = (db.sql().prepare << sql, soci::use(edition_id, "e"));
    for (const auto& r : rows) {
        if (!out.empty()) continue;  // read to the end, so that SQLite ends the statement
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.get_indicator(i) == soci::i_null ? 0 : RowInt(r, i));
    }
    return out;
}

}  // namespace

OfficeFigureRows ReadOfficeFigures(Database& db, long long edition_id, const ExportScope& scope,
                                   const std::string& today, int list_limit) {
    OfficeFigureRows f;
    const std::string in_scope = scope.Condition("t.department_code");
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT p.status, count(*) FROM participation p JOIN site t ON t.id = p.site_id "
                                 "WHERE p.edition_id = :e AND " + in_scope + " GROUP BY p.status ORDER BY p.status",
             soci::use(edition_id, "e"));
        for (const auto& r : rows) f.participations.emplace_back(r.get<std::string>(0), RowInt(r, 1));
    }
    // Tours of approved factories only: a refused factory's tours are not offered.
    const std::string tours_from =
        " FROM session s JOIN site t ON t.id = s.site_id JOIN participation p ON p.site_id = s.site_id AND "
        "p.edition_id = s.edition_id WHERE s.edition_id = :e AND p.status = 'approved' AND " + in_scope;
    if (auto v = OneRow(db,
                        "SELECT count(*), CAST(coalesce(sum(CASE WHEN s.status = 'open' THEN s.capacity_people END), 0) "
                        "AS BIGINT), CAST(coalesce(sum(CASE WHEN s.status = 'open' THEN s.places_taken END), 0) AS "
                        "BIGINT), CAST(coalesce(sum(CASE WHEN s.status = 'open' AND s.places_taken >= s.capacity_people "
                        "THEN 1 END), 0) AS BIGINT)" + tours_from + " AND s.status <> 'cancelled'",
                        edition_id);
        v.size() == 4) {
        f.tours = v[0];
        f.places = v[1];
        f.places_booked = v[2];
        f.full_tours = v[3];
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT s.id, s.site_id, t.name, s.day_date, s.starts_at, s.capacity_people" +
                                     tours_from +
                                     " AND s.status = 'open' AND s.places_taken >= s.capacity_people ORDER BY "
                                     "s.day_date, s.starts_at, t.name, s.id LIMIT :n",
             soci::use(edition_id, "e"), soci::use(list_limit, "n"));
        for (const auto& r : rows)
            f.full_tour_list.push_back({RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), r.get<std::string>(3),
                                        r.get<std::string>(4), RowInt(r, 5)});
    }
    const std::string without_tours =
        " FROM participation p JOIN site t ON t.id = p.site_id WHERE p.edition_id = :e AND p.status = 'approved' AND " +
        in_scope +
        " AND NOT EXISTS (SELECT 1 FROM session s WHERE s.site_id = p.site_id AND s.edition_id = p.edition_id AND "
        "s.status <> 'cancelled')";
    if (auto v = OneRow(db, "SELECT count(*)" + without_tours, edition_id); !v.empty()) f.sites_without_tours = v[0];
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT t.id, t.name, t.commune_name, t.department_code" + without_tours +
                                     " ORDER BY t.name, t.id LIMIT :n",
             soci::use(edition_id, "e"), soci::use(list_limit, "n"));
        for (const auto& r : rows)
            f.without_tour_list.push_back(
                {RowInt(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)});
    }
    if (auto v = OneRow(db,
                        "SELECT count(*) FROM group_request t WHERE t.edition_id = :e AND t.status = 'pending' AND " +
                            in_scope,
                        edition_id);
        !v.empty())
        f.requests_pending = v[0];
    if (auto v = OneRow(db,
                        "SELECT count(*), CAST(coalesce(sum(CASE WHEN status = 'draft' THEN 1 END), 0) AS BIGINT), "
                        "CAST(coalesce(sum(CASE WHEN status = 'published' THEN 1 END), 0) AS BIGINT) FROM "
                        "allocation_run WHERE edition_id = :e",
                        edition_id);
        v.size() == 3) {
        f.runs = v[0];
        f.runs_draft = v[1];
        f.runs_published = v[2];
    }
    {
        // The published run's budget when there is one, else the latest run's.
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT status, budget_cents FROM allocation_run WHERE edition_id = :e AND status <> "
                                 "'discarded' ORDER BY CASE WHEN status = 'published' THEN 0 ELSE 1 END, id DESC",
             soci::use(edition_id, "e"));
        bool first = true;
        for (const auto& r : rows) {  // read to the end (see OneRow)
            if (!first) continue;
            first = false;
            f.latest_run_status = r.get<std::string>(0);
            if (r.get_indicator(1) == soci::i_ok) f.budget_cents = RowInt(r, 1);
        }
    }
    if (auto v = OneRow(db,
                        "SELECT count(*), CAST(coalesce(sum(cost_cents), 0) AS BIGINT) FROM bus WHERE edition_id = :e "
                        "AND status = 'booked'",  // live buses only, as the bilan (issue 18)
                        edition_id);
        v.size() == 2) {
        f.buses = v[0];
        f.buses_cost_cents = v[1];
    }
    {
        long long days = 0;
        db.sql() << "SELECT count(*) FROM edition_day WHERE edition_id = :e AND day_date = :d", soci::use(edition_id, "e"),
            soci::use(today, "d"), soci::into(days);
        f.event_day = days > 0;
    }
    if (f.event_day) {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT count(b.id), CAST(coalesce(sum(b.people), 0) AS BIGINT), count(c.id), "
                                 "CAST(coalesce(sum(c.attended), 0) AS BIGINT) FROM booking b JOIN session s ON s.id = "
                                 "b.session_id JOIN site t ON t.id = s.site_id LEFT JOIN check_in c ON c.booking_id = b.id "
                                 "WHERE s.edition_id = :e AND s.day_date = :d AND b.status = 'confirmed' AND " + in_scope,
             soci::use(edition_id, "e"), soci::use(today, "d"));
        for (const auto& r : rows) {
            f.today_bookings = RowInt(r, 0);
            f.today_booked_people = RowInt(r, 1);
            f.today_checked_in = RowInt(r, 2);
            f.today_attended = RowInt(r, 3);
        }
    }
    return f;
}

}  // namespace juo::store

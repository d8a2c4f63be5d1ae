// The host's day queries (see host_day_queries.h).
#include "store/reads/host_day_queries.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

std::string Text(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

}  // namespace

SiteDayFigures SiteFigures(Database& db, long long site_id, long long edition_id) {
    SiteDayFigures f;
    db.sql() << "SELECT count(DISTINCT r.id) FROM group_request r JOIN group_request_wish w ON w.request_id = r.id "
                "LEFT JOIN session s ON s.id = w.session_id WHERE r.edition_id = :e AND r.status IN ('pending', "
                "'waitlisted') AND (w.site_id = :site OR s.site_id = :site2)",
        soci::use(edition_id), soci::use(site_id), soci::use(site_id), soci::into(f.requests_to_decide);
    long long people = 0;
    db.sql() << "SELECT count(*), coalesce(sum(b.people), 0) FROM booking b JOIN session s ON s.id = b.session_id "
                "WHERE s.site_id = :site AND s.edition_id = :e AND b.kind = 'group' AND b.status = 'confirmed'",
        soci::use(site_id), soci::use(edition_id), soci::into(f.groups_accepted), soci::into(people);
    f.group_people = static_cast<int>(people);
    db.sql() << "SELECT count(*) FROM internship_offer WHERE site_id = :site AND edition_id = :e", soci::use(site_id),
        soci::use(edition_id), soci::into(f.internships);
    return f;
}

std::optional<std::string> NextTourDay(Database& db, long long site_id, long long edition_id,
                                       const std::string& from_day) {
    std::string day;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT min(day_date) FROM session WHERE site_id = :site AND edition_id = :e AND status = 'open' "
                "AND day_date >= :d",
        soci::use(site_id), soci::use(edition_id), soci::use(from_day), soci::into(day, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return day;
}

std::vector<DayTourRow> DayTours(Database& db, long long site_id, const std::string& day) {
    std::vector<DayTourRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.id, s.day_date, s.starts_at, s.ends_at, s.capacity_people, "
                             "coalesce(sum(b.people), 0), count(b.id), coalesce(sum(CASE WHEN b.kind = 'group' THEN 1 "
                             "ELSE 0 END), 0), count(c.id), coalesce(sum(c.attended), 0) FROM session s LEFT JOIN "
                             "booking b ON b.session_id = s.id AND b.status = 'confirmed' LEFT JOIN check_in c ON "
                             "c.booking_id = b.id WHERE s.site_id = :site AND s.day_date = :d AND s.status = 'open' "
                             "GROUP BY s.id, s.day_date, s.starts_at, s.ends_at, s.capacity_people ORDER BY "
                             "s.starts_at, s.id",
         soci::use(site_id), soci::use(day));
    for (const auto& r : rows) {
        DayTourRow t;
        t.session_id = RowInt(r, 0);
        t.site_id = site_id;
        t.day_date = r.get<std::string>(1);
        t.starts_at = r.get<std::string>(2);
        t.ends_at = r.get<std::string>(3);
        t.capacity_people = static_cast<int>(RowInt(r, 4));
        t.booked_people = static_cast<int>(RowInt(r, 5));
        t.bookings = static_cast<int>(RowInt(r, 6));
        t.groups = static_cast<int>(RowInt(r, 7));
        t.checked_in = static_cast<int>(RowInt(r, 8));
        t.arrived_people = static_cast<int>(RowInt(r, 9));
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<ExpectedRow> ExpectedOnDay(Database& db, long long site_id, const std::string& day) {
    std::vector<ExpectedRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT b.id, s.id, s.day_date, s.starts_at, s.ends_at, b.ticket_code, b.kind, "
                             "coalesce(u.display_name, ''), coalesce(sc.name, ''), coalesce(r.level, ''), b.people, "
                             "c.attended FROM session s JOIN booking b ON b.session_id = s.id AND b.status = "
                             "'confirmed' LEFT JOIN app_user u ON u.id = b.user_id AND u.deleted_at IS NULL LEFT JOIN "
                             "group_request r ON r.id = b.group_request_id LEFT JOIN school sc ON sc.id = r.school_id "
                             "LEFT JOIN check_in c ON c.booking_id = b.id WHERE s.site_id = :site AND s.day_date = :d "
                             "AND s.status = 'open' ORDER BY s.starts_at, s.id, b.id",
         soci::use(site_id), soci::use(day));
    for (const auto& r : rows) {
        ExpectedRow e;
        e.booking_id = RowInt(r, 0);
        e.session_id = RowInt(r, 1);
        e.site_id = site_id;
        e.day_date = r.get<std::string>(2);
        e.starts_at = r.get<std::string>(3);
        e.ends_at = r.get<std::string>(4);
        e.ticket_code = r.get<std::string>(5);
        e.kind = r.get<std::string>(6);
        e.booker_name = Text(r, 7);
        e.school_name = Text(r, 8);
        e.level = Text(r, 9);
        e.people = static_cast<int>(RowInt(r, 10));
        if (r.get_indicator(11) == soci::i_ok) e.attended = static_cast<int>(RowInt(r, 11));
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<std::pair<long long, std::string>> WishedSites(Database& db, long long request_id) {
    std::vector<std::pair<long long, std::string>> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT DISTINCT t.id, t.name FROM group_request_wish w LEFT JOIN session s ON s.id = "
                             "w.session_id JOIN site t ON t.id = coalesce(w.site_id, s.site_id) WHERE w.request_id = "
                             ":r ORDER BY t.id",
         soci::use(request_id));
    for (const auto& r : rows) out.emplace_back(RowInt(r, 0), r.get<std::string>(1));
    return out;
}

}  // namespace juo::store

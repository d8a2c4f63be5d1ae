// The exports' queries (see export_queries.h): one SELECT per list, scoped by department.
#include "store/reads/export_queries.h"

#include <algorithm>
#include <cctype>

#include "store/db/binding.h"
#include "store/db/dialect.h"

namespace juo::store {
namespace {

std::string Text(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

int Int(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? static_cast<int>(RowInt(r, i)) : 0;
}

std::optional<int> OptionalInt(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
    return static_cast<int>(RowInt(r, i));
}

bool IsDepartmentCode(const std::string& code) {
    return !code.empty() && code.size() <= 3 &&
           std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

}  // namespace

std::string ExportScope::Condition(const std::string& column) const {
    if (everything) return "1 = 1";
    std::string list;
    for (const auto& code : departments)
        if (IsDepartmentCode(code)) list += (list.empty() ? "'" : ", '") + code + "'";
    return list.empty() ? "1 = 0" : column + " IN (" + list + ")";
}

std::vector<SiteExportRow> ExportSites(Database& db, long long edition_id, const ExportScope& scope) {
    std::vector<SiteExportRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT t.id, t.name, o.name, t.siret, p.status, t.naf_code, t.naf_division, t.address, "
                             "t.postcode, t.commune_name, t.department_code, t.region_code, t.wheelchair_access, "
                             "t.hearing_access, t.accessibility_notes, t.min_age, (SELECT count(*) FROM session s "
                             "WHERE s.site_id = t.id AND s.edition_id = p.edition_id AND s.status <> 'cancelled') "
                             "FROM participation p JOIN site t ON t.id = p.site_id JOIN organisation o ON o.id = "
                             "t.organisation_id WHERE p.edition_id = :e AND " +
                                 scope.Condition("t.department_code") + " ORDER BY t.department_code, t.name, t.id",
         soci::use(edition_id));
    for (const auto& r : rows) {
        SiteExportRow s;
        s.site_id = RowInt(r, 0);
        s.name = r.get<std::string>(1);
        s.company = r.get<std::string>(2);
        s.siret = Text(r, 3);
        s.status = r.get<std::string>(4);
        s.naf_code = r.get<std::string>(5);
        s.naf_division = r.get<std::string>(6);
        s.address = r.get<std::string>(7);
        s.postcode = r.get<std::string>(8);
        s.commune_name = r.get<std::string>(9);
        s.department_code = r.get<std::string>(10);
        s.region_code = r.get<std::string>(11);
        s.wheelchair = Int(r, 12) != 0;
        s.hearing = Int(r, 13) != 0;
        s.accessibility_notes = Text(r, 14);
        s.min_age = OptionalInt(r, 15);
        s.sessions = Int(r, 16);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<SessionExportRow> ExportSessions(Database& db, long long edition_id, const ExportScope& scope) {
    std::vector<SessionExportRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.id, s.site_id, t.name, t.commune_name, t.department_code, s.day_date, "
                             "s.starts_at, s.ends_at, s.status, (SELECT " +
                                 StringAgg(db.dialect(), "x", "','") +
                                 " FROM (SELECT a.audience AS x FROM session_audience a WHERE a.session_id = s.id "
                                 "ORDER BY a.audience) AS audiences), s.min_level, s.capacity_people, s.capacity_groups, s.places_taken, s.groups_taken, "
                             "(SELECT coalesce(sum(c.attended), 0) FROM booking b JOIN check_in c ON c.booking_id = "
                             "b.id WHERE b.session_id = s.id) FROM session s JOIN site t ON t.id = s.site_id WHERE "
                             "s.edition_id = :e AND " +
                                 scope.Condition("t.department_code") +
                                 " ORDER BY s.day_date, s.starts_at, t.name, s.id",
         soci::use(edition_id));
    for (const auto& r : rows) {
        SessionExportRow s;
        s.session_id = RowInt(r, 0);
        s.site_id = RowInt(r, 1);
        s.site_name = r.get<std::string>(2);
        s.commune_name = r.get<std::string>(3);
        s.department_code = r.get<std::string>(4);
        s.day_date = r.get<std::string>(5);
        s.starts_at = r.get<std::string>(6);
        s.ends_at = r.get<std::string>(7);
        s.status = r.get<std::string>(8);
        s.audiences = Text(r, 9);
        s.min_level = Text(r, 10);
        s.capacity_people = Int(r, 11);
        s.capacity_groups = Int(r, 12);
        s.booked_people = Int(r, 13);
        s.booked_groups = Int(r, 14);
        s.checked_in = r.get_indicator(15) == soci::i_ok ? RowInt(r, 15) : 0;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<RequestExportRow> ExportRequests(Database& db, long long edition_id, const ExportScope& scope) {
    // A wish names a site, or a tour (whose site it is).
    const std::string wished_site = "coalesce(w.site_id, (SELECT ws.site_id FROM session ws WHERE ws.id = w.session_id))";
    std::vector<RequestExportRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT r.id, r.submitted_at, r.audience, r.status, r.level, sc.name, sc.uai, "
                             "sc.commune_name, r.department_code, r.pupils, r.adults, r.bus_needed, (SELECT " +
                                 StringAgg(db.dialect(), "x", "'; '") +
                                 " FROM (SELECT w.rank || '. ' || wt.name AS x FROM group_request_wish w JOIN site wt "
                                 "ON wt.id = " +
                                 wished_site +
                                 " WHERE w.request_id = r.id ORDER BY w.rank) AS wishes), b.session_id, dt.name, ds.day_date, "
                                 "ds.starts_at FROM group_request r LEFT JOIN school sc ON sc.id = r.school_id LEFT "
                                 "JOIN booking b ON b.id = (SELECT min(b2.id) FROM booking b2 WHERE "
                                 "b2.group_request_id = r.id AND b2.status = 'confirmed') LEFT JOIN session ds ON "
                                 "ds.id = b.session_id LEFT JOIN site dt ON dt.id = ds.site_id WHERE r.edition_id = :e "
                                 "AND (" +
                                 scope.Condition("r.department_code") +
                                 " OR EXISTS (SELECT 1 FROM group_request_wish w JOIN site st ON st.id = " + wished_site +
                                 " WHERE w.request_id = r.id AND " + scope.Condition("st.department_code") +
                                 ")) ORDER BY r.submitted_at, r.id",
         soci::use(edition_id));
    for (const auto& r : rows) {
        RequestExportRow q;
        q.request_id = RowInt(r, 0);
        q.submitted_at = r.get<std::string>(1);
        q.audience = r.get<std::string>(2);
        q.status = r.get<std::string>(3);
        q.level = r.get<std::string>(4);
        q.school_name = Text(r, 5);
        q.school_uai = Text(r, 6);
        q.commune_name = Text(r, 7);
        q.department_code = r.get<std::string>(8);
        q.pupils = Int(r, 9);
        q.adults = Int(r, 10);
        q.bus_needed = Int(r, 11) != 0;
        q.wishes = Text(r, 12);
        if (r.get_indicator(13) == soci::i_ok) q.decided_session_id = RowInt(r, 13);
        q.decided_site = Text(r, 14);
        q.decided_day = Text(r, 15);
        q.decided_starts_at = Text(r, 16);
        out.push_back(std::move(q));
    }
    return out;
}

std::vector<BookingExportRow> ExportBookings(Database& db, long long edition_id, const ExportScope& scope) {
    std::vector<BookingExportRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT b.id, b.session_id, s.day_date, s.starts_at, t.name, t.department_code, b.kind, "
                             "b.audience, b.status, b.created_at, b.people, c.attended, sc.name FROM booking b JOIN "
                             "session s ON s.id = b.session_id JOIN site t ON t.id = s.site_id LEFT JOIN check_in c ON "
                             "c.booking_id = b.id LEFT JOIN group_request g ON g.id = b.group_request_id LEFT JOIN "
                             "school sc ON sc.id = g.school_id WHERE b.edition_id = :e AND " +
                                 scope.Condition("t.department_code") +
                                 " ORDER BY s.day_date, s.starts_at, s.id, b.id",
         soci::use(edition_id));
    for (const auto& r : rows) {
        BookingExportRow b;
        b.booking_id = RowInt(r, 0);
        b.session_id = RowInt(r, 1);
        b.day_date = r.get<std::string>(2);
        b.starts_at = r.get<std::string>(3);
        b.site_name = r.get<std::string>(4);
        b.department_code = r.get<std::string>(5);
        b.kind = r.get<std::string>(6);
        b.audience = r.get<std::string>(7);
        b.status = r.get<std::string>(8);
        b.created_at = r.get<std::string>(9);
        b.people = Int(r, 10);
        b.attended = OptionalInt(r, 11);
        b.school_name = b.kind == "group" ? Text(r, 12) : std::string();
        out.push_back(std::move(b));
    }
    return out;
}

std::vector<AnswerExportRow> ExportAnswers(Database& db, long long edition_id, const ExportScope& scope) {
    std::vector<AnswerExportRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT sr.id, sv.title, sv.audience, sr.submitted_at, q.position, q.text_fr, q.kind, "
                             "t.name, coalesce(t.department_code, sc.department_code), a.rating, a.yes_no, "
                             "a.text_value FROM survey_answer a JOIN survey_response sr ON sr.id = a.response_id JOIN "
                             "survey sv ON sv.id = sr.survey_id JOIN survey_question q ON q.id = a.question_id LEFT "
                             "JOIN site t ON t.id = sr.site_id LEFT JOIN app_user u ON u.id = sr.user_id LEFT JOIN "
                             "school sc ON sc.id = u.school_id WHERE sv.edition_id = :e AND " +
                                 scope.Condition("coalesce(t.department_code, sc.department_code)") +
                                 " ORDER BY sv.id, sr.id, q.position",
         soci::use(edition_id));
    for (const auto& r : rows) {
        AnswerExportRow a;
        a.response_id = RowInt(r, 0);
        a.survey_title = r.get<std::string>(1);
        a.survey_audience = r.get<std::string>(2);
        a.submitted_at = r.get<std::string>(3);
        a.question_position = Int(r, 4);
        a.question_text = r.get<std::string>(5);
        a.question_kind = r.get<std::string>(6);
        a.site_name = Text(r, 7);
        a.department_code = Text(r, 8);
        a.rating = OptionalInt(r, 9);
        if (auto yes = OptionalInt(r, 10)) a.yes_no = *yes != 0;
        a.text = Text(r, 11);
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace juo::store

// Aggregate queries of the bilan. Each figure is one grouped query over indexed columns so the
// report stays fast at the Journées du Patrimoine scale (hundreds of thousands of bookings).
#include "store/reads/bilan_queries.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <set>
#include <unordered_map>

#include "domain/audience.h"
#include "domain/survey.h"
#include "store/editions/edition_repository.h"

namespace juo::store {
namespace {

// SQL conditions of a scope. The codes are checked by ValidateScope before they are inlined, so
// the number of departments does not change the number of bound parameters.
struct ScopeSql {
    std::string departments;  // "'69','38'" or empty
    std::string audience;     // "'school'" or empty

    // " AND alias.department_code IN (…)", or nothing for the whole country.
    std::string Dep(const char* alias) const {
        return departments.empty()
                   ? ""
                   : std::string(" AND ") + alias + ".department_code IN (" + departments + ")";
    }
    // " AND the session `alias` admits the audience", or nothing.
    std::string SessionAudience(const char* alias) const {
        return audience.empty()
                   ? ""
                   : std::string(" AND EXISTS (SELECT 1 FROM session_audience sa WHERE sa.session_id = ") +
                         alias + ".id AND sa.audience = " + audience + ")";
    }
    // " AND alias.audience = …", or nothing.
    std::string Audience(const char* alias) const {
        return audience.empty() ? "" : std::string(" AND ") + alias + ".audience = " + audience;
    }
};

bool IsCodeChar(char c) { return (c >= '0' && c <= '9') || c == 'A' || c == 'B'; }

Result<ScopeSql> ValidateScope(const BilanScope& scope) {
    ScopeSql sql;
    for (const auto& code : scope.department_codes) {
        bool ok = code.size() >= 2 && code.size() <= 3;
        for (char c : code) ok = ok && IsCodeChar(c);
        if (!ok)
            return MakeError(ErrorCode::kInvalidArgument, "not a department code: '" + code + "'",
                             "code de département inconnu : « " + code + " »");
        if (!sql.departments.empty()) sql.departments += ",";
        sql.departments += "'" + code + "'";
    }
    if (!scope.audience.empty()) {
        if (!domain::ParseAudience(scope.audience))
            return MakeError(ErrorCode::kInvalidArgument, "not an audience: '" + scope.audience + "'",
                             "public inconnu : « " + scope.audience + " »");
        sql.audience = "'" + scope.audience + "'";
    }
    return sql;
}

std::vector<KeyCount> KeyCounts(Database& db, const std::string& query, long long edition_id) {
    std::vector<KeyCount> out;
    KeyCount row;
    soci::statement st =
        (db.sql().prepare << query, soci::use(edition_id, "e"), soci::into(row.key), soci::into(row.count));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
}

// Sites that are open in the edition: approved, with at least one tour not cancelled (admitting
// the scope's audience), in the scope's departments.
std::string OpenSites(const ScopeSql& q) {
    return "SELECT st.* FROM site st JOIN participation p ON p.site_id = st.id AND p.edition_id = :e AND "
           "p.status = 'approved' WHERE EXISTS (SELECT 1 FROM session s WHERE s.site_id = st.id AND "
           "s.edition_id = :e AND s.status <> 'cancelled'" +
           q.SessionAudience("s") + ")" + q.Dep("st");
}

void LoadSites(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    const std::string open = OpenSites(q);
    db.sql() << "SELECT count(*) FROM (" + open + ") o", soci::use(e, "e"), soci::into(d.sites_open);
    d.sites_by_region = KeyCounts(
        db, "SELECT region_code, count(*) FROM (" + open + ") o GROUP BY region_code ORDER BY 2 DESC, 1", e);
    d.sites_by_department = KeyCounts(
        db,
        "SELECT department_code, count(*) FROM (" + open + ") o GROUP BY department_code ORDER BY 2 DESC, 1",
        e);
    d.sites_by_division = KeyCounts(
        db, "SELECT naf_division, count(*) FROM (" + open + ") o GROUP BY naf_division ORDER BY 2 DESC, 1",
        e);
    SitePoint point;
    soci::statement st =
        (db.sql().prepare << "SELECT o.latitude, o.longitude FROM (" + open +
                                 ") o WHERE EXISTS (SELECT 1 FROM session s WHERE s.site_id = o.id AND "
                                 "s.edition_id = :e AND s.status <> 'cancelled' AND s.capacity_groups > 0)",
         soci::use(e, "e"), soci::into(point.lat), soci::into(point.lon));
    st.execute();
    while (st.fetch()) d.group_site_points.push_back(point);
}

void LoadDays(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    for (const auto& day : d.edition.days) {
        DayActivity a;
        a.date = day.date;
        for (auto aud : day.audiences) a.audiences.emplace_back(domain::ToCode(aud));
        db.sql()
            << "SELECT count(DISTINCT s.site_id), count(*) FROM session s JOIN participation p ON "
               "p.site_id = s.site_id AND p.edition_id = s.edition_id AND p.status = 'approved' JOIN site "
               "st ON st.id = s.site_id WHERE s.edition_id = :e AND s.day_date = :d AND s.status <> "
               "'cancelled'" +
                   q.SessionAudience("s") + q.Dep("st"),
            soci::use(e, "e"), soci::use(a.date, "d"), soci::into(a.events), soci::into(a.sessions);
        d.days.push_back(std::move(a));
    }
}

// Visitors by audience and by department, in one pass over the bookings grouped by session: the
// department of a session comes from a second, small query. Joining every booking to its site
// instead costs a random read per booking (measured: 3 s instead of 1 s at scale 75).
void LoadVisitorsAndAreas(Database& db, long long e, const ScopeSql& q, const BilanScope& scope,
                          BilanData& d) {
    std::unordered_map<long long, std::string> department_of_session;
    {
        long long session = 0;
        std::string department;
        soci::statement st =
            (db.sql().prepare << "SELECT s.id, st.department_code FROM session s JOIN site st ON "
                                 "st.id = s.site_id WHERE s.edition_id = :e",
             soci::use(e, "e"), soci::into(session), soci::into(department));
        st.execute();
        while (st.fetch()) department_of_session.emplace(session, department);
    }
    const std::set<std::string> in_scope(scope.department_codes.begin(), scope.department_codes.end());
    std::map<std::string, AudienceVisitors> by_audience;
    std::map<std::string, AreaActivity> areas;
    for (const auto& kc : d.sites_by_department) {
        areas[kc.key].code = kc.key;
        areas[kc.key].sites = kc.count;
    }
    long long session = 0;
    AudienceVisitors row;
    soci::statement st =
        (db.sql().prepare
             << "SELECT b.session_id, b.audience, count(*), sum(b.people), count(c.id), "
                "coalesce(sum(c.attended), 0) FROM booking b LEFT JOIN check_in c ON c.booking_id = "
                "b.id WHERE b.edition_id = :e AND b.status = 'confirmed'" +
                    q.Audience("b") + " GROUP BY b.session_id, b.audience",
         soci::use(e, "e"), soci::into(session), soci::into(row.audience), soci::into(row.bookings),
         soci::into(row.booked_people), soci::into(row.checked_in_bookings), soci::into(row.attended));
    st.execute();
    while (st.fetch()) {
        const auto it = department_of_session.find(session);
        const std::string department = it == department_of_session.end() ? std::string() : it->second;
        if (!in_scope.empty() && !in_scope.count(department)) continue;
        AudienceVisitors& a = by_audience[row.audience];
        a.audience = row.audience;
        a.bookings += row.bookings;
        a.booked_people += row.booked_people;
        a.checked_in_bookings += row.checked_in_bookings;
        a.attended += row.attended;
        AreaActivity& area = areas[department];
        area.code = department;
        area.booked_people += row.booked_people;
        area.attended += row.attended;
    }
    for (auto& [code, a] : by_audience) d.visitors.push_back(std::move(a));

    std::string code;
    long long requests = 0, refused = 0;
    soci::statement demand =
        (db.sql().prepare << "SELECT r.department_code, count(*), coalesce(sum(CASE WHEN r.status = "
                             "'refused' THEN 1 ELSE 0 END), 0) FROM group_request r WHERE r.edition_id = :e "
                             "AND r.status <> 'cancelled'" +
                                 q.Audience("r") + q.Dep("r") + " GROUP BY r.department_code",
         soci::use(e, "e"), soci::into(code), soci::into(requests), soci::into(refused));
    demand.execute();
    while (demand.fetch()) {
        areas[code].code = code;
        areas[code].requests = requests;
        areas[code].refused = refused;
    }
    for (auto& [key, area] : areas) d.by_department.push_back(std::move(area));
}

void LoadRequests(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    const std::string requests_in_scope =
        "FROM group_request r WHERE r.edition_id = :e AND r.status <> "
        "'cancelled'" +
        q.Audience("r") + q.Dep("r");
    db.sql() << "SELECT count(*), coalesce(sum(CASE WHEN r.status = 'accepted' THEN 1 ELSE 0 END), 0), "
                "coalesce(sum(CASE WHEN r.status = 'refused' THEN 1 ELSE 0 END), 0), "
                "coalesce(sum(r.bus_needed), 0) " +
                    requests_in_scope,
        soci::use(e, "e"), soci::into(d.group_requests), soci::into(d.group_requests_accepted),
        soci::into(d.group_requests_refused), soci::into(d.group_requests_bus_needed);
    {
        RequestPoint point;
        std::string status;
        soci::statement st =
            (db.sql().prepare << "SELECT r.latitude, r.longitude, r.department_code, r.pupils, r.status " +
                                     requests_in_scope,
             soci::use(e, "e"), soci::into(point.lat), soci::into(point.lon),
             soci::into(point.department_code), soci::into(point.pupils), soci::into(status));
        st.execute();
        while (st.fetch()) {
            point.refused = status == "refused";
            d.request_points.push_back(point);
        }
    }

    std::map<long long, SiteDemand> by_site;
    {
        SiteDemand row;
        soci::statement st = (db.sql().prepare << "SELECT id, name, commune_name, department_code FROM (" +
                                                      OpenSites(q) + ") o",
                              soci::use(e, "e"), soci::into(row.site_id), soci::into(row.name),
                              soci::into(row.commune), soci::into(row.department_code));
        st.execute();
        while (st.fetch()) by_site[row.site_id] = row;
    }
    long long site = 0, n = 0;
    soci::statement requests =
        (db.sql().prepare
             << "SELECT coalesce(w.site_id, ws.site_id) AS site, count(DISTINCT w.request_id) "
                "FROM group_request_wish w JOIN group_request r ON r.id = w.request_id LEFT JOIN "
                "session ws ON ws.id = w.session_id WHERE r.edition_id = :e AND r.status <> "
                "'cancelled'" +
                    q.Audience("r") + " GROUP BY coalesce(w.site_id, ws.site_id)",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    requests.execute();
    while (requests.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.requests = n;
    soci::statement accepted =
        (db.sql().prepare
             << "SELECT s.site_id, count(*) FROM booking b JOIN session s ON s.id = b.session_id "
                "WHERE b.edition_id = :e AND b.kind = 'group' AND b.status = 'confirmed'" +
                    q.Audience("b") + " GROUP BY s.site_id",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    accepted.execute();
    while (accepted.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.accepted_groups = n;
    soci::statement capacity =
        (db.sql().prepare
             << "SELECT s.site_id, sum(s.capacity_groups) FROM session s WHERE s.edition_id = :e "
                "AND s.status <> 'cancelled'" +
                    q.SessionAudience("s") + " GROUP BY s.site_id",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    capacity.execute();
    while (capacity.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.group_capacity = n;
    for (auto& [id, demand] : by_site)
        if (demand.requests > 0 || demand.group_capacity > 0) d.demand.push_back(std::move(demand));
}

void LoadBuses(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    // A bus is in the scope when one of the groups it carries visits a site of the scope. Live buses
    // only (issue 18): a draft run's 'planned' buses and the cancelled ones are not counted.
    const std::string in_scope =
        q.departments.empty() && q.audience.empty()
            ? std::string()
            : " AND EXISTS (SELECT 1 FROM bus_booking bb JOIN booking b ON b.id = bb.booking_id JOIN session "
              "s ON s.id = b.session_id JOIN site st ON st.id = s.site_id WHERE bb.bus_id = bus.id" +
                  q.Audience("b") + q.Dep("st") + ")";
    db.sql() << "SELECT count(*), coalesce(sum(seats), 0), coalesce(sum(cost_cents), 0), "
                "coalesce(sum(distance_km), 0) FROM bus WHERE edition_id = :e AND status = 'booked'" +
                    in_scope,
        soci::use(e, "e"), soci::into(d.buses), soci::into(d.bus_seats), soci::into(d.bus_cost_cents),
        soci::into(d.bus_km);
    db.sql() << "SELECT count(DISTINCT k.id), coalesce(sum(k.people), 0) FROM (SELECT DISTINCT b.id, "
                "b.people FROM bus_booking bb JOIN bus ON bus.id = bb.bus_id JOIN booking b ON b.id = "
                "bb.booking_id JOIN session s ON s.id = b.session_id JOIN site st ON st.id = s.site_id WHERE "
                "bus.edition_id = :e AND bus.status = 'booked' AND b.status = 'confirmed'" +
                    q.Audience("b") + q.Dep("st") + ") k",
        soci::use(e, "e"), soci::into(d.bus_groups), soci::into(d.bus_people);
}

void LoadOutreach(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    d.media_by_kind = KeyCounts(db,
                                "SELECT m.kind, count(*) FROM media_mention m WHERE m.edition_id = :e" +
                                    q.Dep("m") + " GROUP BY m.kind ORDER BY m.kind",
                                e);
    MediaMonth month;
    soci::statement months =
        (db.sql().prepare << "SELECT m.kind, substr(m.published_on, 1, 7), count(*) FROM media_mention m "
                             "WHERE m.edition_id = :e" +
                                 q.Dep("m") + " GROUP BY 1, 2 ORDER BY 1, 2",
         soci::use(e, "e"), soci::into(month.kind), soci::into(month.month), soci::into(month.count));
    months.execute();
    while (months.fetch()) d.media_by_month.push_back(month);
    // Social mentions have no place: they count in the national bilan only.
    if (q.departments.empty())
        db.sql() << "SELECT coalesce(sum(mentions), 0) FROM social_mentions WHERE edition_id = :e",
            soci::use(e, "e"), soci::into(d.social_mentions);
    db.sql() << "SELECT count(*), coalesce(sum(pages), 0) FROM teaching_kit_document WHERE edition_id = :e "
                "AND published = 1",
        soci::use(e, "e"), soci::into(d.teaching_kit_documents), soci::into(d.teaching_kit_pages);
    db.sql() << "SELECT count(*), coalesce(sum(i.places), 0), coalesce(sum(i.filled), 0) FROM "
                "internship_offer i JOIN site st ON st.id = i.site_id WHERE i.edition_id = :e" +
                    q.Dep("st"),
        soci::use(e, "e"), soci::into(d.internship_offers), soci::into(d.internship_places),
        soci::into(d.internship_filled);
    QuoteRow row;
    soci::statement quotes =
        (db.sql().prepare << "SELECT text, author_label FROM quote WHERE edition_id = :e AND "
                             "published = 1 ORDER BY id",
         soci::use(e, "e"), soci::into(row.text), soci::into(row.author_label));
    quotes.execute();
    while (quotes.fetch()) d.quotes.push_back(row);
}

void LoadHostSurvey(Database& db, long long e, const ScopeSql& q, BilanData& d) {
    const std::string satisfaction(domain::kQuestionSatisfaction), open_again(domain::kQuestionOpenAgain);
    const int satisfied_from = domain::kSatisfiedFromRating;
    // Host answers belong to the site of the response; without a scope every answer counts.
    const std::string from =
        " FROM survey_answer a JOIN survey_question qu ON qu.id = a.question_id JOIN survey s ON s.id = "
        "qu.survey_id" +
        std::string(q.departments.empty()
                        ? ""
                        : " JOIN survey_response sr ON sr.id = a.response_id JOIN site st ON "
                          "st.id = sr.site_id") +
        " WHERE s.edition_id = :e AND s.audience = 'hosts' AND qu.code = :code" + q.Dep("st");
    db.sql() << "SELECT count(a.rating), coalesce(sum(CASE WHEN a.rating >= :from THEN 1 ELSE 0 END), 0)" +
                    from,
        soci::use(satisfied_from, "from"), soci::use(e, "e"), soci::use(satisfaction, "code"),
        soci::into(d.host_satisfaction_answers), soci::into(d.host_satisfied);
    db.sql() << "SELECT count(a.yes_no), coalesce(sum(a.yes_no), 0)" + from, soci::use(e, "e"),
        soci::use(open_again, "code"), soci::into(d.host_open_again_answers),
        soci::into(d.host_open_again_yes);
}

}  // namespace

Result<BilanData> LoadBilanData(Database& db, int year, const BilanScope& scope) {
    auto sql = ValidateScope(scope);
    if (!sql.ok()) return sql.error();
    const ScopeSql& q = *sql;
    try {
        auto edition = FindEditionByYear(db, year);
        if (!edition.ok()) return edition.error();
        BilanData d;
        d.edition = std::move(*edition);
        d.scope = scope;
        const long long e = d.edition.id;
        // JUO_TRACE_BILAN=1 prints the time of each stage on stderr (to see where a slow bilan goes).
        const bool trace = std::getenv("JUO_TRACE_BILAN") != nullptr;
        auto started = std::chrono::steady_clock::now();
        auto stage = [&](const char* name, auto&& load) {
            load();
            if (!trace) return;
            const auto now = std::chrono::steady_clock::now();
            std::fprintf(stderr, "bilan %d: %-9s %7.3f s\n", year, name,
                         std::chrono::duration<double>(now - started).count());
            started = now;
        };
        stage("sites", [&] { LoadSites(db, e, q, d); });
        stage("days", [&] { LoadDays(db, e, q, d); });
        stage("visitors", [&] { LoadVisitorsAndAreas(db, e, q, scope, d); });
        stage("requests", [&] { LoadRequests(db, e, q, d); });
        stage("buses", [&] { LoadBuses(db, e, q, d); });
        stage("outreach", [&] { LoadOutreach(db, e, q, d); });
        stage("survey", [&] { LoadHostSurvey(db, e, q, d); });
        return d;
    } catch (const soci::soci_error& err) {
        return db.FromException(err);
    }
}

}  // namespace juo::store

namespace juo::store {

bool HasEdition(Database& db, int year) {
    try {
        return FindEditionByYear(db, year).ok();
    } catch (const soci::soci_error&) {
        return false;
    }
}

Result<BilanDataPair> LoadBilanWithPrevious(Database& db, int year, const BilanScope& scope) {
    std::future<Result<std::optional<BilanData>>> previous;
    if (HasEdition(db, year - 1)) {
        previous = std::async(std::launch::async, [url = db.connection_url(), year, scope]()
                                                      -> Result<std::optional<BilanData>> {
            auto other = Database::Open(url, OpenMode::kMustExist);
            if (!other.ok()) return other.error();
            auto data = LoadBilanData(**other, year - 1, scope);
            if (!data.ok()) return data.error();
            return std::optional<BilanData>(std::move(*data));
        });
    }
    auto current = LoadBilanData(db, year, scope);
    BilanDataPair pair;
    if (previous.valid()) {
        auto before = previous.get();  // waited for even when the current edition failed
        if (!before.ok()) return before.error();
        pair.previous = std::move(*before);
    }
    if (!current.ok()) return current.error();
    pair.current = std::move(*current);
    return pair;
}

}  // namespace juo::store

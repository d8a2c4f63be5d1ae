// Aggregate queries of the bilan. Each figure is one grouped query over indexed columns so the
// report stays fast at the Journées du Patrimoine scale (hundreds of thousands of bookings).
#include "store/bilan_queries.h"

#include <map>

#include "domain/survey.h"
#include "store/edition_repository.h"

namespace juo::store {
namespace {

std::vector<KeyCount> KeyCounts(Database& db, const std::string& query, long long edition_id) {
    std::vector<KeyCount> out;
    KeyCount row;
    soci::statement st =
        (db.sql().prepare << query, soci::use(edition_id, "e"), soci::into(row.key), soci::into(row.count));
    st.execute();
    while (st.fetch()) out.push_back(row);
    return out;
}

// Sites that are open in the edition: approved, with at least one tour not cancelled.
constexpr const char* kOpenSites =
    "SELECT st.* FROM site st JOIN participation p ON p.site_id = st.id AND p.edition_id = :e AND p.status = "
    "'approved' WHERE EXISTS (SELECT 1 FROM session s WHERE s.site_id = st.id AND s.edition_id = :e AND "
    "s.status <> 'cancelled')";

void LoadSites(Database& db, long long e, BilanData& d) {
    const std::string open = kOpenSites;
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
}

void LoadDays(Database& db, long long e, BilanData& d) {
    for (const auto& day : d.edition.days) {
        DayActivity a;
        a.date = day.date;
        for (auto aud : day.audiences) a.audiences.emplace_back(domain::ToCode(aud));
        db.sql()
            << "SELECT count(DISTINCT s.site_id), count(*) FROM session s JOIN participation p ON p.site_id "
               "= "
               "s.site_id AND p.edition_id = s.edition_id AND p.status = 'approved' WHERE s.edition_id = :e "
               "AND s.day_date = :d AND s.status <> 'cancelled'",
            soci::use(e, "e"), soci::use(a.date, "d"), soci::into(a.events), soci::into(a.sessions);
        d.days.push_back(std::move(a));
    }
}

void LoadVisitors(Database& db, long long e, BilanData& d) {
    AudienceVisitors row;
    soci::statement st =
        (db.sql().prepare
             << "SELECT b.audience, count(*), sum(b.people), count(c.id), coalesce(sum(c.attended), 0) "
                "FROM booking b LEFT JOIN check_in c ON c.booking_id = b.id WHERE b.edition_id = :e "
                "AND b.status = 'confirmed' GROUP BY b.audience ORDER BY b.audience",
         soci::use(e, "e"), soci::into(row.audience), soci::into(row.bookings), soci::into(row.booked_people),
         soci::into(row.checked_in_bookings), soci::into(row.attended));
    st.execute();
    while (st.fetch()) d.visitors.push_back(row);
}

void LoadRequests(Database& db, long long e, BilanData& d) {
    db.sql()
        << "SELECT count(*), coalesce(sum(CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0), "
           "coalesce(sum(CASE WHEN status = 'refused' THEN 1 ELSE 0 END), 0), coalesce(sum(bus_needed), 0) "
           "FROM group_request WHERE edition_id = :e AND status <> 'cancelled'",
        soci::use(e, "e"), soci::into(d.group_requests), soci::into(d.group_requests_accepted),
        soci::into(d.group_requests_refused), soci::into(d.group_requests_bus_needed);

    std::map<long long, SiteDemand> by_site;
    {
        SiteDemand row;
        const std::string open = kOpenSites;
        soci::statement st =
            (db.sql().prepare << "SELECT id, name, commune_name, department_code FROM (" + open + ") o",
             soci::use(e, "e"), soci::into(row.site_id), soci::into(row.name), soci::into(row.commune),
             soci::into(row.department_code));
        st.execute();
        while (st.fetch()) by_site[row.site_id] = row;
    }
    long long site = 0, n = 0;
    soci::statement requests =
        (db.sql().prepare
             << "SELECT coalesce(w.site_id, ws.site_id) AS site, count(DISTINCT w.request_id) FROM "
                "group_request_wish w JOIN group_request r ON r.id = w.request_id LEFT JOIN session ws "
                "ON ws.id = w.session_id WHERE r.edition_id = :e AND r.status <> 'cancelled' GROUP BY "
                "coalesce(w.site_id, ws.site_id)",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    requests.execute();
    while (requests.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.requests = n;
    soci::statement accepted =
        (db.sql().prepare
             << "SELECT s.site_id, count(*) FROM booking b JOIN session s ON s.id = b.session_id WHERE "
                "b.edition_id = :e AND b.kind = 'group' AND b.status = 'confirmed' GROUP BY s.site_id",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    accepted.execute();
    while (accepted.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.accepted_groups = n;
    soci::statement capacity =
        (db.sql().prepare
             << "SELECT site_id, sum(capacity_groups) FROM session WHERE edition_id = :e AND status <> "
                "'cancelled' GROUP BY site_id",
         soci::use(e, "e"), soci::into(site), soci::into(n));
    capacity.execute();
    while (capacity.fetch())
        if (auto it = by_site.find(site); it != by_site.end()) it->second.group_capacity = n;
    for (auto& [id, demand] : by_site)
        if (demand.requests > 0 || demand.group_capacity > 0) d.demand.push_back(std::move(demand));
}

void LoadBuses(Database& db, long long e, BilanData& d) {
    db.sql() << "SELECT count(*), coalesce(sum(seats), 0), coalesce(sum(cost_cents), 0), "
                "coalesce(sum(distance_km), 0) "
                "FROM bus WHERE edition_id = :e AND status <> 'cancelled'",
        soci::use(e, "e"), soci::into(d.buses), soci::into(d.bus_seats), soci::into(d.bus_cost_cents),
        soci::into(d.bus_km);
    db.sql() << "SELECT count(DISTINCT k.id), coalesce(sum(k.people), 0) FROM (SELECT DISTINCT b.id, "
                "b.people FROM "
                "bus_booking bb JOIN bus ON bus.id = bb.bus_id JOIN booking b ON b.id = bb.booking_id WHERE "
                "bus.edition_id = :e AND bus.status <> 'cancelled' AND b.status = 'confirmed') k",
        soci::use(e, "e"), soci::into(d.bus_groups), soci::into(d.bus_people);
}

void LoadOutreach(Database& db, long long e, BilanData& d) {
    d.media_by_kind = KeyCounts(
        db, "SELECT kind, count(*) FROM media_mention WHERE edition_id = :e GROUP BY kind ORDER BY kind", e);
    db.sql() << "SELECT coalesce(sum(mentions), 0) FROM social_mentions WHERE edition_id = :e",
        soci::use(e, "e"), soci::into(d.social_mentions);
    db.sql()
        << "SELECT count(*), coalesce(sum(pages), 0) FROM teaching_kit_document WHERE edition_id = :e AND "
           "published = 1",
        soci::use(e, "e"), soci::into(d.teaching_kit_documents), soci::into(d.teaching_kit_pages);
    db.sql()
        << "SELECT count(*), coalesce(sum(places), 0), coalesce(sum(filled), 0) FROM internship_offer WHERE "
           "edition_id = :e",
        soci::use(e, "e"), soci::into(d.internship_offers), soci::into(d.internship_places),
        soci::into(d.internship_filled);
    QuoteRow q;
    soci::statement quotes =
        (db.sql().prepare << "SELECT text, author_label FROM quote WHERE edition_id = :e AND "
                             "published = 1 ORDER BY id",
         soci::use(e, "e"), soci::into(q.text), soci::into(q.author_label));
    quotes.execute();
    while (quotes.fetch()) d.quotes.push_back(q);
}

void LoadHostSurvey(Database& db, long long e, BilanData& d) {
    const std::string satisfaction(domain::kQuestionSatisfaction), open_again(domain::kQuestionOpenAgain);
    const int satisfied_from = domain::kSatisfiedFromRating;
    db.sql()
        << "SELECT count(a.rating), coalesce(sum(CASE WHEN a.rating >= :from THEN 1 ELSE 0 END), 0) FROM "
           "survey_answer a JOIN survey_question q ON q.id = a.question_id JOIN survey s ON s.id = "
           "q.survey_id "
           "WHERE s.edition_id = :e AND s.audience = 'hosts' AND q.code = :code",
        soci::use(satisfied_from, "from"), soci::use(e, "e"), soci::use(satisfaction, "code"),
        soci::into(d.host_satisfaction_answers), soci::into(d.host_satisfied);
    db.sql() << "SELECT count(a.yes_no), coalesce(sum(a.yes_no), 0) FROM survey_answer a JOIN "
                "survey_question q ON "
                "q.id = a.question_id JOIN survey s ON s.id = q.survey_id WHERE s.edition_id = :e AND "
                "s.audience = "
                "'hosts' AND q.code = :code",
        soci::use(e, "e"), soci::use(open_again, "code"), soci::into(d.host_open_again_answers),
        soci::into(d.host_open_again_yes);
}

}  // namespace

Result<BilanData> LoadBilanData(Database& db, int year) {
    try {
        auto edition = FindEditionByYear(db, year);
        if (!edition.ok()) return edition.error();
        BilanData d;
        d.edition = std::move(*edition);
        const long long e = d.edition.id;
        LoadSites(db, e, d);
        LoadDays(db, e, d);
        LoadVisitors(db, e, d);
        LoadRequests(db, e, d);
        LoadBuses(db, e, d);
        LoadOutreach(db, e, d);
        LoadHostSurvey(db, e, d);
        return d;
    } catch (const soci::soci_error& err) {
        return db.FromException(err);
    }
}

}  // namespace juo::store

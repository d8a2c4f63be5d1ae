// Group request views and decisions (see group_request_queries.h).
#include "store/groups/group_request_queries.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "domain/school.h"
#include "store/db/binding.h"
#include "store/groups/allocation_queries.h"

namespace juo::store {
namespace {

constexpr const char* kRequestSelect =
    "SELECT r.id, r.edition_id, r.requester_user_id, r.audience, r.level, r.pupils, r.adults, r.bus_needed, "
    "r.status, r.message, r.submitted_at, r.decided_at, r.department_code, u.display_name, u.email, "
    "b.id, b.session_id, t.id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at, b.ticket_code, "
    "r.school_id, sc.name, sc.to_check, r.radius_km "
    "FROM group_request r LEFT JOIN app_user u ON u.id = r.requester_user_id "
    "LEFT JOIN school sc ON sc.id = r.school_id "
    "LEFT JOIN booking b ON b.group_request_id = r.id AND b.status = 'confirmed' "
    "LEFT JOIN session s ON s.id = b.session_id LEFT JOIN site t ON t.id = s.site_id ";

GroupRequestView ViewFromRow(const soci::row& row) {
    GroupRequestView v;
    auto& r = v.request;
    r.id = RowInt(row, 0);
    r.edition_id = RowInt(row, 1);
    if (row.get_indicator(2) == soci::i_ok) r.requester_user_id = RowInt(row, 2);
    r.audience = domain::ParseAudience(row.get<std::string>(3)).value_or(domain::Audience::kSchool);
    r.level = row.get<std::string>(4);
    r.pupils = static_cast<int>(RowInt(row, 5));
    r.adults = static_cast<int>(RowInt(row, 6));
    r.bus_needed = RowInt(row, 7) != 0;
    r.status = domain::ParseRequestStatus(row.get<std::string>(8)).value_or(domain::RequestStatus::kPending);
    if (row.get_indicator(9) == soci::i_ok) r.message = row.get<std::string>(9);
    r.submitted_at = row.get<std::string>(10);
    if (row.get_indicator(11) == soci::i_ok) r.decided_at = row.get<std::string>(11);
    r.department_code = row.get<std::string>(12);
    if (row.get_indicator(13) == soci::i_ok) v.requester_name = row.get<std::string>(13);
    if (row.get_indicator(14) == soci::i_ok) v.requester_email = row.get<std::string>(14);
    if (row.get_indicator(15) == soci::i_ok) {
        v.booking_id = RowInt(row, 15);
        TourSummary t;
        t.session_id = RowInt(row, 16);
        t.site_id = RowInt(row, 17);
        t.site_name = row.get<std::string>(18);
        t.commune = row.get<std::string>(19);
        t.day_date = row.get<std::string>(20);
        t.starts_at = row.get<std::string>(21);
        t.ends_at = row.get<std::string>(22);
        v.accepted_tour = t;
        v.ticket_code = row.get<std::string>(23);
    }
    if (row.get_indicator(24) == soci::i_ok) {
        r.school_id = RowInt(row, 24);
        v.school_name = row.get<std::string>(25);
        v.school_to_check = RowInt(row, 26) != 0;
    }
    if (row.get_indicator(27) == soci::i_ok) r.radius_km = row.get<double>(27);
    return v;
}

// Reads the wishes of `views` (one query per request: a page shows tens of them).
void LoadWishes(Database& db, std::vector<GroupRequestView>& views) {
    long long id = 0;
    for (auto& v : views) {
        id = v.request.id;
        soci::rowset<soci::row> rows =
            (db.sql().prepare
                 << "SELECT w.rank, w.session_id, t.id, t.name, t.commune_name, t.department_code, "
                    "s.day_date, s.starts_at, s.ends_at, s.capacity_people - s.places_taken, "
                    "s.capacity_groups - s.groups_taken, w.unavailable_at FROM "
                    "group_request_wish w LEFT JOIN session s ON s.id = w.session_id JOIN site t ON t.id = "
                    "coalesce(w.site_id, s.site_id) WHERE w.request_id = :id ORDER BY w.rank",
             soci::use(id));
        for (const auto& r : rows) {
            WishView w;
            w.rank = static_cast<int>(RowInt(r, 0));
            if (r.get_indicator(1) == soci::i_ok) w.session_id = RowInt(r, 1);
            w.site_id = RowInt(r, 2);
            w.site_name = r.get<std::string>(3);
            w.commune = r.get<std::string>(4);
            w.department_code = r.get<std::string>(5);
            if (r.get_indicator(6) == soci::i_ok) {
                w.day_date = r.get<std::string>(6);
                w.starts_at = r.get<std::string>(7);
                w.ends_at = r.get<std::string>(8);
                w.places_left = std::max(0, static_cast<int>(RowInt(r, 9)));
                w.groups_left = std::max(0, static_cast<int>(RowInt(r, 10)));
            }
            w.unavailable = r.get_indicator(11) == soci::i_ok;
            domain::Wish wish;
            wish.rank = w.rank;
            wish.session_id = w.session_id;
            if (!w.session_id) wish.site_id = w.site_id;
            v.request.wishes.push_back(wish);
            v.wishes.push_back(std::move(w));
        }
        if (v.request.radius_km) {
            soci::rowset<std::string> divisions =
                (db.sql().prepare << "SELECT naf_division FROM group_request_sector WHERE request_id = :id "
                                     "ORDER BY naf_division",
                 soci::use(id));
            for (const auto& d : divisions) v.request.sector_divisions.push_back(d);
        }
    }
}

std::vector<GroupRequestView> Views(soci::rowset<soci::row>& rows) {
    std::vector<GroupRequestView> out;
    for (const auto& r : rows) out.push_back(ViewFromRow(r));
    return out;
}

}  // namespace

std::string DepartmentLiterals(const std::vector<std::string>& departments) {
    std::string codes;
    for (const auto& d : departments) {
        if (d.empty() || d.size() > 3 ||
            !std::all_of(d.begin(), d.end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
            continue;
        codes += (codes.empty() ? "'" : ", '") + d + "'";
    }
    return codes;
}

std::optional<GroupRequestView> FindGroupRequestView(Database& db, long long id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kRequestSelect) + "WHERE r.id = :id", soci::use(id));
    auto views = Views(rows);
    if (views.empty()) return std::nullopt;
    views.resize(1);
    LoadWishes(db, views);
    return views.front();
}

std::vector<GroupRequestView> RequestsOfRequester(Database& db, long long user_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kRequestSelect) +
                                 "WHERE r.requester_user_id = :u ORDER BY r.submitted_at DESC, r.id DESC",
         soci::use(user_id));
    auto views = Views(rows);
    LoadWishes(db, views);
    return views;
}

std::vector<GroupRequestView> RequestsForSites(Database& db, long long edition_id,
                                               const std::vector<long long>& site_ids, bool all_sites,
                                               int limit, const std::vector<std::string>& departments) {
    const std::string sites = IdList(site_ids);
    // Department codes ("69", "2A", "971") go into the SQL as literals: anything else is dropped.
    const std::string codes = DepartmentLiterals(departments);
    if (!all_sites && sites.empty() && codes.empty()) return {};
    // Issue 21: the scope (sites, departments) is in the WHERE, before the LIMIT — a relay sees
    // their department's first `limit` requests, not those left of the edition's first `limit`.
    std::string scope;
    if (!sites.empty()) scope = "coalesce(w.site_id, ws.site_id) IN (" + sites + ")";
    if (!codes.empty())
        scope += (scope.empty() ? "" : " OR ") + std::string("wt.department_code IN (") + codes + ")";
    const std::string wish_filter =
        all_sites ? std::string()
                  : " AND r.id IN (SELECT w.request_id FROM group_request_wish w LEFT JOIN session ws ON "
                    "ws.id = w.session_id LEFT JOIN site wt ON wt.id = coalesce(w.site_id, ws.site_id) WHERE " +
                        scope + ")";
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kRequestSelect) + "WHERE (r.edition_id = :e OR :e2 = 0)" + wish_filter +
                                 " ORDER BY CASE r.status WHEN 'pending' THEN 0 WHEN 'waitlisted' THEN 1 "
                                 "ELSE 2 END, r.submitted_at, r.id LIMIT :n",
         soci::use(edition_id), soci::use(edition_id), soci::use(limit));
    auto views = Views(rows);
    LoadWishes(db, views);
    return views;
}

std::vector<TourSummary> SiteTours(Database& db, long long site_id, domain::Audience audience) {
    std::vector<TourSummary> out;
    std::string code(domain::ToCode(audience));
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.id, t.id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at "
                             "FROM session s JOIN site t ON t.id = s.site_id JOIN session_audience a ON "
                             "a.session_id = s.id AND a.audience = :aud WHERE s.site_id = :site AND s.status = "
                             "'open' ORDER BY s.day_date, s.starts_at",
         soci::use(code), soci::use(site_id));
    for (const auto& r : rows) {
        TourSummary t;
        t.session_id = RowInt(r, 0);
        t.site_id = RowInt(r, 1);
        t.site_name = r.get<std::string>(2);
        t.commune = r.get<std::string>(3);
        t.day_date = r.get<std::string>(4);
        t.starts_at = r.get<std::string>(5);
        t.ends_at = r.get<std::string>(6);
        out.push_back(std::move(t));
    }
    return out;
}

bool SetRequestDecision(Database& db, long long id, domain::RequestStatus status, const std::string& message,
                        const std::string& decided_at) {
    std::string code(domain::ToCode(status));
    NullableText text;
    text.set(message);
    soci::statement st =
        (db.sql().prepare << "UPDATE group_request SET status = :st, message = :m, decided_at = :at WHERE id = :id "
                             "AND status IN ('pending', 'waitlisted')",
         soci::use(code), use(text), soci::use(decided_at), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<long long> UnplacedRequestsWishing(Database& db, long long session_id) {
    // The facts the order needs, read here; the weights are domain::PriorityPct's and the
    // carry-over schools CarriedOverSchoolIds', as the round has them, applied below.
    struct Candidate {
        long long id = 0, school_id = 0;
        std::string submitted_at;
        int wish_rank = 0, priority = 0;
        domain::GroupRequest request;        // its first_time
        std::optional<domain::School> school;  // its priority flags
    };
    std::vector<Candidate> candidates;
    int year = 0;
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "SELECT id, submitted_at, wish_rank, first_time, school_id, priority_education, rural, to_check, "
                "year FROM (SELECT g.id AS id, g.submitted_at AS submitted_at, g.first_time AS first_time, "
                "(SELECT min(w.rank) FROM group_request_wish w WHERE w.request_id = g.id AND w.unavailable_at "
                "IS NULL AND (w.session_id = s.id OR (w.session_id IS NULL AND w.site_id = s.site_id))) AS "
                "wish_rank, coalesce(sc.id, 0) AS school_id, "
                "coalesce(sc.priority_education, 'none') AS priority_education, coalesce(sc.rural, 0) AS rural, "
                "coalesce(sc.to_check, 0) AS to_check, e.year AS year FROM "
                "session s JOIN edition e ON e.id = s.edition_id JOIN group_request g ON g.edition_id = s.edition_id "
                "LEFT JOIN school sc ON sc.id = g.school_id WHERE s.id = :s AND g.status = 'refused' AND "
                "g.bus_needed = 0 AND "
                "EXISTS (SELECT 1 FROM allocation_assignment a JOIN allocation_run r ON r.id = a.run_id WHERE "
                "a.request_id = g.id AND a.session_id IS NULL AND r.status = 'published')) x WHERE wish_rank IS "
                "NOT NULL",
         soci::use(session_id));
    for (const auto& r : rows) {
        Candidate c;
        c.id = RowInt(r, 0);
        c.submitted_at = r.get<std::string>(1);
        c.wish_rank = static_cast<int>(RowInt(r, 2));
        c.request.first_time = RowInt(r, 3) != 0;
        c.school_id = RowInt(r, 4);
        if (c.school_id != 0) {
            c.school.emplace();
            c.school->priority_education = domain::ParsePriorityEducation(r.get<std::string>(5))
                                               .value_or(domain::PriorityEducation::kNone);
            c.school->rural = RowInt(r, 6) != 0;
            c.school->to_check = RowInt(r, 7) != 0;
        }
        year = static_cast<int>(RowInt(r, 8));
        candidates.push_back(std::move(c));
    }
    if (candidates.empty()) return {};
    const std::vector<long long> carried_ids = CarriedOverSchoolIds(db, year);
    const std::set<long long> carried(carried_ids.begin(), carried_ids.end());
    for (auto& c : candidates)
        c.priority = domain::PriorityPct(c.request, c.school ? &*c.school : nullptr,
                                         c.school_id != 0 && carried.count(c.school_id) > 0);
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(b.priority, a.wish_rank, a.submitted_at, a.id) <
               std::tie(a.priority, b.wish_rank, b.submitted_at, b.id);
    });
    std::vector<long long> out;
    out.reserve(candidates.size());
    for (const auto& c : candidates) out.push_back(c.id);
    return out;
}

bool AcceptUnplacedRequest(Database& db, long long id, const std::string& message, const std::string& at) {
    NullableText text;
    text.set(message);
    soci::statement st = (db.sql().prepare << "UPDATE group_request SET status = 'accepted', message = :m, "
                                              "decided_at = :at WHERE id = :id AND status = 'refused'",
                          use(text), soci::use(at), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<std::string> RequestDeadline(Database& db, long long edition_id) {
    std::string deadline;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT request_deadline FROM edition WHERE id = :e", soci::use(edition_id),
        soci::into(deadline, ind);
    if (ind != soci::i_ok || deadline.empty()) return std::nullopt;
    return deadline;
}

bool SetRequestDeadline(Database& db, long long edition_id, const std::string& deadline) {
    NullableText text;
    text.set(deadline);
    soci::statement st = (db.sql().prepare << "UPDATE edition SET request_deadline = :d WHERE id = :e", use(text),
                          soci::use(edition_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void SetRequestMessage(Database& db, long long id, const std::string& message) {
    NullableText text;
    text.set(message);
    db.sql() << "UPDATE group_request SET message = :m WHERE id = :id", use(text), soci::use(id);
}

bool HasPublishedRun(Database& db, long long edition_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM allocation_run WHERE edition_id = :e AND status = 'published'",
        soci::use(edition_id), soci::into(n);
    return n > 0;
}

std::vector<FridayTour> FridayTours(Database& db, long long edition_id, domain::Audience audience) {
    std::vector<FridayTour> out;
    std::string code(domain::ToCode(audience));
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "SELECT s.id, t.id, t.name, t.commune_name, t.department_code, t.naf_division, t.latitude, "
                "t.longitude, s.day_date, s.starts_at, s.ends_at, coalesce(s.min_level, ''), "
                "s.capacity_people - s.places_taken, s.capacity_groups - s.groups_taken FROM session s "
                "JOIN site t ON t.id = s.site_id JOIN session_audience a ON a.session_id = s.id AND "
                "a.audience = :aud JOIN participation p ON p.site_id = s.site_id AND p.edition_id = "
                "s.edition_id AND p.status = 'approved' WHERE s.edition_id = :e AND s.status = 'open' AND "
                "s.capacity_groups > 0 ORDER BY t.department_code, t.name, s.day_date, s.starts_at, s.id",
         soci::use(code), soci::use(edition_id));
    for (const auto& r : rows) {
        FridayTour f;
        f.session_id = RowInt(r, 0);
        f.site_id = RowInt(r, 1);
        f.site_name = r.get<std::string>(2);
        f.commune = r.get<std::string>(3);
        f.department_code = r.get<std::string>(4);
        f.naf_division = r.get<std::string>(5);
        f.lat = r.get<double>(6);
        f.lon = r.get<double>(7);
        f.day_date = r.get<std::string>(8);
        f.starts_at = r.get<std::string>(9);
        f.ends_at = r.get<std::string>(10);
        f.min_level = r.get<std::string>(11);
        f.places_left = std::max(0, static_cast<int>(RowInt(r, 12)));
        f.groups_left = std::max(0, static_cast<int>(RowInt(r, 13)));
        out.push_back(std::move(f));
    }
    return out;
}

bool MarkWishUnavailable(Database& db, long long request_id, int rank, long long user_id, const std::string& at) {
    soci::statement st =
        (db.sql().prepare << "UPDATE group_request_wish SET unavailable_at = :at, unavailable_by = :u WHERE "
                             "request_id = :r AND rank = :k AND unavailable_at IS NULL",
         soci::use(at), soci::use(user_id), soci::use(request_id), soci::use(rank));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace juo::store

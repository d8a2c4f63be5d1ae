// Reads and writes of the Friday allocation.
#include "store/groups/allocation_queries.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "common/clock.h"
#include "store/db/binding.h"
#include "store/editions/edition_repository.h"
#include "store/users/session_repository.h"

namespace juo::store {
namespace {

std::string Text(const NullableText& t) { return t.ind == soci::i_ok ? t.value : std::string(); }

void LoadRequests(Database& db, long long e, AllocationData& out) {
    domain::GroupRequest r;
    Nullable<long long> user, school;
    Nullable<double> radius;
    std::string audience, status;
    int bus = 0, first = 0;
    soci::statement st =
        (db.sql().prepare
             << "SELECT id, requester_user_id, school_id, audience, level, pupils, adults, bus_needed, "
                "radius_km, latitude, longitude, department_code, first_time, status, submitted_at "
                "FROM group_request WHERE edition_id = :e AND status <> 'cancelled' ORDER BY id",
         soci::use(e), soci::into(r.id), soci::into(user.value, user.ind),
         soci::into(school.value, school.ind), soci::into(audience), soci::into(r.level),
         soci::into(r.pupils), soci::into(r.adults), soci::into(bus), soci::into(radius.value, radius.ind),
         soci::into(r.position.lat), soci::into(r.position.lon), soci::into(r.department_code),
         soci::into(first), soci::into(status), soci::into(r.submitted_at));
    st.execute();
    while (st.fetch()) {
        domain::GroupRequest row = r;
        row.edition_id = e;
        row.requester_user_id = user.get();
        row.school_id = school.get();
        row.audience = domain::ParseAudience(audience).value_or(domain::Audience::kSchool);
        row.bus_needed = bus != 0;
        row.radius_km = radius.get();
        row.first_time = first != 0;
        row.status = domain::ParseRequestStatus(status).value_or(domain::RequestStatus::kPending);
        out.requests.push_back(std::move(row));
    }
    std::unordered_map<long long, size_t> index;
    for (size_t i = 0; i < out.requests.size(); ++i) index[out.requests[i].id] = i;

    long long request = 0;
    domain::Wish w;
    Nullable<long long> session, site;
    soci::statement wishes =
        (db.sql().prepare
             << "SELECT w.request_id, w.rank, w.session_id, w.site_id FROM group_request_wish w JOIN "
                "group_request g ON g.id = w.request_id WHERE g.edition_id = :e "
                // Issue 18 (helper P): a wish a host marked unavailable is skipped; the others stay.
                "AND w.unavailable_at IS NULL ORDER BY w.request_id, w.rank",
         soci::use(e), soci::into(request), soci::into(w.rank), soci::into(session.value, session.ind),
         soci::into(site.value, site.ind));
    wishes.execute();
    while (wishes.fetch())
        if (auto it = index.find(request); it != index.end())
            out.requests[it->second].wishes.push_back({w.rank, session.get(), site.get()});

    std::string division;
    soci::statement sectors =
        (db.sql().prepare
             << "SELECT s.request_id, s.naf_division FROM group_request_sector s JOIN group_request g "
                "ON g.id = s.request_id WHERE g.edition_id = :e ORDER BY s.request_id, s.naf_division",
         soci::use(e), soci::into(request), soci::into(division));
    sectors.execute();
    while (sectors.fetch())
        if (auto it = index.find(request); it != index.end())
            out.requests[it->second].sector_divisions.push_back(division);
}

// The tours of a site not approved for the edition (submitted, refused, withdrawn…) read as
// closed (issue 21): the allocation never places a group on them, and a wish naming one is
// still known (and unmet) rather than an error.
void LoadSessions(Database& db, long long e, AllocationData& out) {
    domain::Session s;
    NullableText min_level;
    std::string status;
    soci::statement st =
        (db.sql().prepare
             << "SELECT id, site_id, day_date, starts_at, ends_at, capacity_people, capacity_groups, "
                "min_level, CASE WHEN EXISTS (SELECT 1 FROM participation p WHERE p.site_id = session.site_id "
                "AND p.edition_id = session.edition_id AND p.status = 'approved') THEN status ELSE 'closed' END "
                "FROM session WHERE edition_id = :e ORDER BY id",
         soci::use(e), soci::into(s.id), soci::into(s.site_id), soci::into(s.day_date),
         soci::into(s.starts_at), soci::into(s.ends_at), soci::into(s.capacity_people),
         soci::into(s.capacity_groups), soci::into(min_level.value, min_level.ind), soci::into(status));
    st.execute();
    while (st.fetch()) {
        domain::Session row = s;
        row.edition_id = e;
        row.min_level = Text(min_level);
        row.status = domain::ParseSessionStatus(status).value_or(domain::SessionStatus::kClosed);
        out.sessions.push_back(std::move(row));
    }
    std::unordered_map<long long, size_t> index;
    for (size_t i = 0; i < out.sessions.size(); ++i) index[out.sessions[i].id] = i;
    long long session = 0;
    std::string audience;
    soci::statement aud =
        (db.sql().prepare << "SELECT a.session_id, a.audience FROM session_audience a JOIN session s "
                             "ON s.id = a.session_id WHERE s.edition_id = :e ORDER BY 1, 2",
         soci::use(e), soci::into(session), soci::into(audience));
    aud.execute();
    while (aud.fetch())
        if (auto it = index.find(session); it != index.end())
            if (auto a = domain::ParseAudience(audience)) out.sessions[it->second].audiences.push_back(*a);
    // What the allocation leaves alone: public parties and groups of requests it does not handle.
    long long people = 0, groups = 0;
    soci::statement held =
        (db.sql().prepare
             << "SELECT b.session_id, sum(b.people), sum(CASE WHEN b.kind = 'group' THEN 1 ELSE 0 END) "
                "FROM booking b LEFT JOIN group_request g ON g.id = b.group_request_id WHERE "
                "b.edition_id = :e AND b.status = 'confirmed' AND (b.group_request_id IS NULL OR "
                "g.status = 'cancelled') GROUP BY b.session_id",
         soci::use(e), soci::into(session), soci::into(people), soci::into(groups));
    held.execute();
    while (held.fetch())
        if (auto it = index.find(session); it != index.end()) {
            out.sessions[it->second].places_taken = static_cast<int>(people);
            out.sessions[it->second].groups_taken = static_cast<int>(groups);
        }
}

void LoadSitesAndSchools(Database& db, long long e, AllocationData& out) {
    domain::Site s;
    soci::statement sites =
        (db.sql().prepare
             << "SELECT id, name, naf_division, department_code, latitude, longitude FROM site WHERE id "
                "IN (SELECT site_id FROM session WHERE edition_id = :e) OR id IN (SELECT w.site_id "
                "FROM group_request_wish w JOIN group_request g ON g.id = w.request_id WHERE "
                "g.edition_id = :e) ORDER BY id",
         soci::use(e, "e"), soci::into(s.id), soci::into(s.name), soci::into(s.naf_division),
         soci::into(s.department_code), soci::into(s.position.lat), soci::into(s.position.lon));
    sites.execute();
    while (sites.fetch()) out.sites.push_back(s);

    domain::School c;
    std::string priority;
    int rural = 0;
    soci::statement schools =
        (db.sql().prepare
             << "SELECT id, name, department_code, latitude, longitude, priority_education, rural FROM "
                "school WHERE id IN (SELECT school_id FROM group_request WHERE edition_id = :e) ORDER "
                "BY id",
         soci::use(e), soci::into(c.id), soci::into(c.name), soci::into(c.department_code),
         soci::into(c.position.lat), soci::into(c.position.lon), soci::into(priority), soci::into(rural));
    schools.execute();
    while (schools.fetch()) {
        domain::School row = c;
        row.priority_education =
            domain::ParsePriorityEducation(priority).value_or(domain::PriorityEducation::kNone);
        row.rural = rural != 0;
        out.schools.push_back(std::move(row));
    }
}

// The run's bus groups in the order their buses were written: by session, then first request.
struct StoredGroup {
    long long session = 0;
    std::vector<long long> requests;
    int people = 0;
};

}  // namespace

Result<AllocationData> LoadAllocationData(Database& db, int year) {
    try {
        auto edition = FindEditionByYear(db, year);
        if (!edition.ok()) return edition.error();
        AllocationData out;
        out.edition = std::move(*edition);
        const long long e = out.edition.id;
        LoadRequests(db, e, out);
        LoadSessions(db, e, out);
        LoadSitesAndSchools(db, e, out);
        db.sql() << "SELECT count(*), coalesce(sum(cost_cents), 0) FROM bus WHERE edition_id = :e AND "
                    "allocation_run_id IS NULL AND status <> 'cancelled'",
            soci::use(e), soci::into(out.financed_buses), soci::into(out.financed_cost_cents);
        return out;
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Status InsertAllocationRun(Database& db, domain::AllocationRun& run) {
    return db.InTransaction<Unit>([&]() -> Status {
        Nullable<long long> budget;
        Nullable<int> buses;
        budget.set(run.budget_cents);
        buses.set(run.max_buses);
        std::string method(domain::ToCode(run.method)), status(domain::ToCode(run.status));
        if (run.created_at.empty()) run.created_at = NowUtcIso();
        db.sql() << "INSERT INTO allocation_run (edition_id, method, status, budget_cents, max_buses, "
                    "objective, gap, "
                    "summary, created_at) VALUES (:e, :m, :s, :b, :n, :o, :g, :sum, :at) RETURNING id",
            soci::use(run.edition_id), soci::use(method), soci::use(status), use(budget), use(buses),
            soci::use(run.objective), soci::use(run.gap), soci::use(run.summary), soci::use(run.created_at),
            soci::into(run.id);
        long long request = 0;
        Nullable<long long> session;
        Nullable<int> rank;
        NullableText explanation;
        soci::statement a =
            (db.sql().prepare
                 << "INSERT INTO allocation_assignment (run_id, request_id, session_id, wish_rank, "
                    "explanation) VALUES (:r, :q, :s, :k, :x)",
             soci::use(run.id), soci::use(request), use(session), use(rank), use(explanation));
        for (const auto& x : run.assignments) {
            request = x.request_id;
            session.set(x.session_id);
            rank.set(x.wish_rank);
            explanation.set(x.explanation);
            a.execute(true);
        }
        std::sort(run.bus_groups.begin(), run.bus_groups.end(), [](const auto& l, const auto& r) {
            return l.session_id != r.session_id
                       ? l.session_id < r.session_id
                       : *std::min_element(l.request_ids.begin(), l.request_ids.end()) <
                             *std::min_element(r.request_ids.begin(), r.request_ids.end());
        });
        int seats = 0;
        long long cost = 0;
        double km = 0;
        soci::statement b =
            (db.sql().prepare
                 << "INSERT INTO bus (edition_id, allocation_run_id, seats, cost_cents, distance_km, "
                    "status) VALUES (:e, :r, :seats, :c, :km, 'planned')",
             soci::use(run.edition_id), soci::use(run.id), soci::use(seats), soci::use(cost), soci::use(km));
        for (const auto& g : run.bus_groups)
            for (int n = 0; n < g.buses; ++n) {
                seats = g.seats;
                cost = g.cost_cents;
                km = g.distance_km;
                b.execute(true);
            }
        return Ok();
    });
}

namespace {

Result<std::pair<long long, std::string>> DraftRun(Database& db, long long run_id) {
    long long edition = 0;
    std::string status;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT edition_id, status FROM allocation_run WHERE id = :r", soci::use(run_id),
        soci::into(edition, ind), soci::into(status);
    if (ind != soci::i_ok || !db.sql().got_data())
        return MakeError(ErrorCode::kNotFound, "no allocation run " + std::to_string(run_id),
                         "aucune répartition n'a le numéro " + std::to_string(run_id));
    if (status != "draft")
        return MakeError(ErrorCode::kConflict,
                         "allocation run " + std::to_string(run_id) + " is " + status + ", not a draft",
                         "la répartition " + std::to_string(run_id) + " n'est plus un brouillon");
    return std::make_pair(edition, status);
}

}  // namespace

Status PublishAllocationRun(Database& db, long long run_id) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto draft = DraftRun(db, run_id);
        if (!draft.ok()) return draft.error();
        const long long edition = draft->first;
        int published = 0;
        db.sql() << "SELECT count(*) FROM allocation_run WHERE edition_id = :e AND status = 'published'",
            soci::use(edition), soci::into(published);
        if (published > 0)
            return MakeError(ErrorCode::kConflict,
                             "another allocation run of this edition is already published",
                             "une autre répartition de cette édition est déjà publiée");
        const std::string now = NowUtcIso();
        // Requests decided by the run.
        db.sql()
            << "UPDATE group_request SET status = CASE WHEN (SELECT a.session_id FROM allocation_assignment "
               "a "
               "WHERE a.run_id = :r AND a.request_id = group_request.id) IS NULL THEN 'refused' ELSE "
               "'accepted' END, decided_at = :now, message = (SELECT a.explanation FROM "
               "allocation_assignment a WHERE a.run_id = :r AND a.request_id = group_request.id) WHERE id IN "
               "(SELECT request_id FROM allocation_assignment WHERE run_id = :r)",
            soci::use(run_id, "r"), soci::use(now, "now");
        // Their group bookings are replaced by the run's.
        db.sql()
            << "UPDATE booking SET status = 'cancelled', cancelled_at = :now WHERE status = 'confirmed' AND "
               "kind = 'group' AND group_request_id IN (SELECT request_id FROM allocation_assignment WHERE "
               "run_id = :r)",
            soci::use(now, "now"), soci::use(run_id, "r");
        db.sql()
            << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, group_request_id, "
               "people, status, ticket_code, created_at) SELECT g.edition_id, a.session_id, 'group', "
               "g.audience, g.requester_user_id, g.id, g.pupils + g.adults, 'confirmed', 'R' || a.run_id || "
               "'-G' || g.id, :now FROM allocation_assignment a JOIN group_request g ON g.id = a.request_id "
               "WHERE a.run_id = :r AND a.session_id IS NOT NULL ORDER BY g.id",
            soci::use(now, "now"), soci::use(run_id, "r");
        JUO_TRY(RecountSessionCounters(db, edition));

        // Buses: rebuild the run's groups in the order they were written and hand out the buses.
        std::map<std::pair<long long, long long>, StoredGroup> by_key;  // (school or -request, session)
        {
            long long request = 0, session = 0, booking = 0;
            Nullable<long long> school;
            int people = 0;
            soci::statement st =
                (db.sql().prepare
                     << "SELECT g.id, g.school_id, a.session_id, g.pupils + g.adults, b.id FROM "
                        "allocation_assignment a JOIN group_request g ON g.id = a.request_id JOIN "
                        "booking b ON b.group_request_id = g.id AND b.status = 'confirmed' AND "
                        "b.session_id = a.session_id WHERE a.run_id = :r AND g.bus_needed = 1 ORDER BY "
                        "g.id",
                 soci::use(run_id), soci::into(request), soci::into(school.value, school.ind),
                 soci::into(session), soci::into(people), soci::into(booking));
            st.execute();
            while (st.fetch()) {
                auto& g = by_key[{school.get() ? *school.get() : -request, session}];
                g.session = session;
                g.requests.push_back(booking);  // bookings, in request order
                g.people += people;
            }
        }
        std::vector<StoredGroup> groups;
        for (auto& [key, g] : by_key) groups.push_back(std::move(g));
        std::vector<long long> bus_ids;
        std::vector<int> bus_seats;
        {
            long long id = 0;
            int seats = 0;
            soci::statement st =
                (db.sql().prepare << "SELECT id, seats FROM bus WHERE allocation_run_id = :r ORDER BY id",
                 soci::use(run_id), soci::into(id), soci::into(seats));
            st.execute();
            while (st.fetch()) bus_ids.push_back(id), bus_seats.push_back(seats);
        }
        // Written order: by session, then by the group's first request (bookings follow request order).
        std::sort(groups.begin(), groups.end(), [](const StoredGroup& l, const StoredGroup& r) {
            return l.session != r.session ? l.session < r.session : l.requests.front() < r.requests.front();
        });
        size_t next = 0;
        long long bus = 0, booking = 0;
        soci::statement link =
            (db.sql().prepare << "INSERT INTO bus_booking (bus_id, booking_id) VALUES (:b, :k)",
             soci::use(bus), soci::use(booking));
        for (const auto& g : groups) {
            int seats = next < bus_seats.size() ? std::max(1, bus_seats[next]) : 1;
            size_t count = static_cast<size_t>((g.people + seats - 1) / seats);
            if (next + count > bus_ids.size())
                return MakeError(ErrorCode::kInternal, "allocation run " + std::to_string(run_id) +
                                                           ": its buses do not match its groups");
            for (size_t n = 0; n < count; ++n) {
                bus = bus_ids[next + n];
                for (long long b : g.requests) {
                    booking = b;
                    link.execute(true);
                }
            }
            next += count;
        }
        if (next != bus_ids.size())
            return MakeError(ErrorCode::kInternal, "allocation run " + std::to_string(run_id) +
                                                       ": its buses do not match its groups");
        db.sql() << "UPDATE bus SET status = 'booked' WHERE allocation_run_id = :r", soci::use(run_id);
        db.sql() << "UPDATE allocation_run SET status = 'published', published_at = :now WHERE id = :r",
            soci::use(now, "now"), soci::use(run_id, "r");
        return Ok();
    });
}

Status DiscardAllocationRun(Database& db, long long run_id) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto draft = DraftRun(db, run_id);
        if (!draft.ok()) return draft.error();
        db.sql() << "UPDATE bus SET status = 'cancelled' WHERE allocation_run_id = :r", soci::use(run_id);
        db.sql() << "UPDATE allocation_run SET status = 'discarded' WHERE id = :r", soci::use(run_id);
        return Ok();
    });
}

}  // namespace juo::store

// Reads and writes of the Friday allocation.
#include "store/groups/allocation_queries.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
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
             << "SELECT g.id, g.requester_user_id, g.school_id, g.audience, g.level, g.pupils, g.adults, "
                "g.bus_needed, g.radius_km, g.latitude, g.longitude, g.department_code, g.first_time, g.status, "
                "g.submitted_at FROM group_request g JOIN edition ed ON ed.id = g.edition_id "
                "WHERE g.edition_id = :e AND g.status <> 'cancelled' "
                // ADR 0018: the round takes the requests made until the deadline; later ones are
                // decided first-come once the round is published.
                "AND (ed.request_deadline IS NULL OR g.submitted_at <= ed.request_deadline) ORDER BY g.id",
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
             // A school a requester created (to_check) has no priority until the organiser or a
             // relay confirms its flags: a requester cannot give their own class priority.
             << "SELECT id, name, department_code, latitude, longitude, CASE WHEN to_check = 1 THEN 'none' "
                "ELSE priority_education END, CASE WHEN to_check = 1 THEN 0 ELSE rural END FROM "
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

}  // namespace

std::vector<long long> CarriedOverSchoolIds(Database& db, int year) {
    std::vector<long long> out;
    long long school = 0;
    const int previous = year - 1;
    soci::statement st =
        (db.sql().prepare
             << "SELECT DISTINCT g.school_id FROM group_request g JOIN edition e ON e.id = g.edition_id "
                "WHERE e.year = :y AND g.school_id IS NOT NULL AND g.status IN ('refused', 'pending', "
                "'waitlisted') ORDER BY 1",
         soci::use(previous), soci::into(school));
    st.execute();
    while (st.fetch()) out.push_back(school);
    return out;
}

namespace {

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
        out.carried_over_school_ids = CarriedOverSchoolIds(db, year);
        return out;
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Status InsertAllocationRun(Database& db, domain::AllocationRun& run, const std::function<void()>& also) {
    return db.InTransaction<Unit>([&]() -> Status {
        Nullable<long long> budget, created_by;
        Nullable<int> buses;
        Nullable<double> bound;
        budget.set(run.budget_cents);
        buses.set(run.max_buses);
        bound.set(run.bound);
        created_by.set(run.created_by);
        NullableText settings, bound_source, method_text;
        settings.set(run.settings);
        bound_source.set(run.bound_source);
        method_text.set(run.method_text);
        int optimal = run.optimal ? 1 : 0;
        std::string method(domain::ToCode(run.method)), status(domain::ToCode(run.status));
        if (run.created_at.empty()) run.created_at = NowUtcIso();
        db.sql() << "INSERT INTO allocation_run (edition_id, method, status, budget_cents, max_buses, "
                    "objective, gap, summary, created_at, created_by, settings, bound, optimal, bound_source, "
                    "method_text, guarantee_cost_pupils, first_come_buses, first_come_cost_cents) VALUES (:e, "
                    ":m, :s, :b, :n, :o, :g, :sum, :at, :by, :set, :bd, :opt, :bs, :mt, :gc, :fb, :fc) "
                    "RETURNING id",
            soci::use(run.edition_id), soci::use(method), soci::use(status), use(budget), use(buses),
            soci::use(run.objective), soci::use(run.gap), soci::use(run.summary), soci::use(run.created_at),
            use(created_by), use(settings), use(bound), soci::use(optimal), use(bound_source), use(method_text),
            soci::use(run.guarantee_cost_pupils), soci::use(run.first_come_buses),
            soci::use(run.first_come_cost_cents), soci::into(run.id);
        long long request = 0;
        Nullable<long long> session, first_come;
        Nullable<int> rank;
        NullableText explanation, explanation_en;
        soci::statement a =
            (db.sql().prepare
                 << "INSERT INTO allocation_assignment (run_id, request_id, session_id, wish_rank, "
                    "explanation, explanation_en, first_come_session_id) VALUES (:r, :q, :s, :k, :x, :xe, :fc)",
             soci::use(run.id), soci::use(request), use(session), use(rank), use(explanation), use(explanation_en),
             use(first_come));
        for (const auto& x : run.assignments) {
            request = x.request_id;
            session.set(x.session_id);
            rank.set(x.wish_rank);
            explanation.set(x.explanation);
            explanation_en.set(x.explanation_en);
            first_come.set(x.first_come_session_id);
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
        if (also) also();
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

Status PublishAllocationRun(Database& db, long long run_id, const std::function<Status()>& in_transaction) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto draft = DraftRun(db, run_id);
        if (!draft.ok()) return draft.error();
        const long long edition = draft->first;
        // Issue 18: publishing loses nothing. One publication at a time per edition (PostgreSQL:
        // the edition's row locked; SQLite: BEGIN IMMEDIATE already holds the write lock).
        std::string edition_status;
        if (db.dialect() == Dialect::kPostgresql)
            db.sql() << "SELECT status FROM edition WHERE id = :e FOR UPDATE", soci::use(edition),
                soci::into(edition_status);
        else
            db.sql() << "SELECT status FROM edition WHERE id = :e", soci::use(edition), soci::into(edition_status);
        if (edition_status == "closed" || edition_status == "archived")
            return MakeError(ErrorCode::kConflict,
                             "the edition is " + edition_status +
                                 ": an allocation run cannot be published on it (nothing was changed)",
                             "l'édition est close : une répartition ne peut plus y être publiée (rien n'a "
                             "été modifié)");
        int checked_in = 0;
        db.sql() << "SELECT count(*) FROM check_in c JOIN booking b ON b.id = c.booking_id WHERE b.edition_id = :e",
            soci::use(edition), soci::into(checked_in);
        if (checked_in > 0)
            return MakeError(ErrorCode::kConflict,
                             std::to_string(checked_in) +
                                 " bookings of the edition are checked in: the event has begun, an allocation "
                                 "run cannot be published any more (nothing was changed)",
                             "des visiteurs sont déjà pointés (" + std::to_string(checked_in) +
                                 " réservations) : la répartition ne peut plus être publiée (rien n'a été "
                                 "modifié)");
        int published = 0;
        db.sql() << "SELECT count(*) FROM allocation_run WHERE edition_id = :e AND status = 'published'",
            soci::use(edition), soci::into(published);
        if (published > 0)
            return MakeError(ErrorCode::kConflict,
                             "another allocation run of this edition is already published",
                             "une autre répartition de cette édition est déjà publiée");
        // A request cancelled since the run was computed is not brought back (review of issue 18):
        // the run is refused, and a new round is the answer.
        int cancelled = 0;
        db.sql() << "SELECT count(*) FROM allocation_assignment a JOIN group_request g ON g.id = a.request_id "
                    "WHERE a.run_id = :r AND g.status = 'cancelled'",
            soci::use(run_id), soci::into(cancelled);
        if (cancelled > 0)
            return MakeError(ErrorCode::kConflict,
                             std::to_string(cancelled) +
                                 " requests of this run were cancelled since it was computed: run the round again "
                                 "(nothing was changed)",
                             std::to_string(cancelled) +
                                 " demandes de cette répartition ont été annulées depuis son calcul : relancez la "
                                 "répartition (rien n'a été modifié)");
        // PostgreSQL: the edition's tours locked before their counters are recounted, so that no
        // booking on another app server takes a place between the check and the recount (SQLite:
        // BEGIN IMMEDIATE already holds the write lock).
        if (db.dialect() == Dialect::kPostgresql) {
            soci::rowset<long long> locked = (db.sql().prepare << "SELECT id FROM session WHERE edition_id = :e "
                                                                  "ORDER BY id FOR UPDATE",
                                              soci::use(edition));
            for (long long id : locked) (void)id;
        }
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
        // The buses being replaced (first-come's, earlier runs'): cancelled, so that the bilan
        // counts the run's buses only. A bus that still carries a confirmed booking (a group not in
        // this run, e.g. a late request accepted first-come) keeps running.
        db.sql() << "UPDATE bus SET status = 'cancelled' WHERE edition_id = :e AND status <> 'cancelled' AND "
                    "(allocation_run_id IS NULL OR allocation_run_id <> :r) AND NOT EXISTS (SELECT 1 FROM "
                    "bus_booking bb JOIN booking k ON k.id = bb.booking_id WHERE bb.bus_id = bus.id AND "
                    "k.status = 'confirmed')",
            soci::use(edition, "e"), soci::use(run_id, "r");
        db.sql() << "UPDATE bus SET status = 'booked' WHERE allocation_run_id = :r", soci::use(run_id);
        db.sql() << "UPDATE allocation_run SET status = 'published', published_at = :now WHERE id = :r",
            soci::use(now, "now"), soci::use(run_id, "r");
        if (in_transaction) JUO_TRY(in_transaction());
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

// ---- issue 18: jobs -------------------------------------------------------------------------

bool JobAbandoned(const AllocationJob& job, const std::string& now) {
    if (job.state != "running") return false;
    auto beat = EpochFromUtcIso(job.updated_at);
    auto at = EpochFromUtcIso(now);
    if (!beat || !at) return false;
    return *at - *beat > static_cast<long long>(job.time_limit_seconds) + kJobHeartbeatMarginSeconds;
}

namespace {

const char* const kJobColumns =
    "SELECT j.id, j.edition_id, e.year, j.state, j.stage, j.fraction, j.settings, j.time_limit_seconds, "
    "j.run_id, j.started_by, j.error, j.error_fr, j.started_at, j.updated_at, j.finished_at FROM allocation_job "
    "j JOIN edition e ON e.id = j.edition_id ";

std::vector<AllocationJob> ReadJobs(Database& db, const std::string& where, long long key, int limit) {
    AllocationJob j;
    Nullable<long long> run, by;
    NullableText error, error_fr, finished;
    std::vector<AllocationJob> out;
    soci::statement st =
        (db.sql().prepare << std::string(kJobColumns) + where + " ORDER BY j.id DESC LIMIT " + std::to_string(limit),
         soci::use(key), soci::into(j.id), soci::into(j.edition_id), soci::into(j.year), soci::into(j.state),
         soci::into(j.stage), soci::into(j.fraction), soci::into(j.settings), soci::into(j.time_limit_seconds),
         soci::into(run.value, run.ind), soci::into(by.value, by.ind), soci::into(error.value, error.ind),
         soci::into(error_fr.value, error_fr.ind), soci::into(j.started_at), soci::into(j.updated_at),
         soci::into(finished.value, finished.ind));
    st.execute();
    while (st.fetch()) {
        AllocationJob row = j;
        row.run_id = run.get();
        row.started_by = by.get();
        row.error = Text(error);
        row.error_fr = Text(error_fr);
        row.finished_at = Text(finished);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

Status InsertAllocationJob(Database& db, AllocationJob& job, const std::function<void()>& also) {
    auto inserted = db.InTransaction<Unit>([&]() -> Status {
        const std::string now = NowUtcIso();
        for (const auto& running :
             ReadJobs(db, "WHERE j.edition_id = :k AND j.state = 'running'", job.edition_id, 5)) {
            if (!JobAbandoned(running, now))
                return MakeError(ErrorCode::kConflict,
                                 "round " + std::to_string(running.id) +
                                     " of this edition is still running: wait for its end",
                                 "le tour " + std::to_string(running.id) +
                                     " de cette édition est en cours : attendez sa fin");
            db.sql() << "UPDATE allocation_job SET state = 'abandoned', finished_at = :now, error = 'its server "
                        "stopped mid-run', error_fr = 'son serveur s''est arrêté en cours de calcul' WHERE id = :i",
                soci::use(now, "now"), soci::use(running.id, "i");
        }
        Nullable<long long> by;
        by.set(job.started_by);
        job.state = "running";
        job.started_at = job.updated_at = now;
        db.sql() << "INSERT INTO allocation_job (edition_id, state, stage, fraction, settings, time_limit_seconds, "
                    "started_by, started_at, updated_at) VALUES (:e, 'running', :st, :f, :set, :tl, :by, :at, :at2) "
                    "RETURNING id",
            soci::use(job.edition_id), soci::use(job.stage), soci::use(job.fraction), soci::use(job.settings),
            soci::use(job.time_limit_seconds), use(by), soci::use(job.started_at), soci::use(job.updated_at),
            soci::into(job.id);
        if (also) also();
        return Ok();
    });
    if (inserted.ok() || inserted.error().code == ErrorCode::kConflict) return inserted;
    // Two servers at once: the unique index on running jobs refused the second insert.
    try {
        const std::string now = NowUtcIso();
        for (const auto& running : ReadJobs(db, "WHERE j.edition_id = :k AND j.state = 'running'", job.edition_id, 5))
            if (!JobAbandoned(running, now)) return MakeError(ErrorCode::kConflict, "a round of this edition is already running",
                             "un tour de répartition de cette édition est déjà en cours");
    } catch (const soci::soci_error&) {
    }
    return inserted;
}

Status UpdateAllocationJob(Database& db, long long id, const std::string& stage, double fraction) {
    try {
        const std::string now = NowUtcIso();
        db.sql() << "UPDATE allocation_job SET stage = :s, fraction = :f, updated_at = :now WHERE id = :i AND "
                    "state = 'running'",
            soci::use(stage, "s"), soci::use(fraction, "f"), soci::use(now, "now"), soci::use(id, "i");
        return Ok();
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Status FinishAllocationJob(Database& db, long long id, const std::string& state, std::optional<long long> run_id,
                           const std::string& error, const std::string& error_fr) {
    try {
        const std::string now = NowUtcIso();
        Nullable<long long> run;
        run.set(run_id);
        NullableText e, f;
        e.set(error);
        f.set(error_fr);
        std::string stage = state;
        double fraction = state == "done" ? 1.0 : 0.0;
        db.sql() << "UPDATE allocation_job SET state = :st, stage = :stage, fraction = CASE WHEN :f > 0 THEN :f2 "
                    "ELSE fraction END, run_id = :r, error = :e, error_fr = :ef, updated_at = :now, finished_at = "
                    ":now2 WHERE id = :i",
            soci::use(state), soci::use(stage), soci::use(fraction), soci::use(fraction), use(run), use(e), use(f),
            soci::use(now), soci::use(now), soci::use(id);
        return Ok();
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Result<std::optional<AllocationJob>> FindAllocationJob(Database& db, long long id) {
    try {
        auto jobs = ReadJobs(db, "WHERE j.id = :k", id, 1);
        if (jobs.empty()) return std::optional<AllocationJob>();
        return std::optional<AllocationJob>(std::move(jobs.front()));
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Result<std::vector<AllocationJob>> AllocationJobsOf(Database& db, long long edition_id, int limit) {
    try {
        return ReadJobs(db, "WHERE j.edition_id = :k", edition_id, std::clamp(limit, 1, 200));
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

// ---- issue 18: runs as the service reads them -------------------------------------------------

namespace {

const char* const kRunColumns =
    "SELECT r.id, r.edition_id, r.method, r.status, r.budget_cents, r.max_buses, r.objective, r.gap, r.summary, "
    "r.created_at, r.published_at, r.created_by, r.settings, r.bound, r.optimal, r.bound_source, r.method_text, "
    "r.guarantee_cost_pupils, r.first_come_buses, r.first_come_cost_cents FROM allocation_run r ";

std::vector<domain::AllocationRun> ReadRuns(Database& db, const std::string& where, long long key) {
    domain::AllocationRun r;
    std::string method, status;
    Nullable<long long> budget, by, fc_cost;
    Nullable<int> buses, optimal, fc_buses;
    Nullable<double> objective, gap, bound, guarantee;
    NullableText summary, published, settings, bound_source, method_text;
    std::vector<domain::AllocationRun> out;
    soci::statement st =
        (db.sql().prepare << std::string(kRunColumns) + where + " ORDER BY r.id DESC", soci::use(key),
         soci::into(r.id), soci::into(r.edition_id), soci::into(method), soci::into(status),
         soci::into(budget.value, budget.ind), soci::into(buses.value, buses.ind),
         soci::into(objective.value, objective.ind), soci::into(gap.value, gap.ind),
         soci::into(summary.value, summary.ind), soci::into(r.created_at), soci::into(published.value, published.ind),
         soci::into(by.value, by.ind), soci::into(settings.value, settings.ind), soci::into(bound.value, bound.ind),
         soci::into(optimal.value, optimal.ind), soci::into(bound_source.value, bound_source.ind),
         soci::into(method_text.value, method_text.ind), soci::into(guarantee.value, guarantee.ind),
         soci::into(fc_buses.value, fc_buses.ind), soci::into(fc_cost.value, fc_cost.ind));
    st.execute();
    while (st.fetch()) {
        domain::AllocationRun row = r;
        row.method = method == "first_come" ? domain::AllocationMethod::kFirstCome
                     : method == "manual"   ? domain::AllocationMethod::kManual
                                            : domain::AllocationMethod::kOptimal;
        row.status = domain::ParseAllocationStatus(status).value_or(domain::AllocationStatus::kDraft);
        row.budget_cents = budget.get();
        row.max_buses = buses.get();
        row.objective = objective.get().value_or(0);
        row.gap = gap.get().value_or(0);
        row.summary = Text(summary);
        row.published_at = Text(published);
        row.created_by = by.get();
        row.settings = Text(settings);
        row.bound = bound.get();
        row.optimal = optimal.get().value_or(0) != 0;
        row.bound_source = Text(bound_source);
        row.method_text = Text(method_text);
        row.guarantee_cost_pupils = guarantee.get().value_or(0);
        row.first_come_buses = fc_buses.get().value_or(0);
        row.first_come_cost_cents = fc_cost.get().value_or(0);
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

Result<std::vector<domain::AllocationRun>> AllocationRunsOf(Database& db, long long edition_id) {
    try {
        return ReadRuns(db, "WHERE r.edition_id = :k", edition_id);
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

Result<std::optional<AllocationRunRead>> ReadAllocationRun(Database& db, long long run_id) {
    try {
        auto runs = ReadRuns(db, "WHERE r.id = :k", run_id);
        if (runs.empty()) return std::optional<AllocationRunRead>();
        AllocationRunRead out;
        out.run = std::move(runs.front());
        db.sql() << "SELECT year, status FROM edition WHERE id = :e", soci::use(out.run.edition_id),
            soci::into(out.year), soci::into(out.edition_status);

        RunRequestRow q;
        Nullable<long long> user, school, session, first_come;
        Nullable<int> rank;
        NullableText name, email, school_name, town, uai, region, prio, explanation, explanation_en;
        Nullable<int> rural;
        int bus = 0, first = 0;
        soci::statement st =
            (db.sql().prepare
                 << "SELECT g.id, g.requester_user_id, u.display_name, u.email, g.school_id, s.name, s.commune_name, "
                    "s.uai, s.region_code, s.priority_education, s.rural, g.first_time, g.department_code, g.level, "
                    "g.audience, g.pupils, g.adults, g.bus_needed, g.latitude, g.longitude, a.session_id, "
                    "a.first_come_session_id, a.wish_rank, a.explanation, a.explanation_en FROM "
                    "allocation_assignment a JOIN group_request g ON g.id = a.request_id LEFT JOIN app_user u ON "
                    "u.id = g.requester_user_id LEFT JOIN school s ON s.id = g.school_id WHERE a.run_id = :r "
                    "ORDER BY g.id",
             soci::use(run_id), soci::into(q.request_id), soci::into(user.value, user.ind),
             soci::into(name.value, name.ind), soci::into(email.value, email.ind),
             soci::into(school.value, school.ind), soci::into(school_name.value, school_name.ind),
             soci::into(town.value, town.ind), soci::into(uai.value, uai.ind), soci::into(region.value, region.ind),
             soci::into(prio.value, prio.ind), soci::into(rural.value, rural.ind), soci::into(first),
             soci::into(q.department), soci::into(q.level), soci::into(q.audience), soci::into(q.pupils),
             soci::into(q.adults), soci::into(bus), soci::into(q.lat), soci::into(q.lon),
             soci::into(session.value, session.ind), soci::into(first_come.value, first_come.ind),
             soci::into(rank.value, rank.ind), soci::into(explanation.value, explanation.ind),
             soci::into(explanation_en.value, explanation_en.ind));
        st.execute();
        while (st.fetch()) {
            RunRequestRow row = q;
            row.requester_user_id = user.get();
            row.requester_name = Text(name);
            row.requester_email = Text(email);
            row.school_id = school.get();
            row.school_name = Text(school_name);
            row.school_town = Text(town);
            row.school_uai = Text(uai);
            row.school_region = Text(region);
            row.priority_education = prio.ind == soci::i_ok ? prio.value : "none";
            row.rural = rural.get().value_or(0) != 0;
            row.first_time = first != 0;
            row.bus_needed = bus != 0;
            row.session_id = session.get();
            row.first_come_session_id = first_come.get();
            row.wish_rank = rank.get();
            row.explanation = Text(explanation);
            row.explanation_en = Text(explanation_en);
            out.requests.push_back(std::move(row));
        }
        // Carry-over, as the round saw it: for the run's figures by kind.
        const std::vector<long long> carried = CarriedOverSchoolIds(db, out.year);
        const std::set<long long> carried_schools(carried.begin(), carried.end());
        for (auto& r : out.requests) r.carry_over = r.school_id && carried_schools.count(*r.school_id) > 0;

        RunSessionRow t;
        soci::statement tours =
            (db.sql().prepare
                 << "SELECT s.id, s.site_id, t.name, t.address, t.postcode, t.commune_name, t.department_code, "
                    "t.region_code, s.day_date, s.starts_at, t.latitude, t.longitude FROM session s JOIN site t ON "
                    "t.id = s.site_id WHERE s.id IN (SELECT session_id FROM allocation_assignment WHERE run_id = :r "
                    "AND session_id IS NOT NULL) OR s.id IN (SELECT first_come_session_id FROM "
                    "allocation_assignment WHERE run_id = :r2 AND first_come_session_id IS NOT NULL)",
             soci::use(run_id, "r"), soci::use(run_id, "r2"), soci::into(t.id), soci::into(t.site_id),
             soci::into(t.site_name), soci::into(t.site_address), soci::into(t.site_postcode), soci::into(t.site_town),
             soci::into(t.department), soci::into(t.region), soci::into(t.date), soci::into(t.starts_at),
             soci::into(t.lat), soci::into(t.lon));
        tours.execute();
        while (tours.fetch()) out.sessions[t.id] = t;

        // The bus groups, rebuilt as InsertAllocationRun wrote them: (school or the group itself,
        // tour) pools of the served requests that need a bus, by tour then first request.
        std::map<std::pair<long long, long long>, RunBusGroupRow> pools;
        for (const auto& r : out.requests) {
            if (!r.bus_needed || !r.session_id) continue;
            auto& g = pools[{r.school_id ? *r.school_id : -r.request_id, *r.session_id}];
            g.session_id = *r.session_id;
            g.request_ids.push_back(r.request_id);
        }
        for (auto& [key, g] : pools) out.bus_groups.push_back(std::move(g));
        std::sort(out.bus_groups.begin(), out.bus_groups.end(), [](const auto& l, const auto& r) {
            return l.session_id != r.session_id ? l.session_id < r.session_id
                                                : l.request_ids.front() < r.request_ids.front();
        });
        std::vector<std::tuple<long long, int, long long, double>> buses;
        {
            long long id = 0, cost = 0;
            int seats = 0;
            double km = 0;
            soci::statement b =
                (db.sql().prepare
                     << "SELECT id, seats, cost_cents, distance_km FROM bus WHERE allocation_run_id = :r ORDER BY id",
                 soci::use(run_id), soci::into(id), soci::into(seats), soci::into(cost), soci::into(km));
            b.execute();
            while (b.fetch()) buses.emplace_back(id, seats, cost, km);
        }
        std::unordered_map<long long, int> people;
        for (const auto& r : out.requests) people[r.request_id] = r.pupils + r.adults;
        size_t next = 0;
        for (auto& g : out.bus_groups) {
            int total = 0;
            for (long long r : g.request_ids) total += people[r];
            int seats = next < buses.size() ? std::max(1, std::get<1>(buses[next])) : 1;
            size_t count = static_cast<size_t>((total + seats - 1) / seats);
            for (size_t n = 0; n < count && next < buses.size(); ++n, ++next) {
                g.bus_ids.push_back(std::get<0>(buses[next]));
                g.seats = std::get<1>(buses[next]);
                g.cost_cents += std::get<2>(buses[next]);
                g.km += std::get<3>(buses[next]);
            }
        }
        return std::optional<AllocationRunRead>(std::move(out));
    } catch (const soci::soci_error& ex) {
        return db.FromException(ex);
    }
}

}  // namespace juo::store

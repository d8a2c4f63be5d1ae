// Replica stages: Friday group requests served first-come-first-served (as in 2025), the
// financed buses, and Saturday's public bookings; check-ins give the attended headcounts.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/clock.h"
#include "seed/generation.h"

namespace juo::seed {
namespace {

// Attended visitors per unit of scale: 10,900 pupils and teachers, 7,800 public, 1,850
// job-seekers: 20,550 in all, 53 / 38 / 9 %.
constexpr long long kSchoolAttended = 10900;
constexpr long long kPublicAttended = 7800;
constexpr long long kJobSeekerAttended = 1850;
constexpr int kSpecialRequests = 20;  // requests for the oversubscribed factory (10 places)
constexpr int kBusesPerUnit = 75;

const char* LevelFor(domain::SchoolKind kind, Rng& rng) {
    switch (kind) {
        case domain::SchoolKind::kCollege:
            return rng.Chance(0.7) ? "3e" : "4e";
        case domain::SchoolKind::kLycee:
            return rng.Chance(0.6) ? "2nde" : (rng.Chance(0.5) ? "1re" : "terminale");
        case domain::SchoolKind::kLyceePro:
            return rng.Chance(0.5) ? "cap" : "2nde";
        case domain::SchoolKind::kCfa:
            return "cap";
        case domain::SchoolKind::kHigher:
            return "bts";
        case domain::SchoolKind::kOther:
            return "3e";
    }
    return "3e";
}

bool LevelAdmitted(const domain::Session& s, const std::string& level) {
    return s.min_level.empty() || domain::LevelRank(level) >= domain::LevelRank(s.min_level);
}

// Adds a group booking for an accepted request, and its check-in (most groups come, a few
// pupils are absent; about 3 % of groups do not come at all). Returns the attended headcount.
long long BookGroup(GenerationContext& ctx, Rng& rng, size_t request, size_t session, long long at) {
    auto& r = ctx.replica;
    auto& req = r.requests[request];
    auto& s = r.sessions[session];
    s.places_taken += req.people();
    s.groups_taken += 1;
    domain::Booking b;
    b.kind = domain::BookingKind::kGroup;
    b.audience = req.audience;
    b.session_id = static_cast<long long>(session);
    b.user_id = req.requester_user_id;
    b.group_request_id = static_cast<long long>(request);
    b.people = req.people();
    b.ticket_code = ctx.Ticket();
    b.created_at = UtcIsoFromEpoch(at);
    r.bookings.push_back(b);
    if (rng.Chance(0.03)) return 0;
    domain::CheckIn c;
    c.booking_id = static_cast<long long>(r.bookings.size() - 1);
    c.attended = std::max(1, req.people() - static_cast<int>(rng.Int(0, 2)));
    c.checked_in_at = UtcIsoFromEpoch(ParisSpringToEpoch(s.day_date, std::stoi(s.starts_at.substr(0, 2)), 0));
    r.check_ins.push_back(c);
    return c.attended;
}

}  // namespace

void GenerateGroupDemand(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(4);
    auto& r = ctx.replica;
    const long long school_target = kSchoolAttended * ctx.K();
    const long long jobs_target = kJobSeekerAttended * ctx.K();
    PointGrid friday_sites;
    for (size_t site = 0; site < ctx.open_sites; ++site)
        if (site != ctx.special_site)
            for (size_t s : ctx.sessions_of_site[site])
                if (r.sessions[s].day_date == ctx.friday) {
                    friday_sites.Add(site, r.sites[site].position);
                    break;
                }
    std::vector<size_t> teacher_of_school(r.schools.size(), SIZE_MAX);
    std::vector<size_t> schools_near_special;
    for (size_t i = 0; i < ctx.special_schools; ++i) schools_near_special.push_back(i);
    const auto other_schools = static_cast<long long>(r.schools.size() - ctx.special_schools);

    long long school_attended = 0, jobs_attended = 0, at = ctx.registration_opens;
    int special_left = schools_near_special.empty() ? 0 : kSpecialRequests;
    const long long limit = 4000LL * ctx.K();
    for (long long seq = 0; (school_attended < school_target || jobs_attended < jobs_target) && seq < limit;
         ++seq) {
        at += rng.Int(60, 900) / ctx.K() + 1;
        bool special = special_left > 0 && seq % 5 == 0;
        bool school_group =
            special || (school_attended < school_target && (jobs_attended >= jobs_target || rng.Chance(0.8)));
        domain::GroupRequest req;
        size_t school =
            special
                ? schools_near_special[rng.Int(0, static_cast<long long>(schools_near_special.size()) - 1)]
                : ctx.special_schools + static_cast<size_t>(rng.Int(0, other_schools - 1));
        const auto& sch = r.schools[school];
        req.audience = school_group ? domain::Audience::kSchool : domain::Audience::kJobSeekers;
        req.position = sch.position;
        req.department_code = sch.department_code;
        req.first_time = true;
        req.submitted_at = UtcIsoFromEpoch(at);
        if (school_group) {
            req.school_id = static_cast<long long>(school);
            req.level = LevelFor(sch.kind, rng);
            req.pupils = static_cast<int>(rng.Int(18, 30));
            req.adults = static_cast<int>(rng.Int(2, 3));
            req.bus_needed = rng.Chance(
                sch.rural || sch.priority_education != domain::PriorityEducation::kNone ? 0.55 : 0.3);
            if (teacher_of_school[school] == SIZE_MAX) {
                domain::User t;
                t.email = ctx.Mail("enseignant-" + std::to_string(school + 1), "ecole.example.org");
                t.display_name = "Enseignant·e, " + sch.name;
                t.school_id = static_cast<long long>(school);
                t.roles = {{domain::Role::kTeacher, "", std::nullopt}};
                t.created_at = req.submitted_at;
                teacher_of_school[school] = r.users.size();
                r.users.push_back(std::move(t));
            }
            req.requester_user_id = static_cast<long long>(teacher_of_school[school]);
        } else {
            req.level = "adultes";
            req.pupils = static_cast<int>(rng.Int(8, 15));
            req.adults = 1;
            auto [it, added] = ctx.adviser_by_department.try_emplace(sch.department_code, r.users.size());
            if (added) {
                domain::User a;
                a.email = ctx.Mail("conseiller-" + sch.department_code, "francetravail.example.org");
                a.display_name = "Conseiller·ère France Travail (" + sch.department_code + ")";
                a.roles = {{domain::Role::kAdviser, "", std::nullopt}};
                a.created_at = req.submitted_at;
                r.users.push_back(std::move(a));
            }
            req.requester_user_id = static_cast<long long>(it->second);
        }

        // Ranked wishes: up to three factories within 50 km (120 km where there are none),
        // favouring popular ones and nearer ones; a wish names a tour or the whole site.
        std::vector<size_t> candidates;
        std::vector<double> weights;
        for (double radius : {50.0, 120.0}) {
            friday_sites.Visit(req.position, radius, [&](size_t site, double km) {
                // Teachers see "complet" on a full factory: most look elsewhere, a few still ask.
                bool has_room = false;
                for (size_t s : ctx.sessions_of_site[site])
                    has_room |= r.sessions[s].day_date == ctx.friday && r.sessions[s].groups_left() > 0;
                candidates.push_back(site);
                weights.push_back(ctx.site_popularity[site] / (1 + km / 15) * (has_room ? 1.0 : 0.08));
            });
            if (!candidates.empty()) break;
        }
        if (special) {
            req.wishes.push_back({1, std::nullopt, static_cast<long long>(ctx.special_site)});
            --special_left;
        }
        while (req.wishes.size() < 3 && !candidates.empty()) {
            size_t k = rng.Weighted(weights);
            size_t site = candidates[k];
            candidates.erase(candidates.begin() + static_cast<long>(k));
            weights.erase(weights.begin() + static_cast<long>(k));
            int rank = static_cast<int>(req.wishes.size()) + 1;
            const auto& tours = ctx.sessions_of_site[site];
            std::vector<size_t> friday_tours;
            for (size_t s : tours)
                if (r.sessions[s].day_date == ctx.friday) friday_tours.push_back(s);
            if (rng.Chance(0.7))
                req.wishes.push_back(
                    {rank,
                     static_cast<long long>(
                         friday_tours[rng.Int(0, static_cast<long long>(friday_tours.size()) - 1)]),
                     std::nullopt});
            else
                req.wishes.push_back({rank, std::nullopt, static_cast<long long>(site)});
            if (rng.Chance(0.35)) break;  // many teachers give one or two wishes only
        }
        if (req.wishes.empty()) continue;

        // Open now: the request waits for the Friday round (or its host); its group counts as
        // coming, so that the requests reach the edition's shape.
        if (ctx.open) {
            req.status = domain::RequestStatus::kPending;
            (req.audience == domain::Audience::kSchool ? school_attended : jobs_attended) += req.people();
            r.requests.push_back(std::move(req));
            continue;
        }
        // First come, first served: the first wish with room takes the group.
        size_t request = r.requests.size();
        r.requests.push_back(req);
        auto& stored = r.requests.back();
        stored.status = domain::RequestStatus::kRefused;
        for (const auto& w : stored.wishes) {
            std::vector<size_t> tours;
            if (w.session_id)
                tours.push_back(static_cast<size_t>(*w.session_id));
            else
                for (size_t s : ctx.sessions_of_site[static_cast<size_t>(*w.site_id)])
                    if (r.sessions[s].day_date == ctx.friday) tours.push_back(s);
            for (size_t s : tours) {
                const auto& session = r.sessions[s];
                if (!session.admits(stored.audience) || !LevelAdmitted(session, stored.level) ||
                    !domain::Fits(session, stored.people(), true))
                    continue;
                stored.status = domain::RequestStatus::kAccepted;
                stored.decided_at = UtcIsoFromEpoch(at + 86400);
                long long came = BookGroup(ctx, rng, request, s, at + 86400);
                (stored.audience == domain::Audience::kSchool ? school_attended : jobs_attended) += came;
                break;
            }
            if (stored.status == domain::RequestStatus::kAccepted) break;
        }
        if (stored.status == domain::RequestStatus::kRefused) {
            stored.decided_at = UtcIsoFromEpoch(at + 86400);
            stored.message = "Toutes les visites demandées sont complètes.";
        }
    }
}

void GenerateBuses(GenerationContext& ctx) {
    auto& r = ctx.replica;
    const domain::BusCostModel cost;
    // The budget financed the first 75 buses asked for, in order of request: classes of one
    // school going to the same tour share a bus when the seats allow.
    std::map<std::pair<long long, long long>, size_t> open_bus;  // (school, session) → bus index
    const size_t budget = static_cast<size_t>(kBusesPerUnit) * ctx.K();
    std::vector<int> seats_used;
    for (size_t b = 0; b < r.bookings.size(); ++b) {
        const auto& booking = r.bookings[b];
        if (booking.kind != domain::BookingKind::kGroup) continue;
        const auto& req = r.requests[static_cast<size_t>(*booking.group_request_id)];
        if (!req.bus_needed || !req.school_id) continue;
        auto key = std::make_pair(*req.school_id, booking.session_id);
        auto it = open_bus.find(key);
        if (it != open_bus.end() && seats_used[it->second] + booking.people <= cost.seats) {
            r.buses[it->second].booking_ids.push_back(static_cast<long long>(b));
            seats_used[it->second] += booking.people;
            continue;
        }
        if (r.buses.size() >= budget) continue;
        const auto& site =
            r.sites[static_cast<size_t>(r.sessions[static_cast<size_t>(booking.session_id)].site_id)];
        domain::Bus bus;
        bus.seats = cost.seats;
        bus.distance_km = std::round(2 * 1.3 * HaversineKm(req.position, site.position) * 10) / 10;
        bus.cost_cents = cost.CostCents(bus.distance_km);
        bus.booking_ids.push_back(static_cast<long long>(b));
        open_bus[key] = r.buses.size();
        seats_used.push_back(booking.people);
        r.buses.push_back(std::move(bus));
    }
}

void GeneratePublicBookings(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(5);
    auto& r = ctx.replica;
    const long long target = kPublicAttended * ctx.K();
    std::vector<double> weights;
    for (size_t s : ctx.saturday_sessions)
        weights.push_back(ctx.site_popularity[static_cast<size_t>(r.sessions[s].site_id)]);
    static const std::vector<double> kPartySizes = {0.2, 0.3, 0.2, 0.2, 0.07, 0.03};  // 1..6 people
    long long attended = 0, at = ctx.registration_opens + 20 * 86400LL;
    size_t first_visitor = r.users.size();
    std::set<std::pair<size_t, size_t>> booked_tours;  // (visitor, session)
    // Drawing a tour is a binary search in the cumulative weights (the draws are many: ~3,300
    // parties per unit of scale); a full tour leaves the draw and the table is rebuilt.
    std::vector<double> cumulative(weights.size());
    auto rebuild = [&] {
        double sum = 0;
        for (size_t i = 0; i < weights.size(); ++i) cumulative[i] = sum += weights[i];
    };
    rebuild();
    while (attended < target && !cumulative.empty() && cumulative.back() > 0) {
        double x = rng.Uniform() * cumulative.back();
        auto k = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) -
                                     cumulative.begin());
        k = std::min(k, weights.size() - 1);
        size_t s = ctx.saturday_sessions[k];
        auto& session = r.sessions[s];
        int people = static_cast<int>(rng.Weighted(kPartySizes)) + 1;
        if (!domain::Fits(session, people, false)) {
            if (session.places_left() <
                static_cast<int>(kPartySizes.size())) {  // (nearly) full: off the list
                weights[k] = 0;
                rebuild();
            }
            continue;
        }
        at += rng.Int(30, 600) / ctx.K() + 1;
        if (ctx.open && at >= ctx.open_cut) break;  // the bookings made so far
        // A few visitors book twice (another tour, another day out): reuse an earlier account,
        // unless it already booked this tour (one booking per visitor and tour, migration 6).
        size_t user = r.users.size();
        if (r.users.size() > first_visitor && rng.Chance(0.08)) {
            user = static_cast<size_t>(
                rng.Int(static_cast<long long>(first_visitor), static_cast<long long>(r.users.size()) - 1));
            if (booked_tours.count({user, s})) user = r.users.size();
        }
        if (user == r.users.size()) {
            user = r.users.size();
            domain::User v;
            v.email = ctx.Mail("visiteur-" + std::to_string(user - first_visitor + 1), "public.example.org");
            v.display_name = "Visiteur " + std::to_string(user - first_visitor + 1);
            v.roles = {{domain::Role::kVisitor, "", std::nullopt}};
            v.created_at = UtcIsoFromEpoch(at);
            r.users.push_back(std::move(v));
        }
        domain::Booking b;
        b.kind = domain::BookingKind::kParty;
        b.audience = domain::Audience::kPublic;
        b.session_id = static_cast<long long>(s);
        b.user_id = static_cast<long long>(user);
        b.people = people;
        b.ticket_code = ctx.Ticket();
        b.created_at = UtcIsoFromEpoch(at);
        if (rng.Chance(0.04)) {  // cancelled by the visitor: the places went back on sale
            b.status = domain::BookingStatus::kCancelled;
            b.cancelled_at = UtcIsoFromEpoch(at + 3600);
            r.bookings.push_back(b);
            continue;
        }
        session.places_taken += people;
        booked_tours.insert({user, s});
        r.bookings.push_back(b);
        if (ctx.open) continue;         // the tour is still ahead
        if (rng.Chance(0.1)) continue;  // booked, did not come
        domain::CheckIn c;
        c.booking_id = static_cast<long long>(r.bookings.size() - 1);
        c.attended = people > 1 && rng.Chance(0.07) ? people - 1 : people;
        c.checked_in_at = UtcIsoFromEpoch(
            ParisSpringToEpoch(session.day_date, std::stoi(session.starts_at.substr(0, 2)), 0));
        r.check_ins.push_back(c);
        attended += c.attended;
    }
}

}  // namespace juo::seed

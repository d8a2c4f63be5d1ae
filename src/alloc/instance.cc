// Compiling a Problem into an Instance, and evaluating an Allocation.
#include "alloc/instance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace juo::alloc {

int RankPct(const Candidate& c) {
    if (c.by_radius) return 70;
    switch (c.rank) {
        case 1:
            return 100;
        case 2:
            return 90;
        case 3:
            return 80;
        default:
            return 75;
    }
}

long long Instance::Lottery(unsigned long long seed, long long id) {
    unsigned long long z = seed * 0x9E3779B97F4A7C15ULL + static_cast<unsigned long long>(id);  // splitmix64
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return static_cast<long long>(z % 3);
}

void Instance::Reseed(unsigned long long new_seed) {
    seed = new_seed;
    for (size_t i = 0; i < lottery.size(); ++i) {
        long long now = Lottery(seed, problem->requests[i].id);
        for (int k : by_request[i]) value[static_cast<size_t>(k)] += now - lottery[i];
        lottery[i] = now;
    }
}

bool GuaranteeHolds(const Instance& in, const std::vector<long long>& served) {
    const long long r_none = in.requested[kPriorityKinds];
    if (r_none == 0) return true;
    const __int128 p_none = served[kPriorityKinds];
    for (int g = 0; g < kPriorityKinds; ++g) {
        const long long r_g = in.requested[static_cast<size_t>(g)];
        if (r_g == 0) continue;
        if (static_cast<__int128>(served[static_cast<size_t>(g)]) * r_none < p_none * r_g) return false;
    }
    return true;
}

Instance Compile(const Problem& p, unsigned long long seed) {
    Instance in;
    in.problem = &p;
    in.seed = seed;
    in.seats = std::max(1, p.bus.cost.seats);
    in.by_request.resize(p.requests.size());
    in.by_session.resize(p.sessions.size());
    std::map<long long, int> school_index;
    std::map<std::string, int> dept_index;
    for (const auto& r : p.requests) {
        in.school_of.push_back(
            school_index.try_emplace(r.school_key, static_cast<int>(school_index.size())).first->second);
        in.dept_of.push_back(
            dept_index.try_emplace(r.department, static_cast<int>(dept_index.size())).first->second);
    }
    in.schools = static_cast<int>(school_index.size());
    in.departments = static_cast<int>(dept_index.size());

    std::map<std::pair<long long, int>, int> pool_index;  // (school key, session) → pool
    long long max_value = 0;
    for (size_t k = 0; k < p.candidates.size(); ++k) {
        const Candidate& c = p.candidates[k];
        const Request& r = p.requests[static_cast<size_t>(c.request)];
        long long v = static_cast<long long>(r.pupils) * r.priority_pct * RankPct(c) - std::llround(c.km) +
                      Instance::Lottery(seed, r.id);
        in.value.push_back(v);
        max_value = std::max(max_value, v);
        in.by_request[static_cast<size_t>(c.request)].push_back(static_cast<int>(k));
        in.by_session[static_cast<size_t>(c.session)].push_back(static_cast<int>(k));
        int pool = -1;
        if (r.bus_needed) {
            // Groups without a school ride alone: their pool key is their own (negative) key.
            long long key = r.has_school ? r.school_key : -1 - c.request - (1LL << 40);
            auto [it, added] = pool_index.try_emplace({key, c.session}, static_cast<int>(in.pools.size()));
            if (added) in.pools.push_back(Pool{c.session, key, 0, 0, {}});
            pool = it->second;
            Pool& pl = in.pools[static_cast<size_t>(pool)];
            pl.candidates.push_back(static_cast<int>(k));
            pl.round_trip_km = std::max(pl.round_trip_km, std::round(p.bus.RoundTripKm(c.km) * 10) / 10);
            pl.bus_cost_cents = p.bus.cost.CostCents(pl.round_trip_km);
        }
        in.pool_of.push_back(pool);
    }
    for (const auto& r : p.requests) in.lottery.push_back(Instance::Lottery(seed, r.id));
    // Pins and exclusions, by index.
    std::map<long long, size_t> request_of;
    for (size_t i = 0; i < p.requests.size(); ++i) request_of[p.requests[i].id] = i;
    in.pinned.assign(p.requests.size(), -1);
    in.blocked.assign(p.candidates.size(), 0);
    auto find = [&](long long request, long long session) {
        auto it = request_of.find(request);
        if (it == request_of.end()) return -1;
        for (int k : in.by_request[it->second])
            if (p.sessions[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].session)].id == session)
                return k;
        return -1;
    };
    for (const auto& [request, session] : p.excluded)
        if (int k = find(request, session); k >= 0) in.blocked[static_cast<size_t>(k)] = 1;
    for (const auto& [request, session] : p.pinned)
        if (int k = find(request, session); k >= 0) {
            auto i = static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request);
            in.pinned[i] = k;
            for (int other : in.by_request[i]) in.blocked[static_cast<size_t>(other)] = other != k;
        }
    // The guarantee counts requests that are not pinned and are servable on their own.
    in.counted.assign(p.requests.size(), 0);
    for (size_t i = 0; i < p.requests.size(); ++i) {
        if (in.pinned[i] >= 0) continue;
        // Servable on its own: a candidate not blocked whose buses alone fit the bus limits. A
        // request that no allocation could serve would otherwise drag the reference share to 0.
        bool open = false;
        const Request& q = p.requests[i];
        for (int k : in.by_request[i]) {
            if (in.blocked[static_cast<size_t>(k)]) continue;
            const int pool = in.pool_of[static_cast<size_t>(k)];
            if (pool >= 0) {
                const long long buses = (q.people() + in.seats - 1) / in.seats;
                if (p.bus.max_buses && buses > *p.bus.max_buses) continue;
                if (p.bus.budget_cents && buses * in.pools[static_cast<size_t>(pool)].bus_cost_cents > *p.bus.budget_cents)
                    continue;
            }
            open = true;
        }
        if (!open) continue;
        in.counted[i] = 1;
        const Request& r = p.requests[i];
        if (NoPriority(r.kinds)) in.requested[kPriorityKinds] += r.pupils;
        for (int g = 0; g < kPriorityKinds; ++g)
            if (r.kinds & (1u << g)) in.requested[static_cast<size_t>(g)] += r.pupils;
    }
    in.school_bonus = max_value + 3;
    in.department_bonus = 10 * in.school_bonus;
    return in;
}

Evaluation Evaluate(const Instance& in, const Allocation& a) {
    const Problem& p = *in.problem;
    Evaluation e;
    e.requests = static_cast<int>(p.requests.size());
    std::vector<char> school_hit(static_cast<size_t>(in.schools)),
        dept_hit(static_cast<size_t>(in.departments));
    std::vector<int> pool_people(in.pools.size());
    std::vector<std::vector<int>> pool_requests(in.pools.size());
    for (size_t i = 0; i < p.requests.size(); ++i) {
        e.pupils_requested += p.requests[i].pupils;
        int k = a.chosen[i];
        if (k < 0) continue;
        const Request& r = p.requests[i];
        ++e.requests_served;
        e.pupils_served += r.pupils;
        e.people_served += r.people();
        e.objective += in.value[static_cast<size_t>(k)];
        school_hit[static_cast<size_t>(in.school_of[i])] = 1;
        dept_hit[static_cast<size_t>(in.dept_of[i])] = 1;
        if (int pool = in.pool_of[static_cast<size_t>(k)]; pool >= 0) {
            pool_people[static_cast<size_t>(pool)] += r.people();
            pool_requests[static_cast<size_t>(pool)].push_back(static_cast<int>(i));
        }
    }
    for (char h : school_hit) e.schools_served += h;
    for (char h : dept_hit) e.departments_served += h;
    e.objective += in.school_bonus * e.schools_served + in.department_bonus * e.departments_served;
    for (size_t pool = 0; pool < in.pools.size(); ++pool) {
        if (pool_people[pool] == 0) continue;
        const Pool& pl = in.pools[pool];
        BusGroup g;
        g.session = pl.session;
        g.requests = pool_requests[pool];
        g.buses = (pool_people[pool] + in.seats - 1) / in.seats;
        g.cost_cents = g.buses * pl.bus_cost_cents;
        g.km = g.buses * pl.round_trip_km;
        e.buses += g.buses;
        e.bus_cost_cents += g.cost_cents;
        e.bus_km += g.km;
        e.objective -= in.BusPenalty(pl.bus_cost_cents) * g.buses;
        e.bus_groups.push_back(std::move(g));
    }
    return e;
}

}  // namespace juo::alloc

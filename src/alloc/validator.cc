// The independent validator: recomputes every constraint from the Problem alone.
#include "alloc/validator.h"

#include <cmath>
#include <map>
#include <set>
#include <string>

namespace juo::alloc {

std::vector<int> SessionsOf(const Problem& p, const Allocation& a) {
    std::vector<int> out(p.requests.size(), -1);
    for (size_t i = 0; i < a.chosen.size() && i < out.size(); ++i)
        if (a.chosen[i] >= 0) out[i] = p.candidates[static_cast<size_t>(a.chosen[i])].session;
    return out;
}

std::vector<std::string> Validate(const Problem& p, const std::vector<int>& session_of,
                                  const std::vector<BusGroup>& bus_groups, bool check_pins) {
    std::vector<std::string> v;
    auto req = [&](size_t i) { return "request " + std::to_string(p.requests[i].id); };
    if (session_of.size() != p.requests.size()) {
        v.push_back("the allocation has " + std::to_string(session_of.size()) + " entries for " +
                    std::to_string(p.requests.size()) + " requests");
        return v;
    }
    std::set<std::pair<int, int>> named;  // (request, session) pairs some wish or radius names
    for (const auto& c : p.candidates) named.insert({c.request, c.session});
    std::vector<long long> people(p.sessions.size()), groups(p.sessions.size());
    for (size_t i = 0; i < session_of.size(); ++i) {
        int s = session_of[i];
        if (s < 0) continue;
        if (s >= static_cast<int>(p.sessions.size())) {
            v.push_back(req(i) + " is sent to an unknown session");
            continue;
        }
        const Request& r = p.requests[i];
        const Session& ses = p.sessions[static_cast<size_t>(s)];
        if (!named.count({static_cast<int>(i), s}))
            v.push_back(req(i) + " is sent to session " + std::to_string(ses.id) +
                        ", which it did not ask for");
        if (!(r.job_seekers ? ses.admits_job_seekers : ses.admits_school))
            v.push_back(req(i) + ": session " + std::to_string(ses.id) + " does not admit its audience");
        if (ses.min_level_rank >= 0 && r.level_rank < ses.min_level_rank)
            v.push_back(req(i) + ": its level is below session " + std::to_string(ses.id) + "'s minimum");
        people[static_cast<size_t>(s)] += r.people();
        groups[static_cast<size_t>(s)] += 1;
    }
    for (size_t s = 0; s < p.sessions.size(); ++s) {
        if (people[s] > p.sessions[s].places_left)
            v.push_back("session " + std::to_string(p.sessions[s].id) + " gets " + std::to_string(people[s]) +
                        " people for " + std::to_string(p.sessions[s].places_left) + " places");
        if (groups[s] > p.sessions[s].groups_left)
            v.push_back("session " + std::to_string(p.sessions[s].id) + " gets " + std::to_string(groups[s]) +
                        " groups for " + std::to_string(p.sessions[s].groups_left));
    }

    std::vector<int> rides(p.requests.size());
    long long cost = 0, buses = 0;
    if (check_pins) {
        // The organiser's pins and exclusions, by ids (independent of the solvers' indexes).
        std::map<long long, size_t> index;
        for (size_t i = 0; i < p.requests.size(); ++i) index[p.requests[i].id] = i;
        auto session_id = [&](size_t i) {
            return session_of[i] >= 0 && session_of[i] < static_cast<int>(p.sessions.size())
                       ? p.sessions[static_cast<size_t>(session_of[i])].id
                       : -1;
        };
        for (const auto& [request, session] : p.pinned) {
            auto it = index.find(request);
            if (it == index.end() || session_id(it->second) != session)
                v.push_back("request " + std::to_string(request) + " is pinned to session " +
                            std::to_string(session) + " but is not sent there");
        }
        for (const auto& [request, session] : p.excluded) {
            auto it = index.find(request);
            if (it != index.end() && session_id(it->second) == session)
                v.push_back("request " + std::to_string(request) + " is sent to session " +
                            std::to_string(session) + ", which the organiser excluded");
        }
    }
    const int seats = p.bus.cost.seats;
    for (const auto& g : bus_groups) {
        if (g.requests.empty() || g.buses < 1) {
            v.push_back("a bus group carries nobody or has no bus");
            continue;
        }
        long long load = 0;
        double farthest = 0;
        size_t first = static_cast<size_t>(g.requests.front());
        for (int i : g.requests) {
            auto ui = static_cast<size_t>(i);
            if (ui >= p.requests.size()) {
                v.push_back("a bus group carries an unknown request");
                continue;
            }
            const Request& r = p.requests[ui];
            ++rides[ui];
            load += r.people();
            if (session_of[ui] != g.session)
                v.push_back(req(ui) + " rides a bus to a session it is not sent to");
            if (!r.bus_needed) v.push_back(req(ui) + " gets a bus it did not ask for");
            if (ui != first && (!r.has_school || !p.requests[first].has_school ||
                                r.school_key != p.requests[first].school_key))
                v.push_back(req(ui) + " shares a bus with a group of another school");
            if (g.session >= 0 && g.session < static_cast<int>(p.sessions.size()))
                farthest = std::max(
                    farthest,
                    std::round(p.bus.RoundTripKm(HaversineKm(
                                   r.position, p.sessions[static_cast<size_t>(g.session)].position)) *
                               10) /
                        10);
        }
        if (load > static_cast<long long>(g.buses) * seats)
            v.push_back("a bus group of " + std::to_string(load) + " people has " + std::to_string(g.buses) +
                        " buses of " + std::to_string(seats) + " seats");
        long long expected = g.buses * p.bus.cost.CostCents(farthest);
        if (g.cost_cents != expected)
            v.push_back("a bus group costs " + std::to_string(g.cost_cents) + " cents, the bus model says " +
                        std::to_string(expected));
        cost += g.cost_cents;
        buses += g.buses;
    }
    for (size_t i = 0; i < p.requests.size(); ++i) {
        bool served = session_of[i] >= 0;
        if (served && p.requests[i].bus_needed && rides[i] != 1)
            v.push_back(req(i) + " needs a bus and is in " + std::to_string(rides[i]) + " bus groups");
        if (!served && rides[i] > 0) v.push_back(req(i) + " is not served but rides a bus");
    }
    if (p.bus.budget_cents && cost > *p.bus.budget_cents)
        v.push_back("buses cost " + std::to_string(cost) + " cents, over the budget of " +
                    std::to_string(*p.bus.budget_cents));
    if (p.bus.max_buses && buses > *p.bus.max_buses)
        v.push_back(std::to_string(buses) + " buses, over the limit of " + std::to_string(*p.bus.max_buses));
    return v;
}

}  // namespace juo::alloc

namespace juo::alloc {

FairnessReport CheckFairness(const Problem& p, const std::vector<int>& session_of,
                             const std::vector<BusGroup>& bus_groups) {
    FairnessReport out;
    const size_t n = p.requests.size();
    std::vector<std::vector<size_t>> candidates_of(n);
    for (const auto& c : p.candidates)
        candidates_of[static_cast<size_t>(c.request)].push_back(static_cast<size_t>(c.session));
    std::vector<long long> people(p.sessions.size()), groups(p.sessions.size());
    std::vector<std::vector<size_t>> served_at(p.sessions.size());
    std::map<long long, int> school_count;
    std::map<std::string, int> dept_count;
    for (size_t i = 0; i < n; ++i) {
        if (session_of[i] < 0) continue;
        auto s = static_cast<size_t>(session_of[i]);
        people[s] += p.requests[i].people();
        groups[s] += 1;
        served_at[s].push_back(i);
        ++school_count[p.requests[i].school_key];
        ++dept_count[p.requests[i].department];
    }
    long long cost = 0, buses = 0;
    for (const auto& g : bus_groups) cost += g.cost_cents, buses += g.buses;
    const long long budget_left = p.bus.budget_cents ? *p.bus.budget_cents - cost : (1LL << 60);
    const long long buses_left = p.bus.max_buses ? *p.bus.max_buses - buses : (1LL << 60);
    const int seats = std::max(1, p.bus.cost.seats);

    // Whether request i fits at session s once `gone` (a request, or n for none) leaves it.
    auto fits = [&](size_t i, size_t s, size_t gone) {
        const Request& r = p.requests[i];
        long long pe = people[s], gr = groups[s];
        if (gone < n) pe -= p.requests[gone].people(), gr -= 1;
        if (pe + r.people() > p.sessions[s].places_left || gr + 1 > p.sessions[s].groups_left) return false;
        if (!r.bus_needed) return true;
        long long need = (r.people() + seats - 1) / seats;
        double km = std::round(p.bus.RoundTripKm(HaversineKm(r.position, p.sessions[s].position)) * 10) / 10;
        return need <= buses_left && need * p.bus.cost.CostCents(km) <= budget_left;
    };
    std::set<long long> schools_out;
    std::set<std::string> depts_out;
    for (size_t i = 0; i < n; ++i) {
        const Request& r = p.requests[i];
        if (session_of[i] >= 0) continue;
        bool school_empty = school_count[r.school_key] == 0, dept_empty = dept_count[r.department] == 0;
        if (!school_empty && !dept_empty) continue;
        for (size_t s : candidates_of[i]) {
            bool outright = fits(i, s, n);
            bool school_swap = outright, dept_swap = outright;
            for (size_t other : served_at[s]) {
                if (school_swap && dept_swap) break;
                if (!fits(i, s, other)) continue;
                if (school_count[p.requests[other].school_key] >= 2) school_swap = true;
                if (dept_count[p.requests[other].department] >= 2) dept_swap = true;
            }
            auto note = [&](const std::string& what) {
                if (out.examples.size() < 5)
                    out.examples.push_back(
                        what + ": request " + std::to_string(r.id) + " could go to session " +
                        std::to_string(p.sessions[s].id) +
                        (outright ? " (it has room)" : " (in the place of a second group)"));
            };
            if (school_empty && school_swap && schools_out.insert(r.school_key).second)
                note("school left out");
            if (dept_empty && dept_swap && depts_out.insert(r.department).second) note("department left out");
        }
    }
    out.schools_left_out = static_cast<int>(schools_out.size());
    out.departments_left_out = static_cast<int>(depts_out.size());
    return out;
}

}  // namespace juo::alloc

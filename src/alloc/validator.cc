// The independent validator: recomputes every constraint from the Problem alone.
#include "alloc/validator.h"

#include <cmath>
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
                                  const std::vector<BusGroup>& bus_groups) {
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

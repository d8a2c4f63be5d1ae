// The flow relaxation on LEMON's network simplex.
#include "alloc/flow_bound.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>

namespace juo::alloc {

FlowBoundResult FlowBound(const Instance& in) {
    const auto t0 = std::chrono::steady_clock::now();
    const Problem& p = *in.problem;
    using Graph = lemon::SmartDigraph;
    Graph g;
    Graph::ArcMap<long long> cap(g), cost(g), low(g, 0);
    const long long n = static_cast<long long>(p.requests.size());
    Graph::Node source = g.addNode(), sink = g.addNode();
    auto arc = [&](Graph::Node u, Graph::Node v, long long c, long long gain) {
        Graph::Arc a = g.addArc(u, v);
        cap[a] = c;
        cost[a] = -gain;  // the network simplex minimises
        return a;
    };
    std::vector<Graph::Node> dept, school, request, session;
    for (int d = 0; d < in.departments; ++d) {
        dept.push_back(g.addNode());
        arc(source, dept.back(), 1, in.department_bonus);
        arc(source, dept.back(), n, 0);
    }
    // A school whose requests span departments (a requester's groups from several places)
    // gets one school node per department: still a relaxation, as each keeps its own bonus.
    std::vector<std::vector<std::pair<int, Graph::Node>>> school_nodes(static_cast<size_t>(in.schools));
    auto school_node = [&](int s, int d) {
        for (auto& [dd, node] : school_nodes[static_cast<size_t>(s)])
            if (dd == d) return node;
        Graph::Node node = g.addNode();
        arc(dept[static_cast<size_t>(d)], node, 1, in.school_bonus);
        arc(dept[static_cast<size_t>(d)], node, n, 0);
        school_nodes[static_cast<size_t>(s)].push_back({d, node});
        return node;
    };
    for (const auto& ses : p.sessions) {
        session.push_back(g.addNode());
        arc(session.back(), sink, ses.groups_left, 0);
    }
    std::vector<Graph::Arc> candidate_arc;
    for (size_t i = 0; i < p.requests.size(); ++i) {
        request.push_back(g.addNode());
        arc(school_node(in.school_of[i], in.dept_of[i]), request.back(), 1, 0);
    }
    for (size_t k = 0; k < p.candidates.size(); ++k) {
        const Candidate& c = p.candidates[k];
        candidate_arc.push_back(arc(request[static_cast<size_t>(c.request)],
                                    session[static_cast<size_t>(c.session)], 1, in.value[k]));
        // The organiser's exclusions (and a pinned request's other candidates) carry nothing;
        // a pinned candidate carries its request.
        if (!in.blocked.empty() && in.blocked[k]) cap[candidate_arc.back()] = 0;
        if (!in.pinned.empty() && in.pinned[static_cast<size_t>(c.request)] == static_cast<int>(k))
            low[candidate_arc.back()] = 1;
    }
    arc(source, sink, n, 0);  // flow that serves nobody
    Graph::NodeMap<long long> supply(g, 0);
    supply[source] = n;
    supply[sink] = -n;
    lemon::NetworkSimplex<Graph, long long, long long> ns(g);
    ns.lowerMap(low).upperMap(cap).costMap(cost).supplyMap(supply);
    FlowBoundResult out;
    if (ns.run() == decltype(ns)::OPTIMAL) {
        out.solved = true;
        out.bound = -ns.totalCost();
        out.x.resize(p.candidates.size());
        for (size_t k = 0; k < p.candidates.size(); ++k)
            out.x[k] = static_cast<double>(ns.flow(candidate_arc[k]));
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace juo::alloc

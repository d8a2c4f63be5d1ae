// LP rounding and local search for the allocation.
#include "alloc/heuristic.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "alloc/state.h"

namespace juo::alloc {
namespace {

void Load(State& st, const Allocation& a) {
    for (int k : a.chosen)
        if (k >= 0) st.Add(k);
}

// Best candidate of request i that can be added now, or -1; `skip_session` excluded.
int BestAddable(const Instance& in, const State& st, int i, int skip_session, long long* gain) {
    int best = -1;
    long long best_gain = 0;
    for (int k : in.by_request[static_cast<size_t>(i)]) {
        if (in.problem->candidates[static_cast<size_t>(k)].session == skip_session || !st.CanAdd(k)) continue;
        long long g = st.AddGain(k);
        if (best < 0 || g > best_gain) best = k, best_gain = g;
    }
    *gain = best_gain;
    return best;
}

// Tries to serve unserved request i at candidate k by ejecting one served request r from k's
// session (r goes to another of its candidates if it can, or leaves). Keeps the best strict
// improvement; returns whether the state changed.
bool TryEject(const Instance& in, State& st, int k) {
    const Candidate& c = in.problem->candidates[static_cast<size_t>(k)];
    const long long before = st.objective();
    int best_r = -1, best_rk = -1;
    long long best_obj = before;
    for (int rk : in.by_session[static_cast<size_t>(c.session)]) {
        int r = in.problem->candidates[static_cast<size_t>(rk)].request;
        if (st.chosen(r) != rk || in.pinned[static_cast<size_t>(r)] >= 0) continue;
        st.Remove(r);
        if (st.CanAdd(k)) {
            st.Add(k);
            long long g = 0;
            int alt = BestAddable(in, st, r, c.session, &g);
            if (alt >= 0 && g > 0) {
                st.Add(alt);
                if (!st.GuaranteeOk()) alt = -1;
                st.Remove(r);
            } else {
                alt = -1;
            }
            if (st.GuaranteeOk()) {
                long long obj = st.objective() + (alt >= 0 ? g : 0);
                if (obj > best_obj) best_obj = obj, best_r = r, best_rk = alt;
            }
            st.Remove(c.request);
        }
        st.Add(rk);
    }
    if (best_r < 0) return false;
    st.Remove(best_r);
    st.Add(k);
    if (best_rk >= 0) st.Add(best_rk);
    return true;
}

// Tries to serve request i at candidate k (session has room, the budget does not) by dropping a
// served bus group whose loss is smaller than the gain.
bool TryBusSwap(const Instance& in, State& st, int k, const std::vector<int>& bus_riders) {
    const long long before = st.objective();
    int best_r = -1;
    long long best_obj = before;
    for (int r : bus_riders) {
        int rk = st.chosen(r);
        if (rk < 0 || in.pinned[static_cast<size_t>(r)] >= 0) continue;
        st.Remove(r);
        if (st.CanAdd(k)) {
            st.Add(k);
            if (st.GuaranteeOk() && st.objective() > best_obj) best_obj = st.objective(), best_r = r;
            st.Remove(in.problem->candidates[static_cast<size_t>(k)].request);
        }
        st.Add(rk);
    }
    if (best_r < 0) return false;
    st.Remove(best_r);
    st.Add(k);
    return true;
}

// Makes `st` hold `from`'s allocation (both on one instance).
void RestoreFrom(State& st, const State& from) {
    const int n = static_cast<int>(st.allocation().chosen.size());
    for (int i = 0; i < n; ++i)
        if (st.chosen(i) >= 0 && st.chosen(i) != from.chosen(i)) st.Remove(i);
    for (int i = 0; i < n; ++i)
        if (from.chosen(i) >= 0 && st.chosen(i) < 0) st.Add(from.chosen(i));
}

// Makes the priority guarantee hold: serves the priority requests that fit, then gives up
// requests with no priority in batches — those riding a bus first (the buses are what priority
// groups lack: they need one more often), each by its smallest loss, a school's last class
// last — and after each batch
// serves the priority requests that now fit. Never removes a pinned request.
void RepairGuarantee(const Instance& in, State& st) {
    const Problem& p = *in.problem;
    const int n = static_cast<int>(p.requests.size());
    auto sweep = [&] {
        for (int i = 0; i < n && !st.GuaranteeOk(); ++i) {
            if (st.chosen(i) >= 0 || !in.counted[static_cast<size_t>(i)] ||
                NoPriority(p.requests[static_cast<size_t>(i)].kinds))
                continue;
            long long g = 0;
            int k = BestAddable(in, st, i, -1, &g);
            if (k >= 0) st.Add(k);
        }
    };
    sweep();
    if (st.GuaranteeOk()) return;
    std::vector<int> none;
    for (int i = 0; i < n; ++i)
        if (st.chosen(i) >= 0 && st.CountsAsNone(i) && in.pinned[static_cast<size_t>(i)] < 0) none.push_back(i);
    std::vector<long long> loss(static_cast<size_t>(n));
    std::vector<char> bus(static_cast<size_t>(n));
    for (int i : none) {
        loss[static_cast<size_t>(i)] = st.RemoveGain(i);
        bus[static_cast<size_t>(i)] = in.pool_of[static_cast<size_t>(st.chosen(i))] >= 0;
    }
    std::stable_sort(none.begin(), none.end(), [&](int a, int b) {
        if (bus[static_cast<size_t>(a)] != bus[static_cast<size_t>(b)]) return bus[static_cast<size_t>(a)] > bus[static_cast<size_t>(b)];
        return loss[static_cast<size_t>(a)] > loss[static_cast<size_t>(b)];
    });
    // Rounds over the list, each a filter: bus riders only or not, sparing a school's (or
    // department's) last served class (whose loss takes a fairness bonus) or not. Two orders of
    // rounds are tried, the better result kept: giving buses to priority groups first even at a
    // school's last class, or sparing last classes first.
    struct Round {
        bool bus_only, spare_last;
    };
    const std::vector<std::vector<Round>> orders = {
        {{true, true}, {true, false}, {false, true}, {false, false}},
        {{true, true}, {false, true}, {true, false}, {false, false}}};
    const size_t batch = std::max<size_t>(1, none.size() / 200);
    std::optional<State> best;
    const State start = st;
    for (const auto& rounds : orders) {
        State trial = start;
        State& s = trial;
        auto trial_sweep = [&] {
            for (int i = 0; i < n && !s.GuaranteeOk(); ++i) {
                if (s.chosen(i) >= 0 || !in.counted[static_cast<size_t>(i)] ||
                    NoPriority(p.requests[static_cast<size_t>(i)].kinds))
                    continue;
                long long g = 0;
                int k = BestAddable(in, s, i, -1, &g);
                if (k >= 0) s.Add(k);
            }
        };
        for (const Round& round : rounds) {
            if (s.GuaranteeOk()) break;
            size_t removed = 0;
            for (int i : none) {
                if (s.GuaranteeOk()) break;
                if (s.chosen(i) < 0) continue;
                if (round.bus_only && !bus[static_cast<size_t>(i)]) continue;
                if (round.spare_last && s.RemoveGain(i) <= -in.school_bonus) continue;
                s.Remove(i);
                if (++removed % batch == 0) trial_sweep();
            }
            trial_sweep();
        }
        // What still fits with the guarantee (the caller's pass does the rest).
        if (s.GuaranteeOk() && (!best || s.objective() > best->objective())) best.emplace(s);
    }
    if (best) RestoreFrom(st, *best);
}

}  // namespace

Allocation RoundRelaxation(const Instance& in, const std::vector<double>& lp_x) {
    const Problem& p = *in.problem;
    std::vector<int> order(p.candidates.size());
    std::iota(order.begin(), order.end(), 0);
    auto density = [&](int k) {
        return static_cast<double>(in.value[static_cast<size_t>(k)]) /
               p.requests[static_cast<size_t>(p.candidates[static_cast<size_t>(k)].request)].people();
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (!lp_x.empty()) {
            double xa = lp_x[static_cast<size_t>(a)], xb = lp_x[static_cast<size_t>(b)];
            if (std::abs(xa - xb) > 1e-6) return xa > xb;
            return in.value[static_cast<size_t>(a)] > in.value[static_cast<size_t>(b)];
        }
        return density(a) > density(b);
    });
    State st(in);
    for (int k : in.pinned)
        if (k >= 0) st.Add(k);  // BuildProblem checked that the pins fit together
    // Twice: a request with no priority that the guarantee held back may fit once priority
    // requests further down the order are in.
    // The LP's order without the guarantee first (it keeps the schools' first classes, worth
    // the most); then the guarantee is repaired; then a second pass adds what still fits with it.
    for (int k : order)
        if (st.CanAdd(k) && st.AddGain(k) > 0) st.Add(k);
    if (in.guarantee) {
        RepairGuarantee(in, st);
        for (int k : order)
            if (st.CanAdd(k) && st.AddGain(k) > 0) {
                st.Add(k);
                if (!st.GuaranteeOk()) st.Remove(p.candidates[static_cast<size_t>(k)].request);
            }
    }
    return st.allocation();
}

Allocation LocalSearch(const Instance& in, const Allocation& start,
                       std::chrono::steady_clock::time_point deadline) {
    const Problem& p = *in.problem;
    State st(in);
    Load(st, start);
    const int n = static_cast<int>(p.requests.size());
    bool improved = true;
    for (int round = 0; improved && round < 50; ++round) {
        improved = false;
        // Served requests move to a better candidate when one has room.
        for (int i = 0; i < n; ++i) {
            int k = st.chosen(i);
            if (k < 0) continue;
            long long before = st.objective();
            st.Remove(i);
            long long g = 0;
            int best = BestAddable(in, st, i, -1, &g);
            st.Add(best >= 0 && st.objective() + g > before ? best : k);
            if (st.objective() > before) improved = true;
        }
        // Bus riders by smallest loss first: the cheapest to give up when the budget is short.
        std::vector<int> riders;
        for (int i = 0; i < n; ++i)
            if (st.chosen(i) >= 0 && in.pool_of[static_cast<size_t>(st.chosen(i))] >= 0) riders.push_back(i);
        std::stable_sort(riders.begin(), riders.end(),
                         [&](int a, int b) { return st.RemoveGain(a) > st.RemoveGain(b); });
        if (riders.size() > 40) riders.resize(40);
        for (int i = 0; i < n; ++i) {
            if (st.chosen(i) >= 0) continue;
            if (std::chrono::steady_clock::now() > deadline) return st.allocation();
            long long g = 0;
            int best = BestAddable(in, st, i, -1, &g);
            if (best >= 0 && g > 0) {
                st.Add(best);
                if (st.GuaranteeOk()) {
                    improved = true;
                    continue;
                }
                st.Remove(i);
            }
            for (int k : in.by_request[static_cast<size_t>(i)]) {
                const Candidate& c = p.candidates[static_cast<size_t>(k)];
                bool room = st.people_left(c.session) >= p.requests[static_cast<size_t>(i)].people() &&
                            st.groups_left(c.session) >= 1;
                if (!room && TryEject(in, st, k)) {
                    improved = true;
                    break;
                }
                if (room && in.pool_of[static_cast<size_t>(k)] >= 0 && TryBusSwap(in, st, k, riders)) {
                    improved = true;
                    break;
                }
            }
        }
    }
    return st.allocation();
}

}  // namespace juo::alloc

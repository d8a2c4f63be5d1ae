// State: an allocation being built or improved, with its loads (session places and groups, bus
// pools, budget) and its objective kept up to date in O(1) per change. Used by the first-come
// baseline and by the primal heuristic.
//
// Thread-safety: not thread-safe; one State per thread.
#pragma once

#include <vector>

#include "alloc/instance.h"

namespace juo::alloc {

class State {
 public:
    // honour_pins: CanAdd refuses blocked candidates (Instance::blocked). The first-come baseline
    // passes false: it shows what first-come would have done, without the organiser's changes.
    explicit State(const Instance& instance, bool honour_pins = true);

    // Whether candidate k can be added now: its request is not served, its session has room, the
    // buses it would add fit in the budget, and (honour_pins) it is not blocked.
    bool CanAdd(int k) const;
    // Change of the objective if candidate k were added (fairness bonuses, value, new buses).
    long long AddGain(int k) const;
    // Change of the objective if request i were removed (≤ 0 for a served request).
    long long RemoveGain(int i) const;
    void Add(int k);
    void Remove(int i);

    int chosen(int i) const { return chosen_[static_cast<size_t>(i)]; }
    long long objective() const { return objective_; }
    int people_left(int s) const { return people_left_[static_cast<size_t>(s)]; }
    int groups_left(int s) const { return groups_left_[static_cast<size_t>(s)]; }
    long long budget_left() const { return budget_left_; }
    long long buses_left() const { return buses_left_; }
    Allocation allocation() const { return Allocation{chosen_}; }
    // The priority guarantee (ADR 0019) on the current allocation; true when not enforced.
    bool GuaranteeOk() const { return !in_.guarantee || GuaranteeHolds(in_, served_); }
    // Whether request i's pupils count for the guarantee, in the "no priority" group.
    bool CountsAsNone(int i) const;

 private:
    int NewBuses(int pool, int people) const;  // buses added when `people` join the pool (< 0: leave)

    const Instance& in_;
    std::vector<int> chosen_;
    std::vector<int> people_left_, groups_left_;
    std::vector<int> pool_people_;
    std::vector<int> school_count_, dept_count_;
    long long budget_left_, buses_left_;
    long long objective_ = 0;
    bool honour_pins_ = true;
    std::vector<long long> served_;  // counted pupils served, by kind (Instance::requested)
    void Count(size_t i, int sign);
};

}  // namespace juo::alloc

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
    explicit State(const Instance& instance);

    // Whether candidate k can be added now: its request is not served, its session has room, and
    // the buses it would add fit in the budget.
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

 private:
    int NewBuses(int pool, int people) const;  // buses added when `people` join the pool (< 0: leave)

    const Instance& in_;
    std::vector<int> chosen_;
    std::vector<int> people_left_, groups_left_;
    std::vector<int> pool_people_;
    std::vector<int> school_count_, dept_count_;
    long long budget_left_, buses_left_;
    long long objective_ = 0;
};

}  // namespace juo::alloc

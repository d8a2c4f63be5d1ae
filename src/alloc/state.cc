// Incremental loads and objective of an allocation.
#include "alloc/state.h"

#include <limits>

namespace juo::alloc {
namespace {
constexpr long long kUnlimited = std::numeric_limits<long long>::max() / 4;
int Buses(int people, int seats) { return (people + seats - 1) / seats; }
}  // namespace

State::State(const Instance& in, bool honour_pins)
    : in_(in),
      chosen_(in.problem->requests.size(), -1),
      pool_people_(in.pools.size()),
      school_count_(static_cast<size_t>(in.schools)),
      dept_count_(static_cast<size_t>(in.departments)),
      budget_left_(in.problem->bus.budget_cents.value_or(kUnlimited)),
      buses_left_(in.problem->bus.max_buses ? *in.problem->bus.max_buses : kUnlimited),
      honour_pins_(honour_pins),
      served_(kPriorityKinds + 1, 0) {
    for (const auto& s : in.problem->sessions) {
        people_left_.push_back(s.places_left);
        groups_left_.push_back(s.groups_left);
    }
}

int State::NewBuses(int pool, int people) const {
    int now = pool_people_[static_cast<size_t>(pool)];
    return Buses(now + people, in_.seats) - Buses(now, in_.seats);
}

bool State::CountsAsNone(int i) const {
    auto ui = static_cast<size_t>(i);
    return !in_.counted.empty() && in_.counted[ui] && NoPriority(in_.problem->requests[ui].kinds);
}

void State::Count(size_t i, int sign) {
    if (in_.counted.empty() || !in_.counted[i]) return;
    const Request& r = in_.problem->requests[i];
    if (NoPriority(r.kinds)) served_[kPriorityKinds] += sign * r.pupils;
    for (int g = 0; g < kPriorityKinds; ++g)
        if (r.kinds & (1u << g)) served_[static_cast<size_t>(g)] += sign * r.pupils;
}

bool State::CanAdd(int k) const {
    if (honour_pins_ && !in_.blocked.empty() && in_.blocked[static_cast<size_t>(k)]) return false;
    const Candidate& c = in_.problem->candidates[static_cast<size_t>(k)];
    if (chosen_[static_cast<size_t>(c.request)] >= 0) return false;
    int people = in_.problem->requests[static_cast<size_t>(c.request)].people();
    if (people_left_[static_cast<size_t>(c.session)] < people ||
        groups_left_[static_cast<size_t>(c.session)] < 1)
        return false;
    int pool = in_.pool_of[static_cast<size_t>(k)];
    if (pool < 0) return true;
    int add = NewBuses(pool, people);
    return add <= buses_left_ && add * in_.pools[static_cast<size_t>(pool)].bus_cost_cents <= budget_left_;
}

long long State::AddGain(int k) const {
    const Candidate& c = in_.problem->candidates[static_cast<size_t>(k)];
    auto i = static_cast<size_t>(c.request);
    long long g = in_.value[static_cast<size_t>(k)];
    if (school_count_[static_cast<size_t>(in_.school_of[i])] == 0) g += in_.school_bonus;
    if (dept_count_[static_cast<size_t>(in_.dept_of[i])] == 0) g += in_.department_bonus;
    if (int pool = in_.pool_of[static_cast<size_t>(k)]; pool >= 0)
        g -= NewBuses(pool, in_.problem->requests[i].people()) *
             in_.BusPenalty(in_.pools[static_cast<size_t>(pool)].bus_cost_cents);
    return g;
}

long long State::RemoveGain(int i) const {
    int k = chosen_[static_cast<size_t>(i)];
    if (k < 0) return 0;
    auto ui = static_cast<size_t>(i);
    long long g = -in_.value[static_cast<size_t>(k)];
    if (school_count_[static_cast<size_t>(in_.school_of[ui])] == 1) g -= in_.school_bonus;
    if (dept_count_[static_cast<size_t>(in_.dept_of[ui])] == 1) g -= in_.department_bonus;
    if (int pool = in_.pool_of[static_cast<size_t>(k)]; pool >= 0)
        g -= NewBuses(pool, -in_.problem->requests[ui].people()) *
             in_.BusPenalty(in_.pools[static_cast<size_t>(pool)].bus_cost_cents);
    return g;
}

void State::Add(int k) {
    objective_ += AddGain(k);
    const Candidate& c = in_.problem->candidates[static_cast<size_t>(k)];
    auto i = static_cast<size_t>(c.request);
    int people = in_.problem->requests[i].people();
    chosen_[i] = k;
    Count(i, +1);
    people_left_[static_cast<size_t>(c.session)] -= people;
    groups_left_[static_cast<size_t>(c.session)] -= 1;
    ++school_count_[static_cast<size_t>(in_.school_of[i])];
    ++dept_count_[static_cast<size_t>(in_.dept_of[i])];
    if (int pool = in_.pool_of[static_cast<size_t>(k)]; pool >= 0) {
        int add = NewBuses(pool, people);
        buses_left_ -= add;
        budget_left_ -= add * in_.pools[static_cast<size_t>(pool)].bus_cost_cents;
        pool_people_[static_cast<size_t>(pool)] += people;
    }
}

void State::Remove(int i) {
    auto ui = static_cast<size_t>(i);
    int k = chosen_[ui];
    if (k < 0) return;
    objective_ += RemoveGain(i);
    const Candidate& c = in_.problem->candidates[static_cast<size_t>(k)];
    int people = in_.problem->requests[ui].people();
    chosen_[ui] = -1;
    Count(ui, -1);
    people_left_[static_cast<size_t>(c.session)] += people;
    groups_left_[static_cast<size_t>(c.session)] += 1;
    --school_count_[static_cast<size_t>(in_.school_of[ui])];
    --dept_count_[static_cast<size_t>(in_.dept_of[ui])];
    if (int pool = in_.pool_of[static_cast<size_t>(k)]; pool >= 0) {
        int add = NewBuses(pool, -people);
        buses_left_ -= add;
        budget_left_ -= add * in_.pools[static_cast<size_t>(pool)].bus_cost_cents;
        pool_people_[static_cast<size_t>(pool)] -= people;
    }
}

}  // namespace juo::alloc

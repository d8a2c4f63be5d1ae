// The first-come-first-served baseline.
#include "alloc/fcfs.h"

#include <algorithm>
#include <numeric>

#include "alloc/state.h"

namespace juo::alloc {

Allocation FirstComeFirstServed(const Instance& in) {
    const Problem& p = *in.problem;
    std::vector<size_t> order(p.requests.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto &ra = p.requests[a], &rb = p.requests[b];
        return ra.submitted_at != rb.submitted_at ? ra.submitted_at < rb.submitted_at : ra.id < rb.id;
    });
    State st(in, /*honour_pins=*/false);  // first-come, without the organiser's pins
    for (size_t i : order)
        for (int k : in.by_request[i])
            if (st.CanAdd(k)) {
                st.Add(k);
                break;
            }
    return st.allocation();
}

}  // namespace juo::alloc

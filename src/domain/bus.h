// Bus: a coach financed by the organiser to bring classes that have no transport.
//
// Thread-safety: plain values.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace juo::domain {

struct Bus {
    long long id = 0;
    long long edition_id = 0;
    std::optional<long long> allocation_run_id;
    int seats = 0;
    long long cost_cents = 0;
    double distance_km = 0;              // round trip school ↔ site
    std::vector<long long> booking_ids;  // the groups it carries (one school, one session)
};

// Cost model of a bus: a fixed price plus a price per kilometre of the round trip.
struct BusCostModel {
    int seats = 55;
    long long fixed_cents = 35000;
    long long per_km_cents = 250;

    long long CostCents(double round_trip_km) const {
        return fixed_cents + std::llround(static_cast<double>(per_km_cents) * round_trip_km);
    }
};

}  // namespace juo::domain

// Internal to seed/: the state shared by the stages of GenerateReplica and the stages
// themselves. Each stage appends to the Replica and draws from its own forked Rng, so a stage's
// output does not change when an earlier stage draws a different number of values.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/geo.h"
#include "common/rng.h"
#include "seed/replica.h"

namespace juo::seed {

// A uniform grid over latitude/longitude for "what is within R km" on points that do not move.
class PointGrid {
 public:
    explicit PointGrid(double cell_degrees = 0.5) : cell_(cell_degrees) {}
    void Add(size_t index, LatLon p) { cells_[Key(CellOf(p.lat), CellOf(p.lon))].push_back({index, p}); }
    // Calls fn(index, distance_km) for every point within radius_km of p.
    template <typename Fn>
    void Visit(LatLon p, double radius_km, Fn&& fn) const {
        double dlat = radius_km / 111.0;
        double dlon = radius_km / (111.0 * std::max(0.2, std::cos(p.lat * 3.14159265358979 / 180)));
        for (long long a = CellOf(p.lat - dlat); a <= CellOf(p.lat + dlat); ++a)
            for (long long b = CellOf(p.lon - dlon); b <= CellOf(p.lon + dlon); ++b) {
                auto it = cells_.find(Key(a, b));
                if (it == cells_.end()) continue;
                for (const auto& [index, q] : it->second) {
                    double d = HaversineKm(p, q);
                    if (d <= radius_km) fn(index, d);
                }
            }
    }

 private:
    long long CellOf(double degrees) const { return static_cast<long long>(std::floor(degrees / cell_)); }
    static long long Key(long long a, long long b) { return a * 100000 + b; }
    double cell_;
    std::unordered_map<long long, std::vector<std::pair<size_t, LatLon>>> cells_;
};

struct GenerationContext {
    ReplicaOptions options;
    Replica replica;
    Rng root{0};
    std::string friday;  // 'YYYY-MM-DD'
    std::string saturday;
    long long registration_opens = 0;         // epoch seconds
    // An edition open now (options.open_on): nothing after open_cut (epoch seconds, 00:00 in
    // Paris on options.open_on) happened yet.
    bool open = false;
    long long open_cut = 0;
    std::vector<double> site_popularity;      // by site index
    std::vector<std::string_view> site_stem;  // by site index
    std::vector<size_t> friday_sessions;      // session indexes
    std::vector<size_t> saturday_sessions;
    std::vector<std::vector<size_t>> sessions_of_site;  // by site index, in time order
    size_t special_site = 0;     // the factory that gets twice as many requests as it has places
    size_t special_schools = 0;  // schools [0, special_schools) around it send only its requests
    size_t open_sites = 0;       // sites [0, open_sites) are approved; later ones were refused/withdrew
    std::unordered_map<std::string, size_t> adviser_by_department;  // user index
    long long next_ticket = 0;

    // Every count is the 2025 shape × K. An edition grows with its rank: the 2026 edition aimed
    // to double the factories, so the replica of edition N (2025 = 1) has N times the 2025 counts.
    int Growth() const { return std::max(1, options.year - 2024); }
    int K() const { return options.scale * Growth(); }
    std::string Ticket();  // unique ticket code
    // An e-mail address unique to this edition's replica, so that several editions can share a
    // database: "hote-1@usine.example.org" in 2025, "hote-1.2026@usine.example.org" after.
    std::string Mail(const std::string& local, const std::string& domain) const {
        return local + (options.year == 2025 ? "" : "." + std::to_string(options.year)) + "@" + domain;
    }
};

// Epoch seconds of a local date and time in Paris in spring (UTC+2), good enough for the replica.
long long ParisSpringToEpoch(const std::string& date, int hour, int minute);

void GenerateEditionAndSites(GenerationContext& ctx);
void GenerateSessions(GenerationContext& ctx);
void GenerateSchools(GenerationContext& ctx);
void GenerateGroupDemand(GenerationContext& ctx);
void GenerateBuses(GenerationContext& ctx);
void GeneratePublicBookings(GenerationContext& ctx);
void GenerateOutreach(GenerationContext& ctx);
void GenerateStaffUsers(GenerationContext& ctx);

}  // namespace juo::seed

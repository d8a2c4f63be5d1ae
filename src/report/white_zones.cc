// White zones: a uniform latitude/longitude grid of the sites answers "is there a site within R
// km of this request?" in a few cells, so 50,000 requests against 17,000 sites stay fast.
#include "report/white_zones.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "common/geo.h"
#include "refdata/refdata.h"

namespace juo::report {
namespace {

class SiteGrid {
 public:
    SiteGrid(const std::vector<store::SitePoint>& sites, double cell_degrees) : cell_(cell_degrees) {
        for (const auto& s : sites) cells_[Key(Cell(s.lat), Cell(s.lon))].push_back({s.lat, s.lon});
    }

    bool AnyWithin(LatLon p, double radius_km) const {
        const double dlat = radius_km / 111.0;
        const double dlon = radius_km / (111.0 * std::max(0.2, std::cos(p.lat * 3.14159265358979 / 180)));
        for (long long a = Cell(p.lat - dlat); a <= Cell(p.lat + dlat); ++a)
            for (long long b = Cell(p.lon - dlon); b <= Cell(p.lon + dlon); ++b) {
                auto it = cells_.find(Key(a, b));
                if (it == cells_.end()) continue;
                for (const auto& q : it->second)
                    if (HaversineKm(p, q) <= radius_km) return true;
            }
        return false;
    }

 private:
    long long Cell(double degrees) const { return static_cast<long long>(std::floor(degrees / cell_)); }
    static long long Key(long long a, long long b) { return a * 100000 + b; }
    double cell_;
    std::unordered_map<long long, std::vector<LatLon>> cells_;
};

}  // namespace

WhiteZonesFigures ComputeWhiteZones(const std::vector<store::RequestPoint>& requests,
                                    const std::vector<store::SitePoint>& sites, double radius_km) {
    WhiteZonesFigures w;
    w.radius_km = radius_km;
    const SiteGrid grid(sites, std::clamp(radius_km / 111.0, 0.1, 2.0));
    std::map<std::string, WhiteZone> by_department;
    for (const auto& r : requests) {
        WhiteZone& z = by_department[r.department_code];
        z.code = r.department_code;
        ++z.requests;
        z.pupils += r.pupils;
        if (r.refused) {
            ++z.refused;
            ++w.refused;
        } else if (!grid.AnyWithin({r.lat, r.lon}, radius_km)) {
            ++z.far_requests;
            ++w.far_requests;
        }
    }
    for (auto& [code, zone] : by_department) {
        if (zone.unserved() == 0) continue;
        const auto* department = refdata::FindDepartment(code);
        zone.name = department ? department->name : code;
        w.departments.push_back(std::move(zone));
    }
    std::stable_sort(w.departments.begin(), w.departments.end(), [](const WhiteZone& a, const WhiteZone& b) {
        return a.unserved() != b.unserved() ? a.unserved() > b.unserved() : a.code < b.code;
    });
    return w;
}

}  // namespace juo::report

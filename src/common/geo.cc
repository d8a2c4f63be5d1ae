// Haversine distance.
#include "common/geo.h"

#include <cmath>

namespace juo {

double HaversineKm(LatLon a, LatLon b) {
    constexpr double kEarthRadiusKm = 6371.0;
    constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
    double dlat = (b.lat - a.lat) * kDegToRad;
    double dlon = (b.lon - a.lon) * kDegToRad;
    double s = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.lat * kDegToRad) *
                                                             std::cos(b.lat * kDegToRad) *
                                                             std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::fmin(1.0, s)));
}

bool IsValidPosition(LatLon p) {
    return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90 && p.lat <= 90 && p.lon >= -180 &&
           p.lon <= 180;
}

}  // namespace juo

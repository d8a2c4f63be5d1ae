// Geographic positions and distances (WGS84 degrees, great-circle kilometres).
//
// Thread-safety: pure functions.
#pragma once

namespace juo {

struct LatLon {
    double lat = 0;  // degrees, -90..90
    double lon = 0;  // degrees, -180..180
};

// Great-circle distance in kilometres on a sphere of radius 6371 km (haversine formula).
// Accurate to ~0.5 % for the distances JUO deals with (a few to a few hundred km).
double HaversineKm(LatLon a, LatLon b);

// True when the position is a valid WGS84 coordinate (finite, in range).
bool IsValidPosition(LatLon p);

}  // namespace juo

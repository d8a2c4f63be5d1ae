// Parses the generated TSV tables (refdata_tables.cc) once into vectors and code indexes.
#include "refdata/refdata.h"

#include <charconv>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace juo::refdata {
namespace internal {
// Defined in the generated refdata_tables.cc: chunks of TSV rows, each ending on a row boundary,
// the array ending with nullptr.
extern const char* const kRegionsTsv[];
extern const char* const kDepartmentsTsv[];
extern const char* const kCommunesTsv[];
extern const char* const kSectorsTsv[];
}  // namespace internal

namespace {

struct Tables {
    std::vector<Region> regions;
    std::vector<Department> departments;
    std::vector<Commune> communes;
    std::vector<Sector> sectors;
    // Keys view the strings stored in the vectors above, which never change after parsing.
    std::unordered_map<std::string_view, const Region*> region_by_code;
    std::unordered_map<std::string_view, const Department*> department_by_code;
    std::unordered_map<std::string_view, const Commune*> commune_by_code;
    std::unordered_map<std::string_view, const Sector*> sector_by_division;
};

// The generated data is part of the program: a malformed row is a bug in the generator.
[[noreturn]] void Corrupt(const char* table, std::string_view row, const char* why) {
    throw std::logic_error(std::string("refdata: corrupt generated table ") + table + " (" + why +
                           "): " + std::string(row));
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

// Calls fn(fields) for every row of a chunked table, checking the field count.
template <typename Fn>
void ForEachRow(const char* const* chunks, const char* table, size_t field_count, Fn fn) {
    for (; *chunks != nullptr; ++chunks) {
        std::string_view chunk(*chunks);
        size_t start = 0;
        while (start < chunk.size()) {
            size_t end = chunk.find('\n', start);
            if (end == std::string_view::npos) end = chunk.size();
            std::string_view row = chunk.substr(start, end - start);
            start = end + 1;
            auto fields = Split(row, '\t');
            if (fields.size() != field_count) Corrupt(table, row, "field count");
            fn(fields, row);
        }
    }
}

template <typename T>
T ParseNumber(std::string_view text, const char* table, std::string_view row) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) Corrupt(table, row, "number");
    return value;
}

Tables Parse() {
    Tables t;
    ForEachRow(internal::kRegionsTsv, "regions", 2, [&](const auto& f, std::string_view) {
        t.regions.push_back(Region{std::string(f[0]), std::string(f[1])});
    });
    ForEachRow(internal::kDepartmentsTsv, "departments", 3, [&](const auto& f, std::string_view) {
        t.departments.push_back(Department{std::string(f[0]), std::string(f[1]), std::string(f[2])});
    });
    for (const auto& r : t.regions) t.region_by_code.emplace(r.code, &r);
    for (const auto& d : t.departments) {
        if (!t.region_by_code.count(d.region_code)) Corrupt("departments", d.code, "unknown region");
        t.department_by_code.emplace(d.code, &d);
    }

    t.communes.reserve(36000);
    ForEachRow(internal::kCommunesTsv, "communes", 8, [&](const auto& f, std::string_view row) {
        Commune c;
        c.code = std::string(f[0]);
        c.name = std::string(f[1]);
        c.department_code = std::string(f[2]);
        auto dept = t.department_by_code.find(c.department_code);
        if (dept == t.department_by_code.end()) Corrupt("communes", row, "unknown department");
        c.region_code = dept->second->region_code;
        c.population = ParseNumber<int>(f[3], "communes", row);
        if (!f[4].empty()) {
            for (auto p : Split(f[4], ' ')) c.postcodes.emplace_back(p);
        }
        int precision = ParseNumber<int>(f[7], "communes", row);
        if (precision < 0 || precision > 3) Corrupt("communes", row, "precision");
        c.precision = static_cast<PositionPrecision>(precision);
        if (c.precision != PositionPrecision::kNone) {
            c.position.lat = ParseNumber<double>(f[5], "communes", row);
            c.position.lon = ParseNumber<double>(f[6], "communes", row);
            if (!IsValidPosition(c.position)) Corrupt("communes", row, "position");
        }
        t.communes.push_back(std::move(c));
    });
    for (const auto& c : t.communes) t.commune_by_code.emplace(c.code, &c);

    ForEachRow(internal::kSectorsTsv, "sectors", 8, [&](const auto& f, std::string_view row) {
        Sector s;
        s.division = std::string(f[0]);
        s.label_fr = std::string(f[1]);
        s.industrial = f[2] == "1";
        s.short_fr = std::string(f[3]);
        s.short_en = std::string(f[4]);
        if (!f[5].empty()) s.national_establishments = ParseNumber<long long>(f[5], "sectors", row);
        if (!f[6].empty()) {
            s.national_establishments_excl_craft = ParseNumber<long long>(f[6], "sectors", row);
        }
        if (!f[7].empty()) s.national_salaried_employees = ParseNumber<long long>(f[7], "sectors", row);
        t.sectors.push_back(std::move(s));
    });
    for (const auto& s : t.sectors) t.sector_by_division.emplace(s.division, &s);
    return t;
}

const Tables& GetTables() {
    static const Tables tables = Parse();  // thread-safe initialisation (C++11 magic statics)
    return tables;
}

template <typename T>
const T* Find(const std::unordered_map<std::string_view, const T*>& index, std::string_view key) {
    auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
}

}  // namespace

const char* PositionPrecisionName(PositionPrecision precision) {
    switch (precision) {
        case PositionPrecision::kOwn:
            return "own";
        case PositionPrecision::kPostcodeNeighbour:
            return "postcode_neighbour";
        case PositionPrecision::kDepartment:
            return "department";
        case PositionPrecision::kNone:
            return "none";
    }
    return "none";
}

const std::vector<Region>& Regions() { return GetTables().regions; }
const Region* FindRegion(std::string_view code) { return Find(GetTables().region_by_code, code); }

const std::vector<Department>& Departments() { return GetTables().departments; }
const Department* FindDepartment(std::string_view code) { return Find(GetTables().department_by_code, code); }

const std::vector<Commune>& Communes() { return GetTables().communes; }
const Commune* FindCommune(std::string_view insee_code) {
    return Find(GetTables().commune_by_code, insee_code);
}

const std::vector<Sector>& Sectors() { return GetTables().sectors; }
const Sector* FindSector(std::string_view division) { return Find(GetTables().sector_by_division, division); }

}  // namespace juo::refdata

// Offline geocoder: turns what a person types for a place (a town name, a postcode, a name with its
// department) into a French commune and a position, from the tables of refdata.h. No network.
//
// Matching is accent-, case- and punctuation-insensitive ("saint etienne" = "Saint-Étienne"), and the
// abbreviations "St", "Ste", "Sts", "Stes" stand for "Saint", "Sainte", "Saints", "Saintes".
//
// Thread-safety: a Geocoder is immutable once constructed; its const methods may be called from any
// number of threads at once. Default() is built once, on first use, thread-safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/geo.h"
#include "common/result.h"
#include "refdata/refdata.h"

namespace juo::refdata {

struct GeocodeMatch {
    const Commune* commune = nullptr;  // points into Communes(); never null in a successful result
    LatLon position;                   // the commune's position
    PositionPrecision precision = PositionPrecision::kOwn;  // never kNone in a successful result
};

class Geocoder {
 public:
    // The longest query accepted, in bytes.
    static constexpr size_t kMaxQueryBytes = 100;

    // Indexes every commune of Communes(): ~20 ms, a few MB. Prefer Default().
    Geocoder();

    Geocoder(const Geocoder&) = delete;
    Geocoder& operator=(const Geocoder&) = delete;

    // The process-wide geocoder, built on first use.
    static const Geocoder& Default();

    // Finds the commune a query names. The query is one of:
    //   - a town name: "Lyon", "saint etienne", "St-Étienne";
    //   - a name with its department, in parentheses or after a comma: "Saint-Denis (974)",
    //     "Saint-Denis, 93", "Saint-Denis (Seine-Saint-Denis)"; a postcode there works too:
    //     "Saint-Denis (97400)";
    //   - a 5-digit postcode: "69001".
    // A name shared by several communes resolves to the one in the query's department, else in
    // `department_hint` (a department code, "974", preferred but not required), else to the most
    // populous. A postcode shared by several communes resolves to the most populous.
    // Communes without any position are never returned.
    // Errors: kInvalidArgument when the query is empty, longer than kMaxQueryBytes, has no letter or
    // digit, is a number that is not a 5-digit postcode, names an unknown department, or when
    // department_hint is not a department code; kNotFound when no positioned commune matches.
    // Messages are in English (`message`) and French (`message_fr`) and quote the query.
    Result<GeocodeMatch> Geocode(std::string_view query, std::string_view department_hint = {}) const;

    // Communes whose folded name starts with the folded prefix ("st" also tries "saint"), most
    // populous first, at most `limit`. Empty when the prefix folds to nothing or limit is 0.
    // Communes without a position are included (the caller may show them; Geocode will not).
    std::vector<const Commune*> Suggest(std::string_view prefix, size_t limit) const;

 private:
    // Folded name → communes with that name, most populous first.
    std::unordered_map<std::string, std::vector<const Commune*>> by_name_;
    // Postcode → communes using it, most populous first.
    std::unordered_map<std::string, std::vector<const Commune*>> by_postcode_;
    // Folded department name → department code, for "Saint-Denis (La Réunion)".
    std::unordered_map<std::string, std::string> department_by_name_;
    // (folded name, commune) sorted by name, for prefix search.
    std::vector<std::pair<std::string, const Commune*>> sorted_names_;
};

// Folds a place name for matching: FoldForSearch, then the words "st", "ste", "sts", "stes" spelt out.
std::string FoldPlaceName(std::string_view text);

}  // namespace juo::refdata

// Turns the query parameters of a search (page or API) into a services::SearchQuery, with a
// clear bilingual error for every malformed value. Pages and the API share it so that a URL
// means the same thing in both.
//
// Parameters (all optional): day (friday|saturday|vendredi|samedi|YYYY-MM-DD), near (a town
// or postcode, geocoded offline) or lat+lon, radius (km, 1..200, default 30), sector (NAF
// division "29"), audience (school|public|job_seekers), accessibility (motor,visual,hearing,
// mental,psychic: sites welcoming every kind listed; repeatable), wheelchair (1|0|true|false|on:
// the older name of accessibility=motor), available (places left only, same values), page
// (1..10000), per_page (1..100). Unknown parameters are ignored (lang, for instance). Values longer than 100 bytes are refused.
//
// Thread-safety: pure functions over immutable inputs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "refdata/geocoder.h"
#include "services/catalogue_index.h"

namespace juo::web {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

inline constexpr size_t kMaxParamBytes = 100;
inline constexpr double kMaxRadiusKm = 200;
inline constexpr int kMaxPerPage = 100;

struct ParsedSearch {
    services::SearchQuery query;
    std::string near_label;  // "Lyon (69)" when `near` was geocoded, else empty
    std::string day_param;   // the day as given back in URLs: "friday", "saturday" or empty
};

// Parses the search parameters against an edition's days. kInvalidArgument naming the
// parameter for every bad value, kNotFound (mapped to 400 too) for an unknown town.
Result<ParsedSearch> ParseSearchParams(const QueryParams& params, const domain::Edition& edition,
                                       const refdata::Geocoder& geocoder);

// A number as written in a URL, a form value or a message: "30", "12.5" (no trailing zeros).
std::string PlainNumber(double value);

// The first value of a parameter, or nullptr.
const std::string* FindParam(const QueryParams& params, std::string_view name);

}  // namespace juo::web

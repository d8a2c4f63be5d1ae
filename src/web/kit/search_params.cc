// Search parameter parsing.
#include "web/kit/search_params.h"

#include <charconv>
#include <cmath>

#include "common/text.h"
#include "refdata/refdata.h"

namespace juo::web {

namespace {

Error Bad(const std::string& name, const std::string& value, const std::string& expected_en,
          const std::string& expected_fr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "parameter '" + name + "' is '" + value + "': expected " + expected_en,
                     "le paramètre « " + name + " » vaut « " + value + " » : attendu " + expected_fr);
}

Result<int> ParseInt(const std::string& name, const std::string& v, int lo, int hi) {
    int out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || out < lo || out > hi)
        return Bad(name, v, "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi),
                   "un nombre entier de " + std::to_string(lo) + " à " + std::to_string(hi));
    return out;
}

Result<double> ParseNumber(const std::string& name, const std::string& v, double lo, double hi) {
    std::string text = v;
    for (char& c : text)
        if (c == ',') c = '.';  // French decimal comma
    double out = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(out) ||
        out < lo || out > hi)
        return Bad(name, v, "a number from " + PlainNumber(lo) + " to " + PlainNumber(hi),
                   "un nombre de " + PlainNumber(lo) + " à " + PlainNumber(hi));
    return out;
}

Result<bool> ParseFlag(const std::string& name, const std::string& v) {
    if (v == "1" || v == "true" || v == "on" || v == "yes" || v == "oui") return true;
    if (v == "0" || v == "false" || v == "off" || v == "no" || v == "non" || v.empty()) return false;
    return Bad(name, v, "1 or 0", "1 ou 0");
}

}  // namespace

const std::string* FindParam(const QueryParams& params, std::string_view name) {
    for (const auto& [k, v] : params)
        if (k == name) return &v;
    return nullptr;
}

Result<ParsedSearch> ParseSearchParams(const QueryParams& params, const domain::Edition& edition,
                                       const refdata::Geocoder& geocoder) {
    for (const auto& [k, v] : params)
        if (v.size() > kMaxParamBytes)
            return MakeError(
                ErrorCode::kInvalidArgument,
                "parameter '" + k + "' is longer than " + std::to_string(kMaxParamBytes) + " bytes",
                "le paramètre « " + k + " » dépasse " + std::to_string(kMaxParamBytes) + " caractères");
    ParsedSearch out;
    auto& q = out.query;

    if (const auto* day = FindParam(params, "day"); day && !day->empty()) {
        // friday/saturday name the edition's day of that weekday; a date must be one of its days.
        std::string wanted;
        if (*day == "friday" || *day == "vendredi")
            wanted = "friday";
        else if (*day == "saturday" || *day == "samedi")
            wanted = "saturday";
        for (const auto& d : edition.days) {
            bool schools = false;
            for (auto a : d.audiences) schools |= domain::IsGroupAudience(a);
            if ((wanted == "friday" && schools) || (wanted == "saturday" && !schools) || d.date == *day) {
                q.day = d.date;
                out.day_param = wanted.empty() ? d.date : wanted;
                break;
            }
        }
        if (!q.day)
            return Bad("day", *day, "friday, saturday or a day of the edition",
                       "vendredi, samedi ou un jour de l'édition");
    }

    const auto* lat = FindParam(params, "lat");
    const auto* lon = FindParam(params, "lon");
    if (const auto* near = FindParam(params, "near"); near && !Trim(*near).empty()) {
        auto match = geocoder.Geocode(*near);
        if (!match.ok())
            return MakeError(ErrorCode::kInvalidArgument, match.error().message, match.error().message_fr);
        q.around = match->position;
        out.near_label = match->commune->name + " (" + match->commune->department_code + ")";
    } else if (lat || lon) {
        if (!lat || !lon)
            return MakeError(ErrorCode::kInvalidArgument, "give both 'lat' and 'lon'",
                             "indiquez « lat » et « lon »");
        auto la = ParseNumber("lat", *lat, -90, 90);
        if (!la.ok()) return la.error();
        auto lo = ParseNumber("lon", *lon, -180, 180);
        if (!lo.ok()) return lo.error();
        q.around = LatLon{*la, *lo};
    }
    if (const auto* radius = FindParam(params, "radius"); radius && !radius->empty()) {
        auto r = ParseNumber("radius", *radius, 1, kMaxRadiusKm);
        if (!r.ok()) return r.error();
        q.radius_km = *r;
    }
    if (const auto* sector = FindParam(params, "sector"); sector && !sector->empty()) {
        const auto* s = refdata::FindSector(*sector);
        if (!s || !s->industrial)
            return Bad("sector", *sector, "an industrial NAF division from 05 to 39 (see /api/v1/sectors)",
                       "une division NAF industrielle de 05 à 39 (voir /api/v1/sectors)");
        q.sector = *sector;
    }
    if (const auto* audience = FindParam(params, "audience"); audience && !audience->empty()) {
        auto a = domain::ParseAudience(*audience);
        if (!a)
            return Bad("audience", *audience, "school, public or job_seekers",
                       "school, public ou job_seekers");
        q.audience = *a;
    }
    if (const auto* v = FindParam(params, "wheelchair")) {
        auto f = ParseFlag("wheelchair", *v);
        if (!f.ok()) return f.error();
        if (*f) q.accessibility |= domain::AccessBit(domain::AccessKind::kMotor);  // the older name of "motor"
    }
    // Repeated (a form's checkboxes) or comma-separated (an API link): the union of every value.
    for (const auto& [k, v] : params) {
        if (k != "accessibility") continue;
        auto kinds = domain::ParseAccessList(v);
        if (!kinds.ok())
            return Bad("accessibility", v, "a comma-separated list of motor, visual, hearing, mental, psychic",
                       "une liste de motor, visual, hearing, mental, psychic séparés par des virgules");
        q.accessibility |= *kinds;
    }
    if (const auto* v = FindParam(params, "available")) {
        auto f = ParseFlag("available", *v);
        if (!f.ok()) return f.error();
        q.places_left_only = *f;
    }
    if (const auto* v = FindParam(params, "page"); v && !v->empty()) {
        auto p = ParseInt("page", *v, 1, 10000);
        if (!p.ok()) return p.error();
        q.page = *p;
    }
    if (const auto* v = FindParam(params, "per_page"); v && !v->empty()) {
        auto p = ParseInt("per_page", *v, 1, kMaxPerPage);
        if (!p.ok()) return p.error();
        q.per_page = *p;
    }
    return out;
}

std::string PlainNumber(double v) {
    if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace juo::web

// JSON API v1 handlers: decode parameters → read the catalogue index → encode JSON.
#include "web/api_v1.h"

#include <boost/json.hpp>
#include <charconv>

#include "http/errors.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "web/json_writer.h"
#include "web/search_params.h"

namespace juo::web {
namespace json = boost::json;
namespace {

// Every route here but the map reads the in-memory index for a few microseconds: they run on
// the I/O thread (see docs/adr/0002).
constexpr auto kInline = http::Execution::kInline;

http::Response JsonOk(const json::value& v) {
    http::Response r = http::Response::Json(200, json::serialize(v));
    r.AddHeader("Cache-Control", "no-cache");
    return r;
}

Result<long long> ParseId(const std::string& text, const char* what) {
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || text.size() > 18 || ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(what) + " id must be a positive number, not '" + text + "'",
                         std::string("l'identifiant doit être un nombre positif, pas « ") + text + " »");
    return id;
}

json::array Audiences(const std::vector<domain::Audience>& audiences) {
    json::array a;
    for (auto x : audiences) a.emplace_back(std::string(domain::ToCode(x)));
    return a;
}

json::object SessionJson(const domain::Session& s) {
    json::object o;
    o["id"] = s.id;
    o["site_id"] = s.site_id;
    o["day"] = s.day_date;
    o["starts_at"] = s.starts_at;
    o["ends_at"] = s.ends_at;
    o["audiences"] = Audiences(s.audiences);
    o["capacity_people"] = s.capacity_people;
    o["places_left"] = std::max(0, s.places_left());
    o["capacity_groups"] = s.capacity_groups;
    o["groups_left"] = std::max(0, s.groups_left());
    o["min_level"] = s.min_level.empty() ? json::value(nullptr) : json::value(s.min_level);
    o["min_age"] = s.min_age ? json::value(*s.min_age) : json::value(nullptr);
    o["status"] = std::string(domain::ToCode(s.status));
    return o;
}

json::object SiteSummaryJson(const domain::Site& s) {
    json::object o;
    o["id"] = s.id;
    o["name"] = s.name;
    o["sector"] = s.naf_division;
    const auto* sector = refdata::FindSector(s.naf_division);
    o["sector_name_fr"] = sector ? sector->short_fr : s.naf_division;
    o["naf_code"] = s.naf_code;
    o["commune"] = s.commune_name;
    o["postcode"] = s.postcode;
    o["department"] = s.department_code;
    o["region"] = s.region_code;
    o["lat"] = s.position.lat;
    o["lon"] = s.position.lon;
    o["wheelchair_access"] = s.wheelchair_access;
    return o;
}

json::object SiteJson(const domain::Site& s, std::span<const domain::Session> sessions) {
    json::object o = SiteSummaryJson(s);
    o["address"] = s.address;
    o["hearing_access"] = s.hearing_access;
    o["accessibility_notes"] = s.accessibility_notes;
    o["safety_rules"] = s.safety_rules;
    o["description"] = s.description;
    o["min_age"] = s.min_age ? json::value(*s.min_age) : json::value(nullptr);
    json::array tours;
    for (const auto& x : sessions) tours.emplace_back(SessionJson(x));
    o["sessions"] = std::move(tours);
    return o;
}

json::object EditionJson(const services::CatalogueIndex& index) {
    const auto& e = index.edition();
    json::object o;
    o["year"] = e.year;
    o["name"] = e.name;
    o["open_sites"] = static_cast<long long>(index.sites().size());
    json::array days;
    for (size_t i = 0; i < e.days.size(); ++i) {
        json::object d;
        d["date"] = e.days[i].date;
        d["audiences"] = Audiences(e.days[i].audiences);
        if (i < index.day_counts().size()) {
            d["events"] = index.day_counts()[i].sites;
            d["sessions"] = index.day_counts()[i].sessions;
            d["places_left"] = index.day_counts()[i].places_left;
        }
        days.emplace_back(std::move(d));
    }
    o["days"] = std::move(days);
    return o;
}

// The search answer, written directly: it is the hot path (docs/perf.md).
std::string SearchJson(const services::SearchResult& r, const ParsedSearch& parsed) {
    JsonWriter w;
    w.BeginObject();
    w.Key("total");
    w.Int(r.total);
    w.Key("page");
    w.Int(r.page);
    w.Key("per_page");
    w.Int(r.per_page);
    w.Key("pages");
    w.Int((r.total + r.per_page - 1) / r.per_page);
    if (!parsed.near_label.empty()) {
        w.Key("near");
        w.String(parsed.near_label);
    }
    if (parsed.query.around) {
        w.Key("center");
        w.BeginObject();
        w.Key("lat");
        w.Double(parsed.query.around->lat);
        w.Key("lon");
        w.Double(parsed.query.around->lon);
        w.EndObject();
        w.Key("radius_km");
        w.Double(parsed.query.radius_km);
    }
    w.Key("results");
    w.BeginArray();
    for (const auto& h : r.hits) {
        const auto& s = *h.site;
        w.BeginObject();
        w.Key("id");
        w.Int(s.id);
        w.Key("name");
        w.String(s.name);
        w.Key("sector");
        w.String(s.naf_division);
        const auto* sector = refdata::FindSector(s.naf_division);
        w.Key("sector_name_fr");
        w.String(sector ? sector->short_fr : s.naf_division);
        w.Key("naf_code");
        w.String(s.naf_code);
        w.Key("commune");
        w.String(s.commune_name);
        w.Key("postcode");
        w.String(s.postcode);
        w.Key("department");
        w.String(s.department_code);
        w.Key("region");
        w.String(s.region_code);
        w.Key("lat");
        w.Double(s.position.lat);
        w.Key("lon");
        w.Double(s.position.lon);
        w.Key("wheelchair_access");
        w.Bool(s.wheelchair_access);
        w.Key("distance_km");
        if (h.distance_km)
            w.Double(std::round(*h.distance_km * 10) / 10);
        else
            w.Null();
        w.Key("matching_sessions");
        w.Int(h.matching_sessions);
        w.Key("places_left");
        w.Int(h.places_left);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.Take();
}

}  // namespace

http::Response ApiError(const Error& error) {
    return http::Response::Json(
        http::HttpStatusFor(error.code),
        http::JsonErrorBody(ErrorCodeName(error.code), error.message,
                            error.message_fr.empty() ? error.message : error.message_fr));
}

void RegisterApiV1(http::Router& router, ApiContext ctx) {
    auto index = [ctx] { return ctx.catalogue->Current(); };

    router.Add(
        "GET", "/api/v1/editions",
        [index](const http::Request&) {
            return JsonOk(json::object{{"editions", json::array{EditionJson(*index())}}});
        },
        kInline);
    router.Add(
        "GET", "/api/v1/editions/{year}",
        [index](const http::Request& req) {
            auto idx = index();
            auto year = domain::ParseEditionYear(req.PathParam("year"));
            if (!year.ok()) return ApiError(year.error());
            if (*year != idx->edition().year)
                return ApiError(MakeError(ErrorCode::kNotFound,
                                          "no published edition " + std::to_string(*year),
                                          "aucune édition " + std::to_string(*year) + " publiée"));
            return JsonOk(EditionJson(*idx));
        },
        kInline);
    auto search = [index, ctx](const http::Request& req) {
        auto idx = index();
        auto parsed = ParseSearchParams(req.query, idx->edition(), *ctx.geocoder);
        if (!parsed.ok()) return ApiError(parsed.error());
        http::Response response = http::Response::Json(200, SearchJson(idx->Search(parsed->query), *parsed));
        response.AddHeader("Cache-Control", "no-cache");
        return response;
    };
    router.Add("GET", "/api/v1/search", search, kInline);
    router.Add("GET", "/api/v1/sites", search, kInline);
    router.Add(
        "GET", "/api/v1/sites/{id}",
        [index](const http::Request& req) {
            auto id = ParseId(req.PathParam("id"), "site");
            if (!id.ok()) return ApiError(id.error());
            auto idx = index();
            const auto* site = idx->FindSite(*id);
            if (!site)
                return ApiError(MakeError(ErrorCode::kNotFound, "no open site " + std::to_string(*id),
                                          "aucune usine ouverte n°" + std::to_string(*id)));
            return JsonOk(SiteJson(*site, idx->SessionsOf(*id)));
        },
        kInline);
    router.Add(
        "GET", "/api/v1/sites/{id}/sessions",
        [index](const http::Request& req) {
            auto id = ParseId(req.PathParam("id"), "site");
            if (!id.ok()) return ApiError(id.error());
            auto idx = index();
            if (!idx->FindSite(*id))
                return ApiError(MakeError(ErrorCode::kNotFound, "no open site " + std::to_string(*id),
                                          "aucune usine ouverte n°" + std::to_string(*id)));
            json::array tours;
            for (const auto& s : idx->SessionsOf(*id)) tours.emplace_back(SessionJson(s));
            return JsonOk(json::object{{"sessions", std::move(tours)}});
        },
        kInline);
    router.Add(
        "GET", "/api/v1/sessions/{id}",
        [index](const http::Request& req) {
            auto id = ParseId(req.PathParam("id"), "session");
            if (!id.ok()) return ApiError(id.error());
            auto idx = index();
            const auto* s = idx->FindSession(*id);
            if (!s)
                return ApiError(MakeError(ErrorCode::kNotFound, "no session " + std::to_string(*id),
                                          "aucune visite n°" + std::to_string(*id)));
            return JsonOk(SessionJson(*s));
        },
        kInline);
    router.Add(
        "GET", "/api/v1/sectors",
        [index](const http::Request&) {
            auto idx = index();
            json::array sectors;
            for (const auto& s : refdata::Sectors()) {
                if (!s.industrial) continue;
                auto it = idx->sites_by_division().find(s.division);
                sectors.emplace_back(
                    json::object{{"code", s.division},
                                 {"name_fr", s.short_fr},
                                 {"name_en", s.short_en},
                                 {"label_fr", s.label_fr},
                                 {"open_sites", it == idx->sites_by_division().end() ? 0 : it->second}});
            }
            return JsonOk(json::object{{"sectors", std::move(sectors)}});
        },
        kInline);
    router.Add(
        "GET", "/api/v1/communes",
        [ctx](const http::Request& req) {
            const std::string* q = req.Query("q");
            if (!q || q->empty())
                return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                          "parameter 'q' is required (the start of a town name)",
                                          "le paramètre « q » est requis (le début d'un nom de commune)"));
            if (q->size() > kMaxParamBytes)
                return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                          "parameter 'q' is longer than 100 bytes",
                                          "le paramètre « q » dépasse 100 caractères"));
            int limit = 10;
            if (const std::string* l = req.Query("limit")) {
                auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
                if (l->empty() || ec != std::errc() || ptr != l->data() + l->size() || limit < 1 ||
                    limit > 20)
                    return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                              "parameter 'limit' must be 1..20, not '" + *l + "'",
                                              "le paramètre « limit » doit être compris entre 1 et 20"));
            }
            json::array out;
            for (const auto* c : ctx.geocoder->Suggest(*q, static_cast<size_t>(limit))) {
                const auto* dep = refdata::FindDepartment(c->department_code);
                out.emplace_back(json::object{{"code", c->code},
                                              {"name", c->name},
                                              {"department", c->department_code},
                                              {"department_name", dep ? dep->name : ""},
                                              {"postcodes", json::value_from(c->postcodes)},
                                              {"population", c->population},
                                              {"lat", c->position.lat},
                                              {"lon", c->position.lon}});
            }
            return JsonOk(json::object{{"communes", std::move(out)}});
        },
        kInline);
    router.Add("GET", "/api/v1/map", [index](const http::Request&) {
        // Compact points for the home map: [id, lat, lon, name, places_left].
        auto idx = index();
        json::array points;
        points.reserve(idx->sites().size());
        for (const auto& s : idx->sites()) {
            int left = 0;
            for (const auto& x : idx->SessionsOf(s.id))
                if (x.status == domain::SessionStatus::kOpen) left += std::max(0, x.places_left());
            points.emplace_back(json::array{s.id, std::round(s.position.lat * 1e5) / 1e5,
                                            std::round(s.position.lon * 1e5) / 1e5, s.name, left});
        }
        return JsonOk(json::object{{"sites", std::move(points)}});
    });
}

}  // namespace juo::web

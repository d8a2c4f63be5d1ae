// JSON API v1 handlers: decode parameters → read the catalogue index → encode JSON.
#include "web/api_v1.h"

#include <boost/json.hpp>
#include <charconv>

#include "http/errors.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "web/search_params.h"

namespace juo::web {
namespace json = boost::json;
namespace {

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

json::object SearchJson(const services::SearchResult& r, const ParsedSearch& parsed) {
    json::object o;
    o["total"] = r.total;
    o["page"] = r.page;
    o["per_page"] = r.per_page;
    o["pages"] = (r.total + r.per_page - 1) / r.per_page;
    if (!parsed.near_label.empty()) o["near"] = parsed.near_label;
    if (parsed.query.around) {
        o["center"] = json::object{{"lat", parsed.query.around->lat}, {"lon", parsed.query.around->lon}};
        o["radius_km"] = parsed.query.radius_km;
    }
    json::array hits;
    for (const auto& h : r.hits) {
        json::object site = SiteSummaryJson(*h.site);
        site["distance_km"] =
            h.distance_km ? json::value(std::round(*h.distance_km * 10) / 10) : json::value(nullptr);
        site["matching_sessions"] = h.matching_sessions;
        site["places_left"] = h.places_left;
        hits.emplace_back(std::move(site));
    }
    o["results"] = std::move(hits);
    return o;
}

}  // namespace

http::Response ApiError(const Error& error) {
    return http::Response::Json(http::HttpStatusFor(error.code),
                                http::JsonErrorBody(ErrorCodeName(error.code), error.message,
                                                    error.message_fr.empty() ? error.message : error.message_fr));
}

void RegisterApiV1(http::Router& router, ApiContext ctx) {
    auto index = [ctx] { return ctx.catalogue->Current(); };

    router.Add("GET", "/api/v1/editions", [index](const http::Request&) {
        return JsonOk(json::object{{"editions", json::array{EditionJson(*index())}}});
    });
    router.Add("GET", "/api/v1/editions/{year}", [index](const http::Request& req) {
        auto idx = index();
        auto year = domain::ParseEditionYear(req.PathParam("year"));
        if (!year.ok()) return ApiError(year.error());
        if (*year != idx->edition().year)
            return ApiError(MakeError(ErrorCode::kNotFound, "no published edition " + std::to_string(*year),
                                      "aucune édition " + std::to_string(*year) + " publiée"));
        return JsonOk(EditionJson(*idx));
    });
    auto search = [index, ctx](const http::Request& req) {
        auto idx = index();
        auto parsed = ParseSearchParams(req.query, idx->edition(), *ctx.geocoder);
        if (!parsed.ok()) return ApiError(parsed.error());
        return JsonOk(SearchJson(idx->Search(parsed->query), *parsed));
    };
    router.Add("GET", "/api/v1/search", search);
    router.Add("GET", "/api/v1/sites", search);
    router.Add("GET", "/api/v1/sites/{id}", [index](const http::Request& req) {
        auto id = ParseId(req.PathParam("id"), "site");
        if (!id.ok()) return ApiError(id.error());
        auto idx = index();
        const auto* site = idx->FindSite(*id);
        if (!site)
            return ApiError(MakeError(ErrorCode::kNotFound, "no open site " + std::to_string(*id),
                                      "aucune usine ouverte n°" + std::to_string(*id)));
        return JsonOk(SiteJson(*site, idx->SessionsOf(*id)));
    });
    router.Add("GET", "/api/v1/sites/{id}/sessions", [index](const http::Request& req) {
        auto id = ParseId(req.PathParam("id"), "site");
        if (!id.ok()) return ApiError(id.error());
        auto idx = index();
        if (!idx->FindSite(*id))
            return ApiError(MakeError(ErrorCode::kNotFound, "no open site " + std::to_string(*id),
                                      "aucune usine ouverte n°" + std::to_string(*id)));
        json::array tours;
        for (const auto& s : idx->SessionsOf(*id)) tours.emplace_back(SessionJson(s));
        return JsonOk(json::object{{"sessions", std::move(tours)}});
    });
    router.Add("GET", "/api/v1/sessions/{id}", [index](const http::Request& req) {
        auto id = ParseId(req.PathParam("id"), "session");
        if (!id.ok()) return ApiError(id.error());
        auto idx = index();
        const auto* s = idx->FindSession(*id);
        if (!s)
            return ApiError(MakeError(ErrorCode::kNotFound, "no session " + std::to_string(*id),
                                      "aucune visite n°" + std::to_string(*id)));
        return JsonOk(SessionJson(*s));
    });
    router.Add("GET", "/api/v1/sectors", [index](const http::Request&) {
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
    });
    router.Add("GET", "/api/v1/communes", [ctx](const http::Request& req) {
        const std::string* q = req.Query("q");
        if (!q || q->empty())
            return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                      "parameter 'q' is required (the start of a town name)",
                                      "le paramètre « q » est requis (le début d'un nom de commune)"));
        if (q->size() > kMaxParamBytes)
            return ApiError(MakeError(ErrorCode::kInvalidArgument, "parameter 'q' is longer than 100 bytes",
                                      "le paramètre « q » dépasse 100 caractères"));
        int limit = 10;
        if (const std::string* l = req.Query("limit")) {
            auto [ptr, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
            if (l->empty() || ec != std::errc() || ptr != l->data() + l->size() || limit < 1 || limit > 20)
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
    });
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

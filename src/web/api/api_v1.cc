// JSON API v1 handlers: decode parameters → read the catalogue index → encode JSON.
#include "web/api/api_v1.h"

#include <boost/json.hpp>
#include <charconv>

#include "http/errors.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "web/kit/json_writer.h"
#include "web/kit/search_params.h"
#include "web/api/site_json.h"

namespace juo::web {
namespace json = boost::json;
namespace {

// Every route here but the map reads the in-memory index for a few microseconds: they run on
// the I/O thread (see docs/adr/0002).
constexpr auto kInline = http::Execution::kInline;

http::Response JsonOk(std::string body) {
    http::Response r = http::Response::Json(200, std::move(body));
    r.AddHeader("Cache-Control", "no-cache");
    return r;
}

http::Response JsonOk(const json::value& v) { return JsonOk(json::serialize(v)); }

Result<long long> ParseId(const std::string& text, const char* what) {
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || text.size() > 18 || ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(what) + " id must be a positive number, not '" + text + "'",
                         std::string("l'identifiant doit être un nombre positif, pas « ") + text + " »");
    return id;
}

// The open site named by the request's {id}: 400 for a malformed id, 404 for an unknown one.
Result<const domain::Site*> SiteOf(const http::Request& req, const services::CatalogueIndex& index) {
    auto id = ParseId(req.PathParam("id"), "site");
    if (!id.ok()) return id.error();
    const auto* site = index.FindSite(*id);
    if (!site)
        return MakeError(ErrorCode::kNotFound, "no open site " + std::to_string(*id),
                         "aucune usine ouverte n°" + std::to_string(*id));
    return site;
}

json::array Audiences(const std::vector<domain::Audience>& audiences) {
    json::array a;
    for (auto x : audiences) a.emplace_back(std::string(domain::ToCode(x)));
    return a;
}

std::string SiteJson(const domain::Site& s, std::span<const domain::Session> sessions) {
    JsonWriter w;
    w.BeginObject();
    WriteSiteMembers(w, s);
    w.Key("address");
    w.String(s.address);
    w.Key("hearing_access");
    w.Bool(s.hearing_access);
    w.Key("accessibility_notes");
    w.String(s.accessibility_notes);
    w.Key("safety_rules");
    w.String(s.safety_rules);
    w.Key("description");
    w.String(s.description);
    w.Key("min_age");
    if (s.min_age)
        w.Int(*s.min_age);
    else
        w.Null();
    w.Key("sessions");
    WriteSessions(w, sessions);
    w.EndObject();
    return w.Take();
}

// An edition: its year, name, status and days. The current edition (the one the public site
// shows, `index` given) also carries its open sites and, per day, events, tours and places left;
// the other stored editions are listed without counts.
json::object EditionJson(const domain::Edition& e, const services::CatalogueIndex* index) {
    json::object o;
    o["year"] = e.year;
    o["name"] = e.name;
    o["status"] = std::string(domain::ToCode(e.status));
    o["current"] = index != nullptr;
    if (index) o["open_sites"] = static_cast<long long>(index->sites().size());
    json::array days;
    for (size_t i = 0; i < e.days.size(); ++i) {
        json::object d;
        d["date"] = e.days[i].date;
        d["audiences"] = Audiences(e.days[i].audiences);
        if (index && i < index->day_counts().size()) {
            d["events"] = index->day_counts()[i].sites;
            d["sessions"] = index->day_counts()[i].sessions;
            d["places_left"] = index->day_counts()[i].places_left;
        }
        days.emplace_back(std::move(d));
    }
    o["days"] = std::move(days);
    return o;
}

// The search answer, written directly: it is the hot path (docs/perf.md).
std::string SearchJson(const services::SearchResult& r, const ParsedSearch& parsed,
                       const services::CatalogueIndex& index, const std::vector<std::string>& site_members) {
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
        w.BeginObject();
        w.Members(site_members[static_cast<size_t>(h.site - index.sites().data())]);
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
            auto idx = index();
            json::array editions{EditionJson(idx->edition(), idx.get())};
            for (const auto& other : idx->other_editions()) editions.emplace_back(EditionJson(other, nullptr));
            return JsonOk(json::object{{"editions", std::move(editions)}});
        },
        kInline);
    router.Add(
        "GET", "/api/v1/editions/{year}",
        [index](const http::Request& req) {
            auto idx = index();
            auto year = domain::ParseEditionYear(req.PathParam("year"));
            if (!year.ok()) return ApiError(year.error());
            if (*year == idx->edition().year) return JsonOk(EditionJson(idx->edition(), idx.get()));
            for (const auto& other : idx->other_editions())
                if (other.year == *year) return JsonOk(EditionJson(other, nullptr));
            return ApiError(MakeError(ErrorCode::kNotFound, "no edition " + std::to_string(*year),
                                      "aucune édition " + std::to_string(*year)));
        },
        kInline);
    auto site_members = std::make_shared<SiteMembersCache>();
    auto search = [index, ctx, site_members](const http::Request& req) {
        auto idx = index();
        auto parsed = ParseSearchParams(req.query, idx->edition(), *ctx.geocoder);
        if (!parsed.ok()) return ApiError(parsed.error());
        auto members = site_members->For(idx);
        http::Response response =
            http::Response::Json(200, SearchJson(idx->Search(parsed->query), *parsed, *idx, *members));
        response.AddHeader("Cache-Control", "no-cache");
        return response;
    };
    router.Add("GET", "/api/v1/search", search, kInline);
    router.Add("GET", "/api/v1/sites", search, kInline);
    router.Add(
        "GET", "/api/v1/sites/{id}",
        [index](const http::Request& req) {
            auto idx = index();
            auto site = SiteOf(req, *idx);
            if (!site.ok()) return ApiError(site.error());
            return JsonOk(SiteJson(**site, idx->SessionsOf((*site)->id)));
        },
        kInline);
    router.Add(
        "GET", "/api/v1/sites/{id}/sessions",
        [index](const http::Request& req) {
            auto idx = index();
            auto site = SiteOf(req, *idx);
            if (!site.ok()) return ApiError(site.error());
            JsonWriter w;
            w.BeginObject();
            w.Key("sessions");
            WriteSessions(w, idx->SessionsOf((*site)->id));
            w.EndObject();
            return JsonOk(w.Take());
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
            JsonWriter w;
            WriteSession(w, *s);
            return JsonOk(w.Take());
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

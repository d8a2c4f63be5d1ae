// The public pages: request → (catalogue index, search parameters) → template data → HTML.
#include "web/public/public_pages.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/text.h"
#include "domain/accessibility.h"
#include "domain/group_request.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "web/kit/i18n.h"
#include "web/kit/page_kit.h"
#include "web/kit/search_params.h"
#include "web/public/opening_state.h"

namespace juo::web {
namespace {

using Data = PageData;

constexpr int kRadiusChoices[] = {10, 20, 30, 50, 100};
constexpr std::string_view kSitePathPrefix = "/usines/";
constexpr std::string_view kMapApiPath = "/api/v1/map";

// ---- Template data -------------------------------------------------------------------------

// Sets `key` only when `value` is not empty: in Mustache an empty string is still "true".
void SetIf(Data& data, const std::string& key, const std::string& value) {
    if (!value.empty()) data.set(key, value);
}

Data Option(const std::string& value, const std::string& label, bool selected) {
    Data o;
    o.set("value", value);
    o.set("label", label);
    o.set("selected", selected);
    return o;
}

// The footer's credit for the map tiles of `context`.
TileCredit Tiles(const PagesContext& context) { return {context.tile_url, context.tile_attribution}; }

// The current UTC instant, from the context's clock when it has one.
std::string Now(const PagesContext& context) { return context.now ? context.now() : NowUtcIso(); }

// The data every public page has (CommonPageData), with the tile credit in the footer.
Data BaseData(const PagesContext& context, const PageRequest& page, const std::string& title, PageNav nav) {
    TileCredit tiles = Tiles(context);
    return CommonPageData(page, title, nav, &tiles);
}

// The map partial's data. `sites_json` and `source` are alternatives: points given in the page,
// or fetched from the JSON API.
struct MapSpec {
    std::string kind;  // "home", "results", "site": a CSS modifier
    std::string label_key, fallback_key, fallback_link_key, fallback_url;
    std::string source;
    std::string sites_json;
    std::string center;  // "lat,lon" of the searched place
    std::string radius_km;
    // When the edition is not open for bookings, the sentence its popups show instead of the
    // places left ("Les réservations sont closes."): a closed edition offers no places.
    std::string state_sentence;
};

void SetMap(Data& d, const PagesContext& context, Lang lang, const MapSpec& spec) {
    Data m;
    m.set("kind", spec.kind);
    m.set("label", std::string(Msg(lang, spec.label_key)));
    m.set("fallback", std::string(Msg(lang, spec.fallback_key)));
    if (!spec.fallback_url.empty()) {
        m.set("fallback_url", spec.fallback_url);
        m.set("fallback_link", std::string(Msg(lang, spec.fallback_link_key)));
    }
    m.set("tile_url", context.tile_url);
    m.set("attribution", context.tile_attribution);
    SetIf(m, "source", spec.source);
    SetIf(m, "sites", spec.sites_json);
    if (!spec.center.empty()) {
        m.set("center", spec.center);
        m.set("radius_km", spec.radius_km);
    }
    m.set("link_suffix", std::string(lang == Lang::kEn ? "?lang=en" : ""));
    SetIf(m, "state", spec.state_sentence);
    d.set("map", m);
    d.set("has_map", !context.tile_url.empty());
}

// JSON string literal for a map point's name; <, > and & escaped too, as the JSON travels in an
// HTML attribute (escaped again by the template) and must never close anything.
std::string JsonString(std::string_view text) {
    std::string out;
    AppendJsonString(out, text, /*html_safe=*/true);
    return out;
}

std::string Coordinate(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5f", v);
    return buf;
}

// [id, lat, lon, "name", places_left], as GET /api/v1/map gives them.
std::string MapPoint(const domain::Site& site, long long places_left) {
    return "[" + std::to_string(site.id) + "," + Coordinate(site.position.lat) + "," +
           Coordinate(site.position.lon) + "," + JsonString(site.name) + "," + std::to_string(places_left) +
           "]";
}

// ---- Labels -------------------------------------------------------------------------------

std::string AudienceLabel(domain::Audience a, Lang lang) {
    return std::string(Msg(lang, "aud_" + std::string(domain::ToCode(a))));
}

std::string AudiencesLabel(std::vector<domain::Audience> audiences, Lang lang) {
    std::sort(audiences.begin(), audiences.end());  // schools, public, job-seekers: always that order
    std::string out;
    for (auto a : audiences) {
        if (!out.empty()) out += ", ";
        out += AudienceLabel(a, lang);
    }
    return out;
}

std::string SectorName(std::string_view division, Lang lang) {
    const auto* s = refdata::FindSector(division);
    if (!s) return "";
    const std::string& name = lang == Lang::kFr ? s->short_fr : s->short_en;
    return name.empty() ? s->label_fr : name;
}

// The code a day goes by in URLs, as search_params.h reads it: the day that admits groups is
// "friday", the public's day "saturday".
std::string DayCode(const domain::EditionDay& day) {
    for (auto a : day.audiences)
        if (domain::IsGroupAudience(a)) return "friday";
    return "saturday";
}

std::vector<Data> DayOptions(const domain::Edition& edition, Lang lang, std::string_view selected) {
    std::vector<Data> out;
    out.push_back(Option("", std::string(Msg(lang, "day_any")), selected.empty()));
    for (const auto& day : edition.days) {
        std::string code = DayCode(day);
        std::string label =
            CapitalizeFirst(FormatDate(day.date, lang, false)) + " – " + AudiencesLabel(day.audiences, lang);
        out.push_back(Option(code, label, selected == code || selected == day.date));
    }
    return out;
}

Data ListOf(std::vector<Data> items) {
    Data list{Data::type::list};
    for (auto& item : items) list.push_back(std::move(item));
    return list;
}

std::vector<Data> RadiusOptions(Lang lang, double selected) {
    std::vector<Data> out;
    bool found = false;
    for (int r : kRadiusChoices) found |= std::abs(selected - r) < 1e-9;
    std::vector<double> values(std::begin(kRadiusChoices), std::end(kRadiusChoices));
    if (!found) {
        values.push_back(selected);
        std::sort(values.begin(), values.end());
    }
    for (double r : values) {
        std::string value = PlainNumber(r);
        out.push_back(Option(value, MsgFormat(lang, "radius_option", {FormatDecimal(r, lang)}),
                             std::abs(selected - r) < 1e-9));
    }
    return out;
}

// ---- Home ---------------------------------------------------------------------------------

http::Response HomePage(const PagesContext& context, const http::Request& request) {
    PageRequest page(request);
    Lang lang = page.lang();
    auto index = context.catalogue->Current();
    const auto& edition = index->edition();
    std::string year = std::to_string(edition.year);
    std::string heading = MsgFormat(lang, "home_heading", {year});

    Data d = BaseData(context, page, heading, PageNav::kHome);
    d.set("heading", heading);
    d.set("edition_label", lang == Lang::kFr && !edition.name.empty()
                               ? edition.name
                               : MsgFormat(lang, "edition_label_en", {year}));
    std::vector<std::string> dates;
    for (const auto& day : edition.days) dates.push_back(day.date);
    SetIf(d, "dates_text", CapitalizeFirst(FormatDays(dates, lang)));

    long long sites = static_cast<long long>(index->sites().size());
    d.set("sites_count", FormatNumber(sites, lang));
    d.set("sites_label", std::string(Msg(lang, PluralKey(lang, "figure_sites", sites))));
    long long places = 0;
    std::vector<Data> days;
    for (const auto& count : index->day_counts()) {
        places += count.places_left;
        Data day;
        day.set("events", FormatNumber(count.sites, lang));
        day.set("events_label", MsgFormat(lang, PluralKey(lang, "figure_day", count.sites),
                                          {FormatDate(count.date, lang, false)}));
        for (const auto& ed_day : edition.days)
            if (ed_day.date == count.date)
                SetIf(day, "audience_label", AudiencesLabel(ed_day.audiences, lang));
        days.push_back(std::move(day));
    }
    d.set("days", ListOf(std::move(days)));
    // A closed or not yet open edition offers places, it has none "still available" to book.
    const BookingWindow window = EditionWindow(edition, Now(context), lang);
    SetIf(d, "window_sentence", window.sentence);
    if (window.state != WindowState::kOpen) {
        places = 0;
        for (const auto& site : index->sites())
            for (const auto& s : index->SessionsOf(site.id))
                if (s.status == domain::SessionStatus::kOpen) places += s.capacity_people;
    }
    d.set("places_left", FormatNumber(places, lang));
    d.set("places_label",
          std::string(Msg(lang, PluralKey(lang, window.state == WindowState::kOpen ? "figure_places" : "figure_places_offered",
                                          places))));

    d.set("day_options", ListOf(DayOptions(edition, lang, "")));
    d.set("radius_options", ListOf(RadiusOptions(lang, 30)));

    // Sectors with open factories, most represented first: a way in without typing anything.
    std::vector<std::pair<std::string, long long>> sectors(index->sites_by_division().begin(),
                                                           index->sites_by_division().end());
    std::stable_sort(sectors.begin(), sectors.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<Data> sector_items;
    for (const auto& [division, n] : sectors) {
        std::string name = SectorName(division, lang);
        if (name.empty() || n <= 0) continue;
        Data s;
        s.set("name", name);
        s.set("url", page.Link(kSearchPath, {{"sector", division}}));
        s.set("count_label", MsgCount(lang, "count_sites", n));
        sector_items.push_back(std::move(s));
    }
    d.set("has_sectors", !sector_items.empty());
    d.set("sectors", ListOf(std::move(sector_items)));

    MapSpec map;
    map.kind = "home";
    map.label_key = "map_label_home";
    map.fallback_key = "map_fallback_home";
    map.fallback_link_key = "map_fallback_home_link";
    map.fallback_url = page.Link(kSearchPath);
    map.source = std::string(kMapApiPath);
    map.state_sentence = window.sentence;
    SetMap(d, context, lang, map);
    return PageResponse(page, 200, RenderInLayout("home", d));
}

// ---- Search -------------------------------------------------------------------------------

struct FieldError {
    std::string field;  // "near", "radius", ... or "" when no form field holds the value
    std::string message;
    std::vector<const refdata::Commune*> suggestions;
};

// Finds which parameter made the whole search fail, by parsing each alone, and says what is
// wrong in the page's words.
FieldError DescribeSearchError(const http::ParamList& params, const domain::Edition& edition,
                               const refdata::Geocoder& geocoder, const Error& error, Lang lang) {
    static constexpr std::string_view kFields[] = {"day",       "near",   "lat",      "lon",
                                                   "radius",    "sector", "audience", "wheelchair",
                                                   "available", "page",   "per_page"};
    // The accessibility kinds may come as several parameters (the form's checkboxes): the bad one.
    for (const auto& [k, v] : params) {
        if (k != "accessibility" || domain::ParseAccessList(v).ok()) continue;
        FieldError out;
        out.field = "accessibility";
        out.message = v.size() > kMaxParamBytes ? std::string(Msg(lang, "err_too_long"))
                                                : MsgFormat(lang, "err_accessibility", {v});
        return out;
    }
    for (std::string_view name : kFields) {
        const std::string* value = FindParam(params, name);
        if (!value) continue;
        QueryParams alone{{std::string(name), *value}};
        if (name == "lat" || name == "lon") {
            alone.clear();
            for (const auto* n : {"lat", "lon"})
                if (const auto* v = FindParam(params, n)) alone.emplace_back(n, *v);
        }
        auto parsed = ParseSearchParams(alone, edition, geocoder);
        if (parsed.ok()) continue;
        FieldError out;
        out.field = std::string(name);
        if (value->size() > kMaxParamBytes) {
            out.message = std::string(Msg(lang, "err_too_long"));
        } else if (name == "near") {
            const auto& e = parsed.error();
            out.message = (lang == Lang::kFr && !e.message_fr.empty() ? e.message_fr : e.message) + " " +
                          std::string(Msg(lang, "err_near_hint"));
            std::string folded = refdata::FoldPlaceName(*value);
            std::vector<const refdata::Commune*> found = geocoder.Suggest(*value, 8);
            if (found.empty() && folded.size() >= 3) found = geocoder.Suggest(folded.substr(0, 3), 8);
            for (const auto* c : found)
                if (c->precision != refdata::PositionPrecision::kNone && out.suggestions.size() < 4)
                    out.suggestions.push_back(c);
        } else if (name == "lat" || name == "lon") {
            out.field = "near";
            out.message = std::string(Msg(lang, "err_position"));
        } else if (name == "day") {
            out.message = MsgFormat(lang, "err_day", {*value});
        } else if (name == "radius") {
            out.message = MsgFormat(lang, "err_radius", {*value});
        } else if (name == "sector") {
            out.message = MsgFormat(lang, "err_sector", {*value});
        } else if (name == "audience") {
            out.message = MsgFormat(lang, "err_audience", {*value});
        } else if (name == "wheelchair" || name == "available") {
            if (name == "wheelchair") out.field = "accessibility";  // its checkbox is "motor" there
            out.message = MsgFormat(lang, "err_flag", {*value});
        } else {
            out.field.clear();  // page, per_page: not in the form
            out.message = MsgFormat(lang, "err_page", {*value});
        }
        return out;
    }
    // A combination no single parameter explains: say it as the parser did.
    return FieldError{
        "", lang == Lang::kFr && !error.message_fr.empty() ? error.message_fr : error.message, {}};
}

bool IsFlagOn(const std::string* v) {
    return v && (*v == "1" || *v == "true" || *v == "on" || *v == "yes" || *v == "oui");
}

std::vector<Data> SectorOptions(const services::CatalogueIndex& index, Lang lang, std::string_view selected) {
    struct Item {
        std::string key, value, label;
    };
    std::vector<Item> items;
    for (const auto& s : refdata::Sectors()) {
        if (!s.industrial) continue;
        auto it = index.sites_by_division().find(s.division);
        long long n = it == index.sites_by_division().end() ? 0 : it->second;
        if (n == 0 && s.division != selected) continue;
        std::string name = SectorName(s.division, lang);
        items.push_back({FoldForSearch(name), s.division, name + " (" + FormatNumber(n, lang) + ")"});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.key < b.key; });
    std::vector<Data> out;
    out.push_back(Option("", std::string(Msg(lang, "sector_any")), selected.empty()));
    for (const auto& item : items) out.push_back(Option(item.value, item.label, item.value == selected));
    return out;
}

std::vector<Data> AudienceOptions(Lang lang, std::string_view selected) {
    std::vector<Data> out;
    out.push_back(Option("", std::string(Msg(lang, "audience_any")), selected.empty()));
    for (auto a : {domain::Audience::kSchool, domain::Audience::kPublic, domain::Audience::kJobSeekers}) {
        std::string code(domain::ToCode(a));
        out.push_back(Option(code, AudienceLabel(a, lang), code == selected));
    }
    return out;
}

// The accessibility checkboxes: the five kinds, those of `selected` ticked.
std::vector<Data> AccessOptions(Lang lang, domain::AccessMask selected) {
    std::vector<Data> out;
    for (auto k : domain::kAccessKinds) {
        std::string code(domain::ToCode(k));
        out.push_back(Option(code, std::string(Msg(lang, "access_kind_" + code)), selected & domain::AccessBit(k)));
    }
    return out;
}

// "Handicaps accueillis : moteur, visuel" for a search hit; empty when the site declared none.
std::string AccessText(const domain::Site& site, Lang lang) {
    std::string list;
    for (auto k : domain::kAccessKinds) {
        if (!domain::HasAccess(site, k)) continue;
        if (!list.empty()) list += ", ";
        list += Msg(lang, "access_adj_" + std::string(domain::ToCode(k)));
    }
    return list.empty() ? list : MsgFormat(lang, "result_access", {list});
}

// The search's parameters without `page` (and without empty values), for pagination links.
http::ParamList FilterParams(const http::Request& request, Lang lang) {
    http::ParamList out;
    bool has_lang = false;
    for (const auto& [k, v] : request.query) {
        if (k == "page" || v.empty()) continue;
        if (k == "lang") {
            if (has_lang) continue;
            has_lang = true;
        }
        out.emplace_back(k, v);
    }
    if (!has_lang && lang == Lang::kEn) out.emplace_back("lang", "en");
    return out;
}

Data Pagination(const http::Request& request, Lang lang, int page, int pages) {
    http::ParamList base = FilterParams(request, lang);
    auto url_of = [&](int n) {
        http::ParamList params = base;
        if (n > 1) params.emplace_back("page", std::to_string(n));
        return WithQuery(kSearchPath, params);
    };
    Data p;
    if (page > 1) p.set("prev_url", url_of(std::min(page - 1, pages)));
    if (page < pages) p.set("next_url", url_of(page + 1));
    std::vector<Data> items;
    int last_shown = 0;
    for (int n = 1; n <= pages; ++n) {
        bool show = n == 1 || n == pages || std::abs(n - page) <= 2;
        if (!show) continue;
        if (last_shown && n > last_shown + 1) {
            Data gap;
            gap.set("gap", true);
            items.push_back(std::move(gap));
        }
        Data item;
        item.set("number", FormatNumber(n, lang));
        item.set("url", url_of(n));
        item.set("current", n == page);
        items.push_back(std::move(item));
        last_shown = n;
    }
    p.set("pages", ListOf(std::move(items)));
    return p;
}

http::Response SearchPage(const PagesContext& context, const http::Request& request) {
    PageRequest page(request);
    Lang lang = page.lang();
    auto index = context.catalogue->Current();
    const auto& edition = index->edition();
    const auto& params = request.query;
    auto parsed = ParseSearchParams(params, edition, *context.geocoder);
    std::string heading(Msg(lang, "search_heading"));

    Data d = BaseData(context, page, heading, PageNav::kSearch);
    d.set("heading", heading);
    d.set("reset_url", page.Link(kSearchPath));

    // The form shows what was asked, even when it was wrong, so that it can be corrected.
    Data form;
    const std::string* near = FindParam(params, "near");
    SetIf(form, "near", near ? *near : "");
    std::string day_selected, sector_selected, audience_selected;
    double radius_selected = 30;
    bool available = false;
    domain::AccessMask access = 0;
    if (parsed.ok()) {
        day_selected = parsed->day_param;
        sector_selected = parsed->query.sector.value_or("");
        if (parsed->query.audience) audience_selected = std::string(domain::ToCode(*parsed->query.audience));
        radius_selected = parsed->query.radius_km;
        access = parsed->query.accessibility;
        available = parsed->query.places_left_only;
        if (const auto* v = FindParam(params, "per_page"); v && !v->empty())
            d.set("per_page", std::to_string(parsed->query.per_page));
    } else {
        auto raw = [&](std::string_view name) {
            const auto* v = FindParam(params, name);
            return v ? *v : std::string();
        };
        day_selected = raw("day");
        sector_selected = raw("sector");
        audience_selected = raw("audience");
        if (IsFlagOn(FindParam(params, "wheelchair"))) access |= domain::AccessBit(domain::AccessKind::kMotor);
        for (const auto& [k, v] : params)
            if (k == "accessibility")
                if (auto kinds = domain::ParseAccessList(v); kinds.ok()) access |= *kinds;
        available = IsFlagOn(FindParam(params, "available"));
    }
    form.set("available", available);
    d.set("form", form);
    d.set("access_options", ListOf(AccessOptions(lang, access)));
    d.set("page_script", std::string("filters.js"));
    d.set("day_options", ListOf(DayOptions(edition, lang, day_selected)));
    d.set("radius_options", ListOf(RadiusOptions(lang, radius_selected)));
    d.set("sector_options", ListOf(SectorOptions(*index, lang, sector_selected)));
    d.set("audience_options", ListOf(AudienceOptions(lang, audience_selected)));

    if (!parsed.ok()) {
        FieldError fe = DescribeSearchError(params, edition, *context.geocoder, parsed.error(), lang);
        Data error;
        error.set("field_id", fe.field.empty() ? std::string("filters-title") : "f-" + fe.field);
        error.set("message", fe.message);
        d.set("error", error);
        if (!fe.field.empty()) d.set("err_" + fe.field, fe.message);
        if (!fe.suggestions.empty()) {
            std::vector<Data> items;
            for (const auto* c : fe.suggestions) {
                http::ParamList p;
                for (const auto& [k, v] : params)
                    if (k != "near" && k != "page" && k != "lang") p.emplace_back(k, v);
                std::string label = c->name + " (" + c->department_code + ")";
                p.emplace_back("near", label);
                Data s;
                s.set("name", label);
                s.set("url", page.Link(kSearchPath, p));
                items.push_back(std::move(s));
            }
            items.back().set("last", true);
            d.set("has_suggestions", true);
            d.set("suggestions", ListOf(std::move(items)));
        }
        d.set("title", MsgFormat(lang, "search_title_error", {heading}));
        d.set("filters_open", true);  // the field in error is in the filters: show them
        return PageResponse(page, 400, RenderInLayout("search", d));
    }

    const auto& query = parsed->query;
    auto result = index->Search(query);
    long long pages = result.per_page > 0 ? (result.total + result.per_page - 1) / result.per_page : 1;
    std::string count_text = MsgCount(lang, "results_count", result.total);
    if (query.around && !parsed->near_label.empty())
        count_text +=
            " " +
            MsgFormat(lang, "results_near", {FormatDecimal(query.radius_km, lang), parsed->near_label}) +
            ", " + std::string(Msg(lang, "results_sorted_distance"));
    if (pages > 1)
        count_text += " – " + MsgFormat(lang, "results_page",
                                        {FormatNumber(result.page, lang), FormatNumber(pages, lang)});
    count_text += ".";
    d.set("count_text", count_text);
    d.set("title", MsgFormat(lang, "search_title_results", {MsgCount(lang, "results_count", result.total)}));

    std::vector<Data> hits;
    std::string points;
    for (const auto& hit : result.hits) {
        const auto& site = *hit.site;
        Data h;
        h.set("name", site.name);
        h.set("url", page.Link(std::string(kSitePathPrefix) + std::to_string(site.id)));
        std::string place = site.commune_name;
        if (const auto* dep = refdata::FindDepartment(site.department_code))
            place += ", " + dep->name + " (" + dep->code + ")";
        else if (!site.department_code.empty())
            place += " (" + site.department_code + ")";
        h.set("place", place);
        SetIf(h, "sector", SectorName(site.naf_division, lang));
        if (hit.distance_km)
            h.set("distance", MsgFormat(lang, "distance_away", {FormatDistanceKm(*hit.distance_km, lang)}));
        h.set("tours", MsgCount(lang, "tours_count", hit.matching_sessions));
        if (hit.places_left > 0) h.set("places", MsgCount(lang, "places_left", hit.places_left));
        h.set("full", hit.places_left <= 0);
        SetIf(h, "access_text", AccessText(site, lang));
        hits.push_back(std::move(h));
        if (!points.empty()) points += ",";
        points += MapPoint(site, hit.places_left);
    }
    d.set("has_hits", !hits.empty());
    d.set("first_rank", std::to_string((static_cast<long long>(result.page) - 1) * result.per_page + 1));
    d.set("hits", ListOf(std::move(hits)));
    if (pages > 1) d.set("pagination", Pagination(request, lang, result.page, static_cast<int>(pages)));

    MapSpec map;
    map.kind = "results";
    map.label_key = "map_label_results";
    map.fallback_key = "map_fallback_results";
    map.sites_json = "[" + points + "]";
    if (query.around) {
        map.center = Coordinate(query.around->lat) + "," + Coordinate(query.around->lon);
        map.radius_km = PlainNumber(query.radius_km);
    }
    map.state_sentence = EditionWindow(index->edition(), Now(context), lang).sentence;
    SetMap(d, context, lang, map);
    if (result.total > 0 && result.hits.empty()) {
        // A page past the end (an old link): the no-result advice would be wrong.
        d.set("past_end", true);
        http::ParamList first = FilterParams(request, lang);
        d.set("first_page_url", WithQuery(kSearchPath, first));
    }
    return PageResponse(page, 200, RenderInLayout("search", d));
}

// ---- Site ---------------------------------------------------------------------------------

std::string LevelLabel(std::string_view level, Lang lang) {
    for (auto known : domain::kLevels)
        if (known == level) return std::string(Msg(lang, "level_" + std::string(level)));
    return std::string(level);
}

// The search page the visitor came from, when the Referer is our own search: "back" then keeps
// their filters. Anything else gives the plain search page.
std::string BackUrl(const PageRequest& page) {
    std::string referer = page.request().Header("referer");
    std::string host = page.request().Header("host");
    size_t scheme = referer.find("://");
    if (scheme != std::string::npos && !host.empty()) {
        std::string_view rest = std::string_view(referer).substr(scheme + 3);
        if (rest.starts_with(host)) {
            std::string_view path = rest.substr(host.size());
            if (path == kSearchPath || path.starts_with(std::string(kSearchPath) + "?"))
                return std::string(path);
        }
    }
    return page.Link(kSearchPath);
}

// The kinds of the accessibility nomenclature the site welcomes, each with its icon name (a CSS
// modifier) and its label; the template says so when the host has declared none.
void SetAccessKinds(Data& d, const domain::Site& site, Lang lang) {
    std::vector<Data> kinds;
    for (auto k : domain::kAccessKinds) {
        if (!domain::HasAccess(site, k)) continue;
        Data item;
        item.set("code", std::string(domain::ToCode(k)));
        item.set("label", std::string(Msg(lang, "access_kind_" + std::string(domain::ToCode(k)))));
        kinds.push_back(std::move(item));
    }
    d.set("has_access_kinds", !kinds.empty());
    d.set("access_kinds", ListOf(std::move(kinds)));
}

// One tour as a card: time, audiences, conditions, places, and either the booking button, the
// group request link, or the sentence saying why there is nothing to book.
// A tour's state as the card's data-state attribute (tests and the stylesheet read it).
std::string_view StateCode(TourState state) {
    switch (state) {
        case TourState::kBookable: return "bookable";
        case TourState::kWaitlist: return "waitlist";
        case TourState::kGroupsOnly: return "groups";
        case TourState::kFull: return "full";
        case TourState::kClosed: return "closed";
        case TourState::kPast: return "past";
        case TourState::kEditionShut: return "shut";
    }
    return "";
}

Data TourCard(const PageRequest& page, const domain::Session& s, const BookingWindow& window,
              const std::string& now, Lang lang) {
    const Lang l = lang;
    Data t;
    t.set("id", std::to_string(s.id));
    const std::string time = MsgFormat(l, "time_range", {FormatTime(s.starts_at, l), FormatTime(s.ends_at, l)});
    t.set("time", time);
    t.set("audiences", AudiencesLabel(s.audiences, l));
    std::vector<std::string> conditions;
    if (!s.min_level.empty()) conditions.push_back(MsgFormat(l, "level_min", {LevelLabel(s.min_level, l)}));
    if (s.min_age) conditions.push_back(MsgFormat(l, "age_min", {std::to_string(*s.min_age)}));
    std::string cond;
    for (const auto& c : conditions) cond += (cond.empty() ? "" : ", ") + c;
    t.set("conditions", cond.empty() ? std::string(Msg(l, "conditions_none")) : CapitalizeFirst(cond));
    t.set("number", MsgFormat(l, "tour_number", {std::to_string(s.id)}));

    const TourOffer offer = OfferFor(s, window, now, l);
    SetIf(t, "state", offer.sentence);
    t.set("state_code", std::string(StateCode(offer.state)));
    switch (offer.state) {
        case TourState::kBookable:
            t.set("places", MsgCount(l, "places_left", s.places_left()));
            t.set("book_url", page.Link("/reserver/" + std::to_string(s.id)));
            t.set("book_label", std::string(Msg(l, "tour_book")));
            break;
        case TourState::kWaitlist:
            t.set("full", true);
            t.set("book_url", page.Link("/reserver/" + std::to_string(s.id)));
            t.set("book_label", std::string(Msg(l, "tour_waitlist")));
            break;
        case TourState::kGroupsOnly:
            t.set("places", MsgCount(l, "places_left", s.places_left()));
            if (s.capacity_groups > 0) t.set("groups", MsgCount(l, "groups_left", s.groups_left()));
            t.set("state", MsgFormat(l, "tour_groups_only", {AudiencesLabel(s.audiences, l)}));
            t.set("request_url", page.Link("/groupes/demande", {{"visite", std::to_string(s.id)}}));
            break;
        case TourState::kFull:
            t.set("full", true);
            break;
        case TourState::kEditionShut:
            // Not bookable now: the capacity, never "places left" as if one could book them.
            t.set("places", MsgCount(l, "tour_places_offered", s.capacity_people));
            break;
        case TourState::kClosed:
        case TourState::kPast:
            break;
    }
    t.set("muted", offer.state == TourState::kPast || offer.state == TourState::kClosed);
    return t;
}

http::Response SitePage(const PagesContext& context, const http::Request& request) {
    PageRequest page(request);
    Lang lang = page.lang();
    std::string id_text = request.PathParam("id");
    long long id = 0;
    auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    auto index = context.catalogue->Current();
    const domain::Site* site = nullptr;
    if (!id_text.empty() && ec == std::errc() && ptr == id_text.data() + id_text.size() && id > 0)
        site = index->FindSite(id);
    if (!site) {
        if (context.unlisted_site && id > 0 && ec == std::errc())
            if (auto own = context.unlisted_site(request, id)) return std::move(*own);
        TileCredit tiles = Tiles(context);
        return ErrorPage(page, 404, "error_site_404_text", &tiles);
    }

    Data d = BaseData(context, page, site->name, PageNav::kNone);
    d.set("name", site->name);
    d.set("back_url", BackUrl(page));
    SetIf(d, "sector", SectorName(site->naf_division, lang));
    SetIf(d, "address", site->address);
    SetIf(d, "postcode", site->postcode);
    SetIf(d, "commune", site->commune_name);
    if (const auto* dep = refdata::FindDepartment(site->department_code)) d.set("department", dep->name);
    SetIf(d, "description", site->description);
    if (site->photo_file_id) d.set("photo_url", page.Link("/usines/" + std::to_string(site->id) + "/photo"));
    SetAccessKinds(d, *site, lang);
    d.set("min_age", site->min_age ? MsgFormat(lang, "min_age_value", {std::to_string(*site->min_age)})
                                   : std::string(Msg(lang, "min_age_none")));
    SetIf(d, "access_notes", site->accessibility_notes);
    SetIf(d, "safety", site->safety_rules);
    // Hosts write in French: on an English page, their text is marked as such for screen readers.
    if (lang == Lang::kEn) d.set("data_lang", std::string("fr"));

    // What may be booked now: the edition's window, then each tour's own state.
    const std::string now = Now(context);
    const BookingWindow window = EditionWindow(index->edition(), now, lang);
    SetIf(d, "window_sentence", window.sentence);

    // Tours come by day and time: one list of cards per day.
    std::vector<Data> days;
    std::vector<Data> tours;
    std::string current_day;
    auto flush = [&] {
        if (current_day.empty()) return;
        Data day;
        day.set("index", std::to_string(days.size() + 1));
        day.set("date", CapitalizeFirst(FormatDate(current_day, lang, true)));
        for (const auto& ed_day : index->edition().days)
            if (ed_day.date == current_day) SetIf(day, "audience", AudiencesLabel(ed_day.audiences, lang));
        day.set("tours", ListOf(std::move(tours)));
        tours.clear();
        days.push_back(std::move(day));
    };
    for (const auto& s : index->SessionsOf(site->id)) {
        if (s.day_date != current_day) {
            flush();
            current_day = s.day_date;
        }
        tours.push_back(TourCard(page, s, window, now, lang));
    }
    flush();
    d.set("days", ListOf(std::move(days)));

    std::string lat = Coordinate(site->position.lat), lon = Coordinate(site->position.lon);
    long long places = 0;
    for (const auto& s : index->SessionsOf(site->id))
        if (s.status == domain::SessionStatus::kOpen) places += std::max(0, s.places_left());
    MapSpec map;
    map.kind = "site";
    map.label_key = "map_label_site";
    map.fallback_key = "map_fallback_site";
    map.fallback_link_key = "map_fallback_site_link";
    map.fallback_url =
        "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=15/" + lat + "/" + lon;
    map.sites_json = "[" + MapPoint(*site, places) + "]";
    map.state_sentence = window.sentence;
    SetMap(d, context, lang, map);
    return PageResponse(page, 200, RenderInLayout("site", d));
}

// ---- About --------------------------------------------------------------------------------

http::Response AboutPage(const PagesContext& context, const http::Request& request) {
    PageRequest page(request);
    Data d = BaseData(context, page, std::string(Msg(page.lang(), "about_title")), PageNav::kAbout);
    return PageResponse(page, 200, RenderInLayout("about", d));
}

}  // namespace

void RegisterPages(http::Router& router, PagesContext context) {
    if (!context.catalogue || !context.geocoder)
        throw std::invalid_argument("RegisterPages: the catalogue and the geocoder are required");
    auto shared = std::make_shared<const PagesContext>(std::move(context));
    router.Get(std::string(kHomePath), [shared](const http::Request& r) { return HomePage(*shared, r); });
    router.Get(std::string(kSearchPath), [shared](const http::Request& r) { return SearchPage(*shared, r); });
    router.Get("/search", [](const http::Request& r) {
        // The English address of the search: same page, same query, one canonical URL.
        std::string location = WithQuery(kSearchPath, r.query);
        return http::Response::Redirect(location, 301);
    });
    router.Get(std::string(kSitePathPrefix) + "{id}",
               [shared](const http::Request& r) { return SitePage(*shared, r); });
    router.Get(std::string(kAboutPath), [shared](const http::Request& r) { return AboutPage(*shared, r); });
}

}  // namespace juo::web

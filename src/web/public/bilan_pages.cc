// Handlers of the dashboard and the press page: parse the filters → BilanService → template data,
// charts (charts::ChartSvg), PDF (charts::RenderPdf) or tables (report/tables.h).
#include "web/public/bilan_pages.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "charts/charts.h"
#include "charts/pdf_report.h"
#include "common/text.h"
#include "domain/audience.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "report/tables.h"
#include "web/kit/page_kit.h"

namespace juo::web {
namespace {

constexpr std::string_view kDashboardPath = "/bilan";
constexpr std::string_view kPressPath = "/presse";

struct Filters {
    services::BilanQuery query;
    http::ParamList params;  // the filters as given, for the links of charts and exports
};

// Reads ?edition=&region=&audience= (empty values mean "all"); kInvalidArgument for a value that
// is not even well formed (the codes are checked by the service).
Result<Filters> ReadFilters(const http::Request& request, bool press) {
    Filters f;
    if (const auto* edition = request.Query("edition"); edition && !edition->empty()) {
        int year = 0;
        auto [end, ec] = std::from_chars(edition->data(), edition->data() + edition->size(), year);
        if (ec != std::errc() || end != edition->data() + edition->size() || year < 2000 || year > 2100)
            return MakeError(ErrorCode::kInvalidArgument, "edition must be a year",
                             "l'édition doit être une année");
        f.query.year = year;
        f.params.emplace_back("edition", *edition);
    }
    if (press) return f;
    if (const auto* region = request.Query("region"); region && !region->empty()) {
        f.query.region = *region;
        f.params.emplace_back("region", *region);
    }
    if (const auto* audience = request.Query("audience"); audience && !audience->empty()) {
        f.query.audience = *audience;
        f.params.emplace_back("audience", *audience);
    }
    return f;
}

http::Response ErrorResponse(const http::Request& request, const Error& e) {
    const int status = e.code == ErrorCode::kInvalidArgument ? 400
                       : e.code == ErrorCode::kNotFound      ? 404
                                                             : 503;
    const Lang lang = PageLang(request);
    PageData d = CommonPageData(request, std::string(Msg(lang, "bilan_error_title")));
    d.set("message", lang == Lang::kFr && !e.message_fr.empty() ? e.message_fr : e.message);
    d.set("dashboard_url", PageLink(request, kDashboardPath));
    return PageResponse(request, status, RenderInLayout("bilan_error", d));
}

std::string N(long long v, Lang lang) { return FormatNumber(v, lang); }

// "2e" in French, "2nd" in English.
std::string Ordinal(const report::Bilan& b, Lang lang) {
    if (lang == Lang::kFr) return b.edition.ordinal_fr;
    const int n = b.edition.ordinal;
    const char* suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th"
                         : n % 10 == 1                    ? "st"
                         : n % 10 == 2                    ? "nd"
                         : n % 10 == 3                    ? "rd"
                                                          : "th";
    return std::to_string(n) + suffix;
}

// The edition's days in the page's language.
std::string Dates(const report::Bilan& b, Lang lang) {
    return CapitalizeFirst(FormatDays(b.edition.dates, lang));
}

PageData Tile(const std::string& number, const std::string& label, const std::string& line = "") {
    PageData t;
    t.set("number", number);
    t.set("label", label);
    if (!line.empty()) t.set("line", line);
    return t;
}

// A headline figure as the 2025 report means it (issue 19, item 4): its "+" is "more than", never
// a change from last year. An exact count is written without a sign ("227 usines ouvertes"); a
// figure rounded down reads "plus de 20 000 visiteurs".
std::string Headline(const std::string& headline, long long exact, Lang lang) {
    if (exact <= 0) return "0";
    const std::string digits = headline.rfind('+', 0) == 0 ? headline.substr(1) : headline;
    std::string plain;
    for (char c : digits)
        if (c >= '0' && c <= '9') plain += c;
    const std::string shown = lang == Lang::kFr ? digits : FormatNumber(plain.empty() ? 0 : std::stoll(plain), lang);
    if (!plain.empty() && std::stoll(plain) == exact) return shown;
    return MsgFormat(lang, "bilan_tile_over", {shown});
}

std::string SharePct(const report::Bilan& b, std::string_view audience, Lang lang) {
    for (const auto& a : b.visitors.by_audience)
        if (a.code == audience) return lang == Lang::kFr ? report::PercentFr(a.share_pct) : std::to_string(a.share_pct) + "%";
    return lang == Lang::kFr ? report::PercentFr(0) : "0%";
}

PageData Tiles(const report::Bilan& b, Lang lang) {
    PageData list{PageData::type::list};
    // The report's lines under its figures: the host survey's "would open again", the school and
    // France Travail shares, the social-network mentions.
    std::string sites_line;
    if (b.host_survey.open_again.pct)
        sites_line = lang == Lang::kFr ? report::PercentFr(*b.host_survey.open_again.pct) + " veulent participer à une prochaine édition"
                                       : std::to_string(*b.host_survey.open_again.pct) + "% want to take part again";
    list.push_back(Tile(Headline(b.headlines.sites, b.sites.open, lang), std::string(Msg(lang, "bilan_tile_sites")), sites_line));
    list.push_back(Tile(N(b.events.total, lang), std::string(Msg(lang, "bilan_tile_events"))));
    list.push_back(Tile(Headline(b.headlines.visitors, b.visitors.attended, lang), std::string(Msg(lang, "bilan_tile_visitors")),
                        b.visitors.attended > 0 ? MsgFormat(lang, "bilan_tile_visitors_line",
                                                            {SharePct(b, "school", lang), SharePct(b, "job_seekers", lang)})
                                                : ""));
    list.push_back(Tile(Headline(b.headlines.buses, b.buses.buses, lang), std::string(Msg(lang, "bilan_tile_buses"))));
    list.push_back(Tile(N(b.sectors.represented, lang), std::string(Msg(lang, "bilan_tile_sectors"))));
    std::string social;
    if (b.media.social_mentions > 0) {
        // "plus de 350 mentions sur les réseaux sociaux" (bilan_tile_over's words), or the exact count.
        const std::string h = Headline(b.headlines.social_mentions, b.media.social_mentions, lang);
        social = MsgFormat(lang, "bilan_tile_social_exact", {h});
    }
    list.push_back(Tile(Headline(b.headlines.media, b.media.total, lang), std::string(Msg(lang, "bilan_tile_media")), social));
    return list;
}

// The chart images of a page; `base` is "/bilan/graphiques/" or "/presse/graphiques/".
PageData ChartList(const http::Request& request, const report::Bilan& b, std::string_view base,
                   const http::ParamList& params, bool press) {
    PageData list{PageData::type::list};
    for (const auto& chart : charts::Charts()) {
        // The big numbers are on the page as text (the tiles list); the PDF draws them.
        if (chart.id == charts::ChartId::kTiles) continue;
        // An empty panel is not shown (issue 19, item 4): no year-on-year change without the
        // previous edition, no media charts without a mention, no satisfaction without answers.
        if (chart.id == charts::ChartId::kChanges && (!b.previous || b.previous->changes.empty())) continue;
        if ((chart.id == charts::ChartId::kMedia || chart.id == charts::ChartId::kMediaMonths) && b.media.total == 0)
            continue;
        if (chart.id == charts::ChartId::kSatisfaction && b.host_survey.satisfied.answers == 0 &&
            b.host_survey.open_again.answers == 0)
            continue;
        const charts::Box size = charts::ChartSize(b, chart.id);
        PageData c;
        c.set("src", PageLink(request, std::string(base) + std::string(chart.code) + ".svg", params));
        c.set("title", std::string(chart.title_fr));
        c.set("width", std::to_string(static_cast<int>(size.w)));
        c.set("height", std::to_string(static_cast<int>(size.h)));
        c.set("wide", size.w > 600);
        list.push_back(c);
    }
    return list;
}

PageData Options(const std::vector<std::pair<std::string, std::string>>& choices,
                 const std::string& selected) {
    PageData list{PageData::type::list};
    for (const auto& [value, label] : choices) {
        PageData o;
        o.set("value", value);
        o.set("label", label);
        o.set("selected", value == selected);
        list.push_back(o);
    }
    return list;
}

PageData Rows(const std::vector<std::vector<std::string>>& rows) {
    PageData list{PageData::type::list};
    for (const auto& row : rows) {
        PageData cells{PageData::type::list};
        for (const auto& cell : row) cells.push_back(PageData(cell));
        PageData r;
        r.set("cells", cells);
        list.push_back(r);
    }
    return list;
}

std::string Pct(const std::optional<int>& pct) { return pct ? report::PercentFr(*pct) : "—"; }

http::Response Dashboard(services::BilanService& bilans, const http::Request& request) {
    auto filters = ReadFilters(request, false);
    if (!filters.ok()) return ErrorResponse(request, filters.error());
    auto bilan = bilans.Get(filters->query);
    if (!bilan.ok()) return ErrorResponse(request, bilan.error());
    const report::Bilan& b = **bilan;
    const Lang lang = PageLang(request);
    PageData d = CommonPageData(request, std::string(Msg(lang, "bilan_title")));
    d.set("edition_title",
          MsgFormat(lang, "bilan_heading", {Ordinal(b, lang), std::to_string(b.edition.year)}));
    d.set("dates", Dates(b, lang));
    d.set("scope", b.scope.label_fr + (b.scope.audience.empty() ? "" : " — " + b.scope.audience_label_fr));
    d.set("action", std::string(kDashboardPath));
    if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
    std::vector<std::pair<std::string, std::string>> years;
    for (int y : bilans.Years()) years.emplace_back(std::to_string(y), std::to_string(y));
    d.set("editions", Options(years, std::to_string(b.edition.year)));
    std::vector<std::pair<std::string, std::string>> regions = {
        {"", std::string(Msg(lang, "bilan_all_france"))}};
    for (const auto& r : refdata::Regions()) regions.emplace_back(r.code, r.name);
    d.set("regions", Options(regions, b.scope.region_code));
    std::vector<std::pair<std::string, std::string>> audiences = {
        {"", std::string(Msg(lang, "bilan_all_audiences"))}};
    for (const auto& [a, code] : domain::kAudienceCodes)
        audiences.emplace_back(std::string(code), std::string(domain::LabelFr(a)));
    d.set("audiences", Options(audiences, b.scope.audience));
    d.set("tiles", Tiles(b, lang));
    d.set("charts", ChartList(request, b, "/bilan/graphiques/", filters->params, false));

    std::vector<std::vector<std::string>> audience_rows;
    for (const auto& a : b.visitors.by_audience)
        audience_rows.push_back({a.label_fr, N(a.booked_people, lang), N(a.attended, lang),
                                 Pct(a.attendance_pct), report::PercentFr(a.share_pct)});
    d.set("audience_rows", Rows(audience_rows));
    std::vector<std::vector<std::string>> demand_rows;
    for (const auto& s : b.group_requests.most_requested)
        demand_rows.push_back({s.name, s.commune + " (" + s.department_code + ")", N(s.requests, lang),
                               N(s.group_capacity, lang), N(s.accepted_groups, lang)});
    d.set("demand_rows", Rows(demand_rows));
    std::vector<std::vector<std::string>> zone_rows;
    for (size_t i = 0; i < b.white_zones.departments.size() && i < 15; ++i) {
        const auto& z = b.white_zones.departments[i];
        zone_rows.push_back(
            {z.name + " (" + z.code + ")", N(z.requests, lang), N(z.far_requests, lang), N(z.refused, lang)});
    }
    d.set("zone_rows", Rows(zone_rows));
    d.set("white_zone_km", report::FormatDecimal(b.white_zones.radius_km, 0));
    std::vector<std::vector<std::string>> region_rows;
    for (const auto& r : b.regions)
        region_rows.push_back(
            {r.name, N(r.sites, lang), N(r.attended, lang), N(r.requests, lang), N(r.refused, lang)});
    d.set("region_rows", Rows(region_rows));
    d.set("buses", MsgFormat(lang, "bilan_buses_line",
                             {N(b.buses.buses, lang), N(b.buses.seats, lang),
                              N((b.buses.cost_cents + 50) / 100, lang), N(std::llround(b.buses.km), lang),
                              N(b.buses.people, lang), Pct(b.buses.share_of_booked_group_people_pct)}));
    d.set("internships", MsgFormat(lang, "bilan_internships_line",
                                   {N(b.internships.offers, lang), N(b.internships.places, lang),
                                    N(b.internships.filled, lang), Pct(b.internships.filled_pct)}));
    PageData quotes{PageData::type::list};
    for (const auto& q : b.quotes) {
        PageData item;
        item.set("text", q.text);
        item.set("author", q.author);
        quotes.push_back(item);
    }
    d.set("quotes", quotes);

    d.set("pdf_url", PageLink(request, "/bilan/bilan.pdf", filters->params));
    d.set("json_url", PageLink(request, "/bilan/tableaux.json", filters->params));
    d.set("xlsx_url", PageLink(request, "/bilan/tableaux.xlsx", filters->params));
    PageData csv{PageData::type::list};
    for (const auto& t : report::BilanTables(b)) {
        PageData item;
        item.set("url", PageLink(request, "/bilan/tableaux/" + t.code + ".csv", filters->params));
        auto excel_params = filters->params;
        excel_params.emplace_back("format", std::string(report::kCsvExcelFormat));
        item.set("excel_url", PageLink(request, "/bilan/tableaux/" + t.code + ".csv", excel_params));
        item.set("title", t.title_fr);
        csv.push_back(item);
    }
    d.set("csv_tables", csv);
    return PageResponse(request, 200, RenderInLayout("bilan", d));
}

http::Response Press(services::BilanService& bilans, const http::Request& request) {
    auto filters = ReadFilters(request, true);
    if (!filters.ok()) return ErrorResponse(request, filters.error());
    auto bilan = bilans.Get(filters->query);
    if (!bilan.ok()) return ErrorResponse(request, bilan.error());
    const report::Bilan& b = **bilan;
    const Lang lang = PageLang(request);
    PageData d = CommonPageData(request, std::string(Msg(lang, "press_title")));
    d.set("edition_title",
          MsgFormat(lang, "bilan_heading", {Ordinal(b, lang), std::to_string(b.edition.year)}));
    d.set("dates", Dates(b, lang));
    d.set("tiles", Tiles(b, lang));
    d.set("charts", ChartList(request, b, "/presse/graphiques/", filters->params, true));
    PageData shares{PageData::type::list};
    for (const auto& a : b.visitors.by_audience) {
        PageData item;
        item.set("label", a.label_fr);
        item.set("share", report::PercentFr(a.share_pct));
        shares.push_back(item);
    }
    d.set("shares", shares);
    d.set("satisfied", Pct(b.host_survey.satisfied.pct));
    d.set("open_again", Pct(b.host_survey.open_again.pct));
    d.set("social", b.headlines.social_mentions);
    PageData quotes{PageData::type::list};
    for (const auto& q : b.quotes) {
        PageData item;
        item.set("text", q.text);
        quotes.push_back(item);
    }
    d.set("quotes", quotes);
    return PageResponse(request, 200, RenderInLayout("press", d));
}

// "{code}.{ext}" → code, or empty when the extension differs.
std::string Strip(const std::string& file, std::string_view ext) {
    if (file.size() <= ext.size() || file.compare(file.size() - ext.size(), ext.size(), ext) != 0) return "";
    return file.substr(0, file.size() - ext.size());
}

http::Response Binary(std::string content_type, std::string body, const std::string& download_name = {}) {
    http::Response r;
    r.status = 200;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    r.AddHeader("Cache-Control", "no-cache");
    if (!download_name.empty())
        r.AddHeader("Content-Disposition", "attachment; filename=\"" + download_name + "\"");
    return r;
}

http::Response Chart(services::BilanService& bilans, const http::Request& request, bool press) {
    const auto chart = charts::ParseChart(Strip(request.PathParam("chart"), ".svg"));
    if (!chart)
        return ErrorResponse(request, MakeError(ErrorCode::kNotFound, "no such chart", "graphique inconnu"));
    auto filters = ReadFilters(request, press);
    if (!filters.ok()) return ErrorResponse(request, filters.error());
    auto bilan = bilans.Get(filters->query);
    if (!bilan.ok()) return ErrorResponse(request, bilan.error());
    auto response = Binary("image/svg+xml", charts::ChartSvg(**bilan, *chart));
    // Cairo styles each shape with a style attribute: allow inline styles in the SVG document
    // (opened on its own), and nothing else.
    response.AddHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return response;
}

std::string FileStem(const report::Bilan& b) {
    std::string stem = "bilan-juo-" + std::to_string(b.edition.year);
    if (!b.scope.region_code.empty()) stem += "-region-" + b.scope.region_code;
    if (!b.scope.audience.empty()) stem += "-" + b.scope.audience;
    return stem;
}

http::Response Export(services::BilanService& bilans, const http::Request& request, std::string_view kind) {
    auto filters = ReadFilters(request, false);
    if (!filters.ok()) return ErrorResponse(request, filters.error());
    auto bilan = bilans.Get(filters->query);
    if (!bilan.ok()) return ErrorResponse(request, bilan.error());
    const report::Bilan& b = **bilan;
    if (kind == "pdf") return Binary("application/pdf", charts::RenderPdf(b), FileStem(b) + ".pdf");
    if (kind == "json")
        return Binary("application/json", report::TablesJson(b, report::BilanTables(b)),
                      FileStem(b) + ".json");
    if (kind == "xlsx") {
        auto bytes = report::TablesXlsx(report::BilanTables(b));
        if (!bytes.ok()) return ErrorResponse(request, bytes.error());
        return Binary("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes),
                      FileStem(b) + ".xlsx");
    }
    const std::string code = Strip(request.PathParam("table"), ".csv");
    auto table = report::FindTable(b, code);
    if (code.empty() || !table.ok())
        return ErrorResponse(request, MakeError(ErrorCode::kNotFound, "no such table", "tableau inconnu"));
    // ?format=csv-excel: the Excel (FR) CSV of the same table; no format (or csv): RFC 4180.
    const std::string* format = request.Query("format");
    const bool excel_csv = format && *format == report::kCsvExcelFormat;
    if (format && !format->empty() && *format != "csv" && !excel_csv)
        return ErrorResponse(request, MakeError(ErrorCode::kInvalidArgument, "format is csv or csv-excel",
                                                "format : csv ou csv-excel"));
    if (excel_csv)
        return Binary("text/csv; charset=utf-8", report::TableCsv(*table, CsvDialect::kExcelFr),
                      FileStem(b) + "-" + code + std::string(report::kCsvExcelFileSuffix));
    return Binary("text/csv; charset=utf-8", report::TableCsv(*table), FileStem(b) + "-" + code + ".csv");
}

}  // namespace

void RegisterBilanPages(http::Router& router, services::BilanService* bilans) {
    if (!bilans) throw std::invalid_argument("RegisterBilanPages: the bilan service is required");
    auto& s = *bilans;
    router.Get(std::string(kDashboardPath), [&s](const http::Request& r) { return Dashboard(s, r); });
    router.Get("/bilan/graphiques/{chart}", [&s](const http::Request& r) { return Chart(s, r, false); });
    router.Get("/bilan/bilan.pdf", [&s](const http::Request& r) { return Export(s, r, "pdf"); });
    router.Get("/bilan/tableaux.json", [&s](const http::Request& r) { return Export(s, r, "json"); });
    router.Get("/bilan/tableaux.xlsx", [&s](const http::Request& r) { return Export(s, r, "xlsx"); });
    router.Get("/bilan/tableaux/{table}", [&s](const http::Request& r) { return Export(s, r, "csv"); });
    router.Get(std::string(kPressPath), [&s](const http::Request& r) { return Press(s, r); });
    router.Get("/presse/graphiques/{chart}", [&s](const http::Request& r) { return Chart(s, r, true); });
}

}  // namespace juo::web

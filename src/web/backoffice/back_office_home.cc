// See back_office_home.h.
#include "web/backoffice/back_office_home.h"

#include "auth/authorisation.h"
#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"
#include "common/french_dates.h"
#include "common/paris_time.h"
#include "services/office_figures.h"
#include "services/retention.h"
#include "web/kit/api_kit.h"

namespace juo::web {
namespace {

constexpr const char* kHome = "/organisation";
// [block: organiser live view (issue 19, item 4)]
constexpr const char* kFigures = "/api/v1/organisation/figures";

std::string Euros(long long cents, Lang lang) { return FormatNumber((cents + 50) / 100, lang) + (lang == Lang::kFr ? "\u00a0€" : " EUR"); }

PageData Figure(const std::string& key, const std::string& label, const std::string& value) {
    PageData f;
    f.set("key", key);
    f.set("label", label);
    f.set("value", value);
    return f;
}

PageData Group(const std::string& title, PageData figures) {
    PageData g;
    g.set("title", title);
    g.set("figures", figures);
    return g;
}

std::string AllocationText(const services::OfficeFigures& f, Lang lang) {
    switch (f.allocation) {
        case services::AllocationState::kPublished:
            return std::string(Msg(lang, "office_alloc_published"));
        case services::AllocationState::kDraft:
            return MsgCount(lang, "office_alloc_draft", f.runs);
        case services::AllocationState::kNotStarted:
            break;
    }
    return std::string(Msg(lang, "office_alloc_none"));
}

// The figures of the home page, in groups of labelled values (a <dl> each).
void SetFigures(PageData& d, const http::Request& req, const services::OfficeFigures& f, Lang lang) {
    auto n = [lang](long long v) { return FormatNumber(v, lang); };
    auto m = [lang](const char* key) { return std::string(Msg(lang, key)); };
    PageData groups(PageData::type::list);
    PageData sites(PageData::type::list);
    sites.push_back(Figure("sites_approved", m("office_fig_approved"), n(f.sites_approved)));
    sites.push_back(Figure("sites_submitted", m("office_fig_submitted"), n(f.sites_submitted)));
    sites.push_back(Figure("sites_changes_requested", m("office_fig_changes"), n(f.sites_changes_requested)));
    sites.push_back(Figure("sites_refused", m("office_fig_refused"), n(f.sites_refused + f.sites_withdrawn)));
    groups.push_back(Group(m("office_group_sites"), sites));
    PageData tours(PageData::type::list);
    tours.push_back(Figure("tours", m("office_fig_tours"), n(f.tours)));
    tours.push_back(Figure("places_booked", m("office_fig_booked"), n(f.places_booked)));
    tours.push_back(Figure("places_left", m("office_fig_left"), n(f.places_left)));
    groups.push_back(Group(m("office_group_tours"), tours));
    PageData friday(PageData::type::list);
    friday.push_back(Figure("requests_pending", m("office_fig_pending"), n(f.requests_pending)));
    friday.push_back(Figure("allocation", m("office_fig_allocation"), AllocationText(f, lang)));
    friday.push_back(Figure("buses", m("office_fig_buses"),
                            f.buses > 0 ? MsgFormat(lang, "office_buses_cost", {n(f.buses), Euros(f.buses_cost_cents, lang)})
                                        : n(0)));
    friday.push_back(Figure("budget", m("office_fig_budget"),
                            f.budget_cents >= 0 ? Euros(f.budget_cents, lang) : m("office_budget_none")));
    groups.push_back(Group(m("office_group_friday"), friday));
    d.set("figure_groups", groups);
    d.set("figures_title", MsgFormat(lang, "office_figures_title", {std::to_string(f.year)}));
    if (f.event_day) {
        PageData today(PageData::type::list);
        today.push_back(Figure("today_checked_in", m("office_fig_checked_in"),
                               MsgFormat(lang, "office_of", {n(f.today_checked_in), n(f.today_bookings)})));
        today.push_back(Figure("today_attended", m("office_fig_attended"),
                               MsgFormat(lang, "office_of", {n(f.today_attended), n(f.today_booked_people)})));
        d.set("today", today);
        d.set("today_title", MsgFormat(lang, "office_today_title", {FormatDate(f.today, lang, false)}));
        d.set("figures_url", PageLink(req, kFigures));
        d.set("page_script", std::string("office_live.js"));
    }
    PageData full(PageData::type::list);
    for (const auto& t : f.full_tour_list) {
        PageData a;
        a.set("url", PageLink(req, "/usine/" + std::to_string(t.site_id) + "/visites"));
        a.set("label", t.site_name);
        a.set("when", FormatDate(t.day_date, lang, false) + ", " + FormatTime(t.starts_at, lang));
        full.push_back(a);
    }
    if (f.full_tours > 0) {
        d.set("full_title", MsgCount(lang, "office_alert_full", f.full_tours));
        d.set("full_tours", full);
    }
    PageData without(PageData::type::list);
    for (const auto& s : f.without_tour_list) {
        PageData a;
        a.set("url", PageLink(req, "/usine/" + std::to_string(s.site_id) + "/visites"));
        a.set("label", s.site_name);
        a.set("when", s.commune_name + " (" + s.department_code + ")");
        without.push_back(a);
    }
    if (f.sites_without_tours > 0) {
        d.set("without_title", MsgCount(lang, "office_alert_without", f.sites_without_tours));
        d.set("without_tours", without);
    }
    d.set("no_alert", f.full_tours == 0 && f.sites_without_tours == 0);
}

// The poll's answer: the figures as numbers, and as the page words them.
void WriteFigures(JsonWriter& w, const services::OfficeFigures& f, Lang lang) {
    w.BeginObject();
    w.Key("edition");
    w.Int(f.year);
    w.Key("event_day");
    w.Bool(f.event_day);
    const std::pair<const char*, long long> numbers[] = {
        {"sites_approved", f.sites_approved}, {"sites_submitted", f.sites_submitted},
        {"sites_changes_requested", f.sites_changes_requested}, {"sites_refused", f.sites_refused},
        {"sites_withdrawn", f.sites_withdrawn}, {"tours", f.tours}, {"places", f.places},
        {"places_booked", f.places_booked}, {"places_left", f.places_left},
        {"requests_pending", f.requests_pending}, {"allocation_runs", f.runs},
        {"allocation_runs_published", f.runs_published}, {"buses", f.buses},
        {"buses_cost_cents", f.buses_cost_cents}, {"today_bookings", f.today_bookings},
        {"today_booked_people", f.today_booked_people}, {"today_checked_in", f.today_checked_in},
        {"today_attended", f.today_attended}, {"full_tours", f.full_tours},
        {"sites_without_tours", f.sites_without_tours}};
    for (const auto& [key, value] : numbers) {
        w.Key(key);
        w.Int(value);
    }
    w.Key("budget_cents");
    if (f.budget_cents >= 0) w.Int(f.budget_cents); else w.Null();
    w.Key("allocation");
    w.String(f.allocation == services::AllocationState::kPublished ? "published"
             : f.allocation == services::AllocationState::kDraft   ? "draft"
                                                                   : "not_started");
    // What the page shows in each [data-figure] cell, so that the poll replaces text only.
    w.Key("text");
    w.BeginObject();
    auto n = [lang](long long v) { return FormatNumber(v, lang); };
    const std::pair<const char*, std::string> texts[] = {
        {"sites_approved", n(f.sites_approved)}, {"sites_submitted", n(f.sites_submitted)},
        {"sites_changes_requested", n(f.sites_changes_requested)},
        {"sites_refused", n(f.sites_refused + f.sites_withdrawn)}, {"tours", n(f.tours)},
        {"places_booked", n(f.places_booked)}, {"places_left", n(f.places_left)},
        {"requests_pending", n(f.requests_pending)}, {"allocation", AllocationText(f, lang)},
        {"today_checked_in", MsgFormat(lang, "office_of", {n(f.today_checked_in), n(f.today_bookings)})},
        {"today_attended", MsgFormat(lang, "office_of", {n(f.today_attended), n(f.today_booked_people)})}};
    for (const auto& [key, value] : texts) {
        w.Key(key);
        w.String(value);
    }
    w.EndObject();
    w.EndObject();
}
// [end of block: organiser live view]

}  // namespace

void RegisterBackOfficeHome(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kHome, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kHome);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const auth::Principal& who = *a.caller->principal;
        PageData d = CommonPageData(req, MsgString(lang, "office_title"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto queue = services::ModerationQueue(**db, who);
        if (queue.ok())
            d.set("waiting", MsgCount(lang, "office_waiting", static_cast<long long>(queue->size())));
        else if (queue.error().code == ErrorCode::kUnavailable)  // the database failed (not: no edition yet)
            return RefusalPage(req, queue.error());
        // Each screen the caller's roles open (the route table decides).
        PageData links(PageData::type::list);
        for (const char* path : {"/organisation/moderation", "/organisation/moderation/visites",
                                 "/organisation/repartition",  // [block: allocation page (issue 18)]
                                 "/organisation/editions", "/organisation/utilisateurs",
                                 "/organisation/exports", "/organisation/usines/import", "/organisation/medias",
                                 "/organisation/kit", "/organisation/enquetes", "/organisation/journal",
                                 "/organisation/ecoles",  // issue 18: schools to check
                                 "/bilan"}) {
            // The bilan's pages are not in the people's route table: open to both roles.
            if (std::string_view(path) != "/bilan" && !auth::Allowed("GET", path, auth::RolesOf(&who))) continue;
            PageData link;
            link.set("url", PageLink(req, path));
            link.set("label", MsgString(lang, std::string("office_link") + path));
            link.set("hint", MsgString(lang, std::string("office_hint") + path));
            links.push_back(link);
        }
        d.set("links", links);
        // [block: organiser live view] The edition's figures; none before the first edition.
        auto figures = services::ReadOfficeFigures(**db, who);
        if (figures.ok())
            SetFigures(d, req, *figures, lang);
        else if (figures.error().code != ErrorCode::kNotFound)
            return RefusalPage(req, figures.error());
        // [end of block: organiser live view]
        // [block: retention (issue 21, docs/adr/0017)] The organiser sees how long personal data
        // is kept and what the last purge did.
        if (auth::Allowed("GET", "/organisation/utilisateurs", auth::RolesOf(&who))) {
            d.set("retention", ctx.retention_months > 0
                                   ? MsgFormat(lang, "office_retention", {std::to_string(ctx.retention_months)})
                                   : MsgString(lang, "office_retention_off"));
            auto last = services::LatestPurge(**db);
            if (!last.ok()) return RefusalPage(req, last.error());
            if (*last) {
                auto day = ParseIsoDate(ParisDateOf((*last)->at));
                d.set("last_purge",
                      MsgFormat(lang, "office_last_purge",
                                {day ? LongDate(*day, lang == Lang::kFr ? DateLang::kFr : DateLang::kEn)
                                     : (*last)->at,
                                 MsgCount(lang, "office_purged_accounts", (*last)->accounts)}));
            } else {
                d.set("last_purge", MsgString(lang, "office_no_purge"));
            }
        }
        // [end of block: retention]
        return PageResponse(req, 200, RenderInLayout("back_office_home", d));
    });
    // [block: organiser live view] The figures for the home page's poll (and any program).
    AddAdmitted(router, ctx, "GET", kFigures, [](const http::Request& req, const Caller& caller, services::Db& db) {
        auto figures = services::ReadOfficeFigures(db, *caller.principal);
        if (!figures.ok()) return ApiError(figures.error());
        JsonWriter w;
        WriteFigures(w, *figures, req.Query("lang") && *req.Query("lang") == "en" ? Lang::kEn : Lang::kFr);
        return JsonAnswer(200, w);
    });
    // [end of block: organiser live view]
}

}  // namespace juo::web

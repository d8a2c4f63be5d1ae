// See allocation_pages.h.
#include "web/backoffice/allocation_pages.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "auth/authorisation.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "services/allocation_rounds.h"
#include "services/exports.h"
#include "web/kit/export_files.h"
#include "web/kit/api_kit.h"
#include "web/kit/json_writer.h"
#include "web/kit/people_page_kit.h"
#include "web/kit/run_aside.h"

namespace juo::web {
namespace {

// Where a run's bound comes from (alloc::SolveResult::bound_source, stored in English) in the
// page's language; a source this list does not know is shown as stored.
std::string BoundSourceText(const std::string& source, Lang lang) {
    static const std::pair<const char*, const char*> kSources[] = {
        {"the flow bound", "alloc_bound_src_flow"},
        {"the LP bound", "alloc_bound_src_lp"},
        {"the Lagrangian bound of the guarantee's rows", "alloc_bound_src_lagrangian"},
        {"GLPK's optimum", "alloc_bound_src_glpk_optimum"},
        {"GLPK's tree bound", "alloc_bound_src_glpk_tree"}};
    if (source.empty()) return "—";
    for (const auto& [text, key] : kSources)
        if (source == text) return MsgString(lang, key);
    return source;
}

constexpr const char* kList = "/organisation/repartition";
constexpr const char* kJob = "/organisation/repartition/calcul/{id}";
constexpr const char* kJobState = "/organisation/repartition/calcul/{id}/etat";
constexpr const char* kRun = "/organisation/repartition/{id}";
constexpr const char* kPublish = "/organisation/repartition/{id}/publier";
constexpr const char* kExport = "/organisation/repartition/{id}/export";

std::string RunPath(long long id) { return std::string(kList) + "/" + std::to_string(id); }
std::string JobPath(long long id) { return std::string(kList) + "/calcul/" + std::to_string(id); }

std::optional<long long> PathId(const http::Request& req) { return ParsePositiveId(req.PathParam("id")); }

std::string Euros(long long cents, Lang lang) {
    return FormatNumber((cents + 50) / 100, lang) + (lang == Lang::kFr ? "\u00a0€" : " EUR");
}

std::string Decimal(double v, Lang lang) { return FormatDecimal(v, lang); }

// "72 %" of `part` in `whole` (rounded), "—" when nothing was asked.
std::string Share(long long part, long long whole, Lang lang) {
    if (whole <= 0) return "—";
    const long long pct = std::llround(100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return FormatNumber(pct, lang) + (lang == Lang::kFr ? "\u00a0%" : "%");
}

std::string Signed(long long v, Lang lang) { return (v > 0 ? "+" : v < 0 ? "−" : "") + FormatNumber(v < 0 ? -v : v, lang); }

bool CanChange(const auth::Principal& who) { return auth::Allowed("POST", kList, auth::RolesOf(&who)); }

// ---- pending pins and exclusions, carried in the run page's address ---------------------------

// "412:88,413:90" ↔ placements. Malformed pairs are dropped (the address is the page's own).
std::vector<services::Placement> ParsePlacements(std::string_view text) {
    std::vector<services::Placement> out;
    std::string item;
    std::istringstream in{std::string(text)};
    while (std::getline(in, item, ',')) {
        auto colon = item.find(':');
        if (colon == std::string::npos) continue;
        try {
            services::Placement p{std::stoll(item.substr(0, colon)), std::stoll(item.substr(colon + 1))};
            if (p.request_id > 0 && p.session_id > 0 &&
                std::find(out.begin(), out.end(), p) == out.end() && out.size() < 200)
                out.push_back(p);
        } catch (const std::exception&) {
        }
    }
    return out;
}

std::string PlacementText(const std::vector<services::Placement>& list) {
    std::string out;
    for (const auto& p : list)
        out += (out.empty() ? "" : ",") + std::to_string(p.request_id) + ":" + std::to_string(p.session_id);
    return out;
}

struct Pending {
    std::vector<services::Placement> pinned, excluded;
    std::string filter;  // decisions shown: "", "refused", "moved", "first_wish", "pinned"
    std::string search;  // a request number, or words of a school, requester, town or factory
    int page = 1;        // of the decisions shown
};

constexpr int kDecisionsPerPage = 50;
constexpr size_t kBusesShown = 60;  // the export has them all

Pending PendingOf(const http::Request& req) {
    Pending p;
    if (auto v = req.Query("epingler")) p.pinned = ParsePlacements(*v);
    if (auto v = req.Query("exclure")) p.excluded = ParsePlacements(*v);
    if (auto v = req.Query("decisions"))
        if (*v == "refused" || *v == "moved" || *v == "first_wish" || *v == "pinned") p.filter = std::string(*v);
    if (auto v = req.Query("q")) p.search = std::string(Trim(std::string_view(*v).substr(0, 100)));
    if (auto v = req.Query("page")) {
        try {
            p.page = std::clamp(std::stoi(*v), 1, 100000);
        } catch (const std::exception&) {
        }
    }
    return p;
}

// The run page's address with these pending changes (and the decisions' filter).
std::string RunLink(const http::Request& req, long long id, const Pending& p, std::string_view anchor = {}) {
    http::ParamList params;
    if (!p.pinned.empty()) params.push_back({"epingler", PlacementText(p.pinned)});
    if (!p.excluded.empty()) params.push_back({"exclure", PlacementText(p.excluded)});
    if (!p.filter.empty()) params.push_back({"decisions", p.filter});
    if (!p.search.empty()) params.push_back({"q", p.search});
    if (p.page > 1) params.push_back({"page", std::to_string(p.page)});
    return PageLink(req, RunPath(id), params) + std::string(anchor);
}

// ---- the department map's points -----------------------------------------------------------

// Each department's position: the population-weighted mean of its positioned communes (built
// once; read-only after).
const std::map<std::string, LatLon>& DepartmentCentres() {
    static const std::map<std::string, LatLon> centres = [] {
        std::map<std::string, std::pair<double, std::pair<double, double>>> sums;
        for (const auto& c : refdata::Communes()) {
            if (c.precision == refdata::PositionPrecision::kNone) continue;
            const double w = std::max(1, c.population);
            auto& s = sums[c.department_code];
            s.first += w;
            s.second.first += w * c.position.lat;
            s.second.second += w * c.position.lon;
        }
        std::map<std::string, LatLon> out;
        for (const auto& [code, s] : sums)
            if (s.first > 0) out[code] = LatLon{s.second.first / s.first, s.second.second / s.first};
        return out;
    }();
    return centres;
}

std::string MapPoints(const std::vector<services::ShareRow>& by_department) {
    JsonWriter w;
    w.BeginArray();
    const auto& centres = DepartmentCentres();
    for (const auto& row : by_department) {
        auto it = centres.find(row.key);
        if (it == centres.end()) continue;
        w.BeginArray();
        w.Double(std::round(it->second.lat * 1e4) / 1e4);
        w.Double(std::round(it->second.lon * 1e4) / 1e4);
        w.String(row.label + " (" + row.key + ")");
        w.Int(row.pupils_served);
        w.Int(row.pupils_served_first_come);
        w.EndArray();
    }
    w.EndArray();
    return w.Take();
}

// ---- labels ----------------------------------------------------------------------------------

std::string StageText(services::RoundStage stage, Lang lang) {
    return MsgString(lang, "alloc_stage_" + std::string(services::RoundStageCode(stage)));
}

std::string StatusLabel(std::string_view status, Lang lang) {
    if (status == "draft" || status == "published" || status == "discarded")
        return MsgString(lang, "alloc_status_" + std::string(status));
    return std::string(status);
}

std::string PriorityLabel(const services::ShareRow& row, Lang lang) {
    static const std::set<std::string> known = {"rep_plus", "rep", "rural", "first_time", "carry_over", "none"};
    return known.count(row.key) ? MsgString(lang, "alloc_prio_" + row.key) : row.label;
}

std::string PriorityLabel(std::string_view code, Lang lang) {
    services::ShareRow row;
    row.key = std::string(code);
    row.label = std::string(code);
    return PriorityLabel(row, lang);
}

// ---- the list page and its form ----------------------------------------------------------------

struct FormState {
    services::RoundSettingsText text;
    std::string limit = "none";  // "budget", "buses", "none"
    bool guarantee = true;
    std::map<std::string, std::string> errors;  // field → message
};

FormState DefaultForm(const services::RoundSettings& d) {
    FormState f;
    f.text.seats_per_bus = std::to_string(d.seats_per_bus);
    auto num = [](double v) {
        std::ostringstream o;
        o << v;
        return o.str();
    };
    f.text.eur_per_bus = num(d.eur_per_bus);
    f.text.eur_per_km = num(d.eur_per_km);
    f.text.time_limit_seconds = num(d.time_limit_seconds);
    // A fresh seed each time the form is shown: published with the result, it breaks ties.
    std::random_device rd;
    f.text.seed = std::to_string(rd() % 1'000'000 + 1);
    f.guarantee = d.priority_guarantee;
    return f;
}

PageData TextField(const FormState& f, const std::string& name, const std::string& value, Lang lang,
                   bool with_hint = true) {
    PageData d;
    d.set("name", name);
    d.set("label", MsgString(lang, "alloc_f_" + name));
    if (with_hint) d.set("hint", MsgString(lang, "alloc_h_" + name));
    d.set("value", value);
    auto e = f.errors.find(name);
    if (e != f.errors.end()) {
        d.set("error", e->second);
        d.set("invalid", true);
    }
    return d;
}

http::Response ListPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                        const FormState* form, const std::string& notice) {
    const Lang lang = PageLang(req);
    const auth::Principal& who = *caller.principal;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto edition = services::RequestedEdition(**db, EditionQuery(req));
    if (!edition.ok()) return RefusalPage(req, edition.error());
    auto scope = services::RunScopeOf(who);
    if (!scope.ok()) return RefusalPage(req, scope.error());
    PageData d = CommonPageData(req, MsgFormat(lang, "alloc_title", {std::to_string(edition->year)}));
    d.set("heading", MsgFormat(lang, "alloc_title", {std::to_string(edition->year)}));
    d.set("home_url", PageLink(req, "/organisation"));
    if (!notice.empty()) d.set("notice", notice);
    if (!scope->all) d.set("relay_note", MsgString(lang, "alloc_relay_note"));
    const bool can_run = CanChange(who);
    if (can_run) {
        FormState fallback = DefaultForm(services::RoundSettings{});
        const FormState& f = form ? *form : fallback;
        d.set("can_run", true);
        d.set("action", PageLink(req, kList, {{"edition", std::to_string(edition->year)}}));
        d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
        d.set("run_intro", MsgFormat(lang, "alloc_run_intro", {std::to_string(edition->year)}));
        PageData bus(PageData::type::list), limits_fields(PageData::type::list), solver(PageData::type::list);
        bus.push_back(TextField(f, "seats_per_bus", f.text.seats_per_bus, lang));
        bus.push_back(TextField(f, "eur_per_bus", f.text.eur_per_bus, lang));
        bus.push_back(TextField(f, "eur_per_km", f.text.eur_per_km, lang));
        d.set("bus_fields", bus);
        PageData limits(PageData::type::list);
        for (const char* v : {"budget", "buses", "none"}) {
            PageData o;
            o.set("value", std::string(v));
            o.set("label", MsgString(lang, std::string("alloc_limit_") + v));
            o.set("checked", f.limit == v);
            limits.push_back(o);
        }
        d.set("limits", limits);
        limits_fields.push_back(TextField(f, "budget_eur", f.text.budget_eur, lang, false));
        limits_fields.push_back(TextField(f, "max_buses", f.text.max_buses, lang, false));
        d.set("limit_fields", limits_fields);
        if (auto e = f.errors.find("limit"); e != f.errors.end()) {
            d.set("limit_error", e->second);
            d.set("limit_invalid", true);
        }
        solver.push_back(TextField(f, "time_limit_seconds", f.text.time_limit_seconds, lang));
        solver.push_back(TextField(f, "seed", f.text.seed, lang));
        d.set("solver_fields", solver);
        d.set("guarantee", f.guarantee);
        if (!f.errors.empty()) {
            PageData errors(PageData::type::list);
            // In the form's order, so that the summary reads as the form does.
            for (const char* name : {"seats_per_bus", "eur_per_bus", "eur_per_km", "limit", "budget_eur", "max_buses",
                                     "time_limit_seconds", "seed", "form"}) {
                auto e = f.errors.find(name);
                if (e == f.errors.end()) continue;
                PageData item;
                item.set("field", std::string(name) == "form" ? std::string("seats_per_bus") : std::string(name));
                item.set("text", e->second);
                errors.push_back(item);
            }
            d.set("errors", errors);
            d.set("has_errors", true);
        }
    }
    // Rounds still solving, then the runs.
    PageData runs(PageData::type::list);
    auto jobs = services::RoundJobsOf(**db, edition->year, 5);
    if (jobs.ok()) {
        for (const auto& job : *jobs) {
            if (services::RoundFinished(job.stage)) continue;
            PageData r;
            r.set("id", std::to_string(job.id));
            r.set("url", PageLink(req, JobPath(job.id)));
            r.set("label", MsgFormat(lang, "alloc_job_label", {std::to_string(job.id)}));
            r.set("state", StageText(job.stage, lang));
            r.set("state_code", std::string("running"));
            r.set("served", std::string("—"));
            r.set("buses", std::string("—"));
            r.set("created", FormatParisInstant(job.started_at, lang));
            runs.push_back(r);
        }
    }
    auto listed = services::RunsOf(**db, edition->year, *scope);
    if (!listed.ok() && listed.error().code != ErrorCode::kNotFound) return RefusalPage(req, listed.error());
    if (listed.ok()) {
        for (const auto& run : *listed) {
            PageData r;
            r.set("id", std::to_string(run.id));
            r.set("url", PageLink(req, RunPath(run.id)));
            r.set("label", MsgFormat(lang, "alloc_run_label", {std::to_string(run.id)}));
            r.set("state", StatusLabel(run.status, lang));
            r.set("state_code", run.status);
            r.set("served", MsgFormat(lang, "alloc_served_vs", {FormatNumber(run.pupils_served, lang),
                                                               FormatNumber(run.pupils_served_first_come, lang)}));
            r.set("buses", MsgFormat(lang, "alloc_buses_cost", {FormatNumber(run.buses, lang), Euros(run.bus_cost_cents, lang)}));
            r.set("created", FormatParisInstant(run.created_at, lang));
            runs.push_back(r);
        }
    }
    d.set("has_runs", !runs.is_empty_list());
    d.set("runs", runs);
    return PageResponse(req, status, RenderInLayout("allocation", d));
}

// The form's fields, each checked on its own so that every error shows at once (the service
// names the first offence of a whole settings), then together.
std::variant<services::RoundSettings, FormState> ReadRoundForm(const Form& form, int year, Lang lang) {
    FormState f;
    f.text.year = std::to_string(year);
    f.text.seats_per_bus = form.Get("seats_per_bus");
    f.text.eur_per_bus = form.Get("eur_per_bus");
    f.text.eur_per_km = form.Get("eur_per_km");
    f.text.time_limit_seconds = form.Get("time_limit_seconds");
    f.text.seed = form.Get("seed");
    f.limit = form.Get("limit");
    if (f.limit != "budget" && f.limit != "buses") f.limit = "none";
    f.guarantee = form.Has("guarantee");
    f.text.priority_guarantee = f.guarantee ? "1" : "0";
    // Text typed in the limit not chosen is kept on the page but not sent.
    const std::string budget = form.Get("budget_eur"), buses = form.Get("max_buses");
    f.text.budget_eur = budget;
    f.text.max_buses = buses;
    if (f.limit == "budget" && budget.empty()) f.errors["budget_eur"] = MsgString(lang, "alloc_e_budget_missing");
    if (f.limit == "buses" && buses.empty()) f.errors["max_buses"] = MsgString(lang, "alloc_e_buses_missing");
    services::RoundSettingsText sent = f.text;
    if (f.limit != "budget") sent.budget_eur.clear();
    if (f.limit != "buses") sent.max_buses.clear();
    const std::pair<const char*, std::string services::RoundSettingsText::*> fields[] = {
        {"seats_per_bus", &services::RoundSettingsText::seats_per_bus},
        {"eur_per_bus", &services::RoundSettingsText::eur_per_bus},
        {"eur_per_km", &services::RoundSettingsText::eur_per_km},
        {"budget_eur", &services::RoundSettingsText::budget_eur},
        {"max_buses", &services::RoundSettingsText::max_buses},
        {"time_limit_seconds", &services::RoundSettingsText::time_limit_seconds},
        {"seed", &services::RoundSettingsText::seed}};
    for (const auto& [name, member] : fields) {
        if (sent.*member == "" || f.errors.count(name)) continue;
        services::RoundSettingsText one;
        one.year = sent.year;
        one.*member = sent.*member;
        auto parsed = services::ParseRoundSettings(one);
        // The field's own sentence (its label and range, in the page's language), rather than
        // the service's, which names the field by its code.
        if (std::get_if<services::FieldError>(&parsed)) f.errors[name] = MsgString(lang, std::string("alloc_e_") + name);
    }
    if (!f.errors.empty()) return f;
    auto parsed = services::ParseRoundSettings(sent);
    if (auto* e = std::get_if<services::FieldError>(&parsed)) {
        f.errors[e->field.empty() ? "form" : e->field] = ErrorText(e->error, lang);
        return f;
    }
    return std::get<services::RoundSettings>(parsed);
}

// ---- a round solving ---------------------------------------------------------------------------

void WriteJob(JsonWriter& w, const http::Request& req, const services::RoundJob& job, Lang lang) {
    w.BeginObject();
    w.Key("id");
    w.Int(job.id);
    w.Key("state");
    w.String(job.stage == services::RoundStage::kDone     ? "done"
             : job.stage == services::RoundStage::kFailed ? "failed"
             : job.stage == services::RoundStage::kAbandoned ? "abandoned"
             : job.stage == services::RoundStage::kQueued    ? "queued"
                                                             : "running");
    w.Key("stage");
    w.String(services::RoundStageCode(job.stage));
    w.Key("percent");
    w.Int(std::clamp<long long>(std::llround(job.fraction * 100), 0, 100));
    w.Key("text");
    w.String(StageText(job.stage, lang));
    w.Key("run_url");
    if (job.run_id) w.String(PageLink(req, RunPath(*job.run_id))); else w.Null();
    w.EndObject();
}

http::Response JobPage(const PeopleContext& ctx, const http::Request& req) {
    auto a = AdmitPage(ctx, req, kJob);
    if (a.refusal) return *a.refusal;
    const Lang lang = PageLang(req);
    auto id = PathId(req);
    if (!id) return ErrorPage(PageRequest(req), 404);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto job = services::FindRoundJob(**db, *id);
    if (!job.ok()) return RefusalPage(req, job.error());
    if (job->stage == services::RoundStage::kDone && job->run_id)
        return http::Response::Redirect(PageLink(req, RunPath(*job->run_id), {{"calcule", "1"}}));
    PageData d = CommonPageData(req, MsgFormat(lang, "alloc_job_title", {std::to_string(job->id)}));
    d.set("heading", MsgFormat(lang, "alloc_job_title", {std::to_string(job->id)}));
    d.set("list_url", PageLink(req, kList));
    d.set("run_id", std::to_string(job->id));
    d.set("self_url", PageLink(req, JobPath(job->id)));
    if (services::RoundFinished(job->stage)) {
        d.set("state_code", std::string(services::RoundStageCode(job->stage)));
        const std::string why = lang == Lang::kFr ? job->error_fr : job->error;
        d.set("failed", MsgFormat(lang, job->stage == services::RoundStage::kAbandoned ? "alloc_job_abandoned" : "alloc_job_failed",
                                  {why.empty() ? std::string("—") : why}));
    } else {
        d.set("state_code", std::string("running"));
        d.set("running", true);
        d.set("percent", std::to_string(std::clamp<long long>(std::llround(job->fraction * 100), 0, 100)));
        d.set("progress_text", StageText(job->stage, lang));
        d.set("progress_url", PageLink(req, JobPath(job->id) + "/etat"));
        d.set("refresh_seconds", std::string("3"));  // layout: a <noscript> refresh
        d.set("page_script", std::string("allocation.js"));
    }
    return PageResponse(req, 200, RenderInLayout("allocation_run", d));
}

// ---- a run -------------------------------------------------------------------------------------

PageData Tile(const std::string& key, const std::string& value, const std::string& label, const std::string& line = {}) {
    PageData t;
    t.set("key", key);
    t.set("value", value);
    t.set("label", label);
    if (!line.empty()) t.set("line", line);
    return t;
}

PageData Fact(const std::string& key, const std::string& label, const std::string& value) {
    PageData f;
    f.set("key", key);
    f.set("label", label);
    f.set("value", value);
    return f;
}

PageData Breakdown(const std::string& key, const std::string& title, const std::string& first_col,
                   const std::vector<services::ShareRow>& rows, Lang lang, bool priority) {
    PageData b;
    b.set("key", key);
    b.set("title", title);
    b.set("first_col", first_col);
    PageData list(PageData::type::list);
    for (const auto& r : rows) {
        PageData row;
        row.set("code", r.key);
        row.set("label", priority ? PriorityLabel(r, lang) : r.label + (key == "department" ? " (" + r.key + ")" : ""));
        row.set("requested", FormatNumber(r.pupils_requested, lang));
        row.set("served", FormatNumber(r.pupils_served, lang));
        row.set("share", Share(r.pupils_served, r.pupils_requested, lang));
        row.set("fcfs", FormatNumber(r.pupils_served_first_come, lang));
        row.set("fcfs_share", Share(r.pupils_served_first_come, r.pupils_requested, lang));
        const long long delta = r.pupils_served - r.pupils_served_first_come;
        row.set("delta", Signed(delta, lang));
        row.set("delta_class", std::string(delta > 0 ? "alloc-better" : delta < 0 ? "alloc-worse" : ""));
        list.push_back(row);
    }
    b.set("rows", list);
    return b;
}

std::string LimitText(const services::RoundSettings& s, Lang lang) {
    std::string out;
    if (s.budget_eur) out = MsgFormat(lang, "alloc_limit_budget_is", {Euros(std::llround(*s.budget_eur * 100), lang)});
    if (s.max_buses)
        out += (out.empty() ? "" : " · ") + MsgFormat(lang, "alloc_limit_buses_is", {FormatNumber(*s.max_buses, lang)});
    return out.empty() ? MsgString(lang, "alloc_limit_none") : out;
}

std::string OutcomeCode(services::DecisionOutcome o) {
    return o == services::DecisionOutcome::kFirstWish ? "placed" : o == services::DecisionOutcome::kMoved ? "moved" : "refused";
}

http::Response RunPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                       const std::string& error) {
    const Lang lang = PageLang(req);
    const auth::Principal& who = *caller.principal;
    auto id = PathId(req);
    if (!id) return ErrorPage(PageRequest(req), 404);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto scope = services::RunScopeOf(who);
    if (!scope.ok()) return RefusalPage(req, scope.error());
    auto run = services::ReadRun(**db, *id, *scope);
    if (!run.ok()) return RefusalPage(req, run.error());
    const services::RunSummary& s = run->summary;
    const bool draft = s.status == "draft";
    const bool can_change = CanChange(who) && draft;
    Pending pending = PendingOf(req);
    const std::string title = MsgFormat(lang, "alloc_run_title", {std::to_string(s.id), StatusLabel(s.status, lang)});
    PageData d = CommonPageData(req, title);
    d.set("heading", title);
    d.set("list_url", PageLink(req, kList, {{"edition", std::to_string(s.year)}}));
    d.set("run_id", std::to_string(s.id));
    d.set("state_code", s.status);
    if (!error.empty()) d.set("error", error);
    if (req.Query("calcule")) d.set("notice", MsgString(lang, "alloc_notice_solved"));
    if (req.Query("publie")) d.set("notice", MsgString(lang, "alloc_notice_published"));
    if (!scope->all) d.set("relay_note", MsgString(lang, "alloc_relay_note"));
    d.set("result", true);
    // Headline figures, beside first-come.
    PageData tiles(PageData::type::list);
    tiles.push_back(Tile("pupils", FormatNumber(s.pupils_served, lang), MsgString(lang, "alloc_tile_pupils"),
                         MsgFormat(lang, "alloc_tile_of_fcfs", {Share(s.pupils_served, s.pupils_requested, lang),
                                                               FormatNumber(s.pupils_served_first_come, lang)})));
    tiles.push_back(Tile("groups", FormatNumber(s.groups_served, lang), MsgString(lang, "alloc_tile_groups"),
                         MsgFormat(lang, "alloc_tile_of_fcfs", {Share(s.groups_served, s.groups_requested, lang),
                                                               FormatNumber(s.groups_served_first_come, lang)})));
    tiles.push_back(Tile("buses", FormatNumber(s.buses, lang), MsgString(lang, "alloc_tile_buses"),
                         MsgFormat(lang, "alloc_tile_cost_fcfs", {Euros(s.bus_cost_cents, lang), FormatNumber(s.buses_first_come, lang),
                                                                 Euros(s.bus_cost_cents_first_come, lang)})));
    tiles.push_back(Tile("gap", Decimal(s.gap * 100, lang) + (lang == Lang::kFr ? "\u00a0%" : "%"), MsgString(lang, "alloc_tile_gap"),
                         s.optimal ? MsgString(lang, "alloc_tile_optimal") : MsgString(lang, "alloc_tile_not_proven")));
    d.set("tiles", tiles);
    const services::RoundSettings& set = run->settings;
    PageData facts(PageData::type::list);
    facts.push_back(Fact("seed", MsgString(lang, "alloc_fact_seed"), std::to_string(set.seed)));
    facts.push_back(Fact("guarantee", MsgString(lang, "alloc_fact_guarantee"),
                         !set.priority_guarantee ? MsgString(lang, "alloc_guarantee_off")
                         // The reference without the guarantee is a heuristic's: it may do worse.
                         : run->guarantee_cost_pupils <= 0
                             ? MsgString(lang, "alloc_guarantee_no_cost")
                             : MsgFormat(lang, "alloc_guarantee_cost", {Decimal(run->guarantee_cost_pupils, lang)})));
    facts.push_back(Fact("bound", MsgString(lang, "alloc_fact_bound"),
                         MsgFormat(lang, "alloc_bound_text", {Decimal(s.objective, lang), Decimal(s.bound, lang),
                                                              BoundSourceText(s.bound_source, lang)})));
    facts.push_back(Fact("bus_model", MsgString(lang, "alloc_fact_bus_model"),
                         MsgFormat(lang, "alloc_bus_model_text", {std::to_string(set.seats_per_bus),
                                                                  Euros(std::llround(set.eur_per_bus * 100), lang),
                                                                  Decimal(set.eur_per_km, lang)})));
    facts.push_back(Fact("limit", MsgString(lang, "alloc_fact_limit"), LimitText(set, lang)));
    facts.push_back(Fact("time_limit", MsgString(lang, "alloc_fact_time_limit"),
                         MsgFormat(lang, "alloc_seconds", {Decimal(set.time_limit_seconds, lang)})));
    facts.push_back(Fact("pins", MsgString(lang, "alloc_fact_pins"),
                         MsgFormat(lang, "alloc_pins_text", {FormatNumber(static_cast<long long>(set.pinned.size()), lang),
                                                             FormatNumber(static_cast<long long>(set.excluded.size()), lang)})));
    if (set.based_on_run)
        facts.push_back(Fact("based_on", MsgString(lang, "alloc_fact_based_on"),
                             MsgFormat(lang, "alloc_run_label", {std::to_string(*set.based_on_run)})));
    facts.push_back(Fact("created", MsgString(lang, "alloc_fact_created"), FormatParisInstant(s.created_at, lang)));
    if (!s.published_at.empty())
        facts.push_back(Fact("published", MsgString(lang, "alloc_fact_published"), FormatParisInstant(s.published_at, lang)));
    d.set("facts", facts);
    const std::string csrf = caller.session_id.empty() ? std::string() : ctx.csrf->SessionToken(caller.session_id);
    if (can_change) {
        PageData actions;
        actions.set("publish_url", PageLink(req, RunPath(s.id) + "/publier"));
        actions.set("discard_url", PageLink(req, RunPath(s.id)));
        actions.set("csrf", csrf);
        d.set("actions", actions);
    }
    PageData exports;
    exports.set("csv_url", PageLink(req, RunPath(s.id) + "/export", {{"format", "csv"}}));
    exports.set("xlsx_url", PageLink(req, RunPath(s.id) + "/export", {{"format", "xlsx"}}));
    d.set("exports", exports);
    d.set("csv_url", PageLink(req, RunPath(s.id) + "/export", {{"format", "csv"}}));
    d.set("xlsx_url", PageLink(req, RunPath(s.id) + "/export", {{"format", "xlsx"}}));
    // Figures by priority, department and region.
    PageData breakdowns(PageData::type::list);
    breakdowns.push_back(Breakdown("priority", MsgString(lang, "alloc_by_priority"), MsgString(lang, "alloc_col_priority"),
                                   run->by_priority, lang, true));
    breakdowns.push_back(Breakdown("department", MsgString(lang, "alloc_by_department"), MsgString(lang, "alloc_col_department"),
                                   run->by_department, lang, false));
    breakdowns.push_back(Breakdown("region", MsgString(lang, "alloc_by_region"), MsgString(lang, "alloc_col_region"),
                                   run->by_region, lang, false));
    d.set("breakdowns", breakdowns);
    d.set("map_points", MapPoints(run->by_department));
    d.set("tile_url", ctx.tile_url);
    d.set("tile_attribution", ctx.tile_attribution);
    d.set("has_map", !ctx.tile_url.empty());
    d.set("page_script", std::string("allocation.js"));
    // The buses.
    PageData buses(PageData::type::list);
    for (const auto& b : run->buses) {
        if (buses.list_value().size() >= kBusesShown) {
            d.set("more_buses", MsgFormat(lang, "alloc_more_buses", {FormatNumber(static_cast<long long>(kBusesShown), lang),
                                                                   FormatNumber(static_cast<long long>(run->buses.size()), lang)}));
            break;
        }
        PageData row;
        row.set("id", std::to_string(b.session_id));
        row.set("tour", b.site_name + ", " + b.site_town + " — " + FormatDate(b.date, lang, false) + ", " + FormatTime(b.starts_at, lang));
        PageData classes(PageData::type::list);
        std::string pickup;
        for (const auto& r : b.riders) {
            if (r.request_id == 0) {  // another department's group, for a relay (services::BusRider)
                classes.push_back(PageData(MsgFormat(lang, "alloc_other_department_group", {r.school_name}) + " — " +
                                           MsgFormat(lang, "alloc_headcount", {FormatNumber(r.pupils, lang), FormatNumber(r.adults, lang)})));
                continue;
            }
            const std::string name = r.school_name.empty() ? MsgFormat(lang, "alloc_group_n", {std::to_string(r.request_id)})
                                                           : r.school_name + (r.school_town.empty() ? "" : " (" + r.school_town + ")");
            classes.push_back(PageData(name + " — " + MsgFormat(lang, "alloc_headcount", {FormatNumber(r.pupils, lang), FormatNumber(r.adults, lang)})));
            if (pickup.empty()) pickup = r.pickup_address;
        }
        row.set("classes", classes);
        row.set("pickup", FormatTime(b.pickup_time, lang) + (pickup.empty() ? "" : ", " + pickup));
        row.set("count", MsgFormat(lang, "alloc_bus_count", {FormatNumber(b.buses, lang), FormatNumber(b.seats, lang)}));
        row.set("km", FormatDistanceKm(b.km, lang));
        row.set("cost", Euros(b.cost_cents, lang));
        buses.push_back(row);
    }
    d.set("has_buses", !buses.is_empty_list());
    d.set("buses", buses);
    // The decisions, each with its pin or exclusion buttons on a draft.
    std::map<std::string, long long> counts;
    PageData decisions(PageData::type::list);
    auto has = [](const std::vector<services::Placement>& list, long long request) {
        return std::any_of(list.begin(), list.end(), [&](const auto& p) { return p.request_id == request; });
    };
    const std::string search = FoldForSearch(pending.search);
    const bool search_digits =
        !search.empty() && std::all_of(search.begin(), search.end(), [](char c) { return c >= '0' && c <= '9'; });
    long long matching = 0;
    const long long first_shown = static_cast<long long>(pending.page - 1) * kDecisionsPerPage;
    for (const auto& dv : run->decisions) {
        const std::string outcome = OutcomeCode(dv.outcome);
        const bool pending_pin = has(pending.pinned, dv.request_id), pending_excl = has(pending.excluded, dv.request_id);
        ++counts[dv.outcome == services::DecisionOutcome::kFirstWish ? "first_wish" : outcome];
        if (dv.pinned || pending_pin) ++counts["pinned"];
        if (!pending.filter.empty()) {
            const bool shown = pending.filter == "pinned" ? (dv.pinned || pending_pin)
                               : pending.filter == "first_wish" ? dv.outcome == services::DecisionOutcome::kFirstWish
                                                                : pending.filter == outcome;
            if (!shown) continue;
        }
        // Digits: a request's number or a department's code, exactly; else words of the names.
        if (!search.empty() && !(search_digits ? search == std::to_string(dv.request_id) || search == dv.department
                                               : FoldForSearch(dv.school_name + " " + dv.requester_name + " " +
                                                               dv.site_name)
                                                         .find(search) != std::string::npos))
            continue;
        // A page of the decisions shown (their counts above are over all of them).
        ++matching;
        if (matching <= first_shown || matching > first_shown + kDecisionsPerPage) continue;
        PageData row;
        row.set("request_id", std::to_string(dv.request_id));
        row.set("outcome", outcome);
        row.set("who", dv.school_name.empty() ? dv.requester_name : dv.school_name);
        const refdata::Department* dep = refdata::FindDepartment(dv.department);
        std::string meta = dep ? dep->name + " (" + dv.department + ")" : dv.department;
        if (!dv.level.empty()) meta += " · " + MsgString(lang, "level_" + dv.level);
        meta += " · " + MsgFormat(lang, "alloc_headcount", {FormatNumber(dv.pupils, lang), FormatNumber(dv.adults, lang)});
        if (dv.bus_needed) meta += " · " + MsgString(lang, dv.has_bus ? "alloc_bus_financed" : "alloc_bus_asked");
        if (!dv.priority.empty() && dv.priority != "none") meta += " · " + PriorityLabel(dv.priority, lang);
        row.set("meta", meta);
        row.set("outcome_label", dv.outcome == services::DecisionOutcome::kRefused
                                     ? MsgString(lang, "alloc_outcome_refused")
                                     : MsgFormat(lang, "alloc_outcome_wish", {std::to_string(dv.wish_rank.value_or(1))}));
        if (dv.session_id)
            row.set("placement", dv.site_name + " — " + FormatDate(dv.date, lang, false) + ", " + FormatTime(dv.starts_at, lang));
        row.set("explanation", lang == Lang::kFr ? dv.explanation_fr : dv.explanation_en);
        if (dv.pinned) {
            row.set("pin_label", MsgString(lang, "alloc_pinned"));
            row.set("pin", std::string("pinned"));
        } else if (pending_pin) {
            row.set("pin_label", MsgString(lang, "alloc_pending_pin"));
            row.set("pin", std::string("pending_pin"));
        } else if (pending_excl) {
            row.set("pin_label", MsgString(lang, "alloc_pending_exclude"));
            row.set("pin", std::string("pending_exclude"));
        }
        if (can_change && dv.session_id && !dv.pinned) {
            PageData buttons(PageData::type::list);
            const services::Placement here{dv.request_id, *dv.session_id};
            const std::string anchor = "#r-" + std::to_string(dv.request_id);
            if (pending_pin || pending_excl) {
                Pending without = pending;
                std::erase(without.pinned, here);
                std::erase(without.excluded, here);
                buttons.push_back(LinkData(RunLink(req, s.id, without, anchor), MsgString(lang, "alloc_undo")));
            } else {
                Pending pin = pending, excl = pending;
                pin.pinned.push_back(here);
                excl.excluded.push_back(here);
                buttons.push_back(LinkData(RunLink(req, s.id, pin, anchor), MsgString(lang, "alloc_pin")));
                buttons.push_back(LinkData(RunLink(req, s.id, excl, anchor), MsgString(lang, "alloc_exclude")));
            }
            row.set("buttons", buttons);
            row.set("has_buttons", true);
        }
        decisions.push_back(row);
    }
    d.set("decisions", decisions);
    d.set("has_decisions", !decisions.is_empty_list());
    d.set("search", pending.search);
    d.set("search_action", PageLink(req, RunPath(s.id)));
    {
        // The search form keeps the pending pins and the filter.
        PageData hidden(PageData::type::list);
        auto keep = [&hidden](const char* name, const std::string& value) {
            if (value.empty()) return;
            PageData h;
            h.set("name", std::string(name));
            h.set("value", value);
            hidden.push_back(h);
        };
        keep("epingler", PlacementText(pending.pinned));
        keep("exclure", PlacementText(pending.excluded));
        keep("decisions", pending.filter);
        if (PageLang(req) == Lang::kEn) keep("lang", "en");
        d.set("search_hidden", hidden);
    }
    const long long pages = std::max<long long>(1, (matching + kDecisionsPerPage - 1) / kDecisionsPerPage);
    if (pages > 1) {
        PageData pager;
        pager.set("text", MsgFormat(lang, "alloc_page_of", {FormatNumber(std::min<long long>(pending.page, pages), lang),
                                                           FormatNumber(pages, lang), FormatNumber(matching, lang)}));
        if (pending.page > 1) {
            Pending p = pending;
            p.page = std::min<long long>(pending.page - 1, pages);
            pager.set("prev_url", RunLink(req, s.id, p, "#alloc-decisions"));
        }
        if (pending.page < pages) {
            Pending p = pending;
            p.page = pending.page + 1;
            pager.set("next_url", RunLink(req, s.id, p, "#alloc-decisions"));
        }
        d.set("pager", pager);
    }
    d.set("decisions_hint", MsgString(lang, can_change ? "alloc_decisions_hint" : "alloc_decisions_hint_read"));
    PageData filters(PageData::type::list);
    for (const char* f : {"", "refused", "moved", "first_wish", "pinned"}) {
        Pending p = pending;
        p.filter = f;
        p.page = 1;
        PageData item;
        long long n = 0;
        if (*f == 0) n = static_cast<long long>(run->decisions.size());
        else if (auto it = counts.find(f); it != counts.end()) n = it->second;
        item.set("url", RunLink(req, s.id, p, "#alloc-decisions"));
        item.set("label", MsgFormat(lang, std::string("alloc_filter_") + (*f ? f : "all"), {FormatNumber(n, lang)}));
        item.set("current", pending.filter == f);
        filters.push_back(item);
    }
    d.set("filters", filters);
    // Solving again with the pending pins and exclusions (a new round based on this one).
    if (can_change) {
        PageData again;
        again.set("url", PageLink(req, kList, {{"edition", std::to_string(s.year)}}));
        again.set("csrf", csrf);
        again.set("based_on", std::to_string(s.id));
        again.set("pinned", PlacementText(pending.pinned));
        again.set("excluded", PlacementText(pending.excluded));
        again.set("label", MsgFormat(lang, "alloc_again", {FormatNumber(static_cast<long long>(pending.pinned.size()), lang),
                                                           FormatNumber(static_cast<long long>(pending.excluded.size()), lang)}));
        d.set("again", again);
    }
    return PageResponse(req, status, RenderInLayout("allocation_run", d));
}

// ---- publishing --------------------------------------------------------------------------------

http::Response PublishPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const std::string& error) {
    const Lang lang = PageLang(req);
    auto id = PathId(req);
    if (!id) return ErrorPage(PageRequest(req), 404);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto scope = services::RunScopeOf(*caller.principal);
    if (!scope.ok()) return RefusalPage(req, scope.error());
    auto run = services::ReadRun(**db, *id, *scope);
    if (!run.ok()) return RefusalPage(req, run.error());
    const services::RunSummary& s = run->summary;
    const std::string title = MsgFormat(lang, "alloc_publish_title", {std::to_string(s.id)});
    PageData d = CommonPageData(req, title);
    d.set("heading", title);
    d.set("run_url", PageLink(req, RunPath(s.id)));
    d.set("action", PageLink(req, RunPath(s.id) + "/publier"));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!error.empty()) d.set("error", error);
    long long hosts = 0;
    {
        std::set<std::string> sites;
        for (const auto& dv : run->decisions)
            if (dv.session_id) sites.insert(dv.site_name);
        hosts = static_cast<long long>(sites.size());
    }
    const long long refused = s.groups_requested - s.groups_served;
    PageData c(PageData::type::list);
    c.push_back(PageData(MsgFormat(lang, "alloc_publish_accept", {FormatNumber(s.groups_served, lang), FormatNumber(s.pupils_served, lang)})));
    c.push_back(PageData(MsgFormat(lang, "alloc_publish_refuse", {FormatNumber(refused, lang)})));
    c.push_back(PageData(MsgFormat(lang, "alloc_publish_mail_requesters", {FormatNumber(s.groups_requested, lang)})));
    c.push_back(PageData(MsgFormat(lang, "alloc_publish_mail_hosts", {FormatNumber(hosts, lang)})));
    c.push_back(PageData(MsgFormat(lang, "alloc_publish_buses", {FormatNumber(s.buses, lang), Euros(s.bus_cost_cents, lang)})));
    d.set("consequences", c);
    return PageResponse(req, status, RenderInLayout("allocation_publish", d));
}

// A POST of a run's page, a long write: admitted with the form's token on the calling (pool)
// thread, then `act(form, caller, db, run id, request, ctx)` runs on a thread of the round
// runner's with its own connection, and its page is the reply. Without a runner (tests), on the
// calling thread.
template <typename Act>
void RunPostAside(const PeopleContext& ctx, const http::Request& req, const char* pattern, http::Reply reply,
                  Act act) {
    const Form form = ReadForm(req);
    auto a = AdmitPage(ctx, req, pattern, form.Get("csrf"));
    if (a.refusal) return reply(*a.refusal);
    auto id = PathId(req);
    if (!id) return reply(ErrorPage(PageRequest(req), 404));
    auto held = std::make_shared<const http::Request>(req);
    auto work = [ctx, held, form, caller = *a.caller, id = *id, act, reply](Result<services::Db*> db) {
        if (!db.ok()) return reply(RefusalPage(*held, db.error()));
        reply(act(form, caller, **db, id, *held, ctx));
    };
    RunAside(ctx, std::move(work));
}

// A GET whose page reads whole runs (51,366 decisions each at scale 75: 0.3–0.5 s): `page`
// runs on a thread of the round runner's, never a handler thread, and its page is the reply; when
// the runner has too much waiting already (or no connection), the refusal page (503). Without a
// runner (tests), on the calling thread.
template <typename Page>
void ReadAside(const PeopleContext& ctx, const http::Request& req, http::Reply reply, Page page) {
    auto held = std::make_shared<const http::Request>(req);
    RunAside(ctx, [held, page, reply](Result<services::Db*> db) {
        if (!db.ok()) return reply(RefusalPage(*held, db.error()));
        reply(page(*held));
    });
}

}  // namespace

void RegisterAllocationPages(http::Router& router, const PeopleContext& ctx) {
    router.AddAsync("GET", kList, [ctx](const http::Request& request, http::Reply reply) {
        ReadAside(ctx, request, std::move(reply), [ctx](const http::Request& req) -> http::Response {
            auto a = AdmitPage(ctx, req, kList);
            if (a.refusal) return *a.refusal;
            const Lang lang = PageLang(req);
            std::string notice;
            if (req.Query("ecarte")) notice = MsgString(lang, "alloc_notice_discarded");
            return ListPage(ctx, req, *a.caller, 200, nullptr, notice);
        });
    }, http::Execution::kPool);
    // Start a round: a new one from the form, or one based on a run (its settings and pins, with
    // the pins and exclusions the run page gathered).
    router.Add("POST", kList, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kList, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const auth::Principal& who = *a.caller->principal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        services::RoundSettings settings;
        if (!form.Get("based_on").empty()) {
            services::RoundSettingsText changes;
            changes.pinned = form.Get("pinned");
            changes.excluded = form.Get("excluded");
            changes.based_on_run = form.Get("based_on");
            auto edition = services::RequestedEdition(**db, EditionQuery(req));
            if (!edition.ok()) return RefusalPage(req, edition.error());
            changes.year = std::to_string(edition->year);
            auto parsed = services::ParseRoundSettings(changes);
            if (auto* e = std::get_if<services::FieldError>(&parsed)) return RefusalPage(req, e->error);
            const services::RoundSettings& asked = std::get<services::RoundSettings>(parsed);
            const long long based_on = asked.based_on_run.value_or(0);
            // The run's own settings (bus model, limit, time, guarantee, seed), with the pins and
            // exclusions the run page gathered; SettingsBasedOn adds the run's pins.
            auto scope = services::RunScopeOf(who);
            if (!scope.ok()) return RefusalPage(req, scope.error());
            auto base = services::ReadRun(**db, based_on, *scope);
            if (!base.ok()) return RefusalPage(req, base.error());
            services::RoundSettings wanted = base->settings;
            wanted.pinned = asked.pinned;
            wanted.excluded = asked.excluded;
            wanted.based_on_run = based_on;
            auto based = services::SettingsBasedOn(**db, based_on, wanted);
            if (!based.ok()) return RefusalPage(req, based.error());
            settings = *based;
        } else {
            auto edition = services::RequestedEdition(**db, EditionQuery(req));
            if (!edition.ok()) return RefusalPage(req, edition.error());
            auto read = ReadRoundForm(form, edition->year, lang);
            if (auto* f = std::get_if<FormState>(&read)) return ListPage(ctx, req, *a.caller, 400, f, {});
            settings = std::get<services::RoundSettings>(read);
        }
        if (!ctx.rounds) return RefusalPage(req, MsgError(ErrorCode::kUnavailable, "alloc_e_no_runner"));
        auto job = ctx.rounds->Start(**db, who, settings);
        if (!job.ok()) {
            if (job.error().code == ErrorCode::kInvalidArgument || job.error().code == ErrorCode::kConflict) {
                FormState f = DefaultForm(settings);
                f.errors["form"] = ErrorText(job.error(), lang);
                return ListPage(ctx, req, *a.caller, PageStatus(job.error()), &f, {});
            }
            return RefusalPage(req, job.error());
        }
        return http::Response::Redirect(PageLink(req, JobPath(*job)));
    });
    router.Add("GET", kJob, [ctx](const http::Request& req) { return JobPage(ctx, req); });
    router.Add("GET", kJobState, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kJobState);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req);
        if (!id) return ApiError(MakeError(ErrorCode::kNotFound, "no such round", "tour inconnu"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto job = services::FindRoundJob(**db, *id);
        if (!job.ok()) return ApiError(job.error());
        JsonWriter w;
        WriteJob(w, req, *job, PageLang(req));
        return JsonAnswer(200, w);
    });
    router.AddAsync("GET", kRun, [ctx](const http::Request& request, http::Reply reply) {
        ReadAside(ctx, request, std::move(reply), [ctx](const http::Request& req) -> http::Response {
            auto a = AdmitPage(ctx, req, kRun);
            if (a.refusal) return *a.refusal;
            return RunPage(ctx, req, *a.caller, 200, {});
        });
    }, http::Execution::kPool);
    // Discard a draft run: off the handler threads (its buses are cancelled in one write).
    router.AddAsync("POST", kRun, [ctx](const http::Request& req, http::Reply reply) {
        RunPostAside(ctx, req, kRun, std::move(reply),
                     [](const Form& form, const Caller& caller, services::Db& db, long long id,
                        const http::Request& held, const PeopleContext& c) {
                         if (form.Get("action") != "discard")
                             return RefusalPage(held, MsgError(ErrorCode::kInvalidArgument, "alloc_e_action"));
                         Status done = services::DiscardRun(db, *caller.principal, id);
                         if (!done.ok())
                             return RunPage(c, held, caller, PageStatus(done.error()), ErrorText(done.error(), PageLang(held)));
                         return http::Response::Redirect(PageLink(held, kList, {{"ecarte", "1"}}));
                     });
    }, http::Execution::kPool);
    router.AddAsync("GET", kPublish, [ctx](const http::Request& request, http::Reply reply) {
        ReadAside(ctx, request, std::move(reply), [ctx](const http::Request& req) -> http::Response {
            auto a = AdmitPage(ctx, req, kPublish);
            if (a.refusal) return *a.refusal;
            return PublishPage(ctx, req, *a.caller, 200, {});
        });
    }, http::Execution::kPool);
    // Publish: off the handler threads (thousands of bookings, buses and e-mails in one write at
    // scale); the answer is sent when it is done.
    router.AddAsync("POST", kPublish, [ctx](const http::Request& req, http::Reply reply) {
        RunPostAside(ctx, req, kPublish, std::move(reply),
                     [](const Form&, const Caller& caller, services::Db& db, long long id, const http::Request& held,
                        const PeopleContext& c) {
                         Status done = services::PublishRun(db, *caller.principal, id, c.public_url);
                         if (!done.ok())
                             return PublishPage(c, held, caller, PageStatus(done.error()),
                                                ErrorText(done.error(), PageLang(held)));
                         return http::Response::Redirect(PageLink(held, RunPath(id), {{"publie", "1"}}));
                     });
    }, http::Execution::kPool);
    router.AddAsync("GET", kExport, [ctx](const http::Request& request, http::Reply reply) {
        ReadAside(ctx, request, std::move(reply), [ctx](const http::Request& req) -> http::Response {
            auto a = AdmitPage(ctx, req, kExport);
            if (a.refusal) return *a.refusal;
            auto id = PathId(req);
            if (!id) return ErrorPage(PageRequest(req), 404);
            auto db = services::ThreadDb(*ctx.db);
            if (!db.ok()) return RefusalPage(req, db.error());
            auto scope = services::RunScopeOf(*a.caller->principal);
            if (!scope.ok()) return RefusalPage(req, scope.error());
            auto buses = services::BusOperatorTable(**db, *id, *scope);
            if (!buses.ok()) return RefusalPage(req, buses.error());
            const std::string format = req.Query("format") ? *req.Query("format") : std::string("csv");
            auto file = ExportDownload(buses->table, buses->year, format, false);
            if (!file.ok()) return RefusalPage(req, file.error());
            return *file;
        });
    }, http::Execution::kPool);
}

}  // namespace juo::web

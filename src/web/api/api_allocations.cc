// See api_allocations.h.
#include "web/api/api_allocations.h"

#include <cmath>
#include <cstdio>

#include "http/router.h"
#include "services/allocation_rounds.h"
#include "services/exports.h"
#include "web/api/booking_json.h"
#include "web/kit/api_kit.h"
#include "web/kit/export_files.h"
#include "web/kit/run_aside.h"

namespace juo::web {
namespace {

constexpr const char* kAllocations = "/api/v1/organisation/allocations";
constexpr const char* kJob = "/api/v1/organisation/allocations/jobs/{id}";
constexpr const char* kRun = "/api/v1/organisation/allocations/{id}";
constexpr const char* kPublish = "/api/v1/organisation/allocations/{id}/publish";
constexpr const char* kDiscard = "/api/v1/organisation/allocations/{id}/discard";
constexpr const char* kBusesCsv = "/api/v1/organisation/allocations/{id}/buses.csv";
constexpr const char* kBusesXlsx = "/api/v1/organisation/allocations/{id}/buses.xlsx";

// A member as the settings' text: a string as is, a number in plain decimal (an exponent or a
// huge value stays visible, and the settings' check refuses it naming the field), true/false as
// on/off; "" when absent or null.
Result<std::string> SettingText(const boost::json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return std::string();
    if (v->is_string()) return std::string(v->as_string().c_str());
    if (v->is_bool()) return std::string(v->as_bool() ? "on" : "off");
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_uint64()) return std::to_string(v->as_uint64());
    if (v->is_double()) {
        double d = v->as_double();
        if (!std::isfinite(d) || std::fabs(d) >= 1e15) return boost::json::serialize(*v);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", d);
        std::string s = buf;
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
        return s;
    }
    return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a number or a string",
                     std::string(name) + " doit être un nombre ou un texte");
}

// [{"request_id": 412, "tour_id": 88}, …] (or "412:88, …") as "412:88, …".
Result<std::string> PlacementsText(const boost::json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return std::string();
    if (v->is_string()) return std::string(v->as_string().c_str());
    auto bad = MakeError(ErrorCode::kInvalidArgument,
                         std::string(name) + " must be a list of {\"request_id\": …, \"tour_id\": …}",
                         std::string(name) + " doit être une liste de {\"request_id\": …, \"tour_id\": …}");
    if (!v->is_array()) return bad;
    std::string out;
    for (const auto& item : v->as_array()) {
        if (!item.is_object()) return bad;
        auto r = IntMember(item.as_object(), "request_id", 1, 1LL << 53);
        auto t = IntMember(item.as_object(), "tour_id", 1, 1LL << 53);
        if (auto e = FirstError(r, t)) return *e;
        out += (out.empty() ? "" : ", ") + std::to_string(*r) + ":" + std::to_string(*t);
    }
    return out;
}

void WritePlacements(JsonWriter& w, const std::vector<services::Placement>& list) {
    w.BeginArray();
    for (const auto& p : list) {
        w.BeginObject();
        w.Key("request_id");
        w.Int(p.request_id);
        w.Key("tour_id");
        w.Int(p.session_id);
        w.EndObject();
    }
    w.EndArray();
}

void WriteSettings(JsonWriter& w, const services::RoundSettings& s) {
    w.BeginObject();
    w.Key("year");
    w.Int(s.year);
    w.Key("seats_per_bus");
    w.Int(s.seats_per_bus);
    w.Key("eur_per_bus");
    w.Double(s.eur_per_bus);
    w.Key("eur_per_km");
    w.Double(s.eur_per_km);
    w.Key("budget_eur");
    if (s.budget_eur)
        w.Double(*s.budget_eur);
    else
        w.Null();
    w.Key("max_buses");
    if (s.max_buses)
        w.Int(*s.max_buses);
    else
        w.Null();
    w.Key("time_limit_seconds");
    w.Double(s.time_limit_seconds);
    w.Key("priority_guarantee");
    w.Bool(s.priority_guarantee);
    w.Key("seed");
    w.String(std::to_string(s.seed));  // a 64-bit seed does not fit a JSON number exactly
    w.Key("pinned");
    WritePlacements(w, s.pinned);
    w.Key("excluded");
    WritePlacements(w, s.excluded);
    w.Key("based_on_run");
    if (s.based_on_run)
        w.Int(*s.based_on_run);
    else
        w.Null();
    w.EndObject();
}

void OptionalInt(JsonWriter& w, const char* key, const std::optional<long long>& v) {
    w.Key(key);
    if (v)
        w.Int(*v);
    else
        w.Null();
}

void WriteJob(JsonWriter& w, const services::RoundJob& j) {
    w.BeginObject();
    w.Key("id");
    w.Int(j.id);
    w.Key("year");
    w.Int(j.year);
    w.Key("stage");
    w.String(services::RoundStageCode(j.stage));
    w.Key("finished");
    w.Bool(services::RoundFinished(j.stage));
    w.Key("fraction");
    w.Double(j.fraction);
    OptionalInt(w, "run_id", j.run_id);
    w.Key("error");
    if (j.error.empty())
        w.Null();
    else
        w.String(j.error);
    w.Key("error_fr");
    if (j.error_fr.empty())
        w.Null();
    else
        w.String(j.error_fr);
    w.Key("started_at");
    w.String(j.started_at);
    w.Key("updated_at");
    w.String(j.updated_at);
    w.Key("finished_at");
    if (j.finished_at.empty())
        w.Null();
    else
        w.String(j.finished_at);
    w.Key("settings");
    WriteSettings(w, j.settings);
    w.EndObject();
}

void WriteSummary(JsonWriter& w, const services::RunSummary& s) {
    w.Key("id");
    w.Int(s.id);
    w.Key("year");
    w.Int(s.year);
    w.Key("status");
    w.String(s.status);
    w.Key("created_at");
    w.String(s.created_at);
    w.Key("published_at");
    if (s.published_at.empty())
        w.Null();
    else
        w.String(s.published_at);
    w.Key("groups_requested");
    w.Int(s.groups_requested);
    w.Key("groups_served");
    w.Int(s.groups_served);
    w.Key("groups_served_first_come");
    w.Int(s.groups_served_first_come);
    w.Key("pupils_requested");
    w.Int(s.pupils_requested);
    w.Key("pupils_served");
    w.Int(s.pupils_served);
    w.Key("pupils_served_first_come");
    w.Int(s.pupils_served_first_come);
    w.Key("buses");
    w.Int(s.buses);
    w.Key("buses_first_come");
    w.Int(s.buses_first_come);
    w.Key("bus_cost_cents");
    w.Int(s.bus_cost_cents);
    w.Key("bus_cost_cents_first_come");
    w.Int(s.bus_cost_cents_first_come);
    w.Key("objective");
    w.Double(s.objective);
    w.Key("bound");
    w.Double(s.bound);
    w.Key("gap");
    w.Double(s.gap);
    w.Key("optimal");
    w.Bool(s.optimal);
    w.Key("bound_source");
    w.String(s.bound_source);
    w.Key("method");
    w.String(s.method);
}

void WriteShares(JsonWriter& w, const char* key, const std::vector<services::ShareRow>& rows) {
    w.Key(key);
    w.BeginArray();
    for (const auto& r : rows) {
        w.BeginObject();
        w.Key("key");
        w.String(r.key);
        w.Key("label");
        w.String(r.label);
        w.Key("groups_requested");
        w.Int(r.groups_requested);
        w.Key("groups_served");
        w.Int(r.groups_served);
        w.Key("groups_served_first_come");
        w.Int(r.groups_served_first_come);
        w.Key("pupils_requested");
        w.Int(r.pupils_requested);
        w.Key("pupils_served");
        w.Int(r.pupils_served);
        w.Key("pupils_served_first_come");
        w.Int(r.pupils_served_first_come);
        w.EndObject();
    }
    w.EndArray();
}

void WriteRun(JsonWriter& w, const services::RunView& v) {
    w.BeginObject();
    WriteSummary(w, v.summary);
    w.Key("settings");
    WriteSettings(w, v.settings);
    w.Key("guarantee_cost_pupils");
    w.Double(v.guarantee_cost_pupils);
    w.Key("summary_text");
    w.String(v.summary_text);
    WriteShares(w, "by_priority", v.by_priority);
    WriteShares(w, "by_department", v.by_department);
    WriteShares(w, "by_region", v.by_region);
    w.Key("buses_detail");
    w.BeginArray();
    for (const auto& b : v.buses) {
        w.BeginObject();
        w.Key("tour_id");
        w.Int(b.session_id);
        w.Key("site");
        w.String(b.site_name);
        w.Key("site_address");
        w.String(b.site_address);
        w.Key("department");
        w.String(b.department);
        w.Key("date");
        w.String(b.date);
        w.Key("starts_at");
        w.String(b.starts_at);
        w.Key("pickup_time");
        w.String(b.pickup_time);
        w.Key("buses");
        w.Int(b.buses);
        w.Key("seats");
        w.Int(b.seats);
        w.Key("cost_cents");
        w.Int(b.cost_cents);
        w.Key("km");
        w.Double(b.km);
        w.Key("riders");
        w.BeginArray();
        for (const auto& r : b.riders) {
            w.BeginObject();
            w.Key("request_id");
            w.Int(r.request_id);
            w.Key("school");
            w.String(r.school_name);
            w.Key("town");
            w.String(r.school_town);
            w.Key("pickup_place");
            w.String(r.pickup_address);
            w.Key("pupils");
            w.Int(r.pupils);
            w.Key("adults");
            w.Int(r.adults);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("decisions");
    w.BeginArray();
    for (const auto& d : v.decisions) {
        w.BeginObject();
        w.Key("request_id");
        w.Int(d.request_id);
        w.Key("school");
        w.String(d.school_name);
        w.Key("department");
        w.String(d.department);
        w.Key("level");
        w.String(d.level);
        w.Key("priority");
        w.String(d.priority);
        w.Key("pupils");
        w.Int(d.pupils);
        w.Key("adults");
        w.Int(d.adults);
        w.Key("bus_needed");
        w.Bool(d.bus_needed);
        w.Key("outcome");
        w.String(services::DecisionOutcomeCode(d.outcome));
        OptionalInt(w, "tour_id", d.session_id);
        w.Key("site");
        w.String(d.site_name);
        w.Key("wish_rank");
        if (d.wish_rank)
            w.Int(*d.wish_rank);
        else
            w.Null();
        w.Key("pinned");
        w.Bool(d.pinned);
        w.Key("has_bus");
        w.Bool(d.has_bus);
        w.Key("explanation_fr");
        w.String(d.explanation_fr);
        w.Key("explanation_en");
        w.String(d.explanation_en);
        OptionalInt(w, "first_come_tour_id", d.first_come_session_id);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

// The run `id` of the request, and `who`'s scope.
struct RunTarget {
    long long id = 0;
    services::RunScope scope;
};
Result<RunTarget> Target(const http::Request& req, const Caller& caller) {
    auto id = PathId(req, "allocation run");
    if (!id.ok()) return id.error();
    auto scope = services::RunScopeOf(*caller.principal);
    if (!scope.ok()) return scope.error();
    return RunTarget{*id, std::move(*scope)};
}

http::Response BusesFile(const http::Request& req, const Caller& caller, services::Db& db, const char* format) {
    auto target = Target(req, caller);
    if (!target.ok()) return ApiError(target.error());
    auto buses = services::BusOperatorTable(db, target->id, target->scope);
    if (!buses.ok()) return ApiError(buses.error());
    auto file = ExportDownload(buses->table, buses->year, format, false);
    if (!file.ok()) return ApiError(file.error());
    file->AddHeader("Cache-Control", "no-store");
    return *file;
}


// AddAdmitted for a read of whole runs (51,366 decisions each at scale 75: 0.3–0.6 s): admitted
// on a pool thread, then `fn(request, caller, db)` on a thread of the round runner's with its own
// connection, never a handler thread. Without a runner (tests), on the calling thread.
template <typename Fn>
void AddAdmittedAside(http::Router& router, const PeopleContext& ctx, const char* method, const char* pattern,
                      Fn fn) {
    router.AddAsync(method, pattern, [ctx, pattern, fn](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, pattern);
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto work = [held = std::make_shared<const http::Request>(req), who = *caller, fn,
                     reply](Result<services::Db*> db) {
            if (!db.ok()) return reply(ApiError(db.error()));
            try {
                reply(http::Response(fn(*held, who, **db)));
            } catch (const std::exception& e) {
                reply(ApiError(services::DatabaseError(**db, e)));
            }
        };
        RunAside(ctx, std::move(work));
    }, http::Execution::kPool);
}

}  // namespace

void RegisterAllocationApi(http::Router& router, const PeopleContext& ctx) {
    AddAdmitted(router, ctx, "POST", kAllocations,
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    if (!ctx.rounds)
                        return ApiError(MakeError(ErrorCode::kUnavailable, "allocation rounds are not run here",
                                                  "les tours de répartition ne sont pas lancés ici"));
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    services::RoundSettingsText text;
                    std::optional<Error> bad;
                    auto take = [&](const char* name, std::string& into) {
                        auto v = SettingText(*body, name);
                        if (!v.ok() && !bad) bad = v.error();
                        if (v.ok()) into = *v;
                    };
                    take("year", text.year);
                    take("seats_per_bus", text.seats_per_bus);
                    take("eur_per_bus", text.eur_per_bus);
                    take("eur_per_km", text.eur_per_km);
                    take("budget_eur", text.budget_eur);
                    take("max_buses", text.max_buses);
                    take("time_limit_seconds", text.time_limit_seconds);
                    take("priority_guarantee", text.priority_guarantee);
                    take("seed", text.seed);
                    take("based_on_run", text.based_on_run);
                    auto pinned = PlacementsText(*body, "pinned");
                    auto excluded = PlacementsText(*body, "excluded");
                    if (auto e = FirstError(pinned, excluded); e && !bad) bad = *e;
                    if (bad) return ApiError(*bad);
                    text.pinned = *pinned;
                    text.excluded = *excluded;
                    if (text.year.empty() && text.based_on_run.empty()) {
                        auto current = services::RequestedEdition(db, "");
                        if (!current.ok()) return ApiError(current.error());
                        text.year = std::to_string(current->year);
                    }
                    auto parsed = services::ResolveRoundSettings(db, text);
                    if (auto* e = std::get_if<services::FieldError>(&parsed)) return ApiError(e->error);
                    const auto settings = std::get<services::RoundSettings>(parsed);
                    auto job = ctx.rounds->Start(db, *caller.principal, settings);
                    if (!job.ok()) return ApiError(job.error());
                    auto read = services::FindRoundJob(db, *job);
                    if (!read.ok()) return ApiError(read.error());
                    JsonWriter w;
                    WriteJob(w, *read);
                    http::Response r = JsonAnswer(202, w);
                    r.AddHeader("Location", "/api/v1/organisation/allocations/jobs/" + std::to_string(*job));
                    return r;
                });

    AddAdmitted(router, ctx, "GET", kJob, [](const http::Request& req, const Caller& caller, services::Db& db) {
        auto id = PathId(req, "allocation round");
        if (!id.ok()) return ApiError(id.error());
        auto scope = services::RunScopeOf(*caller.principal);
        if (!scope.ok()) return ApiError(scope.error());
        auto job = services::FindRoundJob(db, *id);
        if (!job.ok()) return ApiError(job.error());
        JsonWriter w;
        WriteJob(w, *job);
        return JsonAnswer(200, w);
    });

    AddAdmittedAside(router, ctx, "GET", kAllocations, [](const http::Request& req, const Caller& caller, services::Db& db) {
        auto scope = services::RunScopeOf(*caller.principal);
        if (!scope.ok()) return ApiError(scope.error());
        auto edition = services::RequestedEdition(db, EditionQuery(req));
        if (!edition.ok()) return ApiError(edition.error());
        auto runs = services::RunsOf(db, edition->year, *scope);
        if (!runs.ok()) return ApiError(runs.error());
        auto jobs = services::RoundJobsOf(db, edition->year, 10);
        if (!jobs.ok()) return ApiError(jobs.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("year");
        w.Int(edition->year);
        w.Key("runs");
        w.BeginArray();
        for (const auto& r : *runs) {
            w.BeginObject();
            WriteSummary(w, r);
            w.EndObject();
        }
        w.EndArray();
        w.Key("jobs");
        w.BeginArray();
        for (const auto& j : *jobs) WriteJob(w, j);
        w.EndArray();
        w.EndObject();
        return JsonAnswer(200, w);
    });

    AddAdmittedAside(router, ctx, "GET", kRun, [](const http::Request& req, const Caller& caller, services::Db& db) {
        auto target = Target(req, caller);
        if (!target.ok()) return ApiError(target.error());
        auto run = services::ReadRun(db, target->id, target->scope);
        if (!run.ok()) return ApiError(run.error());
        JsonWriter w;
        WriteRun(w, *run);
        return JsonAnswer(200, w);
    });

    // Publish and discard: admitted on a pool thread, then the write on a thread of the round
    // runner's (thousands of rows at scale: no handler thread waits on it); the answer is sent
    // when it is done.
    for (const char* pattern : {kPublish, kDiscard}) {
        const bool publish = pattern == kPublish;
        router.AddAsync("POST", pattern, [ctx, publish, pattern](const http::Request& req, http::Reply reply) {
            auto caller = Admit(ctx, req, pattern);
            if (!caller.ok()) return reply(ApiError(caller.error()));
            auto id = PathId(req, "allocation run");
            if (!id.ok()) return reply(ApiError(id.error()));
            auto work = [ctx, publish, who = *caller->principal, id = *id, reply](Result<services::Db*> db) {
                if (!db.ok()) return reply(ApiError(db.error()));
                auto done = publish ? services::PublishRun(**db, who, id, ctx.public_url)
                                    : services::DiscardRun(**db, who, id);
                if (!done.ok()) return reply(ApiError(done.error()));
                services::RunScope all;
                all.all = true;
                auto run = services::ReadRun(**db, id, all);
                if (!run.ok()) return reply(ApiError(run.error()));
                JsonWriter w;
                w.BeginObject();
                WriteSummary(w, run->summary);
                w.EndObject();
                reply(JsonAnswer(200, w));
            };
            RunAside(ctx, std::move(work));
        }, http::Execution::kPool);
    }

    AddAdmittedAside(router, ctx, "GET", kBusesCsv, [](const http::Request& req, const Caller& caller, services::Db& db) {
        return BusesFile(req, caller, db, "csv");
    });
    AddAdmittedAside(router, ctx, "GET", kBusesXlsx, [](const http::Request& req, const Caller& caller, services::Db& db) {
        return BusesFile(req, caller, db, "xlsx");
    });
}

}  // namespace juo::web

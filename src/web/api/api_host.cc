// See api_host.h.
#include "web/api/api_host.h"

#include "common/clock.h"
#include "common/text.h"
#include "http/router.h"
#include "services/tour_changes.h"
#include "report/tables.h"
#include "web/kit/api_kit.h"
#include "web/api/booking_json.h"
#include "web/host/host_kit.h"
#include "web/api/site_json.h"

namespace juo::web {
namespace {

void WriteHostSite(JsonWriter& w, const services::HostSiteView& v) {
    w.BeginObject();
    WriteSiteMembers(w, v.site);
    w.Key("address");
    w.String(v.site.address);
    w.Key("siret");
    w.String(v.site.siret);
    w.Key("participation_id");
    if (v.participation_id)
        w.Int(v.participation_id);
    else
        w.Null();
    w.Key("status");
    w.String(domain::ToCode(v.status));
    w.Key("sessions");
    w.Int(v.sessions);
    w.EndObject();
}

http::Response SiteList(const char* member, const std::vector<services::HostSiteView>& sites) {
    JsonWriter w;
    w.BeginObject();
    w.Key(member);
    w.BeginArray();
    for (const auto& v : sites) WriteHostSite(w, v);
    w.EndArray();
    w.EndObject();
    return JsonAnswer(200, w);
}

// {"company", "siret", "name", "division", "naf", "address", "place", "min_age", "safety",
// "description", "wheelchair", "hearing", "visual", "mental", "psychic"}: the registration form's
// fields.
Result<services::RegistrationInput> ReadRegistrationBody(const boost::json::object& body) {
    services::RegistrationInput in;
    for (auto [name, field, max] : {std::tuple{"company", &in.company, 200},
                                    {"siret", &in.siret, 20},
                                    {"name", &in.name, 200},
                                    {"division", &in.division, 10},
                                    {"naf", &in.naf, 10},
                                    {"address", &in.address, 300},
                                    {"place", &in.place, 100},
                                    {"min_age", &in.min_age, 6},
                                    {"safety", &in.safety, 2000},
                                    {"description", &in.description, 4000}}) {
        auto text = TextMember(body, name, static_cast<size_t>(max));
        if (!text.ok()) return text.error();
        *field = std::move(*text);
    }
    for (auto [name, flag] : {std::pair{"wheelchair", &in.wheelchair}, {"hearing", &in.hearing},
                              {"visual", &in.visual}, {"mental", &in.mental}, {"psychic", &in.psychic}}) {
        auto value = BoolMemberOr(body, name, false);
        if (!value.ok()) return value.error();
        *flag = *value;
    }
    return in;
}

// {"day", "starts_at", "ends_at", "capacity_people", "capacity_groups", "audiences": [codes],
// "min_level"}: the tour form's fields, named as the API writes a tour.
// The members a tour is written with; `base` gives those the body leaves out (PATCH, issue 19).
Result<services::TourInput> ReadTourBody(const boost::json::object& body, services::TourInput base = {}) {
    services::TourInput in = std::move(base);
    for (auto [name, field] : {std::pair{"day", &in.day},
                               {"starts_at", &in.starts},
                               {"ends_at", &in.ends},
                               {"capacity_people", &in.capacity},
                               {"capacity_groups", &in.groups},
                               {"min_level", &in.min_level}}) {
        if (!body.contains(name)) continue;
        auto text = TextMember(body, name, 20);
        if (!text.ok()) return text.error();
        *field = std::move(*text);
    }
    if (const auto* audiences = body.if_contains("audiences")) {
        in.audiences.clear();
        if (!audiences->is_array())
            return MakeError(ErrorCode::kInvalidArgument, "audiences must be an array of audience codes",
                             "audiences doit être une liste de codes de publics");
        for (const auto& a : audiences->as_array()) {
            if (!a.is_string())
                return MakeError(ErrorCode::kInvalidArgument,
                                 "each audience is a code (public, school, job_seekers)",
                                 "chaque public est un code (public, school, job_seekers)");
            in.audiences.emplace_back(a.as_string());
        }
    }
    return in;
}

void WriteVisitors(JsonWriter& w, const std::vector<services::VisitorRow>& rows) {
    w.Key("visitors");
    w.BeginArray();
    for (const auto& v : rows) {
        w.BeginObject();
        w.Key("day");
        w.String(v.day_date);
        w.Key("starts_at");
        w.String(v.starts_at);
        w.Key("ticket_code");
        w.String(v.ticket_code);
        w.Key("name");
        w.String(v.name);
        w.Key("email");
        w.String(v.email);
        w.Key("kind");
        w.String(v.kind);
        w.Key("status");
        w.String(v.status);
        w.Key("people");
        w.Int(v.people);
        w.Key("attended");
        if (v.attended)
            w.Int(*v.attended);
        else
            w.Null();
        w.EndObject();
    }
    w.EndArray();
}

}  // namespace

void RegisterHostApi(http::Router& router, const PeopleContext& ctx) {
    AddAdmitted(router, ctx, "POST", "/api/v1/host/sites",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    auto input = ReadRegistrationBody(*body);
                    if (!input.ok()) return ApiError(input.error());
                    auto read = services::ReadRegistration(*input);
                    if (auto* problem = std::get_if<services::FieldError>(&read)) return ApiError(problem->error);
                    auto& registration = std::get<services::Registration>(read);
                    auto site = services::RegisterFactory(db, *ctx.sessions, caller.principal->user_id, registration);
                    if (!site.ok()) return ApiError(site.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("site");
                    WriteHostSite(w, services::HostSiteView{registration.site, registration.participation_id,
                                                            domain::ParticipationStatus::kSubmitted, 0});
                    w.EndObject();
                    return JsonAnswer(201, w);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/host/sites",
                [](const http::Request&, const Caller& caller, services::Db& db) {
                    auto sites = services::HostedSites(db, *caller.principal);
                    if (!sites.ok()) return ApiError(sites.error());
                    return SiteList("sites", sites->sites);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/host/sites/{id}/sessions",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!access.ok()) return ApiError(access.error());
                    auto sessions = services::SiteTours(db, *access);
                    if (!sessions.ok()) return ApiError(sessions.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("site");
                    WriteHostSite(w, access->view);
                    w.Key("sessions");
                    WriteSessions(w, *sessions);
                    w.EndObject();
                    return JsonAnswer(200, w);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/host/sites/{id}/sessions",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!access.ok()) return ApiError(access.error());
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    Result<domain::Session> tour =
                        MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue");
                    if (body->contains("copy_of")) {
                        auto original = IntMember(*body, "copy_of", 1, 1LL << 53);
                        if (!original.ok()) return ApiError(original.error());
                        tour = services::CopyTour(db, *access, *original);
                    } else {
                        auto input = ReadTourBody(*body);
                        if (!input.ok()) return ApiError(input.error());
                        tour = services::ReadTour(*input, *access);
                    }
                    if (!tour.ok()) return ApiError(tour.error());
                    auto stored = services::PublishTour(db, caller.principal->user_id, *tour);
                    if (!stored.ok()) return ApiError(stored.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("session");
                    WriteSession(w, *tour);
                    w.EndObject();
                    return JsonAnswer(201, w);
                });

    // Issue 19: a tour changed (the members given; the others stay) or deleted, by its host
    // (services/tour_changes.h: visitors e-mailed, places and waiting lists handled).
    AddAdmitted(router, ctx, "PATCH", "/api/v1/host/sites/{id}/sessions/{session_id}",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!access.ok()) return ApiError(access.error());
                    const auto id = ParsePositiveId(req.PathParam("session_id"));
                    auto current = services::SiteTour(db, *access, id);
                    if (!current.ok()) return ApiError(current.error());
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    auto input = ReadTourBody(*body, TourInputOf(TourForm(*current)));
                    if (!input.ok()) return ApiError(input.error());
                    auto edit = services::EditTour(db, *access, caller.principal->user_id, id, *input, NowUtcIso(),
                                                   {ctx.public_url, ctx.manage}, ctx.engine);
                    if (!edit.ok()) return ApiError(edit.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("session");
                    WriteSession(w, edit->tour);
                    w.Key("moved");
                    w.Bool(edit->moved);
                    w.Key("bookings_mailed");
                    w.Int(edit->bookings_mailed);
                    w.Key("waiting_mailed");
                    w.Int(edit->waiting_mailed);
                    w.Key("places_offered_to_waiting_list");
                    w.Bool(edit->places_added);
                    w.EndObject();
                    return JsonAnswer(200, w);
                });
    AddAdmitted(router, ctx, "DELETE", "/api/v1/host/sites/{id}/sessions/{session_id}",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!access.ok()) return ApiError(access.error());
                    auto gone = services::DeleteTour(db, *access, caller.principal->user_id,
                                                     ParsePositiveId(req.PathParam("session_id")), NowUtcIso());
                    if (!gone.ok()) return ApiError(gone.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("bookings_cancelled");
                    w.Int(gone->bookings_cancelled);
                    w.Key("waiting_mailed");
                    w.Int(gone->waiting_mailed);
                    w.Key("wishes_unavailable");
                    w.Int(gone->wishes_unavailable);
                    w.EndObject();
                    return JsonAnswer(200, w);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/host/sites/{id}/visitors",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!access.ok()) return ApiError(access.error());
                    const std::string* format = req.Query("format");
                    const std::string kind = format ? *format : "json";
                    if (kind != "json" && kind != "csv" && kind != report::kCsvExcelFormat && kind != "xlsx")
                        return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                                  "format is json, csv, csv-excel or xlsx",
                                                  "format : json, csv, csv-excel ou xlsx"));
                    if (kind != "json") {
                        auto file = services::VisitorListFile(db, *access, kind);
                        if (!file.ok()) return ApiError(file.error());
                        return VisitorFileResponse(std::move(*file));
                    }
                    auto visitors = services::SiteVisitors(db, *access);
                    if (!visitors.ok()) return ApiError(visitors.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("site_id");
                    w.Int(access->view.site.id);
                    WriteVisitors(w, *visitors);
                    w.EndObject();
                    return JsonAnswer(200, w);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/moderation",
                [](const http::Request&, const Caller& caller, services::Db& db) {
                    auto queue = services::ModerationQueue(db, *caller.principal);
                    if (!queue.ok()) return ApiError(queue.error());
                    return SiteList("registrations", *queue);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/moderation/{id}",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto id = PathId(req, "registration");
                    auto body = JsonObjectBody(req);
                    if (auto e = FirstError(id, body)) return ApiError(*e);
                    auto decision = StringMember(*body, "decision", 20);
                    auto reason = TextMember(*body, "reason", 1000);
                    if (auto e = FirstError(decision, reason)) return ApiError(*e);
                    auto status = ReadDecision(*decision, *reason);
                    if (!status.ok()) return ApiError(status.error());
                    auto decided = services::DecideParticipation(db, *caller.principal, *id, *status, *reason,
                                                                 DecisionMailText(ctx.public_url, *status, *reason));
                    if (!decided.ok()) return ApiError(decided.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("participation_id");
                    w.Int(*id);
                    w.Key("status");
                    w.String(domain::ToCode(*status));
                    w.EndObject();
                    return JsonAnswer(200, w);
                });
}

}  // namespace juo::web

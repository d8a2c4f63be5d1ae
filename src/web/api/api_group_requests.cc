// Group request API handlers (see api_group_requests.h).
#include "web/api/api_group_requests.h"

#include "http/errors.h"
#include "http/router.h"
#include "web/account/group_request_mail.h"
#include "web/host/host_kit.h"  // issue 19: the e-mail of a new request
#include "services/group_requests.h"
#include "web/api/api_v1.h"
#include "web/api/booking_json.h"

namespace juo::web {
namespace {

void WriteRequest(JsonWriter& w, const services::GroupRequestView& v, bool with_requester) {
    const auto& r = v.request;
    w.BeginObject();
    w.Key("id");
    w.Int(r.id);
    w.Key("edition_id");
    w.Int(r.edition_id);
    w.Key("status");
    w.String(domain::ToCode(r.status));
    w.Key("audience");
    w.String(domain::ToCode(r.audience));
    w.Key("level");
    w.String(r.level);
    w.Key("pupils");
    w.Int(r.pupils);
    w.Key("adults");
    w.Int(r.adults);
    w.Key("bus_needed");
    w.Bool(r.bus_needed);
    w.Key("department");
    w.String(r.department_code);
    w.Key("school_id");
    if (r.school_id)
        w.Int(*r.school_id);
    else
        w.Null();
    w.Key("school_name");
    w.String(v.school_name);
    w.Key("radius_km");
    if (r.radius_km)
        w.Double(*r.radius_km);
    else
        w.Null();
    w.Key("sectors");
    w.BeginArray();
    for (const auto& d : r.sector_divisions) w.String(d);
    w.EndArray();
    w.Key("submitted_at");
    w.String(r.submitted_at);
    w.Key("message");
    if (r.message.empty())
        w.Null();
    else
        w.String(r.message);
    if (with_requester) {
        w.Key("requester");
        w.BeginObject();
        w.Key("name");
        w.String(v.requester_name);
        w.Key("email");
        w.String(v.requester_email);
        w.EndObject();
    }
    w.Key("wishes");
    w.BeginArray();
    for (const auto& wish : v.wishes) {
        w.BeginObject();
        w.Key("rank");
        w.Int(wish.rank);
        w.Key("session_id");
        if (wish.session_id)
            w.Int(*wish.session_id);
        else
            w.Null();
        w.Key("site_id");
        w.Int(wish.site_id);
        w.Key("site_name");
        w.String(wish.site_name);
        w.Key("places_left");
        w.Int(wish.places_left);
        w.Key("group_slots_left");
        w.Int(wish.groups_left);
        w.Key("unavailable");
        w.Bool(wish.unavailable);
        w.EndObject();
    }
    w.EndArray();
    if (v.accepted_tour) {
        w.Key("booking_id");
        w.Int(v.booking_id.value_or(0));
        w.Key("ticket_code");
        w.String(v.ticket_code);
        WriteTour(w, *v.accepted_tour);
    }
    w.EndObject();
}

http::Response RequestList(const std::vector<services::GroupRequestView>& views, bool with_requester) {
    JsonWriter w;
    w.BeginObject();
    w.Key("group_requests");
    w.BeginArray();
    for (const auto& v : views) WriteRequest(w, v, with_requester);
    w.EndArray();
    w.EndObject();
    http::Response r = http::Response::Json(200, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// {"level", "pupils", "adults", "bus_needed", "place" | "school_id" | "new_school": {…},
//  "wishes": [tour ids], "radius_km", "sectors": ["29", …]} → input.
Result<services::GroupRequestInput> ReadInput(const boost::json::object& body) {
    services::GroupRequestInput in;
    auto level = StringMember(body, "level", 20);
    auto pupils = IntMember(body, "pupils", -1000000, 1000000);
    auto adults = IntMemberOr(body, "adults", -1000000, 1000000, 0);
    auto bus = BoolMemberOr(body, "bus_needed", false);
    auto place = body.contains("place") ? StringMember(body, "place", 100) : Result<std::string>("");
    auto school = IntMemberOr(body, "school_id", 0, 1LL << 53, 0);
    auto radius = IntMemberOr(body, "radius_km", -1000000, 1000000, 0);
    if (auto e = FirstError(level, pupils, adults, bus, place, school, radius)) return *e;
    in.level = *level;
    in.pupils = *pupils;
    in.adults = *adults;
    in.bus_needed = *bus;
    in.place = *place;
    if (*school > 0) in.school_id = *school;
    if (body.contains("radius_km")) in.radius_km = static_cast<double>(*radius);
    if (const auto* n = body.if_contains("new_school")) {
        if (!n->is_object())
            return MakeError(ErrorCode::kInvalidArgument, "new_school must be an object",
                             "new_school doit être un objet");
        const auto& o = n->as_object();
        auto name = StringMember(o, "name", 200);
        auto town = StringMember(o, "place", 100);
        auto kind = StringMember(o, "kind", 20);
        auto uai = o.contains("uai") ? StringMember(o, "uai", 20) : Result<std::string>("");
        auto priority = o.contains("priority") ? StringMember(o, "priority", 20) : Result<std::string>("none");
        auto rural = BoolMemberOr(o, "rural", false);
        if (auto e = FirstError(name, town, kind, uai, priority, rural)) return *e;
        in.new_school = services::NewSchoolInput{*name, *uai, *town, *kind, *priority, *rural};
    }
    const boost::json::value* wishes = body.if_contains("wishes");
    if (wishes && !wishes->is_array())
        return MakeError(ErrorCode::kInvalidArgument, "wishes must be an array of tour ids",
                         "wishes doit être une liste de numéros de visites");
    if (wishes)
        for (const auto& id : wishes->as_array()) {
            if (!id.is_int64() || id.as_int64() <= 0)
                return MakeError(ErrorCode::kInvalidArgument, "each wish is a positive tour id",
                                 "chaque vœu est un numéro de visite");
            in.wishes.push_back(id.as_int64());
        }
    if (const auto* sectors = body.if_contains("sectors")) {
        if (!sectors->is_array() || sectors->as_array().size() > 20)
            return MakeError(ErrorCode::kInvalidArgument, "sectors must be an array of NAF divisions",
                             "sectors doit être une liste de divisions NAF");
        for (const auto& d : sectors->as_array()) {
            if (!d.is_string() || d.as_string().size() > 2)
                return MakeError(ErrorCode::kInvalidArgument, "each sector is a two-digit NAF division",
                                 "chaque secteur est une division NAF à deux chiffres");
            in.sectors.emplace_back(d.as_string().c_str());
        }
    }
    return in;
}

// Every error of a request at once (issue 18): 400 with the first as "error" and all in "fields".
http::Response FieldErrorsResponse(const services::FieldErrors& errors) {
    const Error& first = errors.front().error;
    JsonWriter w;
    w.BeginObject();
    w.Key("error");
    w.BeginObject();
    w.Key("code");
    w.String(ErrorCodeName(first.code));
    w.Key("message");
    w.String(first.message);
    w.Key("message_fr");
    w.String(first.message_fr.empty() ? first.message : first.message_fr);
    w.Key("fields");
    w.BeginArray();
    for (const auto& e : errors) {
        w.BeginObject();
        w.Key("field");
        w.String(e.field);
        w.Key("message");
        w.String(e.error.message);
        w.Key("message_fr");
        w.String(e.error.message_fr.empty() ? e.error.message : e.error.message_fr);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
    return http::Response::Json(http::HttpStatusFor(first.code), w.Take());
}

http::Response OneRequest(services::Db& db, long long id, int status) {
    auto view = services::FindGroupRequest(db, id);
    if (!view.ok()) return ApiError(view.error());
    if (!*view) return ApiError(MakeError(ErrorCode::kUnavailable, "the request could not be read"));
    JsonWriter w;
    w.BeginObject();
    w.Key("group_request");
    WriteRequest(w, **view, false);
    w.Key("warnings");
    w.BeginArray();
    for (const auto& warning : services::CapacityWarnings(**view)) {
        w.BeginObject();
        w.Key("field");
        w.String(warning.field);
        w.Key("message");
        w.String(warning.error.message);
        w.Key("message_fr");
        w.String(warning.error.message_fr);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterGroupRequestApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("POST", "/api/v1/group-requests", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests");
        if (!caller.ok()) return ApiError(caller.error());
        auto body = JsonObjectBody(req);
        if (!body.ok()) return ApiError(body.error());
        auto input = ReadInput(*body);
        if (!input.ok()) return ApiError(input.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto built = services::BuildGroupRequest(**db, *caller->principal, *input);
        if (auto* errors = std::get_if<services::FieldErrors>(&built)) return FieldErrorsResponse(*errors);
        auto& request = std::get<services::BuiltRequest>(built);
        auto id = services::StoreGroupRequest(**db, request, NewRequestMailText(ctx.public_url),
                                              RequestAckMailText(ctx.public_url));
        if (!id.ok()) return ApiError(id.error());
        return OneRequest(**db, *id, 201);
    });

    // [block: friday requests API, issue 18]
    router.Add("GET", "/api/v1/schools", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/schools");
        if (!caller.ok()) return ApiError(caller.error());
        const std::string* q = req.Query("q");
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto schools = services::FindSchools(**db, q ? *q : "", 10);
        if (!schools.ok()) return ApiError(schools.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("schools");
        w.BeginArray();
        for (const auto& s : *schools) {
            w.BeginObject();
            w.Key("id");
            w.Int(s.id);
            w.Key("name");
            w.String(s.name);
            w.Key("uai");
            w.String(s.uai);
            w.Key("commune");
            w.String(s.commune_name);
            w.Key("department");
            w.String(s.department_code);
            w.Key("priority_education");
            w.String(domain::ToCode(s.priority_education));
            w.Key("rural");
            w.Bool(s.rural);
            w.Key("to_check");
            w.Bool(s.to_check);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        http::Response r = http::Response::Json(200, w.Take());
        r.AddHeader("Cache-Control", "no-store");
        return r;
    });
    router.Add("PATCH", "/api/v1/group-requests/{id}", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests/{id}");
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "group request");
        auto body = JsonObjectBody(req);
        if (auto e = FirstError(id, body)) return ApiError(*e);
        auto input = ReadInput(*body);
        if (!input.ok()) return ApiError(input.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto errors = services::EditGroupRequest(**db, *caller->principal, *id, *input);
        if (!errors.empty()) {
            if (errors.size() == 1 && errors[0].field.empty()) return ApiError(errors[0].error);
            return FieldErrorsResponse(errors);
        }
        return OneRequest(**db, *id, 200);
    });
    router.Add("DELETE", "/api/v1/group-requests/{id}", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests/{id}");
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "group request");
        if (!id.ok()) return ApiError(id.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto done = services::CancelGroupRequest(**db, *caller->principal, *id);
        if (!done.ok()) return ApiError(done.error());
        return OneRequest(**db, *id, 200);
    });
    router.Add("POST", "/api/v1/group-requests/{id}/wishes/{rank}/unavailable", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests/{id}/wishes/{rank}/unavailable");
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "group request");
        if (!id.ok()) return ApiError(id.error());
        auto rank = ParsePositiveId(req.PathParam("rank"));
        if (!rank || *rank > services::kMaxWishes)
            return ApiError(MakeError(ErrorCode::kNotFound, "no such wish", "vœu introuvable"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto done = services::MarkWishUnavailable(**db, *caller->principal, *id, static_cast<int>(*rank));
        if (!done.ok()) return ApiError(done.error());
        auto view = services::FindGroupRequest(**db, *id);
        if (!view.ok()) return ApiError(view.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("group_request");
        WriteRequest(w, **view, true);
        w.EndObject();
        http::Response r = http::Response::Json(200, w.Take());
        r.AddHeader("Cache-Control", "no-store");
        return r;
    });
    // [end of block: friday requests API]

    router.Add("GET", "/api/v1/me/group-requests", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/me/group-requests");
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto requests = services::RequestsOf(**db, caller->principal->user_id);
        if (!requests.ok()) return ApiError(requests.error());
        return RequestList(*requests, false);
    });

    router.Add("GET", "/api/v1/host/group-requests", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/host/group-requests");
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto requests = services::RequestsToDecide(**db, *caller->principal, 1000);
        if (!requests.ok()) return ApiError(requests.error());
        return RequestList(*requests, true);
    });

    router.AddAsync("POST", "/api/v1/group-requests/{id}/accept", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests/{id}/accept");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto id = PathId(req, "group request");
        auto body = JsonObjectBody(req);
        if (auto e = FirstError(id, body)) return reply(ApiError(*e));
        auto session = IntMember(*body, "session_id", 1, 1LL << 53);
        auto message = body->contains("message") ? StringMember(*body, "message", 1000) : Result<std::string>("");
        if (auto e = FirstError(session, message)) return reply(ApiError(*e));
        // The rule reads the request on this thread's connection: quick, an indexed look-up.
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return reply(ApiError(db.error()));
        if (auto allowed = services::FirstComeDecisionAllowed(**db, *id); !allowed.ok())
            return reply(ApiError(allowed.error()));
        auto may = services::DecisionRule(**db, *caller->principal, *id);
        if (!may.ok()) return reply(ApiError(may.error()));
        RunCommand(ctx, booking::AcceptGroupRequest{*id, *session, caller->principal->user_id, *message, *may}, reply);
    });

    router.AddAsync("POST", "/api/v1/group-requests/{id}/refuse", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/group-requests/{id}/refuse");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto id = PathId(req, "group request");
        auto body = JsonObjectBody(req);
        if (auto e = FirstError(id, body)) return reply(ApiError(*e));
        auto message = body->contains("message") ? StringMember(*body, "message", 1000) : Result<std::string>("");
        if (!message.ok()) return reply(ApiError(message.error()));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return reply(ApiError(db.error()));
        if (auto allowed = services::FirstComeDecisionAllowed(**db, *id); !allowed.ok())
            return reply(ApiError(allowed.error()));
        auto may = services::DecisionRule(**db, *caller->principal, *id);
        if (!may.ok()) return reply(ApiError(may.error()));
        RunCommand(ctx, booking::RefuseGroupRequest{*id, caller->principal->user_id, *message, *may}, reply);
    });

    router.Add("GET", "/api/v1/host/sessions/{id}/bookings", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/host/sessions/{id}/bookings");
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "tour");
        if (!id.ok()) return ApiError(id.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto bookings = services::TourBookings(**db, *caller->principal, *id);
        if (!bookings.ok()) return ApiError(bookings.error());
        JsonWriter w;
        w.BeginObject();
        WriteBookingViews(w, *bookings, false);
        w.EndObject();
        http::Response r = http::Response::Json(200, w.Take());
        r.AddHeader("Cache-Control", "no-store");
        return r;
    });
}

}  // namespace juo::web

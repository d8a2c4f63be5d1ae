// Group request API handlers (see api_group_requests.h).
#include "web/api/api_group_requests.h"

#include "http/router.h"
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

// {"level", "pupils", "adults", "bus_needed", "place", "wishes": [tour ids]} → input.
Result<services::GroupRequestInput> ReadInput(const boost::json::object& body) {
    services::GroupRequestInput in;
    auto level = StringMember(body, "level", 20);
    auto pupils = IntMember(body, "pupils", -1000000, 1000000);
    auto adults = IntMemberOr(body, "adults", -1000000, 1000000, 0);
    auto bus = BoolMemberOr(body, "bus_needed", false);
    auto place = StringMember(body, "place", 100);
    if (auto e = FirstError(level, pupils, adults, bus, place)) return *e;
    in.level = *level;
    in.pupils = *pupils;
    in.adults = *adults;
    in.bus_needed = *bus;
    in.place = *place;
    const boost::json::value* wishes = body.if_contains("wishes");
    if (!wishes || !wishes->is_array())
        return MakeError(ErrorCode::kInvalidArgument, "wishes must be an array of tour ids",
                         "wishes doit être une liste de numéros de visites");
    for (const auto& id : wishes->as_array()) {
        if (!id.is_int64() || id.as_int64() <= 0)
            return MakeError(ErrorCode::kInvalidArgument, "each wish is a positive tour id",
                             "chaque vœu est un numéro de visite");
        in.wishes.push_back(id.as_int64());
    }
    return in;
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
        if (auto* problem = std::get_if<services::FieldError>(&built)) return ApiError(problem->error);
        auto& request = std::get<domain::GroupRequest>(built);
        auto id = services::StoreGroupRequest(**db, request, NewRequestMailText(ctx.public_url));
        if (!id.ok()) return ApiError(id.error());
        auto view = services::FindGroupRequest(**db, *id);
        if (!view.ok()) return ApiError(view.error());
        if (!*view) return ApiError(MakeError(ErrorCode::kUnavailable, "the new request could not be read"));
        JsonWriter w;
        w.BeginObject();
        w.Key("group_request");
        WriteRequest(w, **view, false);
        w.EndObject();
        http::Response r = http::Response::Json(201, w.Take());
        r.AddHeader("Cache-Control", "no-store");
        return r;
    });

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

// Booking API handlers: admit → decode → engine command → JSON.
#include "web/api_bookings.h"

#include <charconv>

#include "auth/authorisation.h"
#include "http/router.h"
#include "store/booking_queries.h"
#include "web/api_v1.h"
#include "web/json_writer.h"

namespace juo::web {
namespace {

void WriteBooking(JsonWriter& w, const domain::Booking& b) {
    w.BeginObject();
    w.Key("id");
    w.Int(b.id);
    w.Key("session_id");
    w.Int(b.session_id);
    w.Key("people");
    w.Int(b.people);
    w.Key("audience");
    w.String(domain::ToCode(b.audience));
    w.Key("status");
    w.String(domain::ToCode(b.status));
    w.Key("ticket_code");
    w.String(b.ticket_code);
    w.Key("created_at");
    w.String(b.created_at);
    w.Key("cancelled_at");
    if (b.cancelled_at.empty())
        w.Null();
    else
        w.String(b.cancelled_at);
    w.EndObject();
}

void WriteEntry(JsonWriter& w, const domain::WaitlistEntry& e, const std::string& leave_token) {
    w.BeginObject();
    w.Key("id");
    w.Int(e.id);
    w.Key("session_id");
    w.Int(e.session_id);
    w.Key("people");
    w.Int(e.people);
    w.Key("status");
    w.String(domain::ToCode(e.status));
    w.Key("offer_expires_at");
    if (e.offer_expires_at.empty())
        w.Null();
    else
        w.String(e.offer_expires_at);
    if (!leave_token.empty()) {
        w.Key("leave_token");
        w.String(leave_token);
    }
    w.EndObject();
}

void WriteTour(JsonWriter& w, const store::TourSummary& t) {
    w.Key("tour");
    w.BeginObject();
    w.Key("session_id");
    w.Int(t.session_id);
    w.Key("site_id");
    w.Int(t.site_id);
    w.Key("site_name");
    w.String(t.site_name);
    w.Key("commune");
    w.String(t.commune);
    w.Key("day");
    w.String(t.day_date);
    w.Key("starts_at");
    w.String(t.starts_at);
    w.Key("ends_at");
    w.String(t.ends_at);
    w.EndObject();
}

// The JSON answer of an engine outcome.
http::Response OutcomeResponse(const booking::Outcome& o) {
    JsonWriter w;
    w.BeginObject();
    int status = 200;
    if (o.booking) {
        w.Key("booking");
        WriteBooking(w, *o.booking);
        if (o.kind == booking::Outcome::Kind::kBooked && !o.replayed) status = 201;
    }
    if (o.entry) {
        w.Key("waitlist_entry");
        WriteEntry(w, *o.entry, o.leave_token);
        if (o.kind == booking::Outcome::Kind::kWaitlisted) status = 202;
    }
    if (o.kind == booking::Outcome::Kind::kCheckedIn) {
        w.Key("check_in_id");
        w.Int(o.check_in_id);
    }
    w.Key("replayed");
    w.Bool(o.replayed);
    w.Key("places_left");
    w.Int(o.places_left);
    w.Key("offers_made");
    w.Int(o.offers_made);
    w.EndObject();
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// Submits `command` and replies with its outcome.
void Run(const PeopleContext& ctx, booking::Command command, http::Reply reply) {
    ctx.engine->Submit(std::move(command), [reply](Result<booking::Outcome> r) {
        reply(r.ok() ? OutcomeResponse(*r) : ApiError(r.error()));
    });
}

Result<long long> PathId(const http::Request& req, const char* what) {
    const std::string text = req.PathParam("id");
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " id must be a positive number",
                         "identifiant invalide");
    return id;
}

}  // namespace

void RegisterBookingApi(http::Router& router, const PeopleContext& ctx) {
    router.AddAsync("POST", "/api/v1/bookings", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/bookings");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto session = IntMember(*body, "session_id", 1, 1LL << 53);
        auto people = IntMember(*body, "people", 1, 1000);
        auto wait = BoolMemberOr(*body, "waitlist", false);
        if (auto e = FirstError(session, people, wait)) return reply(ApiError(*e));
        domain::Audience audience = domain::Audience::kPublic;
        if (body->contains("audience")) {
            auto code = StringMember(*body, "audience", 20);
            if (!code.ok()) return reply(ApiError(code.error()));
            auto parsed = domain::ParseAudience(*code);
            if (!parsed)
                return reply(ApiError(MakeError(ErrorCode::kInvalidArgument,
                                                "unknown audience '" + *code + "'", "public inconnu")));
            audience = *parsed;
        }
        std::string key = req.Header("idempotency-key");
        if (key.size() > 200)
            return reply(ApiError(MakeError(ErrorCode::kInvalidArgument,
                                            "Idempotency-Key is longer than 200 characters",
                                            "clé d'idempotence trop longue")));
        Run(ctx,
            booking::Book{caller->principal->user_id, *session, static_cast<int>(*people), audience, key,
                          *wait},
            reply);
    });

    router.Add("GET", "/api/v1/me/bookings", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/me/bookings");
        if (!caller.ok()) return ApiError(caller.error());
        auto db = ctx.db->Get();
        if (!db.ok()) return ApiError(db.error());
        std::vector<store::BookingView> bookings;
        std::vector<store::WaitlistView> waiting;
        try {
            bookings = store::UserBookings(**db, caller->principal->user_id);
            waiting = store::UserWaitlist(**db, caller->principal->user_id);
        } catch (const std::exception& e) {
            return ApiError((*db)->FromException(e));
        }
        JsonWriter w;
        w.BeginObject();
        w.Key("bookings");
        w.BeginArray();
        for (const auto& b : bookings) {
            w.BeginObject();
            w.Key("booking");
            WriteBooking(w, b.booking);
            WriteTour(w, b.tour);
            w.Key("attended");
            if (b.attended)
                w.Int(*b.attended);
            else
                w.Null();
            w.EndObject();
        }
        w.EndArray();
        w.Key("waitlist");
        w.BeginArray();
        for (const auto& e : waiting) {
            w.BeginObject();
            w.Key("entry");
            WriteEntry(w, e.entry, "");
            WriteTour(w, e.tour);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        http::Response r = http::Response::Json(200, w.Take());
        r.AddHeader("Cache-Control", "no-store");
        return r;
    });

    router.AddAsync("POST", "/api/v1/bookings/{id}/cancel",
                    [ctx](const http::Request& req, http::Reply reply) {
                        auto caller = Admit(ctx, req, "/api/v1/bookings/{id}/cancel");
                        if (!caller.ok()) return reply(ApiError(caller.error()));
                        auto id = PathId(req, "booking");
                        if (!id.ok()) return reply(ApiError(id.error()));
                        bool organiser = caller->principal->Has(domain::Role::kOrganiser);
                        Run(ctx, booking::Cancel{caller->principal->user_id, *id, organiser}, reply);
                    });

    router.AddAsync("POST", "/api/v1/waitlist/{id}/accept",
                    [ctx](const http::Request& req, http::Reply reply) {
                        auto caller = Admit(ctx, req, "/api/v1/waitlist/{id}/accept");
                        if (!caller.ok()) return reply(ApiError(caller.error()));
                        auto id = PathId(req, "waiting-list entry");
                        if (!id.ok()) return reply(ApiError(id.error()));
                        Run(ctx, booking::AcceptOffer{caller->principal->user_id, *id}, reply);
                    });

    router.AddAsync("POST", "/api/v1/waitlist/{id}/leave",
                    [ctx](const http::Request& req, http::Reply reply) {
                        auto caller = Admit(ctx, req, "/api/v1/waitlist/{id}/leave");
                        if (!caller.ok()) return reply(ApiError(caller.error()));
                        auto id = PathId(req, "waiting-list entry");
                        if (!id.ok()) return reply(ApiError(id.error()));
                        Run(ctx, booking::LeaveWaitlist{"", caller->principal->user_id, *id}, reply);
                    });

    router.AddAsync("POST", "/api/v1/waitlist/leave", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/waitlist/leave");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto token = StringMember(*body, "token", 100);
        if (!token.ok()) return reply(ApiError(token.error()));
        Run(ctx, booking::LeaveWaitlist{*token, 0, 0}, reply);
    });

    router.AddAsync("POST", "/api/v1/check-ins", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/check-ins");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto code = StringMember(*body, "ticket_code", 40);
        auto attended = IntMember(*body, "attended", 0, 1000);
        if (auto e = FirstError(code, attended)) return reply(ApiError(*e));
        auth::Principal who = *caller->principal;
        Run(ctx,
            booking::CheckIn{*code, static_cast<int>(*attended), who.user_id,
                             [who](long long site_id) { return auth::CanActOnSite(who, site_id); }},
            reply);
    });
}

}  // namespace juo::web

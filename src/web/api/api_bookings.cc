// Booking API handlers: admit → decode → engine command → JSON.
#include "web/api/api_bookings.h"

#include "auth/authorisation.h"
#include "domain/booking.h"
#include "http/router.h"
#include "services/bookings.h"
#include "web/api/api_v1.h"
#include "web/api/booking_json.h"
#include "web/kit/json_writer.h"

namespace juo::web {

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
        RunCommand(ctx,
            booking::Book{caller->principal->user_id, *session, static_cast<int>(*people), audience, key,
                          *wait},
            reply);
    });

    router.Add("GET", "/api/v1/me/bookings", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/me/bookings");
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto places = services::UserBookingsAndWaitlist(**db, caller->principal->user_id);
        if (!places.ok()) return ApiError(places.error());
        JsonWriter w;
        w.BeginObject();
        WriteBookingViews(w, places->bookings, true);
        w.Key("waitlist");
        w.BeginArray();
        for (const auto& e : places->waiting) {
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
                        RunCommand(ctx, booking::Cancel{caller->principal->user_id, *id, organiser}, reply);
                    });

    // The party size of one's booking: up into free places only, down frees places for the
    // waiting list (booking::ChangePeople). Asynchronous like the cancellation.
    router.AddAsync(
        "POST", "/api/v1/bookings/{id}/people", [ctx](const http::Request& req, http::Reply reply) {
            auto caller = Admit(ctx, req, "/api/v1/bookings/{id}/people");
            if (!caller.ok()) return reply(ApiError(caller.error()));
            auto id = PathId(req, "booking");
            if (!id.ok()) return reply(ApiError(id.error()));
            auto body = JsonObjectBody(req);
            if (!body.ok()) return reply(ApiError(body.error()));
            auto people = IntMember(*body, "people", 1, 1000);
            if (!people.ok()) return reply(ApiError(people.error()));
            RunCommand(ctx, booking::ChangePeople{caller->principal->user_id, *id, static_cast<int>(*people)},
                       reply);
        });

    router.AddAsync("POST", "/api/v1/waitlist/{id}/accept",
                    [ctx](const http::Request& req, http::Reply reply) {
                        auto caller = Admit(ctx, req, "/api/v1/waitlist/{id}/accept");
                        if (!caller.ok()) return reply(ApiError(caller.error()));
                        auto id = PathId(req, "waiting-list entry");
                        if (!id.ok()) return reply(ApiError(id.error()));
                        RunCommand(ctx, booking::AcceptOffer{caller->principal->user_id, *id}, reply);
                    });

    router.AddAsync("POST", "/api/v1/waitlist/{id}/leave",
                    [ctx](const http::Request& req, http::Reply reply) {
                        auto caller = Admit(ctx, req, "/api/v1/waitlist/{id}/leave");
                        if (!caller.ok()) return reply(ApiError(caller.error()));
                        auto id = PathId(req, "waiting-list entry");
                        if (!id.ok()) return reply(ApiError(id.error()));
                        RunCommand(ctx, booking::LeaveWaitlist{"", caller->principal->user_id, *id}, reply);
                    });

    router.AddAsync("POST", "/api/v1/waitlist/leave", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/waitlist/leave");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto token = StringMember(*body, "token", 100);
        if (!token.ok()) return reply(ApiError(token.error()));
        RunCommand(ctx, booking::LeaveWaitlist{*token, 0, 0}, reply);
    });

    // [block: waiting-list offer by its link] Issue 17: accept a waiting-list offer with the offer
    // e-mail's token, no account needed (booking::AcceptOffer checks it against the entry).
    router.AddAsync(
        "POST", "/api/v1/waitlist/offers/accept", [ctx](const http::Request& req, http::Reply reply) {
            auto caller = Admit(ctx, req, "/api/v1/waitlist/offers/accept");
            if (!caller.ok()) return reply(ApiError(caller.error()));
            auto body = JsonObjectBody(req);
            if (!body.ok()) return reply(ApiError(body.error()));
            auto entry = IntMember(*body, "entry_id", 1, 1LL << 53);
            auto token = StringMember(*body, "token", 100);
            if (auto e = FirstError(entry, token)) return reply(ApiError(*e));
            if (token->empty())
                return reply(
                    ApiError(MakeError(ErrorCode::kInvalidArgument, "token is empty", "token est vide")));
            RunCommand(ctx, booking::AcceptOffer{0, *entry, *token}, reply);
        });
    // [end of block: waiting-list offer by its link]

    router.AddAsync("POST", "/api/v1/check-ins", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/check-ins");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto code = StringMember(*body, "ticket_code", 40);
        auto attended = IntMember(*body, "attended", 0, 1000);
        if (auto e = FirstError(code, attended)) return reply(ApiError(*e));
        // As the QR code holds it ("JUO:" + code) or as typed: any case, dashes and spaces.
        const std::string ticket = domain::NormaliseTicketCode(*code);
        if (ticket.empty())
            return reply(ApiError(MakeError(ErrorCode::kInvalidArgument, "ticket_code holds no ticket code",
                                            "ticket_code ne contient aucun code de billet")));
        auth::Principal who = *caller->principal;
        RunCommand(ctx,
                   booking::CheckIn{ticket, static_cast<int>(*attended), who.user_id,
                                    [who](long long site_id) { return auth::CanActOnSite(who, site_id); }},
                   reply);
    });
}

}  // namespace juo::web

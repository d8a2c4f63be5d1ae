// Account API handlers.
#include "web/api/api_accounts.h"

#include "auth/cookies.h"
#include "auth/limited_login.h"
#include "http/router.h"
#include "services/accounts.h"
#include "web/api/api_v1.h"
#include "web/kit/hashing_work.h"
#include "web/kit/json_writer.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

http::Response JsonAnswer(int status, JsonWriter& w) {
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

void WritePrincipal(JsonWriter& w, const auth::Principal& p) {
    w.BeginObject();
    w.Key("id");
    w.Int(p.user_id);
    w.Key("email");
    w.String(p.email);
    w.Key("display_name");
    w.String(p.display_name);
    w.Key("locale");
    w.String(p.locale);
    w.Key("roles");
    w.BeginArray();
    for (const auto& g : p.roles) {
        w.BeginObject();
        w.Key("role");
        w.String(domain::ToCode(g.role));
        if (!g.department_code.empty()) {
            w.Key("department");
            w.String(g.department_code);
        }
        if (g.site_id) {
            w.Key("site_id");
            w.Int(*g.site_id);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

// The 429 of a throttle, with Retry-After.
http::Response Throttled(const auth::RequestThrottle& throttle, long long wait) {
    http::Response r = ApiError(throttle.TooMany(wait));
    SetRetryAfter(r, wait);
    return r;
}

// Checks the credentials behind the login limiter and opens a session (on the hashing pool).
http::Response SignIn(const PeopleContext& ctx, const http::Request& req, const std::string& email,
                      const std::string& password) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return ApiError(db.error());
    auto user = auth::LimitedLogin(*ctx.accounts, *ctx.limiter, **db, email, password, req.remote_address);
    if (!user.ok()) return ApiError(user.error());
    auto session = ctx.sessions->Create(**db, *user, req.Header("user-agent"));
    if (!session.ok()) return ApiError(session.error());
    auto principal = ctx.sessions->Lookup(**db, *session);
    if (!principal.ok() || !*principal)
        return ApiError(MakeError(ErrorCode::kUnavailable, "the new session could not be read"));
    JsonWriter w;
    w.BeginObject();
    w.Key("session_id");
    w.String(*session);
    w.Key("csrf_token");
    w.String(ctx.csrf->SessionToken(*session));
    w.Key("user");
    WritePrincipal(w, **principal);
    w.EndObject();
    http::Response r = JsonAnswer(201, w);
    r.AddHeader("Set-Cookie", auth::SessionCookie(*session, ctx.sessions->config().idle_seconds, ctx.secure_cookies));
    return r;
}

// The 503 of a full hashing pool (OnHashingPool adds Retry-After).
http::Response Busy(const Error& e) { return ApiError(e); }

}  // namespace

void RegisterAccountApi(http::Router& router, const PeopleContext& ctx) {
    // Asynchronous (issue 17): decoded here; the throttle, the hash and the short write run on
    // the hashing pool, which answers.
    router.AddAsync("POST", "/api/v1/accounts", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/accounts");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto email = StringMember(*body, "email", 254);
        auto name = StringMember(*body, "display_name", 200);
        auto password = StringMember(*body, "password", 200);
        if (auto e = FirstError(email, name, password)) return reply(ApiError(*e));
        auth::SignUpRequest request{*email, *name, *password, domain::Role::kVisitor, "fr"};
        if (body->contains("role")) {
            auto role = StringMember(*body, "role", 20);
            if (!role.ok()) return reply(ApiError(role.error()));
            auto parsed = domain::ParseRole(*role);
            if (!parsed)
                return reply(ApiError(
                    MakeError(ErrorCode::kInvalidArgument, "unknown role '" + *role + "'", "rôle inconnu")));
            request.role = *parsed;
        }
        if (body->contains("locale")) {
            auto locale = StringMember(*body, "locale", 5);
            if (!locale.ok()) return reply(ApiError(locale.error()));
            request.locale = *locale;
        }
        // Where the confirmation link returns to (a path inside the site, e.g. the booking).
        std::string next;
        if (body->contains("next")) {
            auto given = StringMember(*body, "next", 500);
            if (!given.ok()) return reply(ApiError(given.error()));
            next = SafeNext(*given, "");
            if (next.empty())
                return reply(ApiError(MakeError(ErrorCode::kInvalidArgument,
                                                "next must be a path inside the site, starting with one /",
                                                "next doit être un chemin du site, commençant par un seul /")));
        }
        const std::string client = req.remote_address;
        // The throttle and the hash on the hashing pool, the short write on the write steps'.
        OnHashingPoolWithReply(
            ctx, std::move(reply),
            [ctx, request, next, client](http::Reply reply) {
                if (long long wait = ThrottleWait(ctx, ctx.signup_throttle, request.email, client))
                    return reply(Throttled(*ctx.signup_throttle, wait));
                auto prepared = services::PrepareSignUp(*ctx.accounts, request);
                if (!prepared.ok()) return reply(ApiError(prepared.error()));
                ThenWrite(
                    ctx, std::move(reply),
                    [ctx, next, p = *prepared]() -> http::Response {
                        auto token = services::CompleteSignUp(*ctx.db, *ctx.accounts, p, ctx.public_url, next);
                        if (!token.ok()) return ApiError(token.error());
                        JsonWriter w;
                        w.BeginObject();
                        w.Key("user_id");
                        w.Int(token->user_id);
                        w.Key("email");
                        w.String(token->email);
                        w.Key("status");
                        w.String("confirmation_sent");
                        w.EndObject();
                        return JsonAnswer(201, w);
                    },
                    Busy);
            },
            Busy);
    }, http::Execution::kPool);

    router.Add("POST", "/api/v1/accounts/confirm", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/accounts/confirm");
        if (!caller.ok()) return ApiError(caller.error());
        auto body = JsonObjectBody(req);
        if (!body.ok()) return ApiError(body.error());
        auto token = StringMember(*body, "token", 200);
        if (!token.ok()) return ApiError(token.error());
        auto user = services::ConfirmAddress(*ctx.db, *ctx.accounts, *token);
        if (!user.ok()) return ApiError(user.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("user_id");
        w.Int(*user);
        w.Key("status");
        w.String("confirmed");
        w.EndObject();
        return JsonAnswer(200, w);
    });

    // Asynchronous: the password check (argon2id) runs on the hashing pool.
    router.AddAsync("POST", "/api/v1/sessions", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/sessions");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto email = StringMember(*body, "email", 254);
        auto password = StringMember(*body, "password", 200);
        if (auto e = FirstError(email, password)) return reply(ApiError(*e));
        OnHashingPool(ctx, std::move(reply),
                      [ctx, req, email = *email, password = *password] { return SignIn(ctx, req, email, password); },
                      Busy);
    }, http::Execution::kPool);

    router.Add("DELETE", "/api/v1/sessions", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/sessions");
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        if (Status out = ctx.sessions->Logout(**db, caller->session_id); !out.ok())
            return ApiError(out.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("status");
        w.String("signed_out");
        w.EndObject();
        http::Response r = JsonAnswer(200, w);
        r.AddHeader("Set-Cookie", auth::ClearSessionCookie(ctx.secure_cookies));
        return r;
    });

    router.Add("POST", "/api/v1/password-resets", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/password-resets");
        if (!caller.ok()) return ApiError(caller.error());
        auto body = JsonObjectBody(req);
        if (!body.ok()) return ApiError(body.error());
        auto email = StringMember(*body, "email", 254);
        if (!email.ok()) return ApiError(email.error());
        if (long long wait = ThrottleWait(ctx, ctx.reset_throttle, *email, req.remote_address))
            return Throttled(*ctx.reset_throttle, wait);
        auto sent = services::MailPasswordReset(*ctx.db, *ctx.accounts, *email, ctx.public_url);
        if (!sent.ok()) return ApiError(sent.error());
        JsonWriter w;  // the same answer whether the address has an account or not
        w.BeginObject();
        w.Key("status");
        w.String("if_an_account_exists_a_link_was_sent");
        w.EndObject();
        return JsonAnswer(202, w);
    });

    // Issue 21: the confirmation link sent again, throttled per client and per address like
    // sign-up; the same 202 whether the address is waiting for confirmation or not.
    router.Add("POST", "/api/v1/accounts/confirmation-emails", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/accounts/confirmation-emails");
        if (!caller.ok()) return ApiError(caller.error());
        auto body = JsonObjectBody(req);
        if (!body.ok()) return ApiError(body.error());
        auto email = StringMember(*body, "email", 254);
        if (!email.ok()) return ApiError(email.error());
        if (long long wait = ThrottleWait(ctx, ctx.resend_throttle, *email, req.remote_address))
            return Throttled(*ctx.resend_throttle, wait);
        auto sent = services::MailConfirmationAgain(*ctx.db, *ctx.accounts, *email, ctx.public_url);
        if (!sent.ok()) return ApiError(sent.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("status");
        w.String("if_an_account_waits_a_link_was_sent");
        w.EndObject();
        return JsonAnswer(202, w);
    });

    // Asynchronous: the new password's hash runs on the hashing pool, before the short write.
    router.AddAsync("POST", "/api/v1/password-resets/confirm", [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, "/api/v1/password-resets/confirm");
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto token = StringMember(*body, "token", 200);
        auto password = StringMember(*body, "password", 200);
        if (auto e = FirstError(token, password)) return reply(ApiError(*e));
        OnHashingPool(
            ctx, std::move(reply),
            [ctx, token = *token, password = *password]() -> http::Response {
                auto user = services::ResetPassword(*ctx.db, *ctx.accounts, *ctx.sessions, token, password);
                if (!user.ok()) return ApiError(user.error());
                JsonWriter w;
                w.BeginObject();
                w.Key("status");
                w.String("password_changed");
                w.EndObject();
                return JsonAnswer(200, w);
            },
            Busy);
    }, http::Execution::kPool);

    router.Add(
        "GET", "/api/v1/me",
        [ctx](const http::Request& req) {
            auto caller = Admit(ctx, req, "/api/v1/me");
            if (!caller.ok()) return ApiError(caller.error());
            JsonWriter w;
            w.BeginObject();
            w.Key("user");
            WritePrincipal(w, *caller->principal);
            w.Key("csrf_token");
            w.String(ctx.csrf->SessionToken(caller->session_id));
            w.EndObject();
            return JsonAnswer(200, w);
        },
        http::Execution::kInline);
}

}  // namespace juo::web

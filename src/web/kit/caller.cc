// Identification and admission (the JSON body helpers are in json_body.cc).
#include "web/kit/caller.h"

#include "auth/authorisation.h"
#include "auth/cookies.h"
#include "common/text.h"

namespace juo::web {
namespace json = boost::json;

Result<Caller> Identify(const PeopleContext& ctx, const http::Request& request) {
    Caller caller;
    std::string authorization = request.Header("authorization");
    if (authorization.rfind("Bearer ", 0) == 0) {
        caller.session_id = std::string(Trim(std::string_view(authorization).substr(7)));
    } else if (auto id = auth::SessionIdFromCookieHeader(request.Header("cookie"))) {
        caller.session_id = *id;
        caller.via_cookie = true;
    }
    if (caller.session_id.empty()) return caller;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    // A read-only request never writes the session (auth/sessions.h, "Touch policy").
    const bool changes = request.method != "GET" && request.method != "HEAD";
    auto principal = ctx.sessions->Lookup(**db, caller.session_id, auth::SessionStore::Freshness::kCachedOk,
                                          changes ? auth::SessionStore::Access::kChanges
                                                  : auth::SessionStore::Access::kReadOnly);
    if (!principal.ok()) return principal.error();
    caller.principal = *principal;
    if (!caller.principal) {
        caller.session_id.clear();  // unknown or expired: anonymous
        caller.via_cookie = false;
    }
    return caller;
}

namespace {

// Organisers, relays, hosts and advisers act for others: their changes are judged on their
// session and roles as stored now, not as cached (up to 30 s) — a role revoked or a sign-out on
// another app server holds at once for them. Visitors' and teachers' changes (a booking rush)
// keep the cache.
bool ActsForOthers(const auth::Principal& who) {
    return who.Has(domain::Role::kOrganiser) || who.Has(domain::Role::kRelay) || who.Has(domain::Role::kHost) ||
           who.Has(domain::Role::kAdviser);
}

}  // namespace

Result<Caller> Admit(const PeopleContext& ctx, const http::Request& request, std::string_view pattern,
                     std::string_view csrf_token) {
    auto caller = Identify(ctx, request);
    if (!caller.ok()) return caller.error();
    const bool changes = request.method != "GET" && request.method != "HEAD";
    if (changes && caller->principal && ActsForOthers(*caller->principal)) {
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return db.error();
        auto fresh = ctx.sessions->Lookup(**db, caller->session_id, auth::SessionStore::Freshness::kFromDatabase);
        if (!fresh.ok()) return fresh.error();
        caller->principal = *fresh;
        if (!caller->principal) {
            caller->session_id.clear();  // signed out elsewhere: anonymous
            caller->via_cookie = false;
        }
    }
    const auth::Principal* who = caller->principal ? &*caller->principal : nullptr;
    switch (auth::Decide(request.method, pattern, who)) {
        case auth::Decision::kAllow:
            break;
        case auth::Decision::kSignInRequired:
            return MakeError(ErrorCode::kUnauthenticated, "sign in first", "connectez-vous d'abord");
        case auth::Decision::kForbidden:
            return MakeError(ErrorCode::kForbidden, "your account may not do this",
                             "votre compte ne permet pas cette action");
    }
    if (changes && caller->via_cookie) {
        std::string token = csrf_token.empty() ? request.Header("x-csrf-token") : std::string(csrf_token);
        JUO_TRY(ctx.csrf->CheckSessionToken(caller->session_id, token));
    }
    return caller;
}

}  // namespace juo::web

// Identification, admission and JSON body helpers.
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

Result<json::object> JsonObjectBody(const http::Request& request) {
    std::string type = request.Header("content-type");
    if (request.body.empty())
        return MakeError(ErrorCode::kInvalidArgument, "the body is empty: send a JSON object",
                         "le corps de la requête est vide : envoyez un objet JSON");
    if (type.rfind("application/json", 0) != 0)
        return MakeError(ErrorCode::kUnsupportedMediaType, "send the body as application/json",
                         "le corps de la requête doit être en JSON (application/json)");
    boost::system::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec || !v.is_object())
        return MakeError(ErrorCode::kInvalidArgument, "the body is not a JSON object",
                         "le corps de la requête n'est pas un objet JSON");
    return std::move(v.as_object());
}

Result<long long> IntMemberOr(const json::object& o, std::string_view name, long long min, long long max,
                              long long fallback) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return fallback;
    if (!v->is_int64() && !v->is_uint64())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a whole number",
                         std::string(name) + " doit être un nombre entier");
    long long n = v->is_int64() ? v->as_int64()
                                : static_cast<long long>(std::min<uint64_t>(v->as_uint64(), 1ULL << 62));
    if (n < min || n > max)
        return MakeError(
            ErrorCode::kInvalidArgument,
            std::string(name) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                ", not " + std::to_string(n),
            std::string(name) + " doit être entre " + std::to_string(min) + " et " + std::to_string(max));
    return n;
}

Result<long long> IntMember(const json::object& o, std::string_view name, long long min, long long max) {
    if (!o.contains(name))
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " is missing",
                         std::string(name) + " manque");
    return IntMemberOr(o, name, min, max, 0);
}

Result<std::string> StringMember(const json::object& o, std::string_view name, size_t max_bytes) {
    const json::value* v = o.if_contains(name);
    if (!v || !v->is_string())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " is missing or not a string",
                         std::string(name) + " manque ou n'est pas un texte");
    if (v->as_string().size() > max_bytes)
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes",
                         std::string(name) + " dépasse " + std::to_string(max_bytes) + " octets");
    return std::string(v->as_string());
}

Result<bool> BoolMemberOr(const json::object& o, std::string_view name, bool fallback) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return fallback;
    if (!v->is_bool())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be true or false",
                         std::string(name) + " doit valoir true ou false");
    return v->as_bool();
}

Result<std::string> TextMember(const json::object& o, std::string_view name, size_t max_bytes) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return std::string();
    if (v->is_bool()) return std::string(v->as_bool() ? "1" : "0");
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_uint64()) return std::to_string(v->as_uint64());
    if (!v->is_string())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a text, a whole number or a boolean",
                         std::string(name) + " doit être un texte, un nombre entier ou un booléen");
    return StringMember(o, name, max_bytes);
}

}  // namespace juo::web

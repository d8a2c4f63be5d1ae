// See api_users.h.
#include "web/api/api_users.h"

#include "http/router.h"
#include "services/users.h"
#include "web/api/api_v1.h"
#include "web/kit/back_office_kit.h"
#include "web/api/booking_json.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kUsers = "/api/v1/users";
constexpr const char* kUser = "/api/v1/users/{id}";
constexpr const char* kRoles = "/api/v1/users/{id}/roles";
constexpr const char* kRole = "/api/v1/users/{id}/roles/{grant_id}";
constexpr int kPageSize = 50;

void WriteUser(JsonWriter& w, const services::UserView& u) {
    w.BeginObject();
    w.Key("id");
    w.Int(u.id);
    w.Key("email");
    w.String(u.email);
    w.Key("display_name");
    w.String(u.display_name);
    w.Key("email_confirmed");
    w.Bool(u.email_confirmed);
    w.Key("created_at");
    w.String(u.created_at);
    w.Key("roles");
    w.BeginArray();
    for (const auto& g : u.grants) {
        w.BeginObject();
        w.Key("id");
        w.Int(g.id);
        w.Key("role");
        w.String(domain::ToCode(g.grant.role));
        w.Key("department");
        if (g.grant.department_code.empty())
            w.Null();
        else
            w.String(g.grant.department_code);
        w.Key("site_id");
        if (g.grant.site_id)
            w.Int(*g.grant.site_id);
        else
            w.Null();
        w.Key("site_name");
        if (g.grant.site_id)
            w.String(g.site_name);
        else
            w.Null();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

// {"user": …} for user `id`, after {"grant_id": …} when a grant was just given.
http::Response UserAnswer(services::Db& db, long long id, int status,
                          std::optional<long long> grant_id = {}) {
    auto found = services::FindUserView(db, id);
    if (!found.ok()) return ApiError(found.error());
    const auto& user = *found;
    if (!user)
        return ApiError(MakeError(ErrorCode::kNotFound, "no user " + std::to_string(id),
                                  "aucun utilisateur n°" + std::to_string(id)));
    JsonWriter w;
    w.BeginObject();
    if (grant_id) {
        w.Key("grant_id");
        w.Int(*grant_id);
    }
    w.Key("user");
    WriteUser(w, *user);
    w.EndObject();
    return PrivateJson(status, w);
}

}  // namespace

void RegisterUserApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kUsers, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kUsers);
        if (!caller.ok()) return ApiError(caller.error());
        const std::string* q = req.Query("q");
        if (q && q->size() > 100)
            return ApiError(
                MakeError(ErrorCode::kInvalidArgument, "q is at most 100 bytes", "q dépasse 100 octets"));
        long long page = 1;
        if (const std::string* p = req.Query("page")) {
            auto n = ParsePositiveId(*p);
            if (!n || *n > 100000)
                return ApiError(MakeError(ErrorCode::kInvalidArgument, "page is a number from 1 to 100000",
                                          "page est un nombre de 1 à 100000"));
            page = *n;
        }
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            auto searched = services::SearchUsers(db, q ? *q : "", static_cast<int>(page), kPageSize);
            if (!searched.ok()) return ApiError(searched.error());
            const services::UserSearchPage& found = *searched;
            JsonWriter w;
            w.BeginObject();
            w.Key("page");
            w.Int(page);
            w.Key("more");
            w.Bool(found.more);
            w.Key("users");
            w.BeginArray();
            for (const auto& u : found.users) WriteUser(w, u);
            w.EndArray();
            w.EndObject();
            return PrivateJson(200, w);
        });
    });

    router.Add("GET", kUser, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kUser);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "user");
        if (!id.ok()) return ApiError(id.error());
        return WithApiDatabase(
            ctx, [&](services::Db& db) -> http::Response { return UserAnswer(db, *id, 200); });
    });

    // {"role": "relay", "department": "69"} or {"role": "host", "site_id": 12} or {"role": "organiser"}.
    router.Add("POST", kRoles, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kRoles);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "user");
        auto body = JsonObjectBody(req);
        if (auto e = FirstError(id, body)) return ApiError(*e);
        auto role = StringMember(*body, "role", 20);
        auto department = body->contains("department") && !body->at("department").is_null()
                              ? StringMember(*body, "department", 3)
                              : Result<std::string>("");
        auto site = IntMemberOr(*body, "site_id", 1, 1LL << 53, 0);
        if (auto e = FirstError(role, department, site)) return ApiError(*e);
        auto grant =
            services::ReadGrant(*role, *department, *site > 0 ? std::optional<long long>(*site) : std::nullopt);
        if (!grant.ok()) return ApiError(grant.error());
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            auto granted = services::GrantRole(db, *ctx.sessions, *id, *grant, caller->principal->user_id);
            if (!granted.ok()) return ApiError(granted.error());
            return UserAnswer(db, *id, 201, *granted);
        });
    });

    router.Add("DELETE", kRole, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kRole);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "user");
        if (!id.ok()) return ApiError(id.error());
        auto grant = ParsePositiveId(req.PathParam("grant_id"));
        if (!grant)
            return ApiError(MakeError(ErrorCode::kNotFound, "no such role grant", "ce rôle n'existe pas"));
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            auto revoked = services::RevokeRole(db, *ctx.sessions, *id, *grant, caller->principal->user_id);
            if (!revoked.ok()) return ApiError(revoked.error());
            return UserAnswer(db, *id, 200);
        });
    });
}

}  // namespace juo::web

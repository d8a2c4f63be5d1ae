// A person's export and erasure over the API (api_personal_data.h): admit, decode, call, encode.
#include "web/api/api_personal_data.h"

#include "auth/cookies.h"
#include "web/api/api_v1.h"
#include "web/api/booking_json.h"
#include "web/kit/account_erasure.h"
#include "web/kit/api_kit.h"

namespace juo::web {
namespace {

http::Response Export(const PeopleContext& ctx, long long user_id, long long actor_user_id) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return ApiError(db.error());
    auto data = services::ExportPersonalData(**db, user_id, actor_user_id);
    if (!data.ok()) return ApiError(data.error());
    return PersonalDataDownload(*data);
}

// Erases, then replies with what was done; `sign_out`: the caller erased themselves with the
// cookie, which is cleared.
void Erase(const PeopleContext& ctx, long long user_id, long long actor_user_id, bool sign_out, http::Reply reply) {
    const bool secure = ctx.secure_cookies;
    EraseAccountThroughEngine(ctx, user_id, actor_user_id,
                              [reply, sign_out, secure](Result<services::ErasedAccount> r) {
                                  if (!r.ok()) return reply(ApiError(r.error()));
                                  JsonWriter w;
                                  w.BeginObject();
                                  w.Key("user_id");
                                  w.Int(r->user_id);
                                  w.Key("erased");
                                  w.Bool(true);
                                  w.Key("bookings_kept_anonymous");
                                  w.Int(r->bookings_kept);
                                  w.Key("group_requests_kept_anonymous");
                                  w.Int(r->group_requests_kept);
                                  w.Key("sessions_deleted");
                                  w.Int(r->sessions_deleted);
                                  w.EndObject();
                                  http::Response answer = JsonAnswer(200, w);
                                  if (sign_out) answer.AddHeader("Set-Cookie", auth::ClearSessionCookie(secure));
                                  reply(std::move(answer));
                              });
}

}  // namespace

void RegisterPersonalDataApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", "/api/v1/me/export", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/me/export");
        if (!caller.ok()) return ApiError(caller.error());
        return Export(ctx, caller->principal->user_id, caller->principal->user_id);
    });
    router.AddAsync(
        "DELETE", "/api/v1/me",
        [ctx](const http::Request& req, http::Reply reply) {
            auto caller = Admit(ctx, req, "/api/v1/me");
            if (!caller.ok()) return reply(ApiError(caller.error()));
            const long long me = caller->principal->user_id;
            Erase(ctx, me, me, caller->via_cookie, std::move(reply));
        },
        http::Execution::kPool);
    router.Add("GET", "/api/v1/users/{id}/export", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/users/{id}/export");
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "user");
        if (!id.ok()) return ApiError(id.error());
        return Export(ctx, *id, caller->principal->user_id);
    });
    router.AddAsync(
        "DELETE", "/api/v1/users/{id}",
        [ctx](const http::Request& req, http::Reply reply) {
            auto caller = Admit(ctx, req, "/api/v1/users/{id}");
            if (!caller.ok()) return reply(ApiError(caller.error()));
            auto id = PathId(req, "user");
            if (!id.ok()) return reply(ApiError(id.error()));
            const long long me = caller->principal->user_id;
            Erase(ctx, *id, me, caller->via_cookie && *id == me, std::move(reply));
        },
        http::Execution::kPool);
}

}  // namespace juo::web

// What the back office's pages and JSON API share for editions, users and roles
// (edition_pages.cc, user_pages.cc, api_editions.cc, api_users.cc): the invitation e-mail of last
// year's hosts in French then English, and a JSON answer on this thread's connection. The use
// cases themselves are services/editions.h and services/users.h.
//
// Thread-safety: pure functions, and the thread-safe services of PeopleContext; the Db comes
// from services::ThreadDb (one per thread).
#pragma once

#include <exception>
#include <string>

#include "common/result.h"
#include "services/db.h"
#include "services/editions.h"
#include "web/api/api_v1.h"
#include "web/kit/caller.h"
#include "web/kit/json_writer.h"

namespace juo::web {

// The invitation to re-enrol: the host's sites and a link to the host space (`public_url` +
// "/usine"), in French then English.
services::InviteComposer InvitationMail(std::string public_url);

// `fn(db)` with this thread's connection: its answer, or the JSON error of a database failure.
template <typename Fn>
http::Response WithApiDatabase(const PeopleContext& ctx, Fn&& fn) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return ApiError(db.error());
    try {
        return fn(**db);
    } catch (const std::exception& e) {
        return ApiError(services::DatabaseError(**db, e));
    }
}

// A JSON answer of the back office's API: personal or unpublished data, never cached.
http::Response PrivateJson(int status, JsonWriter& w);

}  // namespace juo::web

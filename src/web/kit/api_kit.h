// What the back office's JSON API handlers share (api_host.cc, api_organiser.cc): a route whose
// handler is admitted with the route's rule and runs on this thread's database connection, a
// database failure turned into its error answer; and a JSON answer that no cache keeps.
//
// Thread-safety: as PeopleContext; the Database is this thread's.
#pragma once

#include <exception>

#include "http/message.h"
#include "http/router.h"
#include "web/api/api_v1.h"
#include "web/kit/caller.h"
#include "web/kit/json_writer.h"

namespace juo::web {

// `w`'s JSON with `status`, Cache-Control: no-store (the answers are personal).
inline http::Response JsonAnswer(int status, JsonWriter& w) {
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// Adds route (`method`, `pattern`) to `router`: it admits the caller with the route's rule (401,
// 403, CSRF for a cookie session), then answers `fn(request, caller, db)` on this thread's
// connection; a database failure (no connection, or a database exception thrown by a read) is answered
// as its error (503).
template <typename Fn>
void AddAdmitted(http::Router& router, const PeopleContext& ctx, const char* method, const char* pattern,
                 Fn fn) {
    router.Add(method, pattern, [ctx, pattern, fn](const http::Request& req) {
        auto caller = Admit(ctx, req, pattern);
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        try {
            return http::Response(fn(req, *caller, **db));
        } catch (const std::exception& e) {
            return ApiError(services::DatabaseError(**db, e));
        }
    });
}

// A PATCH of something versioned (an edition, a site's profile): `write(seen)` reads it as
// stored, merges the patch onto it and writes it only if it is still at version `seen` (its
// kStale otherwise) — with If-Match, the version the client names (kStale is then the answer:
// 412); without, the version it just read, so that a write that meets a newer version runs again
// on it (at most 5 times, then kConflict: not 412, the client sent no precondition).
template <typename Write>
Status PatchOnVersion(const http::Request& req, Write&& write) {
    const std::string if_match = http::IfMatchTag(req);
    for (int attempt = 1;; ++attempt) {
        Status done = write(if_match);
        if (done.ok() || done.error().code != ErrorCode::kStale || !if_match.empty()) return done;
        if (attempt == 5)
            return MakeError(ErrorCode::kConflict, "it keeps being changed by others: try again",
                             "d'autres le modifient sans cesse : réessayez");
    }
}

}  // namespace juo::web

// Media mentions and social-mention counts in the back office's JSON API,
// the same changes as /organisation/medias (services/media.h: validated, audited, all or nothing):
//   GET    /api/v1/media-mentions[?edition=YEAR][&page=N]  the edition's mentions, newest first, 50 a page
//   POST   /api/v1/media-mentions                          {kind, outlet, published_on, title?, url?, department?}
//   PATCH  /api/v1/media-mentions/{id}                     any of those members
//   DELETE /api/v1/media-mentions/{id}
//   GET    /api/v1/social-mentions[?edition=YEAR]          the edition's counts
//   POST   /api/v1/social-mentions                         {network, period_start, period_end, mentions}
//   DELETE /api/v1/social-mentions/{id}
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterMediaApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// The teaching kit: the organiser uploads its PDFs (checked by their bytes, kept in the store),
// publishes or withdraws them (/organisation/kit); teachers find the published ones on /kit and
// download them (/kit/{id}: each download of a published document is counted for the bilan).
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
void RegisterTeachingKitPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

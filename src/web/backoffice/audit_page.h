// The organiser's audit log: who changed what and when, newest first, filtered by action (a
// prefix: "booking." for every booking change), entity and actor, 100 entries a page.
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
void RegisterAuditPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// The back office's home (/organisation): where an organiser or a relay lands after signing in,
// with a link to each of their screens and the number of factories waiting for a decision.
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
void RegisterBackOfficeHome(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

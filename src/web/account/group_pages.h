// Group request pages: a teacher's or adviser's request (up to three ranked tours), their list
// of requests, and the factory side: the requests received, accepted for one tour or refused.
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
void RegisterGroupPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

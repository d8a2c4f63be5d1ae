// The organiser's users and roles: users found by e-mail or name (50 a page, each with their
// roles), and a user's page with a "revoke" button on each role and the form that grants one (a
// relay's department, a host's site). The use cases are services/users.h, shared with the JSON
// API (api_users.cc); a change takes effect on the user's next request.
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
void RegisterUserPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

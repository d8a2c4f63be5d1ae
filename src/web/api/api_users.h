// The JSON API of the organiser's users and roles (what /organisation/utilisateurs does): users
// found by e-mail or name (50 a page), one user with their roles, a role granted and a role
// revoked, through the same use cases (services/users.h); a change takes effect on the user's
// next request.
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
void RegisterUserApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

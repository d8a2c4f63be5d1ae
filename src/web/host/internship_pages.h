// A site's internship offers, for its hosts (/usine/{id}/stages): post an offer (stage de 3e,
// de seconde, apprentissage, other) with its places, and say how many were filled. The bilan
// counts them (offers, places, filled).
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
void RegisterInternshipPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

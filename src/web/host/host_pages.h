// The host space: register a factory (it waits for the organiser's approval), see one's sites,
// publish a site's tours (with "copy this tour" for repeated visits); and the organiser's (or a
// relay's, for their departments) moderation queue: approve, ask for changes, refuse, the host
// told by e-mail with the reason.
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
void RegisterHostPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

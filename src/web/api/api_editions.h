// The JSON API of the organiser's editions (what /organisation/editions does): the list with the
// progress against the targets, one edition, its change (PATCH: the members given, checked as a
// whole by services::UpdateEdition), the clone of the latest edition and the invitation of last
// year's hosts. Under /api/v1/organisation/ because /api/v1/editions is the public catalogue's.
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
void RegisterEditionApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

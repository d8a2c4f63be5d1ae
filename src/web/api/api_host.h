// The JSON API of the host space and the moderation queue: what /usine/inscription, /usine,
// /usine/{id}/visites, /usine/{id}/visiteurs and /organisation/moderation do, through the same
// use cases (services/hosts.h) with the same scope (a host their sites, a relay their departments,
// the organiser everything).
//
// Routes: POST and GET /api/v1/host/sites, GET and POST /api/v1/host/sites/{id}/sessions,
// GET /api/v1/host/sites/{id}/visitors, GET /api/v1/moderation, POST /api/v1/moderation/{id}.
// Documented in docs/api/openapi.yaml.
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
void RegisterHostApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

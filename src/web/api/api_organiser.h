// The JSON API of the organiser's surveys and audit log, and of a recipient's answer: what
// /organisation/enquetes, /enquetes/{id} and /organisation/journal do, through the same services
// (services/surveys.h, services/audit_journal.h). A survey may also be kept as a draft and sent
// later.
//
// Routes: GET and POST /api/v1/surveys, GET /api/v1/surveys/{id}, POST /api/v1/surveys/{id}/send,
// GET /api/v1/surveys/{id}/form, POST /api/v1/surveys/{id}/responses, POST /api/v1/quotes,
// GET /api/v1/audit. Documented in docs/api/openapi.yaml.
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
void RegisterOrganiserApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

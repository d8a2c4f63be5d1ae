// The JSON API of the host space after registration and of the teaching kit: what
// /usine/{id}/fiche, /usine/{id}/photo, /usine/{id}/reinscription, /usine/{id}/stages,
// /organisation/kit and /kit do, through the same use cases (services/host_space.h, hosts.h,
// teaching_kit.h) with the same
// scope (a host their sites, a relay their departments, the organiser everything; the kit's
// management the organiser's).
//
// Routes: GET and PATCH /api/v1/host/sites/{id}/profile, POST /api/v1/host/sites/{id}/resubmit,
// PUT /api/v1/host/sites/{id}/photo (the image as the body), POST
// /api/v1/host/sites/{id}/re-enrolment, GET and POST /api/v1/host/sites/{id}/internships, PATCH
// /api/v1/host/sites/{id}/internships/{offer_id}, GET /api/v1/teaching-kit, GET and POST
// /api/v1/organisation/teaching-kit (the PDF as the body), PATCH
// /api/v1/organisation/teaching-kit/{id}, GET /api/v1/moderation/sessions, POST
// /api/v1/moderation/sessions/{id}/withdraw. Documented in docs/api/openapi.yaml.
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
void RegisterHostSpaceApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

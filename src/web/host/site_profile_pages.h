// A registered site's profile for its host: texts, accessibility, address and a pin that can be
// moved (a map where the marker is dragged, or the coordinates typed), its photo (checked by its
// bytes, kept in the store, served with the factory's public page), sending the registration
// back to moderation after "changes requested", and re-enrolling the site in the new edition
// with last year's tours.
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
void RegisterSiteProfilePages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// The host space: register a factory (it waits for the organiser's approval), the host's home —
// a dashboard per site (issue 19: its state, requests to decide, groups accepted, today's tours
// with booked and arrived counts, links to check-in, visitor lists and internships) —, publish a site's tours (with "copy this tour" for repeated visits); and the organiser's (or a
// relay's, for their departments) moderation queue: approve, ask for changes, refuse, the host
// told by e-mail with the reason.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include <optional>

#include "http/message.h"
#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterHostPages(http::Router& router, const PeopleContext& ctx);

// Issue 19: what /usines/{id} shows a signed-in person who manages site `site_id` when the public
// catalogue does not list it (waiting for approval, changes requested, or approved less than a
// refresh ago): its state and a link to their dashboard. nullopt for anyone else (the 404).
std::optional<http::Response> UnlistedSitePage(const PeopleContext& ctx, const http::Request& req, long long site_id);

}  // namespace juo::web

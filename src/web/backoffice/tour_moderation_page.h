// The moderation of tours (/organisation/moderation/visites): the tours hosts published, newest
// first, for the organiser (a relay: their departments); a tour nobody booked yet can be withdrawn,
// with the reason mailed to the site's hosts. Factories are moderated before they are public
// (/organisation/moderation); their tours are public at once and reviewed after, so that the
// public map is never waiting on the organiser.
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
void RegisterTourModerationPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

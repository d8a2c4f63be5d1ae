// The check-in page of hosts at the door (phone first): scan the ticket's QR code with the camera
// where the browser can (static/js/checkin.js), or type the code; the headcount defaults to the
// booking's people (enter it for a group). Every check-in goes through the capacity engine and
// feeds the bilan's attended counts.
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
void RegisterCheckInPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

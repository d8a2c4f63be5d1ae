// The organiser's media page: the edition's media mentions by kind; one mention added by hand,
// edited (?modifier=ID) or deleted, and the list of mentions, newest first, 50 a page (?page=N);
// the social-network mention counts (one per network and period) with their form and deletion;
// and the mentions' import from CSV (pasted from the spreadsheet; every row checked, all or
// nothing, each problem with its line and column: services/imports.h). Every change is audited
// (services/media.h). One POST route: the form's `do` field says which change (import when absent).
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
void RegisterMediaPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

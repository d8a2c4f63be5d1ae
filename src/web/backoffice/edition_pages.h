// The organiser's editions: the list (days and audiences, targets, registration window, approved
// factories and booked visitors against the targets), the edit form of an edition (its days with
// their audiences as checkboxes, a day added or removed), "prepare next year's edition" (the
// clone of the latest one) and "invite last year's hosts". The use cases are services/editions.h,
// shared with the JSON API (api_editions.cc).
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
void RegisterEditionPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

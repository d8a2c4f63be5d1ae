// Surveys: the organiser writes one (title, audience, questions), sends it (an e-mail with the
// link to each recipient: hosts of the approved sites, teachers, or visitors who came) and reads
// the results as they arrive, and picks quotes for the bilan from the free-text answers; a
// recipient answers once, signed in.
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
void RegisterSurveyPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

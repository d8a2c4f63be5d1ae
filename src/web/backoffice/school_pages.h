// Issue 18: the schools requesters created from the request form, for the organiser (all) or a
// relay (their departments) to check (/organisation/ecoles): each with the priority flags the
// requester gave (REP+, REP, rural), confirmed as they are or corrected; and the edition's
// request deadline, set from the edition's page (POST /organisation/editions/{id}/date-limite-demandes).
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds GET and POST /organisation/ecoles and the deadline's POST (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterSchoolPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

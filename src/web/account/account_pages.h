// Account pages: sign-up, e-mail confirmation, sign-in, sign-out, password reset.
//
// Sign-up, sign-in and new password are asynchronous (issue 17): the form is read on the I/O
// thread and the step (throttle, hash, short write) runs on PeopleContext's hashing pool
// (web/kit/hashing_work.h); a sign-up started from a booking (`next`) returns to it once the
// address is confirmed, which signs the person in.
//
// Thread-safety: the handlers run on the server's handler pool or the hashing pool, on that
// thread's connection (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterAccountPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

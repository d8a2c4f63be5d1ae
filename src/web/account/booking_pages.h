// Booking pages: book a public tour, "my bookings" (cancel, accept an offer, leave a waiting
// list), and leaving a waiting list by the e-mailed link.
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
void RegisterBookingPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

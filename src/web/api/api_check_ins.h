// The JSON API of check-in at the door (issue 19 items 2 and 3, ADR 0022), what the check-in page
// (/accueil/pointage) does and what its script uses to work offline:
//   GET    /api/v1/host/check-ins/day   the day's expected bookings at the caller's sites with the
//                                       live totals (services/host_day.h); `q` searches as the
//                                       page does. The phone keeps it as its offline list.
//   POST   /api/v1/check-ins/sync       a phone's queued offline scans, in one batch: each applied
//                                       through the engine with its nonce and original time, the
//                                       same batch twice counting once; one result per scan
//                                       (checked_in, already_synced, conflict, refused, retry).
//   DELETE /api/v1/bookings/{id}/check-in   undoes a booking's check-in.
// Documented in docs/api/openapi.yaml; the route x role rules live in auth/authorisation.cc.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext; the sync and the undo hand
// their commands to the engine and answer from its callbacks.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router`. Throws std::invalid_argument when a route is already
// taken (a start-up error).
void RegisterCheckInApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

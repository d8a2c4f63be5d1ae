// The JSON API of the Friday allocation rounds (issue 18): what /organisation/repartition does,
// through the same service (services/allocation_rounds.h).
//
// Routes (rules: auth/authorisation.cc; documented in docs/api/openapi.yaml):
//   POST /api/v1/organisation/allocations                    start a round: 202, the job, Location
//   GET  /api/v1/organisation/allocations/jobs/{id}          a round's progress and end
//   GET  /api/v1/organisation/allocations                    an edition's runs (?edition=YEAR)
//   GET  /api/v1/organisation/allocations/{id}               a run: settings, proof, figures beside
//                                                            first-come, buses, decisions
//   POST /api/v1/organisation/allocations/{id}/publish       publish a draft run
//   POST /api/v1/organisation/allocations/{id}/discard       discard a draft run
//   GET  /api/v1/organisation/allocations/{id}/buses.csv     the bus operator's export (CSV)
//   GET  /api/v1/organisation/allocations/{id}/buses.xlsx    the same as a workbook
// The organiser does everything; a regional relay reads runs and jobs, limited to the requests,
// buses and figures of their departments.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection; a
// round runs on PeopleContext::rounds' threads, never on a handler thread.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router`. Throws std::invalid_argument when a route is taken.
void RegisterAllocationApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

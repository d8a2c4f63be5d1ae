// The organiser's Friday round in the back office (issue 18, item 3; docs/adr/0021):
// /organisation/repartition, where the organiser runs an allocation round with the bus model
// (seats, € per bus, € per km, a budget or a bus count, the time limit, the priority guarantee
// and the seed), watches it solve, reads the result beside first-come (pupils by priority,
// department and region as tables and a Leaflet map; the buses; the gap, the seed, what the
// guarantee cost; each request's decision and explanation), pins or excludes placements and
// solves again, publishes after a confirmation step or discards, and downloads the bus
// operator's export (CSV, XLSX). A relay reads the runs within their departments.
//
// Routes (rules: auth/authorisation.cc):
//   GET  /organisation/repartition                      the runs and the form (relay: the runs)
//   POST /organisation/repartition                      start a round (organiser)
//   GET  /organisation/repartition/calcul/{id}          a round solving: its progress
//   GET  /organisation/repartition/calcul/{id}/etat     the same as JSON, for the page's poll
//   GET  /organisation/repartition/{id}                 a run's result
//   POST /organisation/repartition/{id}                 discard a draft run (organiser)
//   GET  /organisation/repartition/{id}/publier         what publishing will do, and the button
//   POST /organisation/repartition/{id}/publier         publish (organiser)
//   GET  /organisation/repartition/{id}/export          ?format=csv|xlsx: the bus operator's file
// The use cases are services/allocation_rounds.h; these handlers decode, call and render.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb); rounds solve on the RoundRunner's threads, never on a handler thread.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router`. Throws std::invalid_argument when a route is already
// taken (a start-up error).
void RegisterAllocationPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// A host changes or deletes one of their published tours (issue 19 item 1), from the "Modifier" and
// "Supprimer" buttons of /usine/{id}/visites:
//   - /usine/{id}/visites/{tour}/modifier: the tour's form, filled; saving mails the booked visitors
//     and the waiting list when the day or the time changed (services/tour_changes.h);
//   - /usine/{id}/visites/{tour}/supprimer: what deleting would do (bookings cancelled, people on
//     the waiting list told), then the deletion.
// Both return to the tour list with what happened as its notice.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext; they never wait on the
// booking engine (places added are submitted to it without waiting).
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterTourEditPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

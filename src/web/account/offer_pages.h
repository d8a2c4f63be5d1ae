// The waiting-list offer page, by the link of the offer e-mail (issue 17: a guest, who has no
// account, accepts places freed for them): GET /liste-attente/offre/{id}?jeton=… shows the offer
// (tour, address, party, deadline in Paris time) with an "Accepter ces places" button; the POST hands
// booking::AcceptOffer (with the link's token, checked by the engine) to the engine and lands on
// the new booking's manage page, which is the confirmation (QR code, .ics). The token is the HMAC
// of the entry (booking/manage_link.h): nothing usable is stored. A wrong, absent or other entry's
// token gets one 403 that does not say whether the entry exists; an offer already accepted (409,
// with a link to the booking), expired or left (410), or not made yet (409) gets a sentence.
// Signed-in visitors keep "my bookings" too; both paths run the same command.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext; no handler waits on the
// engine (the POST answers from its callback).
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterOfferPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

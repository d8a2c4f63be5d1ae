// The manage page of a booking, by the link of its confirmation e-mail (issue 17; no account
// needed: booking/manage_link.h): GET /reservation/{id}?jeton=… shows the booking (QR code, ticket
// code, tour, address with a map link, safety rules, an .ics link, the manage link itself, an
// overlap warning), lets the person change the party size and cancel (after a confirmation step),
// and offers an account (never required). It is also the confirmation page after booking
// (&fait=reservee), for guests and signed-in visitors alike. The QR code is inline; the .ics is
// served beside it (/reservation/{id}/agenda.ics, same token). Changes go
// to the engine asynchronously (no handler thread waits on it).
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include <string>

#include "http/message.h"
#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// The manage page's link of booking `id` (ticket `code`) in the request's language, with
// `params` after the token; requires ctx.manage.
std::string ManagePageLink(const PeopleContext& ctx, const http::Request& req, long long id,
                           const std::string& code, http::ParamList params = {});

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterManageBookingPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// The JSON API of places: bookings (with Idempotency-Key), "my bookings", cancellation, the
// waiting list (join by booking with "waitlist": true, accept an offer, leave), and check-in at
// the door. Changes go through the capacity engine (booking/engine.h) as asynchronous routes;
// answers: 201 booked, 200 a replayed submit, 202 waitlisted, and {"error": …} otherwise.
//
// Thread-safety: handlers only use the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterBookingApi(http::Router& router, const PeopleContext& context);

}  // namespace juo::web

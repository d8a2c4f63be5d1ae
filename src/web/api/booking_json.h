// The JSON the places API writes (bookings, waiting-list entries, tours, engine outcomes) and
// the two steps its routes share: a path id, and running an engine command to a JSON reply.
//
// Thread-safety: pure functions; RunCommand replies from the engine's writer thread.
#pragma once

#include <string>

#include "booking/commands.h"
#include "http/message.h"
#include "services/bookings.h"
#include "web/kit/caller.h"
#include "web/kit/json_writer.h"

namespace juo::web {

void WriteBooking(JsonWriter& w, const domain::Booking& b);
void WriteEntry(JsonWriter& w, const domain::WaitlistEntry& e, const std::string& leave_token);
// Writes the member "tour": {session_id, site_id, site_name, commune, day, starts_at, ends_at}.
void WriteTour(JsonWriter& w, const services::TourSummary& t);

// Writes the member "bookings": [{booking, tour (with `with_tour`), attended}].
void WriteBookingViews(JsonWriter& w, const std::vector<services::BookingView>& views, bool with_tour);

// The answer to an outcome: 201 booked, 200 replayed or other changes, 202 waitlisted.
http::Response OutcomeResponse(const booking::Outcome& o);

// Submits `command` to the engine and replies with its outcome or its error.
void RunCommand(const PeopleContext& ctx, booking::Command command, http::Reply reply);

// The route's {id} as a positive number; kInvalidArgument naming `what` otherwise.
Result<long long> PathId(const http::Request& req, const char* what);

}  // namespace juo::web

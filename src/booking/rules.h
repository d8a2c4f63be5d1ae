// The booking rules as pure functions over what the engine read from the store: whether a
// session can be booked now by this audience for this many people. Each refusal is a clear
// Error in English and French (page and JSON show it as it is).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "common/result.h"
#include "domain/audience.h"
#include "store/bookings/capacity_store.h"

namespace juo::booking {

// kNotFound unless the tour's site takes part in its edition (participation approved by the
// organiser): a tour of a refused, withdrawn or not yet approved factory is not in the catalogue
// and cannot be booked, requested or offered, even by its id.
Status CheckSiteApproved(const store::SessionForBooking& session);

// Checks everything but the places: the site approved (CheckSiteApproved), edition open for
// registrations at `now` (UTC ISO instant), tour open, audience admitted by the tour, party size
// within 1..the edition's maximum, and a public party books a public tour (groups go through
// group requests).
Status CheckPartyBookable(const store::SessionForBooking& session, domain::Audience audience, int people,
                          const std::string& now);

// The refusal for a party that does not fit: kFull, naming the places left.
Error NotEnoughPlaces(const store::SessionForBooking& session, int people);

// A ticket code: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), from the
// operating system's random source; 50 bits, printed on the ticket and in its QR code.
std::string NewTicketCode();

// A waiting-list leave token (URL-safe, 128 bits).
std::string NewLeaveToken();

}  // namespace juo::booking

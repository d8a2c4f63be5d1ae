// Guest bookings (issue 17; docs/adr/0011-guest-booking.md): a visitor books with an e-mail, a
// name and a party size, without an account. The places are confirmed at once; hoarding is held
// back by two limits checked here before the engine's Book command is submitted:
//   - per address: at most `per_address` live party bookings per e-mail and edition;
//   - per client: at most `per_client` guest bookings per `window_seconds` from one IP address
//     (an IPv6 address counts by its /64, what one household or phone gets), counted in the
//     database so that the limit holds across app servers.
// A guest is an app_user row without a password whose address is unconfirmed, found or created
// by e-mail. An address that belongs to an account with a password is booked for that account
// (the e-mail goes to its owner); the caller must never show that account's data.
// Also: a booking as its manage and confirmation pages show it.
//
// Thread-safety: any thread, on the calling thread's connection (the Db given).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "services/bookings.h"
#include "services/db.h"

namespace juo::services {

struct GuestLimits {
    int per_address = 4;
    int per_client = 10;
    long long window_seconds = 3600;
};

struct GuestRequest {
    std::string email;         // as typed: normalised here
    std::string display_name;  // 1–100 characters
    std::string locale = "fr";
    std::string client_ip;     // empty: not counted (tests, local calls)
    long long edition_id = 0;  // the tour's edition
};

// The client key of an IP address: "ip:" + an IPv4 address, "ip6:" + the first four groups of an
// IPv6 address (its /64; "::ffff:1.2.3.4" counts as the IPv4 address). Empty for an empty ip.
std::string GuestClientKey(const std::string& ip);

// Checks the request and the limits, finds or creates the guest and counts the attempt; the user
// id to book for. Errors: kInvalidArgument (the e-mail or the name, in words a form can show),
// kTooManyRequests (either limit, in a sentence), kUnavailable. `now`: Unix seconds.
Result<long long> PrepareGuestBooking(Db& db, const GuestRequest& request, const GuestLimits& limits,
                                      long long now);
// The same for several guests in one transaction (GuestIntake's batches): one answer per request,
// in order. A refused guest writes nothing and leaves the others as they are; a database failure
// writes nothing and is every guest's answer.
std::vector<Result<long long>> PrepareGuestBookings(Db& db, const std::vector<GuestRequest>& requests,
                                                    const GuestLimits& limits, long long now);

// Tour `session_id` as the booking pages show and check it (TourForBooking's answer), in one
// indexed query: what the handler thread reads before submitting a booking. kNotFound when none.
Result<SessionForBooking> TourForBookingPage(Db& db, long long session_id);

// A booking as its manage page shows it: the booking, its tour, the site's address and
// coordinates, its safety rules, whose it is.
struct ManagedBooking {
    BookingView view;
    std::string site_address, site_postcode;
    double latitude = 0, longitude = 0;
    std::string safety_rules;
    std::string user_email;
    bool user_has_password = false;  // an account: the page must not show its other data
    int max_party_size = 0;
    int places_left = 0;
};
// kNotFound when there is none.
Result<ManagedBooking> BookingToManage(Db& db, long long booking_id);

// A waiting-list entry as its offer page shows it (issue 17: a guest accepts an offer by the
// e-mailed link): the entry and its tour, the site's address, and once accepted its booking (id
// and ticket code, for the booking's manage link). The caller checks the link's token
// (booking::ManageLinks::CheckOffer with view.entry.id and view.entry.created_at) before showing
// anything. kNotFound when there is none.
struct WaitlistOffer {
    WaitlistView view;
    std::string site_address, site_postcode;
    long long booking_id = 0;  // 0 until accepted
    std::string ticket_code;
};
Result<WaitlistOffer> WaitlistOfferToAccept(Db& db, long long entry_id);

// Overlapping bookings, a booking's .ics and its QR code: services/bookings.h.

}  // namespace juo::services

// Guest bookings' SQL (docs/adr/0011-guest-booking.md): finding or creating a guest (an app_user
// row without a password), the per-address and per-client counts of the guest limits, and a
// booking as its manage page shows it (by the e-mailed link, no account needed).
//
// Every function throws soci::soci_error on database failures.
// Thread-safety: as the Database (one connection per thread).
#pragma once

#include <optional>
#include <string>

#include "domain/booking.h"
#include "store/bookings/booking_queries.h"
#include "store/bookings/capacity_store.h"
#include "store/db/database.h"

namespace juo::store {

// A user found by e-mail: a guest has no password.
struct UserByEmail {
    long long id = 0;
    bool has_password = false;
    bool deleted = false;
};
// The user of `email` (already normalised), if any.
std::optional<UserByEmail> FindUserByEmail(Database& db, const std::string& email);
// Inserts a guest (no password, address not confirmed) unless the address is taken; returns the
// id of the address's user either way (a race with another server inserting it is no error).
long long InsertGuestUser(Database& db, const std::string& email, const std::string& display_name,
                          const std::string& locale, const std::string& created_at);

// The user's confirmed party bookings of the edition (an index: booking_user_edition).
int LivePartyBookings(Database& db, long long user_id, long long edition_id);

// Guest bookings attempted by `client_key` after `after` (Unix seconds).
int GuestAttemptsSince(Database& db, const std::string& client_key, long long after);
// Records one at `at`.
void RecordGuestAttempt(Database& db, const std::string& client_key, long long at);
// Forgets every attempt at or before `before`.
void ForgetGuestAttempts(Database& db, long long before);

// Tour `session_id` as CapacityStore::LoadSession reads it, in one query without preparing the
// engine's statements: for the booking pages' handler threads (issue 17: one indexed read before
// a booking is submitted). nullopt when there is none.
std::optional<SessionForBooking> LoadTourForPage(Database& db, long long session_id);

// A booking as its manage and confirmation pages show it.
struct ManagedBookingRow {
    BookingView view;
    std::string site_address, site_postcode;
    double latitude = 0, longitude = 0;
    std::string safety_rules;
    std::string user_email;
    bool user_has_password = false;
    int max_party_size = 0;
    int places_left = 0;  // the tour's places left now
};
std::optional<ManagedBookingRow> LoadManagedBooking(Database& db, long long booking_id);

// A waiting-list entry as its offer page shows it (issue 17: accepted by the e-mailed link, no
// account needed): the entry, its tour and site address, and once accepted, its booking's id and
// ticket code (for the booking's manage link).
struct WaitlistOfferRow {
    WaitlistView view;
    std::string site_address, site_postcode;
    long long booking_id = 0;  // 0 until accepted
    std::string ticket_code;   // the booking's, once accepted
};
std::optional<WaitlistOfferRow> LoadWaitlistOffer(Database& db, long long entry_id);

}  // namespace juo::store

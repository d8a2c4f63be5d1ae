// Bookings and check-ins. This is the bulk path (seed, imports); the capacity engine that books
// one party at a time under concurrency comes with the booking service. Throws
// soci::soci_error on database failures: call inside Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/booking.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts bookings as they are (no capacity check: follow with RecountSessionCounters, which
// refuses an overbooked session); sets ids.
void InsertBookings(Database& db, std::span<domain::Booking> bookings);

// Validates attended headcounts against their bookings' people and inserts check-ins; sets ids.
// kInvalidArgument on a bad headcount or a booking not in `bookings_by_index`; a second
// check-in of one booking violates a UNIQUE constraint (soci_error).
Status InsertCheckIns(Database& db, std::span<domain::CheckIn> check_ins,
                      std::span<const domain::Booking> bookings_by_index);

}  // namespace juo::store

// Sessions (tours) and the audiences they admit. Functions throw soci::soci_error on database
// failures: call them inside Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/session.h"
#include "store/db/database.h"

namespace juo::store {

// Validates (domain::ValidateSession) and inserts sessions with their audiences; sets ids.
Status InsertSessions(Database& db, std::span<domain::Session> sessions);

// Sets every session's places_taken and groups_taken of an edition from its confirmed bookings
// (used after bulk loads; the booking service keeps them current one booking at a time).
// Fails with kConflict, changing nothing, when a session's bookings exceed its capacity.
Status RecountSessionCounters(Database& db, long long edition_id);

}  // namespace juo::store

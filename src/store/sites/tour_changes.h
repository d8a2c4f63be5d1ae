// A published tour edited or deleted by its host (issue 19 item 1; services/tour_changes.h): the
// row's changes and the lists the service needs to tell its visitors. Every function runs inside
// the caller's Database::InTransaction. Throws soci::soci_error on database failures.
//
// Thread-safety: none; the Database is the caller's.
#pragma once

#include <string>
#include <vector>

#include "domain/session.h"
#include "store/db/database.h"

namespace juo::store {

// Stamps tour `session_id` changed at `at` (session.updated_at) when it is not cancelled; false
// otherwise. The first write of an edit or a deletion: on PostgreSQL it takes the tour's row lock
// (a booking on another app server waits for the commit, then sees the new capacity); SQLite's
// BEGIN IMMEDIATE holds the database's.
bool TouchTour(Database& db, long long session_id, const std::string& at);

// Writes the tour's day, times, capacities and minimum level when the new capacities still hold
// the places and groups taken (read again here, under the lock); false otherwise.
bool UpdateTour(Database& db, const domain::Session& tour);

// Replaces the tour's audiences.
void ReplaceTourAudiences(Database& db, long long session_id, const std::vector<domain::Audience>& audiences);

// Sets the tour cancelled (the engine takes no place on it any more); false when it was already.
bool CancelTour(Database& db, long long session_id);

// Whether a booking of the tour was checked in at the door (the tour took place).
bool TourHasCheckIn(Database& db, long long session_id);

// The audiences of the tour's confirmed bookings: "public" for a party, the request's audience
// for a group.
std::vector<domain::Audience> BookedAudiences(Database& db, long long session_id);

// The user ids of the tour's live waiting-list entries (waiting or offered), in entry order.
std::vector<long long> WaitingUsers(Database& db, long long session_id);

// Marks the wishes for this tour of the edition's pending group requests unavailable (by `user_id`
// at `at`), as a host's "unavailable" does: the allocation skips them; how many.
int MarkTourWishesUnavailable(Database& db, long long session_id, long long user_id, const std::string& at);

}  // namespace juo::store

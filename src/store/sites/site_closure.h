// A site's participation closed (issue 21): refused or withdrawn from any status short of a final
// one, its tours in the edition cancelled, and the lists a caller needs to cancel their bookings
// (through CapacityStore, with the engine's e-mail) and close their waiting lists — all meant to
// run inside one Database::InTransaction. Throws soci::soci_error on database failures.
//
// Thread-safety: none; the Database is the caller's.
#pragma once

#include <string>
#include <vector>

#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

// The edition of participation `participation_id`, or 0 when there is none.
long long ParticipationEdition(Database& db, long long participation_id);

// Sets a participation refused or withdrawn (`status`) at `at` when it is draft, submitted,
// changes_requested or approved; false when it does not exist or is refused or withdrawn already.
bool CloseParticipation(Database& db, long long participation_id, domain::ParticipationStatus status,
                        const std::string& at);

// Cancels the site's tours of the edition that are not cancelled yet (status 'cancelled': the
// engine takes no place on them any more); their ids, in id order.
std::vector<long long> CancelSiteSessions(Database& db, long long site_id, long long edition_id);

// The confirmed bookings of these tours, in id order.
std::vector<long long> ConfirmedBookingsOf(Database& db, const std::vector<long long>& session_ids);

// Closes the waiting lists of these tours (waiting and offered entries 'left'); how many.
long long CloseWaitlistsOf(Database& db, const std::vector<long long>& session_ids);

}  // namespace juo::store

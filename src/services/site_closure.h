// A site's participation refused or withdrawn closes its tours (issue 21). Inside the caller's
// transaction (services/hosts.cc DecideParticipation): the site's tours of the edition are
// cancelled (status 'cancelled', so the capacity engine's conditional UPDATE takes no place on
// them any more), each confirmed booking not checked in at the door (one that took place stays,
// as the bilan counts it) is cancelled as the engine cancels one — the booking
// marked cancelled, its places released, an audit entry "booking.cancel", and the engine's own
// cancellation e-mail (booking/emails.h, with the .ics that cancels the event) to its visitor —
// and the waiting lists are closed. The participation's new status, the audit entry of the
// decision, the hosts' e-mails and all of this commit together or not at all.
//
// Why not a command queued to the engine: the decision's handler would then wait on the engine
// (the rule is that no handler does), and the decision and the closure would be two commits.
// Correctness does not need the writer thread: the places are guarded in the database (a
// booking in flight finds the tour cancelled, or commits first and is then cancelled here).
//
// Thread-safety: none; the Db is the caller's, inside its transaction.
#pragma once

#include <string>
#include <vector>

#include "services/db.h"

namespace juo::services {

struct SiteClosure {
    int tours_cancelled = 0;
    int bookings_cancelled = 0;
    long long waitlist_closed = 0;
};

// Cancels the confirmed bookings of tours `session_ids` that were not checked in, as above (each
// released, audited "booking.cancel" with `why`, its visitor mailed); how many. Also the deletion of
// one tour by its host (services/tour_changes.h).
int CancelToursBookings(Db& tx, long long user_id, const std::vector<long long>& session_ids, const std::string& now,
                        const std::string& why);

// Closes the tours of site `site_id` in edition `edition_id` as above; `user_id` the actor.
// Throws the store's exception on a database failure (the caller's transaction rolls back).
SiteClosure CloseSiteTours(Db& tx, long long user_id, long long site_id, long long edition_id,
                           const std::string& now);

}  // namespace juo::services

// The Friday allocation's reads and writes: the input of an edition (requests with wishes and
// sectors, sessions with what others hold, sites, schools), allocation runs with their
// assignments and buses, and publishing or discarding a run.
//
// Not thread-safe (one Database per thread). Failures are Errors; each write is one transaction.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/allocation_run.h"
#include "domain/edition.h"
#include "domain/group_request.h"
#include "domain/school.h"
#include "domain/session.h"
#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

struct AllocationData {
    domain::Edition edition;
    std::vector<domain::GroupRequest> requests;  // every request not cancelled, by id
    // Every session of the edition (those of a site not approved for it read as closed, issue 21);
    // places_taken/groups_taken count only confirmed bookings that
    // are not the group bookings of `requests` (what the allocation must leave alone).
    std::vector<domain::Session> sessions;
    std::vector<domain::Site> sites;      // the sites of those sessions
    std::vector<domain::School> schools;  // the schools of those requests
    int financed_buses = 0;               // buses of the edition that belong to no run (2025's)
    long long financed_cost_cents = 0;
    // Carry-over priority (issue 18): schools that had a group request refused or left unplaced
    // (pending, waitlisted) in the previous edition (year - 1); empty when there is none.
    std::vector<long long> carried_over_school_ids;
};

// kNotFound when the edition does not exist.
Result<AllocationData> LoadAllocationData(Database& db, int year);

// Writes a draft run with its assignments and its buses ('planned') in one transaction; sets
// run.id.
Status InsertAllocationRun(Database& db, domain::AllocationRun& run);

// Publishes a draft run in one transaction: every request of the run becomes accepted or refused
// with the run's explanation; the group bookings of those requests are replaced by the run's
// (session counters recounted, an overbooked session refuses the whole publication); the run's
// buses become 'booked' and carry their groups' bookings. kNotFound for an unknown run,
// kConflict when it is not a draft or another run of the edition is published, kFull when a
// session would be overbooked. Notifying the requesters by e-mail comes with the outbox (issue 4).
Status PublishAllocationRun(Database& db, long long run_id);

// Marks a draft run discarded (its buses cancelled). kNotFound, or kConflict when not a draft.
Status DiscardAllocationRun(Database& db, long long run_id);

}  // namespace juo::store

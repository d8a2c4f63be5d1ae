// The Friday allocation's reads and writes: the input of an edition (requests with wishes and
// sectors, sessions with what others hold, sites, schools), allocation runs with their
// assignments and buses, and publishing or discarding a run.
//
// Not thread-safe (one Database per thread). Failures are Errors; each write is one transaction.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
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
    // Every request not cancelled and made until the edition's request deadline (all when it has
    // none), by id.
    std::vector<domain::GroupRequest> requests;
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

// Carry-over priority (issue 18): the schools whose class was refused or never placed (pending,
// waitlisted) in the edition of `year` - 1, by id; none when there is no such edition. What the
// round reads (AllocationData::carried_over_school_ids), the run's figures and step 4's order.
std::vector<long long> CarriedOverSchoolIds(Database& db, int year);

// Writes a draft run with its assignments and its buses ('planned') in one transaction; sets
// run.id. `also` (when given) runs last in that transaction, run.id set: the caller's audit entry.
Status InsertAllocationRun(Database& db, domain::AllocationRun& run, const std::function<void()>& also = {});

// Publishes a draft run in one transaction (issue 18: publishing loses nothing): refused with
// kConflict, nothing changed, when the edition is closed or archived, when any check-in exists for
// the edition, when the run is not a draft or another run of the edition is published. Every
// request of the run becomes accepted or refused with the run's explanation; the group bookings of
// those requests are replaced by the run's (session counters recounted, kFull when a session would
// be overbooked); every live bus of the edition that is not the run's (first-come's, earlier
// runs') is cancelled, so the bilan counts the run's buses only; the run's buses become 'booked'
// and carry their groups' bookings. `in_transaction`, when given, runs last inside the same
// transaction (the service writes the e-mails and the audit entry there); its error undoes all.
// kNotFound for an unknown run.
Status PublishAllocationRun(Database& db, long long run_id, const std::function<Status()>& in_transaction = {});

// Marks a draft run discarded (its buses cancelled). kNotFound, or kConflict when not a draft.
Status DiscardAllocationRun(Database& db, long long run_id);

// ---- issue 18: rounds (jobs) and runs as the service reads them -----------------------------

// A round's job row (migration 0013): its progress and its end, readable from any app server.
struct AllocationJob {
    long long id = 0;
    long long edition_id = 0;
    int year = 0;
    std::string state = "running";  // running, done, failed, abandoned
    std::string stage = "queued";
    double fraction = 0;
    std::string settings;  // "key=value" lines
    double time_limit_seconds = 30;
    std::optional<long long> run_id, started_by;
    std::string error, error_fr;
    std::string started_at, updated_at, finished_at;
};

// How long a running job's heartbeat may be old before it reads as abandoned: its time limit
// plus this margin (seconds).
inline constexpr long long kJobHeartbeatMarginSeconds = 60;
// Whether a running job's heartbeat is too old at `now` (its server stopped).
bool JobAbandoned(const AllocationJob& job, const std::string& now);

// Inserts `job` (state running) in one transaction; first marks 'abandoned' the edition's running
// job whose heartbeat is too old. kConflict when another round of the edition is running (the
// unique index on running jobs makes it hold across servers); sets job.id.
Status InsertAllocationJob(Database& db, AllocationJob& job, const std::function<void()>& also = {});  // `also`: last, in its transaction
// Progress of a running job (its heartbeat too). Throws nothing; errors are returned.
Status UpdateAllocationJob(Database& db, long long id, const std::string& stage, double fraction);
// The end of a job: done with its run, or failed with its error.
Status FinishAllocationJob(Database& db, long long id, const std::string& state, std::optional<long long> run_id,
                           const std::string& error, const std::string& error_fr);
Result<std::optional<AllocationJob>> FindAllocationJob(Database& db, long long id);
Result<std::vector<AllocationJob>> AllocationJobsOf(Database& db, long long edition_id, int limit);

// One request of a run as the service shows it.
struct RunRequestRow {
    long long request_id = 0;
    std::optional<long long> requester_user_id;
    std::string requester_name, requester_email;
    std::optional<long long> school_id;
    std::string school_name, school_town, school_uai, school_region;
    std::string priority_education = "none";  // none, rep, rep_plus
    bool rural = false, first_time = false;
    bool carry_over = false;  // its school had a class refused or never placed the year before
    std::string department, level, audience;
    int pupils = 0, adults = 0;
    bool bus_needed = false;
    double lat = 0, lon = 0;
    std::optional<long long> session_id, first_come_session_id;
    std::optional<int> wish_rank;
    std::string explanation, explanation_en;
};

// A tour named by a run.
struct RunSessionRow {
    long long id = 0;
    long long site_id = 0;
    std::string site_name, site_address, site_postcode, site_town, department, region;
    std::string date, starts_at;
    double lat = 0, lon = 0;
};

// The buses of one school (or one group) to one tour, as written with the run.
struct RunBusGroupRow {
    long long session_id = 0;
    std::vector<long long> request_ids;  // by id
    std::vector<long long> bus_ids;
    int seats = 0;             // per bus
    long long cost_cents = 0;  // all its buses
    double km = 0;             // all its buses
};

struct AllocationRunRead {
    domain::AllocationRun run;  // header fields (no assignments or bus groups)
    int year = 0;
    std::string edition_status;
    std::vector<RunRequestRow> requests;             // by request id
    std::map<long long, RunSessionRow> sessions;     // every tour a request was placed at (run or first-come)
    std::vector<RunBusGroupRow> bus_groups;          // by tour, then first request
};

// Run `run_id` with its requests, tours and buses; nullopt when there is none.
Result<std::optional<AllocationRunRead>> ReadAllocationRun(Database& db, long long run_id);
// The runs of an edition, newest first (header fields only).
Result<std::vector<domain::AllocationRun>> AllocationRunsOf(Database& db, long long edition_id);

}  // namespace juo::store

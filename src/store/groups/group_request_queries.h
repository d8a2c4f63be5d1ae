// Group requests as the people concerned see them: a requester's own requests, the requests a
// factory received (a wish names one of its sites or sessions), one request with its wishes, and
// the decision written back. Throws soci::soci_error on database failures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/group_request.h"
#include "store/bookings/booking_queries.h"
#include "store/db/database.h"

namespace juo::store {

// One ranked wish with what it names.
struct WishView {
    int rank = 1;
    std::optional<long long> session_id;  // a precise tour…
    long long site_id = 0;                // …or any tour of this site
    std::string site_name, commune, department_code;
    std::string day_date, starts_at, ends_at;  // when the wish names a tour
    int places_left = 0;                       // of the tour (0 for a site wish)
    int groups_left = 0;                       // group slots left on the tour (0 for a site wish)
    bool unavailable = false;                  // a host marked it: their tour cannot take it (issue 18)
};

struct GroupRequestView {
    domain::GroupRequest request;  // with its wishes
    std::string requester_name, requester_email;
    std::vector<WishView> wishes;
    std::optional<TourSummary> accepted_tour;  // the tour its group booking is for
    std::optional<long long> booking_id;       // the group booking, when accepted
    std::string ticket_code;                   // its ticket, checked in at the door
    std::string school_name;                   // of request.school_id, when it has one
    bool school_to_check = false;              // created by the requester, not yet checked
};

// A Friday tour a group may wish (issue 18): an open tour of an approved site, with what is left.
struct FridayTour {
    long long session_id = 0, site_id = 0;
    std::string site_name, commune, department_code, naf_division;
    double lat = 0, lon = 0;
    std::string day_date, starts_at, ends_at, min_level;
    int places_left = 0, groups_left = 0;
};

// Department codes ("69", "2A", "971") as a SQL list of literals ('69', '2A'); anything that is
// not 1 to 3 letters or digits is dropped, so no other text reaches the SQL. Empty for none.
std::string DepartmentLiterals(const std::vector<std::string>& departments);

// The request `id` with its wishes, or nullopt.
std::optional<GroupRequestView> FindGroupRequestView(Database& db, long long id);

// Every request of `user_id`, newest first.
std::vector<GroupRequestView> RequestsOfRequester(Database& db, long long user_id);

// The requests of edition `edition_id` (every edition when 0) with a wish on one of `site_ids` or
// on a site of one of `departments` (every site when `all_sites`), pending and waitlisted first,
// then by submission time; at most `limit`, counted after that filter.
std::vector<GroupRequestView> RequestsForSites(Database& db, long long edition_id,
                                               const std::vector<long long>& site_ids, bool all_sites,
                                               int limit, const std::vector<std::string>& departments = {});

// The open tours of site `site_id` open to `audience`, by day and time (a site wish's choices).
std::vector<TourSummary> SiteTours(Database& db, long long site_id, domain::Audience audience);

// Writes the decision on a request still waiting for one (status, the host's message, when);
// false when it was decided since it was read (e.g. by another app server): nothing written.
bool SetRequestDecision(Database& db, long long id, domain::RequestStatus status, const std::string& message,
                        const std::string& decided_at);

// Issue 18: the edition's request deadline (a UTC instant), or nullopt when it has none.
std::optional<std::string> RequestDeadline(Database& db, long long edition_id);

// Sets (or, with an empty text, clears) the edition's request deadline.
bool SetRequestDeadline(Database& db, long long edition_id, const std::string& deadline);  // false: no such edition

// Issue 18: replaces request `id`'s message (what its requester reads on their requests page),
// e.g. the published placement with its bus pickup. In the caller's transaction.
void SetRequestMessage(Database& db, long long id, const std::string& message);

// Whether the edition has a published allocation run.
bool HasPublishedRun(Database& db, long long edition_id);

// The open tours of approved sites of edition `edition_id` open to `audience` with at least one
// group slot in their capacity, by department, site, day and time.
std::vector<FridayTour> FridayTours(Database& db, long long edition_id, domain::Audience audience);

// Issue 18 (ADR 0018, step 4: freed places go to the unplaced requests' ranked wishes): the
// requests the edition's published allocation run left unplaced (status 'refused', no tour in the
// run) that need no bus and wish tour `session_id` or its site (a wish not marked unavailable),
// in the order they are offered a freed place: by priority, weighed as the round weighs it
// (domain::PriorityPct; carry-over: the school had a class refused or never placed the year
// before), then the rank of that wish, then submission. Their ids.
std::vector<long long> UnplacedRequestsWishing(Database& db, long long session_id);

// Accepts request `id` that an allocation run left unplaced (refused → accepted) with `message`
// at `at`; false when it is not refused any more (placed by another app server).
bool AcceptUnplacedRequest(Database& db, long long id, const std::string& message, const std::string& at);

// Marks wish `rank` of request `request_id` unavailable (by `user_id` at `at`); false when there
// is no such wish or it was already marked.
bool MarkWishUnavailable(Database& db, long long request_id, int rank, long long user_id, const std::string& at);

}  // namespace juo::store

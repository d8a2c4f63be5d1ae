// BuildProblem: turns the stored requests, sessions, sites and schools of an edition into the
// solver's Problem (problem.h), checking the input on the way.
//
// Thread-safety: pure function.
#pragma once

#include <utility>
#include <vector>

#include "alloc/problem.h"
#include "common/result.h"
#include "domain/group_request.h"
#include "domain/school.h"
#include "domain/session.h"
#include "domain/site.h"

namespace juo::alloc {

struct ProblemInput {
    std::vector<domain::GroupRequest> requests;  // those to allocate (not cancelled)
    // The edition's sessions; places_taken/groups_taken count only what the allocation must leave
    // alone (public parties, groups that are not part of `requests`).
    std::vector<domain::Session> sessions;
    std::vector<domain::Site> sites;      // every site a session or a wish names
    std::vector<domain::School> schools;  // every school a request names
    BusPolicy bus;
    // The organiser's adjustments (issue 18): (request id, session id) pairs. A pinned request
    // MUST be served at that session (with a bus if it needs one); an excluded pair must not be
    // used. A pin must name one of the request's candidates; a pair cannot be both.
    std::vector<std::pair<long long, long long>> pinned;
    std::vector<std::pair<long long, long long>> excluded;
    // Schools with a class refused or unplaced in the previous edition: carry-over priority.
    std::vector<long long> carried_over_school_ids;
};

// Builds the Problem: one Request per input request (same order), the open sessions that admit
// a group audience, and every candidate (wish or radius) whose session admits the group's audience
// and level and has room for it on its own.
// Fails with kInvalidArgument, naming the first offending items (up to five): a wish naming a
// session or site that is not in the edition, a zero or negative headcount, a group larger than
// every session, an impossible position, a negative budget or bus count, buses without seats,
// a pin of a request to a session that is not one of its candidates (or an unknown request), a
// pair both pinned and excluded.
Result<Problem> BuildProblem(const ProblemInput& input);

}  // namespace juo::alloc

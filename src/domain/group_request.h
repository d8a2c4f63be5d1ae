// GroupRequest: a class (teacher) or a job-seeker group (France Travail adviser) asking for a
// Friday visit, with ranked wishes and/or "any session within R km in these sectors".
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/geo.h"
#include "common/result.h"
#include "domain/audience.h"

namespace juo::domain {

enum class RequestStatus { kPending, kAccepted, kWaitlisted, kRefused, kCancelled };
inline constexpr CodeTable<RequestStatus, 5> kRequestStatusCodes{{{RequestStatus::kPending, "pending"},
                                                                  {RequestStatus::kAccepted, "accepted"},
                                                                  {RequestStatus::kWaitlisted, "waitlisted"},
                                                                  {RequestStatus::kRefused, "refused"},
                                                                  {RequestStatus::kCancelled, "cancelled"}}};
constexpr std::string_view ToCode(RequestStatus s) { return CodeOf(kRequestStatusCodes, s); }
constexpr std::optional<RequestStatus> ParseRequestStatus(std::string_view c) {
    return ValueOf(kRequestStatusCodes, c);
}

// School levels, youngest first; a session's min_level admits that level and above.
inline constexpr std::string_view kLevels[] = {"4e",        "3e",  "2nde", "1re",
                                               "terminale", "cap", "bts",  "adultes"};

// Rank of a level in kLevels, or -1 when unknown. "cap", "bts" and "adultes" rank above the lycée.
int LevelRank(std::string_view level);

struct Wish {
    int rank = 1;  // 1 = first choice
    std::optional<long long> session_id;
    std::optional<long long> site_id;
};

struct GroupRequest {
    long long id = 0;
    long long edition_id = 0;
    std::optional<long long> requester_user_id;
    std::optional<long long> school_id;  // none for a France Travail group
    Audience audience = Audience::kSchool;
    std::string level;
    int pupils = 0;  // or job-seekers
    int adults = 0;
    bool bus_needed = false;
    std::optional<double> radius_km;
    std::vector<std::string> sector_divisions;  // with radius_km: "any session in these sectors"
    LatLon position;                            // where the group leaves from
    std::string department_code;
    bool first_time = false;
    RequestStatus status = RequestStatus::kPending;
    std::string message;
    std::string submitted_at;
    std::string decided_at;
    std::vector<Wish> wishes;

    int people() const { return pupils + adults; }
};

// Checks a request: group audience, known level, 1..200 pupils, 0..50 adults, wishes ranked
// 1..n without gaps each naming a session or a site, or a radius of 1..300 km, a valid position.
Status ValidateGroupRequest(const GroupRequest& request);

struct School;

// The request's priority, as the Friday round weighs it (ADR 0019) and as freed places after it
// are offered (ADR 0018, step 4): percent points over 100, REP+ 50, REP 30, rural 20, a first
// participation 10, carry-over (a class of the school refused or never placed in the previous
// edition) 20; they add up. A school still to check (created by a requester) brings none of its
// own. `school` may be null (a France Travail group, or a school not found).
int PriorityPct(const GroupRequest& request, const School* school, bool carried_over);

}  // namespace juo::domain

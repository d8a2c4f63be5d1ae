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

}  // namespace juo::domain

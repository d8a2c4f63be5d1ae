// Session: one tour at a site at a given time, with a capacity in people and in groups.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/audience.h"
#include "domain/enum_codes.h"

namespace juo::domain {

enum class SessionStatus { kDraft, kOpen, kClosed, kCancelled };
inline constexpr CodeTable<SessionStatus, 4> kSessionStatusCodes{{{SessionStatus::kDraft, "draft"},
                                                                  {SessionStatus::kOpen, "open"},
                                                                  {SessionStatus::kClosed, "closed"},
                                                                  {SessionStatus::kCancelled, "cancelled"}}};
constexpr std::string_view ToCode(SessionStatus s) { return CodeOf(kSessionStatusCodes, s); }
constexpr std::optional<SessionStatus> ParseSessionStatus(std::string_view c) {
    return ValueOf(kSessionStatusCodes, c);
}

struct Session {
    long long id = 0;
    long long edition_id = 0;
    long long site_id = 0;
    std::string day_date;   // 'YYYY-MM-DD'
    std::string starts_at;  // 'HH:MM' Europe/Paris
    std::string ends_at;
    int capacity_people = 0;
    int capacity_groups = 0;  // 0 when the session takes no groups
    int places_taken = 0;
    int groups_taken = 0;
    std::vector<Audience> audiences;
    std::string min_level;  // school level code, see group_request.h; empty = none
    std::optional<int> min_age;
    SessionStatus status = SessionStatus::kOpen;

    int places_left() const { return capacity_people - places_taken; }
    int groups_left() const { return capacity_groups - groups_taken; }
    bool admits(Audience a) const;
};

// Checks a session: a valid day and times with end after start, a positive capacity, group
// capacity only when it admits a group audience, at least one audience, counters within capacity.
Status ValidateSession(const Session& session);

// Whether `people` more places (and one more group when `as_group`) fit in the session now.
bool Fits(const Session& session, int people, bool as_group);

// Whether a tour on `day_date` ('YYYY-MM-DD') starting at `starts_at` ('HH:MM', Paris time) has
// started at `now_utc` (a UTC ISO instant): from then on it is past for the visitor, who can no
// longer book it. The one rule the factory page, the booking form and the lists share. A malformed
// time counts as the start of its day; a malformed day is never past.
bool HasStarted(std::string_view day_date, std::string_view starts_at, const std::string& now_utc);

}  // namespace juo::domain

// Audiences (who a session admits) and event days.
//
// Thread-safety: plain values.
#pragma once

#include <string>
#include <vector>

#include "domain/enum_codes.h"

namespace juo::domain {

enum class Audience { kSchool, kPublic, kJobSeekers };
inline constexpr CodeTable<Audience, 3> kAudienceCodes{
    {{Audience::kSchool, "school"}, {Audience::kPublic, "public"}, {Audience::kJobSeekers, "job_seekers"}}};
constexpr std::string_view ToCode(Audience a) { return CodeOf(kAudienceCodes, a); }
constexpr std::optional<Audience> ParseAudience(std::string_view c) { return ValueOf(kAudienceCodes, c); }

// French label as on screen ("Scolaires", "Grand public", "France Travail").
std::string_view LabelFr(Audience a);

// Group audiences (schools, job-seekers) come as group requests on Friday; the public books
// parties on Saturday.
constexpr bool IsGroupAudience(Audience a) { return a != Audience::kPublic; }

// One day of an edition ('YYYY-MM-DD') and the audiences it admits.
struct EditionDay {
    long long id = 0;
    std::string date;
    std::vector<Audience> audiences;
};

}  // namespace juo::domain

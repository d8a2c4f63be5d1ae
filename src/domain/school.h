// School: a collège, lycée, CFA… that sends classes on Friday, with its priority flags.
//
// Thread-safety: plain values.
#pragma once

#include <string>

#include "common/geo.h"
#include "domain/enum_codes.h"

namespace juo::domain {

enum class SchoolKind { kCollege, kLycee, kLyceePro, kCfa, kHigher, kOther };
inline constexpr CodeTable<SchoolKind, 6> kSchoolKindCodes{{{SchoolKind::kCollege, "college"},
                                                            {SchoolKind::kLycee, "lycee"},
                                                            {SchoolKind::kLyceePro, "lycee_pro"},
                                                            {SchoolKind::kCfa, "cfa"},
                                                            {SchoolKind::kHigher, "higher"},
                                                            {SchoolKind::kOther, "other"}}};
constexpr std::string_view ToCode(SchoolKind k) { return CodeOf(kSchoolKindCodes, k); }
constexpr std::optional<SchoolKind> ParseSchoolKind(std::string_view c) {
    return ValueOf(kSchoolKindCodes, c);
}

// Éducation prioritaire: REP and REP+ networks.
enum class PriorityEducation { kNone, kRep, kRepPlus };
inline constexpr CodeTable<PriorityEducation, 3> kPriorityEducationCodes{
    {{PriorityEducation::kNone, "none"},
     {PriorityEducation::kRep, "rep"},
     {PriorityEducation::kRepPlus, "rep_plus"}}};
constexpr std::string_view ToCode(PriorityEducation p) { return CodeOf(kPriorityEducationCodes, p); }
constexpr std::optional<PriorityEducation> ParsePriorityEducation(std::string_view c) {
    return ValueOf(kPriorityEducationCodes, c);
}

struct School {
    long long id = 0;
    std::string uai;  // optional national school id, 7 digits + 1 letter
    std::string name;
    SchoolKind kind = SchoolKind::kCollege;
    std::string commune_code;
    std::string commune_name;
    std::string department_code;
    std::string region_code;
    LatLon position;
    PriorityEducation priority_education = PriorityEducation::kNone;
    bool rural = false;
    bool to_check = false;  // created by a requester, not yet confirmed by the organiser or a relay
};

// True for a UAI: seven digits then a letter ("0691234A"); the letter is not checked further.
bool IsValidUai(std::string_view uai);

}  // namespace juo::domain

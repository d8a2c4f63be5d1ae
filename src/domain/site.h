// Organisation (the company), Site (the factory that opens its doors) and Participation
// (a site taking part in one edition), with their validation rules.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>

#include "common/geo.h"
#include "common/result.h"
#include "domain/enum_codes.h"

namespace juo::domain {

struct Organisation {
    long long id = 0;
    std::string name;
    std::string siret;  // 14 digits, optional (empty)
    std::string created_at;
};

struct Site {
    long long id = 0;
    long long organisation_id = 0;
    std::string name;
    std::string siret;         // optional
    std::string naf_code;      // NAF rev.2 class, "29.10Z"
    std::string naf_division;  // its first two digits, "29": the sector
    std::string address;
    std::string postcode;
    std::string commune_code;  // INSEE
    std::string commune_name;
    std::string department_code;
    std::string region_code;
    LatLon position;
    // The five kinds of the accessibility nomenclature (domain/accessibility.h): wheelchair_access
    // is "motor", the others are named after their kind.
    bool wheelchair_access = false;
    bool hearing_access = false;
    bool visual_access = false;
    bool mental_access = false;
    bool psychic_access = false;
    std::string accessibility_notes;
    std::string safety_rules;
    std::string description;
    std::optional<int> min_age;
    std::string created_at;
    std::optional<long long> photo_file_id;  // store::StoredFile, shown on the factory's page
};

enum class ParticipationStatus { kDraft, kSubmitted, kChangesRequested, kApproved, kRefused, kWithdrawn };
inline constexpr CodeTable<ParticipationStatus, 6> kParticipationStatusCodes{
    {{ParticipationStatus::kDraft, "draft"},
     {ParticipationStatus::kSubmitted, "submitted"},
     {ParticipationStatus::kChangesRequested, "changes_requested"},
     {ParticipationStatus::kApproved, "approved"},
     {ParticipationStatus::kRefused, "refused"},
     {ParticipationStatus::kWithdrawn, "withdrawn"}}};
constexpr std::string_view ToCode(ParticipationStatus s) { return CodeOf(kParticipationStatusCodes, s); }
constexpr std::optional<ParticipationStatus> ParseParticipationStatus(std::string_view c) {
    return ValueOf(kParticipationStatusCodes, c);
}

struct Participation {
    long long id = 0;
    long long edition_id = 0;
    long long site_id = 0;
    ParticipationStatus status = ParticipationStatus::kDraft;
    std::string submitted_at;
    std::string decided_at;
};

// True when `siret` is 14 digits with a valid Luhn checksum (La Poste's SIRETs, which start
// with SIREN 356000000 and use a digit-sum rule, are accepted too).
bool IsValidSiret(std::string_view siret);

// True for a NAF rev.2 class code "NN.NNL" (two digits, dot, two digits, one capital letter).
bool IsValidNafCode(std::string_view code);

// True for a French postcode: five digits, not 00xxx.
bool IsValidPostcode(std::string_view postcode);

// Checks a site before it is stored: name, NAF code whose division matches, a postcode,
// a commune, a valid position, the optional SIRET's checksum, a minimum age of 0..25.
Status ValidateSite(const Site& site);

}  // namespace juo::domain

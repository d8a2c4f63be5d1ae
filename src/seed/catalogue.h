// The word lists and weights the replica draws from: the 20 sectors of the 2025 edition with
// their skew, real NAF classes, factory name patterns, streets, safety rules, pupils' words.
//
// Thread-safety: constant tables.
#pragma once

#include <string_view>
#include <vector>

namespace juo::seed {

struct SectorProfile {
    std::string_view division;                  // NAF division, "30"
    double weight;                              // share of the sites, before rounding
    std::vector<std::string_view> naf_classes;  // real NAF rev.2 classes of the division
    std::vector<std::string_view> name_stems;   // "Aérostructures", "Forges"
    double popularity;                          // how much classes want to visit it (median 1)
};

// The 20 sectors of the replica, strongest first (aeronautics/rail, automotive, metal…), with
// pharmaceuticals last and weak, as the 2025 bilan observed.
const std::vector<SectorProfile>& SectorProfiles();

extern const std::vector<std::string_view> kStreetNames;
extern const std::vector<std::string_view> kSafetyRules;
// A site's free-text accessibility note, and the kind it speaks of: written only for a site that
// offers that kind (a wheelchair route under motor access, a hearing loop under hearing access).
struct AccessibilityNote {
    std::string_view text;
    bool hearing = false;  // false: motor access
};
extern const std::vector<AccessibilityNote> kAccessibilityNotes;
extern const std::vector<std::string_view> kDescriptions;       // "{stem}" is replaced by the site's activity
extern const std::vector<std::string_view> kSchoolNamePatrons;  // "Jules Ferry", "Marie Curie"
extern const std::vector<std::string_view> kPupilWords;         // free-text answers of pupils
extern const std::vector<std::string_view> kSeedQuotes;         // the four quotes of the 2025 bilan
extern const std::vector<std::string_view> kHostComments;
extern const std::vector<std::string_view> kSocialNetworks;

}  // namespace juo::seed

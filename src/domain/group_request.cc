// Group request rules.
#include "domain/group_request.h"

#include <algorithm>

#include "domain/school.h"

namespace juo::domain {

int LevelRank(std::string_view level) {
    for (size_t i = 0; i < std::size(kLevels); ++i)
        if (kLevels[i] == level) return static_cast<int>(i);
    return -1;
}

Status ValidateGroupRequest(const GroupRequest& r) {
    auto invalid = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    if (!IsGroupAudience(r.audience))
        return invalid("a group request is for schools or job-seekers",
                       "une demande de groupe concerne les scolaires ou France Travail");
    if (LevelRank(r.level) < 0)
        return invalid("unknown level '" + r.level + "'", "niveau inconnu : '" + r.level + "'");
    if (r.pupils < 1 || r.pupils > 200)
        return invalid("a group has 1 to 200 pupils, not " + std::to_string(r.pupils),
                       "un groupe compte de 1 à 200 élèves, pas " + std::to_string(r.pupils));
    if (r.adults < 0 || r.adults > 50)
        return invalid("a group has 0 to 50 adults, not " + std::to_string(r.adults),
                       "un groupe compte de 0 à 50 adultes, pas " + std::to_string(r.adults));
    if (!IsValidPosition(r.position))
        return invalid("the group's position is not a valid latitude/longitude",
                       "la position du groupe n'est pas valide");
    if (r.wishes.empty() && !r.radius_km)
        return invalid("a request needs ranked wishes or a radius",
                       "une demande a des vœux classés ou un rayon");
    if (r.radius_km && (*r.radius_km < 1 || *r.radius_km > 300))
        return invalid("radius must be 1..300 km", "le rayon doit être compris entre 1 et 300 km");
    std::vector<int> ranks;
    for (const auto& w : r.wishes) {
        if (!w.session_id && !w.site_id)
            return invalid("wish " + std::to_string(w.rank) + " names no session or site",
                           "le vœu " + std::to_string(w.rank) + " ne désigne aucune visite ni usine");
        ranks.push_back(w.rank);
    }
    std::sort(ranks.begin(), ranks.end());
    for (size_t i = 0; i < ranks.size(); ++i)
        if (ranks[i] != static_cast<int>(i) + 1)
            return invalid("wishes must be ranked 1, 2, 3… without gaps or repeats",
                           "les vœux doivent être classés 1, 2, 3… sans trou ni doublon");
    return Ok();
}

int PriorityPct(const GroupRequest& request, const School* school, bool carried_over) {
    int pct = 100;
    if (school && !school->to_check) {
        if (school->priority_education == PriorityEducation::kRepPlus) pct += 50;
        if (school->priority_education == PriorityEducation::kRep) pct += 30;
        if (school->rural) pct += 20;
    }
    if (request.first_time) pct += 10;
    if (carried_over) pct += 20;
    return pct;
}

}  // namespace juo::domain

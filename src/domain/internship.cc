// Internship rules.
#include "domain/internship.h"

namespace juo::domain {

Status ValidateInternshipOffer(const InternshipOffer& o) {
    if (o.title.empty())
        return MakeError(ErrorCode::kInvalidArgument, "an internship offer needs a title",
                         "une offre de stage a un titre");
    if (o.places < 1 || o.places > 100)
        return MakeError(ErrorCode::kInvalidArgument, "an offer has 1 to 100 places",
                         "une offre compte de 1 à 100 places");
    if (o.filled < 0 || o.filled > o.places)
        return MakeError(
            ErrorCode::kInvalidArgument,
            "filled places (" + std::to_string(o.filled) + ") must be 0.." + std::to_string(o.places),
            "les places pourvues (" + std::to_string(o.filled) + ") doivent être entre 0 et " +
                std::to_string(o.places));
    return Ok();
}

}  // namespace juo::domain

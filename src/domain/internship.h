// Internship offers posted by hosts after the visits (stage de 3e, de seconde, apprentissage).
//
// Thread-safety: plain values.
#pragma once

#include <string>

#include "common/result.h"
#include "domain/enum_codes.h"

namespace juo::domain {

enum class InternshipKind { kStage3e, kStageSeconde, kApprentissage, kOther };
inline constexpr CodeTable<InternshipKind, 4> kInternshipKindCodes{
    {{InternshipKind::kStage3e, "stage_3e"},
     {InternshipKind::kStageSeconde, "stage_seconde"},
     {InternshipKind::kApprentissage, "apprentissage"},
     {InternshipKind::kOther, "other"}}};
constexpr std::string_view ToCode(InternshipKind k) { return CodeOf(kInternshipKindCodes, k); }
constexpr std::optional<InternshipKind> ParseInternshipKind(std::string_view c) {
    return ValueOf(kInternshipKindCodes, c);
}

struct InternshipOffer {
    long long id = 0;
    long long edition_id = 0;
    long long site_id = 0;
    InternshipKind kind = InternshipKind::kStage3e;
    std::string title;
    int places = 1;
    int filled = 0;
    std::string created_at;
};

// Checks an offer: a title, 1..100 places, 0..places filled.
Status ValidateInternshipOffer(const InternshipOffer& offer);

}  // namespace juo::domain

// The five kinds of disability of the national accessibility nomenclature (the one OpenAgenda
// uses for the Journées du Patrimoine): motor, visual, hearing, mental, psychic. A site says
// which kinds it welcomes; visitors filter on them in the search and the API.
//
// Storage: "motor" is the historical site.wheelchair_access column and "hearing" is
// site.hearing_access (migration 0011 added the three others), so older rows keep their meaning.
//
// Thread-safety: pure functions over constant tables and plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/enum_codes.h"
#include "domain/site.h"

namespace juo::domain {

enum class AccessKind { kMotor, kVisual, kHearing, kMental, kPsychic };
inline constexpr CodeTable<AccessKind, 5> kAccessKindCodes{{{AccessKind::kMotor, "motor"},
                                                            {AccessKind::kVisual, "visual"},
                                                            {AccessKind::kHearing, "hearing"},
                                                            {AccessKind::kMental, "mental"},
                                                            {AccessKind::kPsychic, "psychic"}}};
// Every kind, in the nomenclature's order (the order pages and answers list them in).
inline constexpr AccessKind kAccessKinds[] = {AccessKind::kMotor, AccessKind::kVisual, AccessKind::kHearing,
                                              AccessKind::kMental, AccessKind::kPsychic};
constexpr std::string_view ToCode(AccessKind k) { return CodeOf(kAccessKindCodes, k); }
constexpr std::optional<AccessKind> ParseAccessKind(std::string_view c) { return ValueOf(kAccessKindCodes, c); }

// A set of kinds as bits: bit (1 << kind).
using AccessMask = unsigned;
constexpr AccessMask AccessBit(AccessKind k) { return 1u << static_cast<unsigned>(k); }

// The French adjective as the nomenclature writes it: "moteur", "visuel", "auditif", "mental",
// "psychique".
std::string_view LabelFr(AccessKind k);

// Whether `site` welcomes people with that kind of disability; and the setter.
bool HasAccess(const Site& site, AccessKind k);
void SetAccess(Site& site, AccessKind k, bool welcomed);
// Every kind `site` welcomes.
AccessMask AccessOf(const Site& site);

// Parses "motor,visual" (codes, or their French labels, any case, spaces ignored; an empty
// list is the empty set). Fails with kInvalidArgument naming the unknown kind.
Result<AccessMask> ParseAccessList(std::string_view list);

// "motor,visual": the codes of `mask` in the nomenclature's order, comma-separated.
std::string AccessListCode(AccessMask mask);

}  // namespace juo::domain

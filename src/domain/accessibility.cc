// The accessibility nomenclature: labels, the site's flags and the "motor,visual" lists.
#include "domain/accessibility.h"

#include <cctype>

namespace juo::domain {

std::string_view LabelFr(AccessKind k) {
    switch (k) {
        case AccessKind::kMotor: return "moteur";
        case AccessKind::kVisual: return "visuel";
        case AccessKind::kHearing: return "auditif";
        case AccessKind::kMental: return "mental";
        case AccessKind::kPsychic: return "psychique";
    }
    return {};
}

namespace {

bool* Flag(Site& site, AccessKind k) {
    switch (k) {
        case AccessKind::kMotor: return &site.wheelchair_access;
        case AccessKind::kVisual: return &site.visual_access;
        case AccessKind::kHearing: return &site.hearing_access;
        case AccessKind::kMental: return &site.mental_access;
        case AccessKind::kPsychic: return &site.psychic_access;
    }
    return nullptr;
}

}  // namespace

bool HasAccess(const Site& site, AccessKind k) {
    switch (k) {
        case AccessKind::kMotor: return site.wheelchair_access;
        case AccessKind::kVisual: return site.visual_access;
        case AccessKind::kHearing: return site.hearing_access;
        case AccessKind::kMental: return site.mental_access;
        case AccessKind::kPsychic: return site.psychic_access;
    }
    return false;
}

void SetAccess(Site& site, AccessKind k, bool welcomed) { *Flag(site, k) = welcomed; }

AccessMask AccessOf(const Site& site) {
    AccessMask mask = 0;
    for (auto k : kAccessKinds)
        if (HasAccess(site, k)) mask |= AccessBit(k);
    return mask;
}

Result<AccessMask> ParseAccessList(std::string_view list) {
    AccessMask mask = 0;
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(',', start);
        if (end == std::string_view::npos) end = list.size();
        std::string item;
        for (char c : list.substr(start, end - start))
            if (c != ' ') item += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        start = end + 1;
        if (item.empty()) continue;
        std::optional<AccessKind> kind = ParseAccessKind(item);
        for (auto k : kAccessKinds)
            if (!kind && item == LabelFr(k)) kind = k;
        if (!kind)
            return MakeError(ErrorCode::kInvalidArgument,
                             "unknown accessibility kind '" + item + "': use motor, visual, hearing, mental, psychic",
                             "type d’accessibilité inconnu « " + item +
                                 " » : utilisez motor, visual, hearing, mental, psychic");
        mask |= AccessBit(*kind);
    }
    return mask;
}

std::string AccessListCode(AccessMask mask) {
    std::string out;
    for (auto k : kAccessKinds) {
        if (!(mask & AccessBit(k))) continue;
        if (!out.empty()) out += ',';
        out += ToCode(k);
    }
    return out;
}

}  // namespace juo::domain

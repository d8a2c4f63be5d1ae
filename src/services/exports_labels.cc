// The exports' French labels (exports_labels.h).
#include "services/exports_labels.h"

#include <utility>

#include "common/clock.h"
#include "common/paris_time.h"
#include "domain/audience.h"

namespace juo::services {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// The same words as the pages (web/i18n/messages.tsv) where the pages show the value.
constexpr Pair kParticipation[] = {{"draft", "brouillon"},
                                   {"submitted", "en attente de validation"},
                                   {"changes_requested", "modifications demandées"},
                                   {"approved", "validée"},
                                   {"refused", "refusée"},
                                   {"withdrawn", "retirée"}};
constexpr Pair kSession[] = {{"draft", "brouillon"}, {"open", "ouverte"}, {"closed", "fermée"}, {"cancelled", "annulée"}};
constexpr Pair kRequest[] = {{"pending", "en attente de réponse"},
                             {"accepted", "acceptée"},
                             {"waitlisted", "sur liste d'attente"},
                             {"refused", "refusée"},
                             {"cancelled", "annulée"}};
constexpr Pair kBookingKind[] = {{"party", "individuelle"}, {"group", "groupe"}};
constexpr Pair kBookingStatus[] = {{"confirmed", "confirmée"}, {"cancelled", "annulée"}};
constexpr Pair kMedia[] = {{"print", "Presse écrite"}, {"web", "Web"}, {"broadcast", "TV, radio, podcasts"}};
constexpr Pair kSurvey[] = {{"hosts", "Usines"}, {"teachers", "Enseignants"}, {"visitors", "Visiteurs"}};
constexpr Pair kQuestion[] = {{"rating", "Note"}, {"yes_no", "Oui / non"}, {"text", "Texte libre"}};

template <size_t N>
std::string Find(const Pair (&table)[N], std::string_view code) {
    for (const auto& [c, label] : table)
        if (c == code) return std::string(label);
    return std::string(code);
}

std::string Audience(std::string_view code) {
    const auto audience = domain::ParseAudience(code);
    return audience ? std::string(domain::LabelFr(*audience)) : std::string(code);
}

}  // namespace

std::string ExportLabelFr(ExportEnum what, std::string_view code) {
    switch (what) {
        case ExportEnum::kAudience:
            return Audience(code);
        case ExportEnum::kAudiences: {
            std::string out;
            while (!code.empty()) {
                const size_t comma = code.find(',');
                if (!out.empty()) out += ", ";
                out += Audience(code.substr(0, comma));
                code = comma == std::string_view::npos ? std::string_view() : code.substr(comma + 1);
            }
            return out;
        }
        case ExportEnum::kParticipationStatus:
            return Find(kParticipation, code);
        case ExportEnum::kSessionStatus:
            return Find(kSession, code);
        case ExportEnum::kRequestStatus:
            return Find(kRequest, code);
        case ExportEnum::kBookingKind:
            return Find(kBookingKind, code);
        case ExportEnum::kBookingStatus:
            return Find(kBookingStatus, code);
        case ExportEnum::kMediaKind:
            return Find(kMedia, code);
        case ExportEnum::kSurveyAudience:
            return Find(kSurvey, code);
        case ExportEnum::kQuestionKind:
            return Find(kQuestion, code);
    }
    return std::string(code);
}

std::string ParisMinuteOf(std::string_view utc_instant) {
    const auto local = ParisLocalSeconds(utc_instant);
    if (!local) return std::string(utc_instant);
    const std::string iso = UtcIsoFromEpoch(*local);  // "2025-01-14T08:10:54Z", read as local time
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

}  // namespace juo::services

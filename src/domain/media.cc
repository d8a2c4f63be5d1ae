// Media rules and labels.
#include "domain/media.h"

#include "domain/edition.h"

namespace juo::domain {

std::string_view LabelFr(MediaKind k) {
    switch (k) {
        case MediaKind::kPrint:
            return "parutions papier";
        case MediaKind::kWeb:
            return "parutions sur le web";
        case MediaKind::kBroadcast:
            return "broadcasts (TV/radio/podcast)";
    }
    return "";
}

Status ValidateMediaMention(const MediaMention& m) {
    if (m.outlet.empty() || m.outlet.size() > 200)
        return MakeError(ErrorCode::kInvalidArgument, "outlet must be 1 to 200 characters",
                         "le média doit faire 1 à 200 caractères");
    if (!IsValidDate(m.published_on))
        return MakeError(ErrorCode::kInvalidArgument,
                         "publication date '" + m.published_on + "' is not YYYY-MM-DD",
                         "la date de parution '" + m.published_on + "' n'est pas au format AAAA-MM-JJ");
    if (!m.url.empty() && m.url.rfind("http://", 0) != 0 && m.url.rfind("https://", 0) != 0)
        return MakeError(ErrorCode::kInvalidArgument,
                         "URL '" + m.url + "' must start with http:// or https://",
                         "l'adresse '" + m.url + "' doit commencer par http:// ou https://");
    return Ok();
}

Status ValidateSocialMentions(const SocialMentions& s) {
    bool known = false;
    for (auto n : kSocialNetworks) known = known || n == s.network;
    if (!known)
        return MakeError(ErrorCode::kInvalidArgument,
                         "network '" + s.network + "' is not one of linkedin, facebook, instagram, x, youtube, tiktok, other",
                         "le réseau '" + s.network +
                             "' n'est pas l'un de linkedin, facebook, instagram, x, youtube, tiktok, other");
    if (!IsValidDate(s.period_start) || !IsValidDate(s.period_end))
        return MakeError(ErrorCode::kInvalidArgument, "the period's dates must be YYYY-MM-DD",
                         "les dates de la période doivent être au format AAAA-MM-JJ");
    if (s.period_end < s.period_start)
        return MakeError(ErrorCode::kInvalidArgument, "the period must end on or after its start",
                         "la période doit finir le jour de son début ou après");
    if (s.mentions < 0 || s.mentions > 10000000)
        return MakeError(ErrorCode::kInvalidArgument, "mentions: 0 to 10,000,000",
                         "mentions : de 0 à 10 000 000");
    return Ok();
}

}  // namespace juo::domain

// Media coverage: one article or broadcast (MediaMention) and social-network mention counts.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/enum_codes.h"

namespace juo::domain {

enum class MediaKind { kPrint, kWeb, kBroadcast };
inline constexpr CodeTable<MediaKind, 3> kMediaKindCodes{
    {{MediaKind::kPrint, "print"}, {MediaKind::kWeb, "web"}, {MediaKind::kBroadcast, "broadcast"}}};
constexpr std::string_view ToCode(MediaKind k) { return CodeOf(kMediaKindCodes, k); }
constexpr std::optional<MediaKind> ParseMediaKind(std::string_view c) { return ValueOf(kMediaKindCodes, c); }

// "parutions papier", "parutions sur le web", "broadcasts (TV/radio/podcast)".
std::string_view LabelFr(MediaKind k);

struct MediaMention {
    long long id = 0;
    long long edition_id = 0;
    MediaKind kind = MediaKind::kPrint;
    std::string outlet;
    std::string title;
    std::string published_on;  // 'YYYY-MM-DD'
    std::string url;           // optional
    std::string department_code;
};

struct SocialMentions {
    long long id = 0;
    long long edition_id = 0;
    std::string network;
    std::string period_start;
    std::string period_end;
    int mentions = 0;
};

// Checks a mention: an outlet, a date, and an http(s) URL when there is one.
Status ValidateMediaMention(const MediaMention& m);

// The networks a social-mention count may be for, as entered in the back office (the seed's
// older rows spell them "LinkedIn", "X"…: compare without case).
inline constexpr std::string_view kSocialNetworks[] = {"linkedin", "facebook", "instagram", "x",
                                                       "youtube",  "tiktok",   "other"};

// Checks a count: a network of kSocialNetworks (lower case), valid dates with end >= start, and
// 0 to 10,000,000 mentions.
Status ValidateSocialMentions(const SocialMentions& s);

}  // namespace juo::domain

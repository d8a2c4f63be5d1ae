// The organiser's changes of media mentions and social-mention counts, shared by the media page
// (media_page.cc) and the API (api_media.cc): the input read from text fields (a form's or a JSON
// body's) with a clear French and English message for each bad value, and each change written
// with its audit entry in one transaction (nothing half-applied).
//
// Thread-safety: pure functions over their arguments; the Database is the caller's.
#pragma once

#include <string>

#include "common/result.h"
#include "domain/media.h"
#include "store/database.h"

namespace juo::web {

// A media mention as typed: kind (print, web, broadcast), outlet, title (optional), date
// (YYYY-MM-DD), url (optional, http or https), department (optional code, "69", "2A").
struct MediaMentionInput {
    std::string kind, outlet, title, published_on, url, department;
};
// The mention of edition `edition_id`, or kInvalidArgument.
Result<domain::MediaMention> ReadMediaMention(const MediaMentionInput& in, long long edition_id);

// A social-mention count as typed: network (domain::kSocialNetworks, any case), period start
// and end (YYYY-MM-DD, end >= start), mentions (a whole number, 0 or more).
struct SocialMentionsInput {
    std::string network, period_start, period_end, mentions;
};
Result<domain::SocialMentions> ReadSocialMentions(const SocialMentionsInput& in, long long edition_id);

// The changes, by user `actor` (audited). Add sets the new id. kNotFound for an unknown id.
Status AddMediaMention(store::Database& db, long long actor, domain::MediaMention& mention);
Status EditMediaMention(store::Database& db, long long actor, const domain::MediaMention& mention);
Status RemoveMediaMention(store::Database& db, long long actor, long long id);
Status AddSocialMentions(store::Database& db, long long actor, domain::SocialMentions& counts);
Status RemoveSocialMentions(store::Database& db, long long actor, long long id);

// The on-screen name of a network code ("LinkedIn", "X", "Autre" / "Other"); the text itself for
// anything else (older rows).
std::string NetworkLabel(const std::string& network, bool french);

}  // namespace juo::web

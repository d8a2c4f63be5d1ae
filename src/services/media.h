// Media mentions and social-mention counts, the use case behind the organiser's media page
// (web/media_page.cc) and the API (web/api_media.cc): the edition's mentions and counts as they
// show them; the input read from text fields (a form's or a JSON body's) with a clear French and
// English message for each bad value; and each change written with its audit entry in one
// transaction (nothing half-applied). The CSV import is services/imports.h.
//
// Thread-safety: functions over their arguments; the Db is the caller's (this thread's). No
// database exception passes them: a failure is their Error.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "domain/media.h"
#include "services/db.h"

namespace juo::services {

// A page of an edition's media mentions, newest first, and how many there are in all.
struct MediaMentionsPage {
    long long total = 0;
    std::vector<domain::MediaMention> mentions;
};
// The last page a caller may ask for: beyond it, (page - 1) * page_size would not fit the
// database's offset (and nobody pages through 500,000 mentions).
inline constexpr long long kMaxMediaPage = 10000;

// Page `page` (from 1) of `page_size` mentions of `edition_id` (every department);
// kInvalidArgument when `page` is not in 1..kMaxMediaPage.
Result<MediaMentionsPage> ListMediaMentions(Db& db, long long edition_id, long long page, int page_size);

// What the media page shows of the current edition: the number of mentions of each kind (kind
// code, count), a page of mentions, and the social-mention counts.
struct MediaOverview {
    domain::Edition edition;
    std::vector<std::pair<std::string, long long>> counts_by_kind;
    MediaMentionsPage mentions;
    std::vector<domain::SocialMentions> social;
};
// kNotFound without a current edition; kInvalidArgument when `page` is not in 1..kMaxMediaPage.
Result<MediaOverview> ReadMediaOverview(Db& db, long long page, int page_size);

// The mention `id`, or nullopt when there is none.
Result<std::optional<domain::MediaMention>> FindMediaMention(Db& db, long long id);

// The social-mention counts of `edition_id` (one per network and period).
Result<std::vector<domain::SocialMentions>> ListSocialMentions(Db& db, long long edition_id);

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
Status AddMediaMention(Db& db, long long actor, domain::MediaMention& mention);
Status EditMediaMention(Db& db, long long actor, const domain::MediaMention& mention);
Status RemoveMediaMention(Db& db, long long actor, long long id);
Status AddSocialMentions(Db& db, long long actor, domain::SocialMentions& counts);
Status RemoveSocialMentions(Db& db, long long actor, long long id);

}  // namespace juo::services

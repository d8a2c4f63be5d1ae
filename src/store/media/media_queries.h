// The media page's and API's reads and changes of media mentions and social-mention counts
// (inserts are in media_repository.h): a page of mentions newest first, one mention, its update
// and deletion; an edition's social-mention counts and their deletion. The callers write the
// audit entry in the same transaction. Throws soci::soci_error on database failures.
//
// Thread-safety: as Database (one per thread).
#pragma once

#include <optional>
#include <vector>

#include "common/result.h"
#include "domain/media.h"
#include "store/db/database.h"
#include "store/reads/export_queries.h"

namespace juo::store {

// The edition's mentions in `scope` (their department), newest publication first, `limit` of
// them after skipping `offset` (limit < 0: all).
std::vector<domain::MediaMention> ListMediaMentions(Database& db, long long edition_id, const ExportScope& scope,
                                                    int limit, int offset);
long long CountMediaMentions(Database& db, long long edition_id);

// The mention `id`, or nullopt.
std::optional<domain::MediaMention> FindMediaMention(Database& db, long long id);

// Validates (domain::ValidateMediaMention) and writes every field of `mention` but its edition.
// kNotFound when it does not exist.
Status UpdateMediaMention(Database& db, const domain::MediaMention& mention);

// Deletes the mention; false when it did not exist.
bool DeleteMediaMention(Database& db, long long id);

// The edition's social-mention counts, by period then network.
std::vector<domain::SocialMentions> ListSocialMentions(Database& db, long long edition_id);

// The count `id`, or nullopt.
std::optional<domain::SocialMentions> FindSocialMentions(Database& db, long long id);

// Deletes the count; false when it did not exist.
bool DeleteSocialMentions(Database& db, long long id);

}  // namespace juo::store

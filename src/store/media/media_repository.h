// Media mentions and social-network mention counts. Throws soci::soci_error on database
// failures: call inside Database::InTransaction.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/media.h"
#include "store/db/database.h"

namespace juo::store {

// Validates (domain::ValidateMediaMention) and inserts mentions; sets ids.
Status InsertMediaMentions(Database& db, std::span<domain::MediaMention> mentions);

// The edition's media mentions by kind: {"print", n}, {"web", n}, {"broadcast", n} (every kind).
std::vector<std::pair<std::string, long long>> MediaCountsByKind(Database& db, long long edition_id);

// Inserts social mention counts; sets ids.
void InsertSocialMentions(Database& db, std::span<domain::SocialMentions> counts);

}  // namespace juo::store

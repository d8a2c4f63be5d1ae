// Group requests with their ranked wishes and sectors. Throws soci::soci_error on database
// failures: call inside Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/group_request.h"
#include "store/db/database.h"

namespace juo::store {

// Validates (domain::ValidateGroupRequest) and inserts requests with wishes and sectors; sets ids.
Status InsertGroupRequests(Database& db, std::span<domain::GroupRequest> requests);

}  // namespace juo::store

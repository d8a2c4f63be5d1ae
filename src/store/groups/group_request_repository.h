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

// Issue 18: rewrites a request still pending (its group, school, place, radius, sectors and
// wishes) after domain::ValidateGroupRequest; a wish that names the same tour or site as before
// keeps its "unavailable" mark. kConflict when it is no longer pending, kNotFound when unknown.
Status UpdateGroupRequest(Database& db, const domain::GroupRequest& request);

}  // namespace juo::store

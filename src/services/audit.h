// Audit: the one call every use case makes to record a change that matters (who, what, when), in
// the same transaction as the change (pretix's log entries; DESIGN.md).
//
// Thread-safety: as the Db it writes to (this thread's).
#pragma once

#include <string>

#include "services/db.h"

namespace juo::services {

// Appends to the audit log, inside the caller's transaction `tx`, a change made now by user
// `user_id` (0 for the system): `action` ("kit.publish") on row `entity_id` of `entity`, with a
// short detail, at `at` (a UTC instant; empty: now — give the change's own instant when its row
// records one, so that both read the same). Throws the store's exception on a database failure
// (the transaction then rolls back): call it inside Database::InTransaction.
void Audit(Db& tx, long long user_id, std::string action, std::string entity, long long entity_id,
           std::string detail, std::string at = {});

}  // namespace juo::services

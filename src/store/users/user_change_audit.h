// The audit entry of a change a signed-in user made in the back office ("user:<id>" as the actor's
// label, like the pages' entries), for the store modules that write their own entries. Internal to
// store/. Throws soci::soci_error like AppendAudit: call inside the change's transaction.
#pragma once

#include <string>

#include "domain/audit.h"
#include "store/audit/audit_log.h"

namespace juo::store {

inline void AuditUserChange(Database& db, long long actor_user_id, std::string action, std::string entity,
                            long long entity_id, std::string detail) {
    domain::AuditEntry e;
    e.actor_user_id = actor_user_id;
    e.actor_label = "user:" + std::to_string(actor_user_id);
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = entity_id;
    e.detail = std::move(detail);
    AppendAudit(db, e);
}

}  // namespace juo::store

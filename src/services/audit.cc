#include "services/audit.h"

#include "common/clock.h"
#include "domain/audit.h"
#include "store/audit/audit_log.h"

namespace juo::services {

void Audit(Db& tx, long long user_id, std::string action, std::string entity, long long entity_id,
           std::string detail) {
    domain::AuditEntry e;
    e.at = NowUtcIso();
    if (user_id > 0) {
        e.actor_user_id = user_id;
        e.actor_label = "user:" + std::to_string(user_id);
    } else {
        e.actor_label = "system";
    }
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = entity_id;
    e.detail = std::move(detail);
    store::AppendAudit(tx, e);
}

}  // namespace juo::services

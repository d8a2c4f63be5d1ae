#include "services/audit.h"

#include "common/clock.h"
#include "domain/audit.h"
#include "store/audit/audit_log.h"

namespace juo::services {

void Audit(Db& tx, long long user_id, std::string action, std::string entity, long long entity_id,
           std::string detail, std::string at) {
    domain::AuditEntry e = domain::EntryByUser(user_id, std::move(action), std::move(entity), entity_id);
    if (user_id <= 0) {
        e.actor_user_id.reset();
        e.actor_label = "system";
    }
    e.at = at.empty() ? NowUtcIso() : std::move(at);
    e.detail = std::move(detail);
    store::AppendAudit(tx, e);
}

}  // namespace juo::services

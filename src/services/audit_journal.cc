// The audit journal's reads (see audit_journal.h).
#include "services/audit_journal.h"

#include "store/db/database.h"

namespace juo::services {

Result<AuditPage> FindAuditPage(Db& db, AuditFilter filter) {
    AuditPage page;
    page.page = filter.offset / kAuditPageSize + 1;
    filter.limit = kAuditPageSize + 1;  // one more tells whether an older page exists
    auto entries = Guarded<std::vector<domain::AuditEntry>>(db, [&](Db& d) { return store::FindAudit(d, filter); });
    if (!entries.ok()) return entries.error();
    page.entries = std::move(*entries);
    page.more = static_cast<int>(page.entries.size()) > kAuditPageSize;
    if (page.more) page.entries.pop_back();
    return page;
}

}  // namespace juo::services

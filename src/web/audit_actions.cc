// The audit log's query (see audit_actions.h).
#include "web/audit_actions.h"

#include "web/people_page_kit.h"

namespace juo::web {

Result<store::AuditFilter> ReadAuditFilter(const http::Request& req) {
    store::AuditFilter filter;
    auto text = [&](const char* name, size_t max) {
        const std::string* v = req.Query(name);
        return v ? std::string(v->substr(0, max)) : std::string();
    };
    filter.action_prefix = text("action", 60);
    filter.entity = text("entity", 60);
    filter.actor = text("actor", 100);
    filter.limit = kAuditPageSize;
    if (const std::string page = text("page", 6); !page.empty()) {
        auto n = ParsePositiveId(page);
        if (!n || *n > 100000)
            return MakeError(ErrorCode::kInvalidArgument, "page is a positive number",
                             "la page est un nombre positif");
        filter.offset = static_cast<int>((*n - 1) * kAuditPageSize);
    }
    return filter;
}

AuditPage FindAuditPage(store::Database& db, store::AuditFilter filter) {
    AuditPage page;
    page.page = filter.offset / kAuditPageSize + 1;
    filter.limit = kAuditPageSize + 1;  // one more tells whether an older page exists
    page.entries = store::FindAudit(db, filter);
    page.more = static_cast<int>(page.entries.size()) > kAuditPageSize;
    if (page.more) page.entries.pop_back();
    return page;
}

}  // namespace juo::web

// The audit journal's filters from the query string (see audit_filter.h).
#include "web/backoffice/audit_filter.h"

#include "web/kit/people_page_kit.h"

namespace juo::web {

Result<services::AuditFilter> ReadAuditFilter(const http::Request& req) {
    services::AuditFilter filter;
    auto text = [&](const char* name, size_t max) {
        const std::string* v = req.Query(name);
        return v ? std::string(v->substr(0, max)) : std::string();
    };
    filter.action_prefix = text("action", 60);
    filter.entity = text("entity", 60);
    filter.actor = text("actor", 100);
    filter.limit = services::kAuditPageSize;
    if (const std::string page = text("page", 6); !page.empty()) {
        auto n = ParsePositiveId(page);
        if (!n || *n > 100000)
            return MakeError(ErrorCode::kInvalidArgument, "page is a positive number",
                             "la page est un nombre positif");
        filter.offset = static_cast<int>((*n - 1) * services::kAuditPageSize);
    }
    return filter;
}

}  // namespace juo::web

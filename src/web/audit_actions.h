// The audit log's query, as the organiser's page (audit_page.cc) and the JSON API
// (api_organiser.cc) both read it: the filters of the request's query string (action prefix,
// entity, actor, page number) and one page of entries, newest first, with whether an older page
// exists.
//
// Thread-safety: pure functions over their arguments; the Database is this thread's.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/audit.h"
#include "http/message.h"
#include "store/audit_log.h"
#include "store/database.h"

namespace juo::web {

inline constexpr int kAuditPageSize = 100;

// The filters of `request`'s query: action (a prefix: "booking." for every booking change, at
// most 60 bytes kept), entity (60), actor (100) and page (1-based, at most 100,000: one page is
// kAuditPageSize entries). kInvalidArgument for a malformed page.
Result<store::AuditFilter> ReadAuditFilter(const http::Request& request);

struct AuditPage {
    std::vector<domain::AuditEntry> entries;  // at most kAuditPageSize
    int page = 1;
    bool more = false;  // an older page exists
};
// The entries of `filter`'s page. Throws soci::soci_error.
AuditPage FindAuditPage(store::Database& db, store::AuditFilter filter);

}  // namespace juo::web

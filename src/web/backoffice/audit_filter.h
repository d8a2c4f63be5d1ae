// The audit journal's filters as the organiser's page (audit_page.cc) and the JSON API
// (api_organiser.cc) both read them from the query string: action prefix, entity, actor, page
// number. The journal itself is read by services/audit_journal.h.
//
// Thread-safety: a pure function.
#pragma once

#include "common/result.h"
#include "http/message.h"
#include "services/audit_journal.h"

namespace juo::web {

// The filters of `request`'s query: action (a prefix: "booking." for every booking change, at
// most 60 bytes kept), entity (60), actor (100) and page (1-based, at most 100,000: one page is
// services::kAuditPageSize entries). kInvalidArgument for a malformed page.
Result<services::AuditFilter> ReadAuditFilter(const http::Request& request);

}  // namespace juo::web

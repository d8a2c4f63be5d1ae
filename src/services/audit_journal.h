// The audit journal as the organiser reads it (the page /organisation/journal and GET
// /api/v1/audit): one page of entries, newest first, filtered by action prefix, entity and actor,
// with whether an older page exists. The writing side is Audit (services/audit.h).
//
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/audit.h"
#include "services/db.h"
#include "store/audit/audit_log.h"

namespace juo::services {

// The filters: action (a prefix: "booking." for every booking change), entity, actor, and the
// page as limit and offset.
using AuditFilter = store::AuditFilter;

inline constexpr int kAuditPageSize = 100;

struct AuditPage {
    std::vector<domain::AuditEntry> entries;  // at most kAuditPageSize
    int page = 1;
    bool more = false;  // an older page exists
};

// The entries of `filter`'s page (its offset: a multiple of kAuditPageSize).
Result<AuditPage> FindAuditPage(Db& db, AuditFilter filter);

}  // namespace juo::services

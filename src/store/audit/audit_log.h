// The audit log: every change that matters writes an entry in the same transaction as the
// change. Throws soci::soci_error on database failures: call inside Database::InTransaction.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "store/db/database.h"

namespace juo::store {

// Appends an entry (its `at` defaults to now when empty) and sets its id.
void AppendAudit(Database& db, domain::AuditEntry& entry);

// The same with a statement prepared once, for hot paths (the capacity engine's writer).
class AuditWriter {
 public:
    explicit AuditWriter(Database& db);
    ~AuditWriter();
    void Append(domain::AuditEntry& entry);

    // Entries kept in memory and written together by WriteDeferred (one round trip for many,
    // see rows_insert.h); their ids are not known. `deferred()` counts them; ForgetDeferred(n)
    // drops all but the first n (a command undone).
    void Defer(const domain::AuditEntry& entry);
    size_t deferred() const;
    void ForgetDeferred(size_t keep);
    void WriteDeferred();

 private:
    Database& db_;
    struct Statement;
    std::unique_ptr<Statement> st_;
};

// The latest entries, newest first, at most `limit`.
std::vector<domain::AuditEntry> LatestAudit(Database& db, int limit);

// Entries matching every filter given (an empty one matches all): the action starts with
// `action_prefix` ("booking." for every booking change), the entity is `entity`, the actor's label
// or e-mail contains `actor`; newest first, `limit` of them after skipping `offset`.
struct AuditFilter {
    std::string action_prefix;
    std::string entity;
    std::string actor;
    int limit = 100;
    int offset = 0;
};
std::vector<domain::AuditEntry> FindAudit(Database& db, const AuditFilter& filter);

}  // namespace juo::store

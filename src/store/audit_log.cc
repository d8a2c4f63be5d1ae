// Audit-log persistence.
#include "store/audit_log.h"

#include "common/clock.h"
#include "store/binding.h"

namespace juo::store {

void AppendAudit(Database& db, domain::AuditEntry& e) {
    if (e.at.empty()) e.at = NowUtcIso();
    Nullable<long long> actor, entity_id;
    actor.set(e.actor_user_id);
    entity_id.set(e.entity_id);
    NullableText detail;
    detail.set(e.detail);
    db.sql()
        << "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, entity_id, detail) VALUES "
           "(:at, :actor, :label, :action, :entity, :eid, :detail) RETURNING id",
        soci::use(e.at), use(actor), soci::use(e.actor_label), soci::use(e.action), soci::use(e.entity),
        use(entity_id), use(detail), soci::into(e.id);
}

struct AuditWriter::Statement {
    domain::AuditEntry row;
    Nullable<long long> actor, entity_id;
    NullableText detail;
    soci::statement insert;
    explicit Statement(soci::session& sql)
        : insert((sql.prepare << "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, "
                                 "entity_id, detail) VALUES (:at, :actor, :label, :action, :entity, :eid, "
                                 ":detail)",
                  soci::use(row.at), use(actor), soci::use(row.actor_label), soci::use(row.action),
                  soci::use(row.entity), use(entity_id), use(detail))) {}
};

AuditWriter::AuditWriter(Database& db) : db_(db), st_(std::make_unique<Statement>(db.sql())) {}
AuditWriter::~AuditWriter() = default;

void AuditWriter::Append(domain::AuditEntry& e) {
    if (e.at.empty()) e.at = NowUtcIso();
    st_->row = e;
    st_->actor.set(e.actor_user_id);
    st_->entity_id.set(e.entity_id);
    st_->detail.set(e.detail);
    st_->insert.execute(true);
    e.id = db_.LastInsertId("audit_log");
}

std::vector<domain::AuditEntry> LatestAudit(Database& db, int limit) {
    std::vector<domain::AuditEntry> out;
    domain::AuditEntry e;
    Nullable<long long> actor, entity_id;
    NullableText detail;
    soci::statement st =
        (db.sql().prepare
             << "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, detail FROM "
                "audit_log ORDER BY id DESC LIMIT :n",
         soci::use(limit), soci::into(e.id), soci::into(e.at), soci::into(actor.value, actor.ind),
         soci::into(e.actor_label), soci::into(e.action), soci::into(e.entity),
         soci::into(entity_id.value, entity_id.ind), soci::into(detail.value, detail.ind));
    st.execute();
    while (st.fetch()) {
        e.actor_user_id = actor.get();
        e.entity_id = entity_id.get();
        e.detail = detail.ind == soci::i_ok ? detail.value : "";
        out.push_back(e);
    }
    return out;
}

}  // namespace juo::store

// Audit-log persistence.
#include "store/audit/audit_log.h"

#include "common/clock.h"
#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/db/rows_insert.h"

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
    long long id = 0;
    soci::statement insert;
    RowsInsert deferred{"audit_log", {"at", "actor_user_id", "actor_label", "action", "entity", "entity_id", "detail"}};
    explicit Statement(soci::session& sql)
        : insert(PrepareInsert(sql, DialectOf(sql) == Dialect::kPostgresql,
                               "INSERT INTO audit_log (at, actor_user_id, actor_label, action, entity, "
                               "entity_id, detail) VALUES (:at, :actor, :label, :action, :entity, :eid, :detail)",
                               id, soci::use(row.at), use(actor), soci::use(row.actor_label),
                               soci::use(row.action), soci::use(row.entity), use(entity_id), use(detail))) {}
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
    e.id = InsertedId(db_, "audit_log", st_->id);
}

void AuditWriter::Defer(const domain::AuditEntry& e) {
    st_->deferred.Add({RowsInsert::Text(e.at.empty() ? NowUtcIso() : e.at), RowsInsert::Int(e.actor_user_id),
                       RowsInsert::Text(e.actor_label), RowsInsert::Text(e.action), RowsInsert::Text(e.entity),
                       RowsInsert::Int(e.entity_id), RowsInsert::TextOrNull(e.detail)});
}

size_t AuditWriter::deferred() const { return st_->deferred.size(); }
void AuditWriter::ForgetDeferred(size_t keep) { st_->deferred.Truncate(keep); }
void AuditWriter::WriteDeferred() { st_->deferred.Write(db_.sql()); }

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

std::vector<domain::AuditEntry> FindAudit(Database& db, const AuditFilter& f) {
    std::vector<domain::AuditEntry> out;
    const std::string prefix = f.action_prefix + "%", actor = "%" + f.actor + "%";
    const int any_action = f.action_prefix.empty(), any_entity = f.entity.empty(), any_actor = f.actor.empty();
    const std::string like(CaseInsensitiveLike(db.dialect()));
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT a.id, a.at, a.actor_user_id, a.actor_label || coalesce(' <' || u.email || '>', ''), "
                             "a.action, a.entity, a.entity_id, a.detail, u.display_name, CASE a.entity WHEN 'site' THEN a.entity_id "
                             "WHEN 'participation' THEN (SELECT x.site_id FROM participation x WHERE x.id = a.entity_id) "
                             "WHEN 'session' THEN (SELECT x.site_id FROM session x WHERE x.id = a.entity_id) "
                             "WHEN 'internship_offer' THEN (SELECT x.site_id FROM internship_offer x WHERE x.id = "
                             "a.entity_id) WHEN 'booking' THEN (SELECT x.site_id FROM booking b JOIN session x ON x.id = "
                             "b.session_id WHERE b.id = a.entity_id) END FROM audit_log a LEFT JOIN app_user u ON u.id = "
                             "a.actor_user_id WHERE (:aa = 1 OR a.action " +
                                 like + " :ap) AND (:ae = 1 OR a.entity = :en) AND (:ac = 1 OR a.actor_label " + like +
                                 " :ab OR u.email " + like + " :ab2) ORDER BY a.id DESC LIMIT :n OFFSET :o",
         soci::use(any_action), soci::use(prefix), soci::use(any_entity), soci::use(f.entity), soci::use(any_actor),
         soci::use(actor), soci::use(actor), soci::use(f.limit), soci::use(f.offset));
    for (const auto& r : rows) {
        domain::AuditEntry e;
        e.id = RowInt(r, 0);
        e.at = r.get<std::string>(1);
        if (r.get_indicator(2) == soci::i_ok) e.actor_user_id = RowInt(r, 2);
        e.actor_label = r.get<std::string>(3);
        e.action = r.get<std::string>(4);
        e.entity = r.get<std::string>(5);
        if (r.get_indicator(6) == soci::i_ok) e.entity_id = RowInt(r, 6);
        if (r.get_indicator(7) == soci::i_ok) e.detail = r.get<std::string>(7);
        if (r.get_indicator(8) == soci::i_ok) e.actor_name = r.get<std::string>(8);
        if (r.get_indicator(9) == soci::i_ok) e.site_id = RowInt(r, 9);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace juo::store

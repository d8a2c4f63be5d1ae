// The retention purge's SQL (retention_queries.h).
#include "store/users/retention_queries.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

long long Affected(soci::statement& st) {
    st.execute(true);
    return static_cast<long long>(st.get_affected_rows());
}

}  // namespace

std::vector<EndedEdition> EditionsEndedBefore(Database& db, const std::string& before) {
    std::vector<EndedEdition> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT e.id, e.year, max(d.day_date) FROM edition e JOIN edition_day d ON "
                             "d.edition_id = e.id GROUP BY e.id, e.year HAVING max(d.day_date) < :b ORDER BY e.year",
         soci::use(before));
    for (const auto& r : rows)
        out.push_back({RowInt(r, 0), static_cast<int>(RowInt(r, 1)), r.get<std::string>(2)});
    return out;
}

std::vector<AccountToPurge> AccountsToPurge(Database& db, const std::string& before) {
    std::vector<AccountToPurge> out;
    // A tie to an edition whose end is unknown (no days) or not before `before` keeps the account.
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "WITH edition_end AS (SELECT edition_id, max(day_date) AS last_day FROM edition_day GROUP BY "
                "edition_id), ties AS (SELECT user_id, edition_id FROM booking WHERE user_id IS NOT NULL UNION "
                "SELECT requester_user_id, edition_id FROM group_request WHERE requester_user_id IS NOT NULL UNION "
                "SELECT w.user_id, s.edition_id FROM waitlist_entry w JOIN session s ON s.id = w.session_id WHERE "
                "w.user_id IS NOT NULL UNION SELECT r.user_id, v.edition_id FROM survey_response r JOIN survey v ON "
                "v.id = r.survey_id WHERE r.user_id IS NOT NULL) "
                "SELECT u.id, u.email, COALESCE(max(e.year), 0) FROM app_user u LEFT JOIN ties t ON t.user_id = "
                "u.id LEFT JOIN edition e ON e.id = t.edition_id LEFT JOIN edition_end ee ON ee.edition_id = "
                "t.edition_id WHERE u.deleted_at IS NULL AND u.created_at < :b1 AND NOT EXISTS (SELECT 1 FROM "
                "user_role r WHERE r.user_id = u.id AND r.role IN ('organiser', 'relay', 'host')) AND NOT EXISTS "
                "(SELECT 1 FROM auth_session s WHERE s.user_id = u.id AND s.last_seen_at >= :b2) GROUP BY u.id, "
                "u.email HAVING sum(CASE WHEN t.edition_id IS NOT NULL AND (ee.last_day IS NULL OR ee.last_day >= "
                ":b3) THEN 1 ELSE 0 END) = 0 ORDER BY u.id",
         soci::use(before, "b1"), soci::use(before, "b2"), soci::use(before, "b3"));
    for (const auto& r : rows)
        out.push_back({RowInt(r, 0), r.get<std::string>(1), static_cast<int>(RowInt(r, 2))});
    return out;
}

long long ClearAnonymousSurveyTexts(Database& db, long long edition_id) {
    const std::string anonymous =
        "SELECT r.id FROM survey_response r JOIN survey v ON v.id = r.survey_id WHERE v.edition_id = :e AND "
        "r.user_id IS NULL AND v.audience IN ('visitors', 'teachers')";
    soci::statement texts = (db.sql().prepare << "UPDATE survey_answer SET text_value = NULL WHERE text_value IS "
                                                 "NOT NULL AND response_id IN (" + anonymous + ")",
                             soci::use(edition_id));
    long long cleared = Affected(texts);
    db.sql() << "UPDATE survey_response SET respondent_label = NULL WHERE respondent_label IS NOT NULL AND id IN (" +
                    anonymous + ")",
        soci::use(edition_id);
    return cleared;
}

long long DeleteExpiredSessions(Database& db, const std::string& now) {
    soci::statement st = (db.sql().prepare << "DELETE FROM auth_session WHERE expires_at <= :n", soci::use(now));
    return Affected(st);
}

long long DeleteSpentTokens(Database& db, const std::string& now) {
    soci::statement st = (db.sql().prepare << "DELETE FROM auth_token WHERE used_at IS NOT NULL OR expires_at <= :n",
                          soci::use(now));
    return Affected(st);
}

long long DeleteOldCounters(Database& db, long long before_epoch) {
    soci::statement logins =
        (db.sql().prepare << "DELETE FROM login_failure WHERE failed_at <= :b", soci::use(before_epoch));
    soci::statement guests =
        (db.sql().prepare << "DELETE FROM guest_booking_attempt WHERE attempted_at <= :b", soci::use(before_epoch));
    return Affected(logins) + Affected(guests);
}

long long ClearOldEmailBodies(Database& db, const std::string& before) {
    soci::statement st = (db.sql().prepare << "UPDATE email_outbox SET body_text = '' WHERE status <> 'pending' AND "
                                              "created_at < :b AND body_text <> ''",
                          soci::use(before));
    return Affected(st);
}

std::optional<PurgeAuditEntry> LatestPurgeAudit(Database& db) {
    std::optional<PurgeAuditEntry> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT at, actor_label, detail FROM audit_log WHERE action = 'retention.purge' ORDER "
                             "BY id DESC LIMIT 1");
    for (const auto& r : rows)
        out = PurgeAuditEntry{r.get<std::string>(0), r.get<std::string>(1),
                              r.get_indicator(2) == soci::i_ok ? r.get<std::string>(2) : std::string()};
    return out;
}

}  // namespace juo::store

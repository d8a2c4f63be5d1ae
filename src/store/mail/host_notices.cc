// Hosts' e-mails and their digest (see host_notices.h).
#include "store/mail/host_notices.h"

#include <soci/soci.h>

#include "store/db/binding.h"

namespace juo::store {
namespace {

HostRecipient RecipientOf(const soci::row& r) {
    HostRecipient h;
    h.user_id = RowInt(r, 0);
    h.email = r.get<std::string>(1);
    h.display_name = r.get<std::string>(2);
    h.locale = r.get_indicator(3) == soci::i_ok ? r.get<std::string>(3) : "fr";
    h.digest = RowInt(r, 4) != 0;
    return h;
}

}  // namespace

std::vector<HostRecipient> SiteHostRecipients(Database& db, long long site_id) {
    std::vector<HostRecipient> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT u.id, u.email, u.display_name, u.locale, u.host_mail_digest FROM user_role r "
                             "JOIN app_user u ON u.id = r.user_id WHERE r.role = 'host' AND r.site_id = :s AND "
                             "u.deleted_at IS NULL ORDER BY u.id",
         soci::use(site_id));
    for (const auto& r : rows) out.push_back(RecipientOf(r));
    return out;
}

std::optional<HostRecipient> HostRecipientOf(Database& db, long long user_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT id, email, display_name, locale, host_mail_digest FROM app_user WHERE id = :u "
                             "AND deleted_at IS NULL",
         soci::use(user_id));
    for (const auto& r : rows) return RecipientOf(r);
    return std::nullopt;
}

void HoldHostNotice(Database& db, long long user_id, const std::string& kind, const std::string& subject,
                    const std::string& body, const std::string& at) {
    db.sql() << "INSERT INTO host_notice (user_id, kind, subject, body_text, created_at) VALUES (:u, :k, :s, :b, :a)",
        soci::use(user_id), soci::use(kind), soci::use(subject), soci::use(body), soci::use(at);
}

std::vector<HostRecipient> HostsWithNoticesBefore(Database& db, const std::string& before) {
    std::vector<HostRecipient> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT u.id, u.email, u.display_name, u.locale, u.host_mail_digest FROM app_user u "
                             "WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM host_notice n WHERE n.user_id = "
                             "u.id AND n.created_at < :b) ORDER BY u.id",
         soci::use(before));
    for (const auto& r : rows) out.push_back(RecipientOf(r));
    return out;
}

std::vector<HeldNotice> HeldNoticesOf(Database& db, long long user_id, const std::string& before) {
    std::vector<HeldNotice> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT id, kind, subject, body_text, created_at FROM host_notice WHERE user_id = :u "
                             "AND created_at < :b ORDER BY id",
         soci::use(user_id), soci::use(before));
    for (const auto& r : rows)
        out.push_back({RowInt(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                       r.get<std::string>(4)});
    return out;
}

long long DeleteHostNotices(Database& db, const std::vector<long long>& ids) {
    long long deleted = 0;
    for (long long id : ids) {
        soci::statement st = (db.sql().prepare << "DELETE FROM host_notice WHERE id = :id", soci::use(id));
        st.execute(true);
        deleted += st.get_affected_rows();
    }
    return deleted;
}

bool HostMailDigest(Database& db, long long user_id) {
    int digest = 0;
    db.sql() << "SELECT host_mail_digest FROM app_user WHERE id = :u", soci::use(user_id), soci::into(digest);
    return db.sql().got_data() && digest != 0;
}

bool SetHostMailDigest(Database& db, long long user_id, bool digest) {
    int value = digest ? 1 : 0;
    soci::statement st = (db.sql().prepare << "UPDATE app_user SET host_mail_digest = :d WHERE id = :u",
                          soci::use(value), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace juo::store

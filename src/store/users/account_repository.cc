// Accounts persistence: users by e-mail, tokens and sessions (see account_repository.h).
#include "store/users/account_repository.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

constexpr const char* kAccountColumns =
    "SELECT id, email, display_name, password_hash, email_confirmed_at, locale FROM app_user ";

// Reads one account row with the query `where` binding `key`.
template <typename Key>
std::optional<AccountRow> FindAccount(Database& db, const std::string& where, const Key& key) {
    AccountRow row;
    soci::indicator hash_ind = soci::i_null, confirmed_ind = soci::i_null;
    db.sql() << std::string(kAccountColumns) + where, soci::into(row.id), soci::into(row.email),
        soci::into(row.display_name), soci::into(row.password_hash, hash_ind),
        soci::into(row.email_confirmed_at, confirmed_ind), soci::into(row.locale), soci::use(key);
    if (!db.sql().got_data()) return std::nullopt;
    if (hash_ind != soci::i_ok) row.password_hash.clear();
    if (confirmed_ind != soci::i_ok) row.email_confirmed_at.clear();
    return row;
}

// The two reads behind every signed-in request that misses the session cache, prepared once per
// connection (Database::Prepared).
struct AuthSessionQuery {
    std::string id_hash;
    AuthSessionRow row;
    soci::statement st;
    explicit AuthSessionQuery(soci::session& sql)
        : st((sql.prepare << "SELECT s.user_id, s.last_seen_at, s.expires_at, u.email, u.display_name, "
                             "u.locale FROM auth_session s JOIN app_user u ON u.id = s.user_id "
                             "WHERE s.id_hash = :h AND u.deleted_at IS NULL",
              soci::into(row.user_id), soci::into(row.last_seen_at), soci::into(row.expires_at),
              soci::into(row.email), soci::into(row.display_name), soci::into(row.locale),
              soci::use(id_hash))) {}
};

struct RoleGrantsQuery {
    long long user_id = 0;
    std::string role;
    NullableText department;
    Nullable<long long> site;
    soci::statement st;
    explicit RoleGrantsQuery(soci::session& sql)
        : st((sql.prepare << "SELECT role, department_code, site_id FROM user_role WHERE user_id = :u "
                             "ORDER BY id",
              soci::into(role), soci::into(department.value, department.ind),
              soci::into(site.value, site.ind), soci::use(user_id))) {}
};

}  // namespace

std::optional<AccountRow> FindAccountByEmail(Database& db, const std::string& email) {
    return FindAccount(db, "WHERE email = :e AND deleted_at IS NULL", email);
}

bool EmailInUse(Database& db, const std::string& email) {
    long long count = 0;
    db.sql() << "SELECT count(*) FROM app_user WHERE email = :e", soci::into(count), soci::use(email);
    return count > 0;
}

std::optional<AccountRow> FindAccountById(Database& db, long long user_id) {
    return FindAccount(db, "WHERE id = :i AND deleted_at IS NULL", user_id);
}

std::vector<domain::RoleGrant> LoadRoleGrants(Database& db, long long user_id) {
    auto& q = db.Prepared<RoleGrantsQuery>();
    q.user_id = user_id;
    std::vector<domain::RoleGrant> grants;
    q.st.execute();
    while (q.st.fetch()) {
        auto parsed = domain::ParseRole(q.role);
        if (!parsed) continue;  // the CHECK constraint makes this unreachable
        domain::RoleGrant grant;
        grant.role = *parsed;
        if (q.department.ind == soci::i_ok) grant.department_code = q.department.value;
        if (q.site.ind == soci::i_ok) grant.site_id = q.site.value;
        grants.push_back(std::move(grant));
    }
    return grants;
}

void UpdatePasswordHash(Database& db, long long user_id, const std::string& password_hash) {
    db.sql() << "UPDATE app_user SET password_hash = :h WHERE id = :i", soci::use(password_hash),
        soci::use(user_id);
}

void GrantRoleIfMissing(Database& db, long long user_id, const std::string& role) {
    long long has = 0;
    db.sql() << "SELECT count(*) FROM user_role WHERE user_id = :u AND role = :r AND department_code IS NULL "
                "AND site_id IS NULL",
        soci::use(user_id), soci::use(role), soci::into(has);
    if (has == 0)
        db.sql() << "INSERT INTO user_role (user_id, role) VALUES (:u, :r)", soci::use(user_id), soci::use(role);
}

bool MarkEmailConfirmed(Database& db, long long user_id, const std::string& at) {
    soci::statement st = (db.sql().prepare << "UPDATE app_user SET email_confirmed_at = :a "
                                              "WHERE id = :i AND email_confirmed_at IS NULL",
                          soci::use(at), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void InsertAuthToken(Database& db, long long user_id, const std::string& purpose,
                     const std::string& token_hash, const std::string& created_at,
                     const std::string& expires_at) {
    db.sql() << "INSERT INTO auth_token (user_id, purpose, token_hash, created_at, expires_at) "
                "VALUES (:u, :p, :h, :c, :e)",
        soci::use(user_id), soci::use(purpose), soci::use(token_hash), soci::use(created_at),
        soci::use(expires_at);
}

std::optional<AuthTokenRow> FindAuthToken(Database& db, const std::string& token_hash,
                                          const std::string& purpose) {
    AuthTokenRow row;
    soci::indicator used_ind = soci::i_null;
    db.sql() << "SELECT id, user_id, purpose, expires_at, used_at FROM auth_token "
                "WHERE token_hash = :h AND purpose = :p",
        soci::into(row.id), soci::into(row.user_id), soci::into(row.purpose), soci::into(row.expires_at),
        soci::into(row.used_at, used_ind), soci::use(token_hash), soci::use(purpose);
    if (!db.sql().got_data()) return std::nullopt;
    if (used_ind != soci::i_ok) row.used_at.clear();
    return row;
}

bool MarkAuthTokenUsed(Database& db, long long token_id, const std::string& at) {
    soci::statement st =
        (db.sql().prepare << "UPDATE auth_token SET used_at = :a WHERE id = :i AND used_at IS NULL",
         soci::use(at), soci::use(token_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

long long RetireAuthTokens(Database& db, long long user_id, const std::string& purpose,
                           const std::string& at) {
    soci::statement st = (db.sql().prepare << "UPDATE auth_token SET used_at = :a "
                                              "WHERE user_id = :u AND purpose = :p AND used_at IS NULL",
                          soci::use(at), soci::use(user_id), soci::use(purpose));
    st.execute(true);
    return st.get_affected_rows();
}

void InsertAuthSession(Database& db, const std::string& id_hash, long long user_id,
                       const std::string& created_at, const std::string& expires_at,
                       const std::string& user_agent) {
    NullableText agent;
    agent.set(user_agent);
    db.sql()
        << "INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent) "
           "VALUES (:h, :u, :c, :l, :e, :a)",
        soci::use(id_hash), soci::use(user_id), soci::use(created_at), soci::use(created_at),
        soci::use(expires_at), use(agent);
}

std::optional<AuthSessionRow> FindAuthSession(Database& db, const std::string& id_hash) {
    auto& q = db.Prepared<AuthSessionQuery>();
    q.id_hash = id_hash;
    if (!ExecuteOne(q.st)) return std::nullopt;
    return q.row;
}

void TouchAuthSession(Database& db, const std::string& id_hash, const std::string& last_seen_at,
                      const std::string& expires_at) {
    db.sql() << "UPDATE auth_session SET last_seen_at = :l, expires_at = :e WHERE id_hash = :h",
        soci::use(last_seen_at), soci::use(expires_at), soci::use(id_hash);
}

bool DeleteAuthSession(Database& db, const std::string& id_hash) {
    soci::statement st =
        (db.sql().prepare << "DELETE FROM auth_session WHERE id_hash = :h", soci::use(id_hash));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

long long DeleteUserSessions(Database& db, long long user_id, const std::string& keep_id_hash) {
    soci::statement st = (db.sql().prepare << "DELETE FROM auth_session WHERE user_id = :u AND id_hash <> :k",
                          soci::use(user_id), soci::use(keep_id_hash));
    st.execute(true);
    return st.get_affected_rows();
}

long long PurgeExpiredAuthRows(Database& db, const std::string& now) {
    soci::statement sessions =
        (db.sql().prepare << "DELETE FROM auth_session WHERE expires_at <= :n", soci::use(now));
    sessions.execute(true);
    soci::statement tokens =
        (db.sql().prepare << "DELETE FROM auth_token WHERE expires_at <= :n", soci::use(now));
    tokens.execute(true);
    return sessions.get_affected_rows() + tokens.get_affected_rows();
}

}  // namespace juo::store

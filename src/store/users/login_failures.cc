// Failed logins in the database.
#include "store/users/login_failures.h"

namespace juo::store {

std::vector<long long> RecentLoginFailures(Database& db, const std::string& key, long long after, int limit) {
    std::vector<long long> out;
    soci::rowset<long long> rows =
        (db.sql().prepare << "SELECT failed_at FROM login_failure WHERE limit_key = :k AND failed_at > :after "
                             "ORDER BY failed_at DESC LIMIT :n",
         soci::use(key), soci::use(after), soci::use(limit));
    for (long long at : rows) out.push_back(at);
    return out;
}

void RecordLoginFailure(Database& db, const std::string& key, long long at, long long forget_before) {
    db.sql() << "DELETE FROM login_failure WHERE failed_at <= :before AND limit_key NOT LIKE 't:%'",
        soci::use(forget_before);
    db.sql() << "INSERT INTO login_failure (limit_key, failed_at) VALUES (:k, :at)", soci::use(key), soci::use(at);
}

void ForgetLoginFailures(Database& db, const std::string& key) {
    db.sql() << "DELETE FROM login_failure WHERE limit_key = :k", soci::use(key);
}

void RecordThrottledRequest(Database& db, const std::vector<std::string>& keys, long long at,
                            const std::string& prefix, long long forget_before) {
    const std::string pattern = prefix + "%";
    db.sql() << "DELETE FROM login_failure WHERE failed_at <= :before AND limit_key LIKE :p",
        soci::use(forget_before), soci::use(pattern);
    for (const auto& key : keys)
        db.sql() << "INSERT INTO login_failure (limit_key, failed_at) VALUES (:k, :at)", soci::use(key),
            soci::use(at);
}

}  // namespace juo::store

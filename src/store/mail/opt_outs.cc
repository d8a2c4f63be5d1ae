// Bulk e-mail opt-outs (see opt_outs.h).
#include "store/mail/opt_outs.h"

namespace juo::store {

bool RecordOptOut(Database& db, const std::string& address, const std::string& list, const std::string& now) {
    soci::statement st = (db.sql().prepare << "INSERT INTO mail_opt_out (address, list, created_at) "
                                              "VALUES (:a, :l, :at) ON CONFLICT (address, list) DO NOTHING",
                          soci::use(address), soci::use(list), soci::use(now));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool HasOptedOut(Database& db, const std::string& address, const std::string& list) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM mail_opt_out WHERE address = :a AND list = :l", soci::use(address),
        soci::use(list), soci::into(n);
    return n > 0;
}

std::set<std::string> OptedOutAddresses(Database& db, const std::string& list) {
    std::set<std::string> out;
    soci::rowset<std::string> rows =
        (db.sql().prepare << "SELECT address FROM mail_opt_out WHERE list = :l", soci::use(list));
    for (const auto& a : rows) out.insert(a);
    return out;
}

std::string NotOptedOutSql(const std::string& address_column, const std::string& list) {
    return "NOT EXISTS (SELECT 1 FROM mail_opt_out oo WHERE oo.address = lower(" + address_column +
           ") AND oo.list = '" + list + "')";
}

}  // namespace juo::store

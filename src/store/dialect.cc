// SQL fragments per dialect.
#include "store/dialect.h"

namespace juo::store {

Dialect DialectOf(soci::session& sql) {
    return sql.get_backend_name() == "postgresql" ? Dialect::kPostgresql : Dialect::kSqlite;
}

std::string StringAgg(Dialect dialect, std::string_view expression, std::string_view separator) {
    const char* name = dialect == Dialect::kPostgresql ? "string_agg(" : "group_concat(";
    return name + std::string(expression) + ", " + std::string(separator) + ")";
}

std::string_view CaseInsensitiveLike(Dialect dialect) { return dialect == Dialect::kPostgresql ? "ILIKE" : "LIKE"; }

std::string_view BeginWriteTransaction(Dialect dialect) {
    return dialect == Dialect::kPostgresql ? "BEGIN" : "BEGIN IMMEDIATE";
}

}  // namespace juo::store

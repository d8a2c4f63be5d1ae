// SQL fragments per dialect.
#include "store/db/dialect.h"

#include <soci/postgresql/soci-postgresql.h>

namespace juo::store {

Dialect DialectOf(soci::session& sql) {
    return sql.get_backend_name() == "postgresql" ? Dialect::kPostgresql : Dialect::kSqlite;
}

std::string StringAgg(Dialect dialect, std::string_view expression, std::string_view separator) {
    const char* name = dialect == Dialect::kPostgresql ? "string_agg(" : "group_concat(";
    return name + std::string(expression) + ", " + std::string(separator) + ")";
}

std::string_view CaseInsensitiveLike(Dialect dialect) { return dialect == Dialect::kPostgresql ? "ILIKE" : "LIKE"; }

std::string_view LockedForChange(Dialect dialect) {
    return dialect == Dialect::kPostgresql ? " FOR NO KEY UPDATE" : "";
}

std::string_view BeginWriteTransaction(Dialect dialect) {
    return dialect == Dialect::kPostgresql ? "BEGIN" : "BEGIN IMMEDIATE";
}

std::string_view SkipLockedRows(Dialect dialect) {
    return dialect == Dialect::kPostgresql ? " FOR UPDATE SKIP LOCKED" : "";
}

namespace {
std::string SqlState(const std::exception& error) {
    const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error);
    return pg ? pg->sqlstate() : std::string();
}
}  // namespace

bool IsTransientConflict(const std::exception& error) {
    const std::string state = SqlState(error);
    return state == "40001" || state == "40P01";
}

bool IsUniqueViolation(const std::exception& error) { return SqlState(error) == "23505"; }

}  // namespace juo::store

// Many rows into one table in one statement, one round trip: for writes a transaction gathers
// while it runs and writes at its end (the capacity engine's batches on PostgreSQL, ADR 0008: a
// booking's row, its audit entry and its e-mail are written once per batch, not once each).
//
// Throws soci::soci_error on database failures: call inside a transaction.
// Thread-safety: one RowsInsert belongs to one thread. Internal to store/.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

namespace juo::store {

class RowsInsert {
 public:
    // A column's value: an integer, a text, or NULL (std::nullopt).
    using Value = std::optional<std::variant<long long, std::string>>;

    static Value Int(long long v) { return v; }
    static Value Int(std::optional<long long> v) { return v ? Value(*v) : std::nullopt; }
    static Value Text(std::string v) { return Value(std::move(v)); }
    static Value TextOrNull(std::string v) { return v.empty() ? std::nullopt : Value(std::move(v)); }

    RowsInsert(std::string table, std::vector<std::string> columns);

    // Adds a row, its values in the order of the columns (throws std::invalid_argument otherwise).
    void Add(std::vector<Value> row);
    size_t size() const { return rows_.size(); }
    // Forgets the rows added after the first `rows` (a command undone by its savepoint).
    void Truncate(size_t rows);

    // Inserts the rows in order, kRowsPerStatement per statement at most, then forgets them.
    void Write(soci::session& sql);

    // Below both databases' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535) for any
    // table of ours.
    static constexpr size_t kRowsPerStatement = 500;

 private:
    std::string table_;
    std::vector<std::string> columns_;
    std::vector<std::vector<Value>> rows_;
};

}  // namespace juo::store

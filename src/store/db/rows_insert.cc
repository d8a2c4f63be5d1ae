// RowsInsert: INSERT INTO t (c…) VALUES (:v0, …), (…) — parameters bound by position, executed
// once (not prepared: the statement's text changes with its number of rows).
#include "store/db/rows_insert.h"

#include <algorithm>
#include <stdexcept>

namespace juo::store {

RowsInsert::RowsInsert(std::string table, std::vector<std::string> columns)
    : table_(std::move(table)), columns_(std::move(columns)) {}

void RowsInsert::Add(std::vector<Value> row) {
    if (row.size() != columns_.size())
        throw std::invalid_argument("RowsInsert(" + table_ + "): " + std::to_string(row.size()) + " values for " +
                                    std::to_string(columns_.size()) + " columns");
    rows_.push_back(std::move(row));
}

void RowsInsert::Truncate(size_t rows) {
    if (rows < rows_.size()) rows_.resize(rows);
}

namespace {

// One bound parameter: soci::use keeps references, so the cells live until the statement ran.
struct Cell {
    long long number = 0;
    std::string text;
    soci::indicator ind = soci::i_ok;
    bool is_text = false;
};

}  // namespace

void RowsInsert::Write(soci::session& sql) {
    std::string head = "INSERT INTO " + table_ + " (";
    for (size_t c = 0; c < columns_.size(); ++c) head += (c ? ", " : "") + columns_[c];
    head += ") VALUES ";
    for (size_t first = 0; first < rows_.size(); first += kRowsPerStatement) {
        const size_t last = std::min(rows_.size(), first + kRowsPerStatement);
        std::vector<Cell> cells((last - first) * columns_.size());  // sized once: no reallocation
        std::string query = head;
        size_t n = 0;
        for (size_t r = first; r < last; ++r) {
            query += r == first ? "(" : ", (";
            for (size_t c = 0; c < columns_.size(); ++c, ++n) {
                query += (c ? ", :v" : ":v") + std::to_string(n);
                Cell& cell = cells[n];
                const Value& v = rows_[r][c];
                if (!v) {
                    cell.ind = soci::i_null;
                } else if (const auto* number = std::get_if<long long>(&*v)) {
                    cell.number = *number;
                } else {
                    cell.text = std::get<std::string>(*v);
                    cell.is_text = true;
                }
            }
            query += ")";
        }
        soci::statement st(sql);
        for (Cell& cell : cells) {
            if (cell.is_text)
                st.exchange(soci::use(cell.text, cell.ind));
            else
                st.exchange(soci::use(cell.number, cell.ind));
        }
        st.alloc();
        st.prepare(query, soci::details::st_one_time_query);
        st.define_and_bind();
        st.execute(true);
    }
    rows_.clear();
}

}  // namespace juo::store

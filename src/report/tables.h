// The tables behind the charts of the bilan, as plain rows, for the exports (CSV, JSON, XLSX):
// one table per chart or list, with French column titles and typed cells. Every table is made
// from the computed Bilan only ("one computation, many renderers").
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"
#include "report/bilan.h"

namespace juo::report {

// A cell: text, a whole number, or a decimal (shares in %, kilometres).
using Cell = std::variant<std::string, long long, double>;

struct Column {
    std::string code;      // "attended"
    std::string title_fr;  // "Présents"
};

struct Table {
    std::string code;      // "audiences", used in URLs, file names and sheet names
    std::string title_fr;  // "Visiteurs par public"
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
};

// Every table of the bilan, in a fixed order: audiences, days, sectors, regions, departments,
// most_requested, white_zones, buses, media_by_kind, media_by_month, satisfaction, targets,
// changes (empty without a previous edition).
std::vector<Table> BilanTables(const Bilan& bilan);

// One table by its code; kNotFound for an unknown code.
Result<Table> FindTable(const Bilan& bilan, std::string_view code);

// The table as CSV (RFC 4180: comma, CRLF, quotes where needed; header = column titles, French;
// decimals with a point).
std::string TableCsv(const Table& table);

// Every table as one JSON document: {"edition": 2025, "tables": [{"code", "title_fr", "columns":
// [{"code", "title_fr"}], "rows": [[…]]}]}.
std::string TablesJson(const Bilan& bilan, const std::vector<Table>& tables);

// Every table as an .xlsx workbook (one sheet per table, bold header, numbers as numbers).
// kUnavailable when the temporary file cannot be written.
Result<std::string> TablesXlsx(const std::vector<Table>& tables);

}  // namespace juo::report

// CSV as organisers' spreadsheets write it: UTF-8 (a byte-order mark is skipped), comma or
// semicolon separated (the separator is the one of the header line), fields in double quotes
// with "" for a quote and line breaks inside, CRLF or LF. The first line names the columns.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace juo::importer {

struct CsvRow {
    int line = 0;  // 1-based line of the file where the row starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<std::string> header;  // trimmed, as written
    std::vector<CsvRow> rows;         // blank lines skipped
};

// A problem in a file: where (line, column name; 0/"" for the whole file) and why.
struct ImportProblem {
    int line = 0;
    std::string column;
    std::string reason;     // English
    std::string reason_fr;  // French
};

// Parses `text`; on a file that is not UTF-8 or has an unterminated quote, the problem.
struct CsvParse {
    CsvTable table;
    std::optional<ImportProblem> problem;
};
CsvParse ParseCsv(std::string_view text);

// The index of the first header among `names` (compared without case and accents), or nullopt.
std::optional<size_t> FindColumn(const std::vector<std::string>& header, std::initializer_list<std::string_view> names);

}  // namespace juo::importer

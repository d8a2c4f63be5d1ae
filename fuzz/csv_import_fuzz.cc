// Fuzzes the CSV reader of the imports (importer::ParseCsv: media mentions and factory sites, from
// the back office or `juo import`) and the column mapping (importer::FindColumn with the names
// the imports accept).
// Invariants: a file read without a problem has a header that is not blank and rows that are not
// blank, with trimmed fields and increasing 1-based line numbers after the header's; a problem has
// a reason in English and in French; writing the table back as CSV (every field quoted, with the
// separator the reader will detect) and reading it again gives the same header and rows; a column
// found is within the header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "fuzz_check.h"
#include "importer/csv.h"

namespace {

using juo::importer::CsvTable;

std::string Line(const std::vector<std::string>& fields, char separator) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += separator;
        out += '"';
        for (char c : fields[i]) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    return out + "\r\n";
}

std::string Serialise(const CsvTable& table, char separator) {
    std::string out = Line(table.header, separator);
    for (const auto& row : table.rows) out += Line(row.fields, separator);
    return out;
}

// The separator ParseCsv picks for `text`: ';' when its first line has more of them than commas.
char Detected(std::string_view text) {
    const std::string_view first = text.substr(0, text.find('\n'));
    size_t commas = 0, semicolons = 0;
    for (char c : first) {
        commas += c == ',';
        semicolons += c == ';';
    }
    return semicolons > commas ? ';' : ',';
}

bool Blank(const std::vector<std::string>& fields) {
    for (const auto& f : fields)
        if (!f.empty()) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo::importer;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const CsvParse parsed = ParseCsv(input);
    if (parsed.problem) {
        FUZZ_CHECK(!parsed.problem->reason.empty() && !parsed.problem->reason_fr.empty());
        FUZZ_CHECK(parsed.problem->line >= 0);
        return 0;
    }
    const CsvTable& table = parsed.table;
    FUZZ_CHECK(!Blank(table.header));
    int previous_line = 1;
    for (const auto& row : table.rows) {
        FUZZ_CHECK(row.line > previous_line);
        previous_line = row.line;
        FUZZ_CHECK(!Blank(row.fields));
        for (const auto& f : row.fields) FUZZ_CHECK(juo::Trim(f) == f);
    }
    for (const auto& h : table.header) FUZZ_CHECK(juo::Trim(h) == h);

    for (char separator : {',', ';'}) {
        const std::string again = Serialise(table, separator);
        if (Detected(again) != separator) continue;
        const CsvParse reparsed = ParseCsv(again);
        FUZZ_CHECK(!reparsed.problem);
        FUZZ_CHECK(reparsed.table.header == table.header);
        FUZZ_CHECK(reparsed.table.rows.size() == table.rows.size());
        for (size_t i = 0; i < table.rows.size(); ++i)
            FUZZ_CHECK(reparsed.table.rows[i].fields == table.rows[i].fields);
        break;
    }

    // The columns the imports look for (importer/imports.cc), folded without case and accents.
    for (auto column : {FindColumn(table.header, {"type", "kind"}), FindColumn(table.header, {"média", "media", "outlet"}),
                        FindColumn(table.header, {"date", "published_on", "publie le"}),
                        FindColumn(table.header, {"entreprise", "company", "raison sociale"}),
                        FindColumn(table.header, {"code_postal", "code postal", "postcode", "cp"}),
                        FindColumn(table.header, {"département", "department", "dep"})}) {
        if (column) FUZZ_CHECK(*column < table.header.size());
    }
    return 0;
}

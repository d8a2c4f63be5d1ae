// Writing CSV in two dialects: RFC 4180 (comma-separated fields, CRLF line ends) and the one
// French Excel opens as columns (semicolons, CRLF, the file starting with a UTF-8 byte order
// mark so that Excel reads the accents as UTF-8; the decimal comma and the dd/mm/yyyy dates are
// the callers' part: report/tables.h).
//
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace juo {

// kRfc4180: `,` between fields. kExcelFr: `;` between fields, as Excel expects where the decimal
// separator is a comma (the French locale).
enum class CsvDialect { kRfc4180, kExcelFr };

// The UTF-8 byte order mark that starts an Excel CSV: without it Excel reads the file in the
// system's code page (Windows-1252) and garbles every accent.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// One field: as is, unless it holds the dialect's separator (a comma, or a semicolon for
// kExcelFr), a double quote, CR or LF; then between double
// quotes, its double quotes doubled: `say "hi", then` → `"say ""hi"", then"`. A text a
// spreadsheet would run as a formula (it begins with = + - @, a tab or a CR and is not a plain
// number such as -3 or -0.5) gets a leading single quote first, as OWASP advises:
// `=HYPERLINK("http://x","y")` → `"'=HYPERLINK(""http://x"",""y"")"`. Every CSV export writes
// its cells through here.
std::string CsvField(std::string_view text, CsvDialect dialect = CsvDialect::kRfc4180);

// One line: the fields quoted as above, separated by the dialect's separator, ended by CRLF.
std::string CsvRow(std::initializer_list<std::string_view> fields, CsvDialect dialect = CsvDialect::kRfc4180);
std::string CsvRow(std::span<const std::string> fields, CsvDialect dialect = CsvDialect::kRfc4180);

}  // namespace juo

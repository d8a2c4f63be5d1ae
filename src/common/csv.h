// Writing CSV (RFC 4180): comma-separated fields, CRLF line ends.
//
// Thread-safety: pure functions.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace juo {

// One field: as is, unless it holds a comma, a double quote, CR or LF; then between double
// quotes, its double quotes doubled: `say "hi", then` → `"say ""hi"", then"`. A text a
// spreadsheet would run as a formula (it begins with = + - @, a tab or a CR and is not a plain
// number such as -3 or -0.5) gets a leading single quote first, as OWASP advises:
// `=HYPERLINK("http://x","y")` → `"'=HYPERLINK(""http://x"",""y"")"`. Every CSV export writes
// its cells through here.
std::string CsvField(std::string_view text);

// One line: the fields quoted as above, separated by commas, ended by CRLF.
std::string CsvRow(std::initializer_list<std::string_view> fields);
std::string CsvRow(std::span<const std::string> fields);

}  // namespace juo

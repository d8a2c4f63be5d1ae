// Text helpers shared by every layer: search folding of French names, number formatting.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo {

// Folds UTF-8 text for matching: lowercase ASCII, French accents removed (é→e, œ→oe, ç→c),
// every run of non-alphanumeric characters (hyphen, apostrophe, space, comma) turned into one
// space, no leading or trailing space. "L'Haÿ-les-Roses" → "l hay les roses".
// Characters outside Latin-1 and Latin Extended-A that have no ASCII fold separate words.
std::string FoldForSearch(std::string_view text);

// Formats an integer the French way, with a narrow no-break space as thousands separator
// when `nbsp` is true and a plain space otherwise: 20450 → "20 450".
std::string FormatThousandsFr(long long value, bool nbsp = false);

// Appends `text` to `out` as a JSON string literal (RFC 8259): quotes, backslashes and control
// characters escaped (\n, \r, \t, else \u00XX). With `html_safe`, '<', '>' and '&' are
// written as \u003c, \u003e, \u0026 too, for JSON that travels inside HTML.
void AppendJsonString(std::string& out, std::string_view text, bool html_safe = false);

// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view text);

// A positive whole number as typed in a form or a URL ("12"), or nullopt (empty, a sign, other
// characters, zero, overflow).
std::optional<long long> ParsePositiveId(std::string_view text);

}  // namespace juo

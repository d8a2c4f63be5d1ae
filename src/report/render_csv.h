// The bilan as a long-format CSV for spreadsheets: a header "section,key,label_fr,value", then one
// row per figure (per audience, per day, per sector, per media kind included). RFC 4180: fields
// with a comma, a quote or a line break are quoted, quotes doubled, lines end with CRLF. Values are
// raw numbers (decimal point, no thousands separator; booleans 1/0), empty when absent.
//
// Thread-safety: a pure function of its argument.
#pragma once

#include <string>

#include "report/bilan.h"

namespace juo::report {

// Renders the bilan as CSV text (UTF-8, no byte-order mark).
std::string RenderCsv(const Bilan& bilan);

}  // namespace juo::report

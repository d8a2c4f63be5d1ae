// The bilan as French plain text, in the order and spirit of the 2025 report: title and dates,
// headline tiles, then one section per theme, each headline followed by the exact measure.
//
// Thread-safety: a pure function of its argument.
#pragma once

#include <string>

#include "report/bilan.h"

namespace juo::report {

// Renders the bilan as UTF-8 plain text ending with a newline. The output depends on the
// figures only (no clock, no locale), so the same data always gives the same text.
std::string RenderText(const Bilan& bilan);

}  // namespace juo::report

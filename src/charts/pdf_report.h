// The printable bilan: an A4 PDF in French, several pages in the spirit of the 2025 report
// (headline figures and objectives, the industry, the visitors, the schools and the buses, the
// territory and its white zones, the media and the next edition), drawn with the same chart code
// as the web dashboard. Fonts are embedded (Cairo subsets DejaVu Sans); the bytes depend only on
// the bilan and the creation date written in the metadata.
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <string>

#include "report/bilan.h"

namespace juo::charts {

struct PdfOptions {
    // Written as the PDF's creation date, ISO 8601 ("2026-11-25T04:00:00Z"). Empty: now, or
    // SOURCE_DATE_EPOCH when that environment variable is set (reproducible builds).
    std::string creation_date;
};

// The bilan as PDF bytes.
std::string RenderPdf(const report::Bilan& bilan, const PdfOptions& options = {});

}  // namespace juo::charts

// The printable bilan: an A4 PDF in French, several pages in the spirit of the 2025 report
// (headline figures and objectives, the industry, the visitors, the schools and the buses, the
// territory and its white zones, the media and the next edition), drawn with the same chart code
// as the web dashboard. Fonts are embedded (Cairo subsets DejaVu Sans); the bytes depend only on
// the bilan and the creation date written in the metadata.
//
// The PDF is tagged for screen readers (docs/adr/0012-accessible-pdf-bilan.md): a structure tree
// in reading order (Document > Sect per page > H1, H2, P, L, Table, BlockQuote, Figure), every
// chart a Figure whose French /Alt text is built from its figures (chart_alt.h), /Lang fr-FR, XMP
// metadata agreeing with the Info dictionary, and the page decorations marked as artifacts.
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

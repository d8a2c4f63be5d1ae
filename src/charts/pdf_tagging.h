// The accessibility finish of a tagged PDF written by Cairo: what Cairo 1.16 cannot write itself,
// added with QPDF (libqpdf) on the bytes Cairo produced (docs/adr/0012-accessible-pdf-bilan.md).
//
// Cairo writes the structure tree (cairo_tag_begin/cairo_tag_end: Document, H1, P, Table,
// Figure…), the marked content and /MarkInfo. This step adds the document language (/Lang), an
// XMP metadata stream that agrees with the Info dictionary (title, subject, author, creator tool,
// producer, creation and modification dates), /ViewerPreferences /DisplayDocTitle, the /Alt text
// of every Figure structure element, the column scope of table header cells, and marks the page
// content that Cairo left outside every structure element (the page decorations and footers) as
// /Artifact. The rest of the file is kept as Cairo wrote it: the same objects, the same fonts,
// the same compressed content streams apart from the artifact marks; the file /ID is derived
// from the content, so the same input gives the same bytes.
//
// Thread-safety: a pure function of its arguments (each call has its own QPDF object).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace juo::charts {

struct PdfAccessibility {
    std::string language = "fr-FR";  // BCP 47 tag, the catalog's /Lang and XMP dc:language
    std::string title;               // Info /Title, XMP dc:title
    std::string subject;             // Info /Subject, XMP dc:description
    std::string author;              // Info /Author, XMP dc:creator
    std::string creator_tool;        // Info /Creator, XMP xmp:CreatorTool
    // ISO 8601 in UTC, "2026-11-25T04:00:00Z": the creation and the modification date (Info and XMP).
    std::string date;
    // The alternative text of each Figure structure element, in the order the Figures were begun
    // (the depth-first order of the structure tree).
    std::vector<std::string> figure_alts;
};

// `pdf` with the additions above. Errors: kInvalidArgument when `date` is not
// YYYY-MM-DDTHH:MM:SSZ or when the number of Figure elements differs from figure_alts.size();
// kInternal when QPDF cannot read or write the file (the message says why).
Result<std::string> FinishAccessiblePdf(std::string_view pdf, const PdfAccessibility& info);

}  // namespace juo::charts

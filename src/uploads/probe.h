// What an uploaded file really is, read from its bytes rather than from its name or the
// browser's Content-Type: the type and size of an image (JPEG, PNG, WebP), and whether bytes are
// a PDF with how many pages it declares.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo::uploads {

struct ImageInfo {
    std::string mime_type;  // "image/jpeg", "image/png" or "image/webp"
    int width = 0;
    int height = 0;
};

// The image's type and pixel size from its header, or nullopt when the bytes are not a JPEG,
// PNG or WebP image (or are cut before their size).
std::optional<ImageInfo> ProbeImage(std::string_view bytes);

struct PdfInfo {
    int pages = 0;  // page objects found in the file; 0 when they are compressed out of sight
};

// The PDF's page count, or nullopt when the bytes are not a PDF (no "%PDF-" header or no
// "%%EOF" near the end: a cut upload).
std::optional<PdfInfo> ProbePdf(std::string_view bytes);

}  // namespace juo::uploads

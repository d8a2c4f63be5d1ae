// Fuzzes the upload probes (uploads::ProbeImage, uploads::ProbePdf): what an uploaded file is,
// read from its bytes, before anything is kept.
// Invariants: an image is one of the three types, its type agrees with its magic bytes, its sides
// are not negative and fit the format's field (16 bits for JPEG, 24 bits + 1 for WebP, 31 bits for
// PNG); a PDF starts with "%PDF-" and declares no more pages than "/Type /Page" could fit in it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "uploads/probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (auto image = juo::uploads::ProbeImage(bytes)) {
        FUZZ_CHECK(image->width >= 0 && image->height >= 0);
        if (image->mime_type == "image/png") {
            FUZZ_CHECK(bytes.substr(0, 4) == "\x89PNG");
        } else if (image->mime_type == "image/jpeg") {
            FUZZ_CHECK(bytes.substr(0, 2) == "\xFF\xD8");
            FUZZ_CHECK(image->width <= 0xFFFF && image->height <= 0xFFFF);
        } else {
            FUZZ_CHECK(image->mime_type == "image/webp" && bytes.substr(0, 4) == "RIFF");
            FUZZ_CHECK(image->width <= (1 << 24) && image->height <= (1 << 24));
        }
    }
    if (auto pdf = juo::uploads::ProbePdf(bytes)) {
        FUZZ_CHECK(bytes.substr(0, 5) == "%PDF-");
        FUZZ_CHECK(pdf->pages >= 0 && static_cast<size_t>(pdf->pages) <= bytes.size() / 10);
    }
    return 0;
}

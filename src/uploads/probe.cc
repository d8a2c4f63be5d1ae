// Reading images' and PDFs' headers (see probe.h).
#include "uploads/probe.h"

#include <cctype>
#include <cstdint>

namespace juo::uploads {
namespace {

uint32_t Be16(std::string_view b, size_t at) {
    return (static_cast<uint8_t>(b[at]) << 8) | static_cast<uint8_t>(b[at + 1]);
}
uint32_t Be32(std::string_view b, size_t at) { return (Be16(b, at) << 16) | Be16(b, at + 2); }
uint32_t Le16(std::string_view b, size_t at) {
    return static_cast<uint8_t>(b[at]) | (static_cast<uint8_t>(b[at + 1]) << 8);
}
uint32_t Le24(std::string_view b, size_t at) { return Le16(b, at) | (static_cast<uint8_t>(b[at + 2]) << 16); }

std::optional<ImageInfo> Png(std::string_view b) {
    // Signature, then the IHDR chunk first: length, "IHDR", width, height (big-endian).
    // The sides are at most 2^31 - 1 (PNG's rule): a larger field is not a PNG, and would turn
    // negative as an int (found by fuzz/upload_probe_fuzz.cc).
    if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
    const uint32_t width = Be32(b, 16), height = Be32(b, 20);
    if (width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) return std::nullopt;
    return ImageInfo{"image/png", static_cast<int>(width), static_cast<int>(height)};
}

std::optional<ImageInfo> Jpeg(std::string_view b) {
    // Segments after SOI: 0xFF, marker, 16-bit length; the frame header (SOFn) holds the size.
    size_t at = 2;
    while (at + 4 <= b.size()) {
        if (static_cast<uint8_t>(b[at]) != 0xFF) return std::nullopt;
        const uint8_t marker = static_cast<uint8_t>(b[at + 1]);
        if (marker == 0xFF) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
            at += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end, or scan before any frame
        const uint32_t length = Be16(b, at + 2);
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (at + 9 > b.size()) return std::nullopt;
            return ImageInfo{"image/jpeg", static_cast<int>(Be16(b, at + 7)), static_cast<int>(Be16(b, at + 5))};
        }
        if (length < 2) return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

std::optional<ImageInfo> Webp(std::string_view b) {
    if (b.size() < 30) return std::nullopt;
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ") {  // lossy: a key frame's start code, then 14-bit width and height
        if (b.substr(23, 3) != std::string_view("\x9d\x01\x2a", 3)) return std::nullopt;
        return ImageInfo{"image/webp", static_cast<int>(Le16(b, 26) & 0x3FFF), static_cast<int>(Le16(b, 28) & 0x3FFF)};
    }
    if (chunk == "VP8L") {  // lossless: signature 0x2F, then width-1 and height-1 on 14 bits each
        if (static_cast<uint8_t>(b[20]) != 0x2F) return std::nullopt;
        const uint32_t bits = static_cast<uint8_t>(b[21]) | (static_cast<uint8_t>(b[22]) << 8) |
                              (static_cast<uint8_t>(b[23]) << 16) | (static_cast<uint32_t>(static_cast<uint8_t>(b[24])) << 24);
        return ImageInfo{"image/webp", static_cast<int>((bits & 0x3FFF) + 1), static_cast<int>(((bits >> 14) & 0x3FFF) + 1)};
    }
    if (chunk == "VP8X")  // extended: canvas width-1 and height-1 on 24 bits each
        return ImageInfo{"image/webp", static_cast<int>(Le24(b, 24) + 1), static_cast<int>(Le24(b, 27) + 1)};
    return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> ProbeImage(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return Png(b);
    if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return Jpeg(b);
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return Webp(b);
    return std::nullopt;
}

std::optional<PdfInfo> ProbePdf(std::string_view b) {
    if (b.substr(0, 5) != "%PDF-") return std::nullopt;
    // "%%EOF" ends the file (trailing line breaks and some bytes of padding are allowed).
    const size_t tail = b.size() > 1024 ? b.size() - 1024 : 0;
    if (b.find("%%EOF", tail) == std::string_view::npos) return std::nullopt;
    PdfInfo info;
    // Each page is an object "/Type /Page" (the tree's nodes are "/Type /Pages").
    for (size_t at = b.find("/Type"); at != std::string_view::npos; at = b.find("/Type", at + 5)) {
        size_t i = at + 5;
        while (i < b.size() && std::isspace(static_cast<unsigned char>(b[i]))) ++i;
        if (b.substr(i, 5) != "/Page") continue;
        if (i + 5 < b.size() && std::isalnum(static_cast<unsigned char>(b[i + 5]))) continue;
        ++info.pages;
    }
    return info;
}

}  // namespace juo::uploads

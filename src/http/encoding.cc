#include "http/encoding.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace juo::http {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool IEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// A qvalue (RFC 9110 §12.4.2) in thousandths: "1", "1.000", "0", "0.5", "0.125"; -1 when malformed.
int ParseQ(std::string_view text) {
    if (text.empty() || text.size() > 5) return -1;
    if (text[0] != '0' && text[0] != '1') return -1;
    int whole = text[0] - '0';
    if (text.size() == 1) return whole * 1000;
    if (text[1] != '.') return -1;
    int frac = 0;
    int scale = 100;
    for (size_t i = 2; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
        frac += (text[i] - '0') * scale;
        scale /= 10;
    }
    if (whole == 1 && frac != 0) return -1;
    return whole * 1000 + frac;
}

}  // namespace

std::string_view CodingName(Coding coding) {
    switch (coding) {
        case Coding::kGzip:
            return "gzip";
        case Coding::kBrotli:
            return "br";
        case Coding::kIdentity:
            break;
    }
    return "identity";
}

Coding PreferredCoding(std::string_view accept_encoding) {
    // -1: not named. Values in thousandths.
    int gzip = -1;
    int br = -1;
    int star = -1;
    while (!accept_encoding.empty()) {
        size_t comma = accept_encoding.find(',');
        std::string_view element = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
        size_t semi = element.find(';');
        std::string_view name = Trim(element.substr(0, semi));
        if (name.empty()) continue;
        int q = 1000;
        while (semi != std::string_view::npos) {
            element.remove_prefix(semi + 1);
            semi = element.find(';');
            std::string_view param = Trim(element.substr(0, semi));
            size_t eq = param.find('=');
            if (eq == std::string_view::npos) continue;
            if (IEquals(Trim(param.substr(0, eq)), "q")) {
                q = ParseQ(Trim(param.substr(eq + 1)));
                if (q < 0) q = 0;  // a malformed weight: do not guess, refuse that coding
            }
        }
        if (IEquals(name, "gzip") || IEquals(name, "x-gzip")) {
            gzip = std::max(gzip, q);
        } else if (IEquals(name, "br")) {
            br = std::max(br, q);
        } else if (name == "*") {
            star = std::max(star, q);
        }
    }
    if (gzip < 0) gzip = std::max(star, 0);
    if (br < 0) br = std::max(star, 0);
    if (br > 0 && br >= gzip) return Coding::kBrotli;
    if (gzip > 0) return Coding::kGzip;
    return Coding::kIdentity;
}

bool IsCompressibleType(std::string_view content_type) {
    std::string type(Trim(content_type.substr(0, content_type.find(';'))));
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto ends_with = [&](std::string_view suffix) {
        return type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (type.rfind("text/", 0) == 0) return true;
    static constexpr std::string_view kTypes[] = {
        "application/json", "application/javascript", "application/x-javascript", "application/xml",
        "application/manifest+json", "application/ecmascript", "image/svg+xml",
    };
    for (std::string_view t : kTypes)
        if (type == t) return true;
    return type.rfind("application/", 0) == 0 && (ends_with("+json") || ends_with("+xml"));
}

std::optional<std::string> GzipCompress(std::string_view data, int level) {
    z_stream z{};
    // 15 window bits + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, std::clamp(level, 1, 9), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    std::string out;
    out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const size_t produced = out.size() - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(produced);
    return out;
}

std::optional<std::string> BrotliCompress(std::string_view data, int quality) {
    std::string out;
    size_t size = BrotliEncoderMaxCompressedSize(data.size());
    if (size == 0) size = data.size() + 1024;  // 0: too large for the bound's formula
    out.resize(size);
    if (!BrotliEncoderCompress(std::clamp(quality, 0, 11), BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                               reinterpret_cast<const uint8_t*>(data.data()), &size,
                               reinterpret_cast<uint8_t*>(out.data())))
        return std::nullopt;
    out.resize(size);
    return out;
}

std::optional<std::string> Compress(std::string_view data, Coding coding, int gzip_level, int brotli_quality) {
    switch (coding) {
        case Coding::kGzip:
            return GzipCompress(data, gzip_level);
        case Coding::kBrotli:
            return BrotliCompress(data, brotli_quality);
        case Coding::kIdentity:
            break;
    }
    return std::nullopt;
}

}  // namespace juo::http

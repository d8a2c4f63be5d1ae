// Content codings: which coding a request accepts (Accept-Encoding, RFC 9110 §12.5.3), which
// responses are worth compressing, and the compressors themselves (gzip through zlib, br through
// Debian's libbrotli). The server uses them in delivery.h for dynamic answers and StaticFiles for
// the files it keeps in memory (compressed once).
//
// Thread-safety: pure functions; each call uses its own compressor state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace juo::http {

enum class Coding { kIdentity, kGzip, kBrotli };

// The token sent in Content-Encoding: "identity", "gzip" or "br".
std::string_view CodingName(Coding coding);

// The coding to send for a request whose Accept-Encoding header is `accept_encoding` (possibly
// empty: identity), among gzip and br: the one with the highest q-value (an explicit token's own
// q, otherwise the q of "*"), br on a tie, identity when neither is acceptable (q=0, absent, or
// the header is malformed there). "x-gzip" counts as gzip. Names and "q" are case-insensitive.
// `identity;q=0` alone never forces a 406: the caller still sends identity when nothing else fits.
Coding PreferredCoding(std::string_view accept_encoding);

// True for text-like content types worth compressing: text/*, application/json and */*+json,
// application/javascript, application/xml and */*+xml (image/svg+xml included),
// application/manifest+json. False for images other than SVG, PDF, ZIP, XLSX, fonts, and
// anything unknown. Parameters (charset) are ignored; case-insensitive.
bool IsCompressibleType(std::string_view content_type);

// gzip (RFC 1952) of `data` at zlib `level` (1..9). nullopt only if zlib fails (out of memory).
std::optional<std::string> GzipCompress(std::string_view data, int level);

// Brotli (RFC 7932) of `data` at `quality` (0..11; text mode). nullopt only if libbrotli fails.
std::optional<std::string> BrotliCompress(std::string_view data, int quality);

// `data` compressed with `coding` at the level given for it; identity returns nullopt.
std::optional<std::string> Compress(std::string_view data, Coding coding, int gzip_level, int brotli_quality);

}  // namespace juo::http

// Delivery: what the server does to a handler's response before it writes it — validators
// (ETag, If-None-Match → 304) and content coding (gzip, br) — as browsers and caches expect
// (RFC 9110 §8.8, §13; docs/adr/0013-compression-and-validators.md).
//
//  * Validators. A 200 answer to GET or HEAD without an ETag of its own and whose Cache-Control
//    does not say no-store gets a weak ETag hashed from its body (W/"<FNV-1a 64 hex>"): always
//    right whatever the body depends on (catalogue, language, the signed-in nav, the opening
//    hour), since it is the body. Any 200 answer to GET or HEAD that carries an ETag (its own or
//    that one) becomes a 304 without body when If-None-Match names it (weak comparison, lists,
//    "*"); its other headers stay (Cache-Control, Vary, Set-Cookie…).
//  * Content coding. A response with a text-like type (encoding.h IsCompressibleType) and a body
//    of at least min_compress_bytes says Vary: Accept-Encoding (304 included, merged into an
//    existing Vary); its body is compressed with the coding the request prefers, unless the
//    request is HEAD (the identity length is sent then), the status is 204, 206 or 304, it has a
//    Content-Range or a Content-Encoding already (StaticFiles compresses its own, once), the body
//    is larger than max_compress_bytes (CPU bounded: see the ADR), or compression would not make it
//    smaller. A strong ETag of a response compressed here becomes weak (as nginx does): the
//    bytes differ per coding, the representation does not; If-Match (IfMatchTag) accepts both.
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "http/encoding.h"
#include "http/message.h"

namespace juo::http {

struct DeliveryOptions {
    size_t min_compress_bytes = 1024;             // smaller bodies gain nothing worth the CPU
    size_t max_compress_bytes = size_t{4} << 20;  // larger bodies are sent as they are
    int gzip_level = 5;                           // per response: fast, most of level 9's gain
    int brotli_quality = 4;                       // per response: as fast as gzip 5, smaller
};

// True when the If-None-Match value `if_none_match` names `etag` (weak comparison: W/ ignored on
// both sides; a comma-separated list; "*" matches any). False when `if_none_match` is empty.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// The weak ETag of a body: W/"<16 lower-case hex digits of FNV-1a 64>".
std::string BodyEtag(std::string_view body);

// The value of the first header `name` of `response` (any case), or nullptr.
const std::string* FindHeader(const Response& response, std::string_view name);

// The number of body bytes Deliver would compress for this answer to `request` (0: none), so
// that the caller can choose the thread that runs it.
size_t BytesToCompress(const Request& request, const Response& response, const DeliveryOptions& options = {});

// Applies validators and content coding to `response`, the answer to `request`, as described
// above. Cost: one FNV-1a pass over the body when it gets an ETag, and one compression when it is
// compressed (callers choose the thread by body size).
void Deliver(const Request& request, Response& response, const DeliveryOptions& options = {});

}  // namespace juo::http

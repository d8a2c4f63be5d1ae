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
//  * Compressed bodies of shared answers are kept (CompressionCache): /api/v1/map or a factory
//    page is the same for every visitor until the catalogue changes, and compressing it again
//    for each of them costs more than rendering it. Answers marked private or no-store are
//    compressed per response and never kept.
//
// Thread-safety: the functions are pure over their arguments, except that they use the cache
// they are given, which is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/encoding.h"
#include "http/message.h"

namespace juo::http {

struct DeliveryOptions {
    size_t min_compress_bytes = 1024;             // smaller bodies gain nothing worth the CPU
    size_t max_compress_bytes = size_t{4} << 20;  // larger bodies are sent as they are
    int gzip_level = 5;                           // per response: fast, most of level 9's gain
    int brotli_quality = 4;                       // per response: as fast as gzip 5, smaller
};

// Coded forms of recent bodies, looked up by the identity body itself (a 64-bit hash, then a
// full comparison, so that a body crafted to collide with another's hash cannot take its place),
// within a budget of bytes (identity + coded), least recently used first out.
// Thread-safety: any number of threads at once (a mutex around the index).
class CompressionCache {
 public:
    explicit CompressionCache(size_t budget_bytes) : budget_(budget_bytes) {}

    // The coded form of `body` in `coding`, when kept. `hash` is Fnv1a64(body) (the caller has
    // it already, from the ETag).
    std::optional<std::shared_ptr<const std::string>> Find(std::string_view body, std::uint64_t hash, Coding coding);
    // Keeps `coded` as the form of `body` (whose Fnv1a64 is `hash`) in `coding`; nothing when the
    // pair exceeds a quarter of the budget.
    void Put(std::string_view body, std::uint64_t hash, Coding coding, std::string coded);

    size_t bytes() const;

 private:
    struct Entry {
        std::uint64_t key = 0;
        std::string body;
        std::shared_ptr<const std::string> coded;
    };
    static std::uint64_t Key(std::uint64_t hash, Coding coding) { return hash ^ static_cast<std::uint64_t>(coding); }

    const size_t budget_;
    mutable std::mutex mutex_;
    size_t bytes_ = 0;                                                  // guarded by mutex_
    std::list<Entry> entries_;                                          // most recently used first
    std::unordered_multimap<std::uint64_t, std::list<Entry>::iterator> index_;  // by Key
};

// True when the If-None-Match value `if_none_match` names `etag` (weak comparison: W/ ignored on
// both sides; a comma-separated list; "*" matches any). False when `if_none_match` is empty.
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// The weak ETag of a body: W/"<16 lower-case hex digits of FNV-1a 64>".
std::string BodyEtag(std::string_view body);

// The value of the first header `name` of `response` (any case), or nullptr.
const std::string* FindHeader(const Response& response, std::string_view name);

// Applies validators and content coding to `response`, the answer to `request`, as described
// above, using `cache` (may be null) for shared answers. Cost: an FNV-1a pass over the body when
// it gets an ETag or is looked up in the cache, and a compression when it is compressed and not
// found there. Returns false, having left the body as it was, when the body needs a compression
// of more than `max_compress_bytes` that the cache does not hold: the caller then calls Deliver
// again on a thread that may take the time (calling it twice is harmless).
bool Deliver(const Request& request, Response& response, const DeliveryOptions& options = {},
             CompressionCache* cache = nullptr, size_t max_compress_bytes = SIZE_MAX);

}  // namespace juo::http

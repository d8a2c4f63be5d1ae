#include "http/delivery.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "common/fingerprint.h"

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

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Opaque(std::string_view tag) {
    tag = Trim(tag);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag;
}

// True when the comma-separated header value `list` holds `token` (any case).
bool ListHas(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        size_t comma = list.find(',');
        if (IEquals(Trim(list.substr(0, comma)), token)) return true;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return false;
}

// Adds `token` to the response's Vary (merged into the first Vary header) unless it is there.
void AddVary(Response& response, std::string_view token) {
    for (auto& [name, value] : response.headers) {
        if (!IEquals(name, "Vary")) continue;
        if (ListHas(value, token) || ListHas(value, "*")) return;
        value += value.empty() ? "" : ", ";
        value += token;
        return;
    }
    response.headers.emplace_back("Vary", std::string(token));
}

std::string* FindHeaderMutable(Response& response, std::string_view name) {
    for (auto& [n, value] : response.headers)
        if (IEquals(n, name)) return &value;
    return nullptr;
}

}  // namespace

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
    const std::string_view wanted = Opaque(etag);
    if (wanted.empty()) return false;
    while (!if_none_match.empty()) {
        size_t comma = if_none_match.find(',');
        std::string_view candidate = Trim(if_none_match.substr(0, comma));
        if_none_match = comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
        if (candidate == "*") return true;
        if (!candidate.empty() && Opaque(candidate) == wanted) return true;
    }
    return false;
}

std::string BodyEtag(std::string_view body) { return "W/\"" + Fnv1a64Hex(body) + "\""; }

const std::string* FindHeader(const Response& response, std::string_view name) {
    for (const auto& [n, value] : response.headers)
        if (IEquals(n, name)) return &value;
    return nullptr;
}

namespace {

// Whether the answer's body is worth coding (Vary: Accept-Encoding then), whatever the request.
bool Compressible(const Response& response, const DeliveryOptions& options) {
    const int status = response.status;
    return status != 204 && status != 206 && status != 304 && !FindHeader(response, "Content-Encoding") &&
           !FindHeader(response, "Content-Range") && response.body.size() >= options.min_compress_bytes &&
           IsCompressibleType(response.content_type);
}

// The coding Deliver uses for a compressible answer.
Coding ChosenCoding(const Request& request, const Response& response, const DeliveryOptions& options) {
    if (request.method == "HEAD" || response.body.size() > options.max_compress_bytes) return Coding::kIdentity;
    return PreferredCoding(request.Header("accept-encoding"));
}

}  // namespace

std::optional<std::shared_ptr<const std::string>> CompressionCache::Find(std::string_view body, std::uint64_t hash,
                                                                        Coding coding) {
    const std::uint64_t key = Key(hash, coding);
    std::lock_guard lock(mutex_);
    auto [first, last] = index_.equal_range(key);
    for (auto it = first; it != last; ++it) {
        if (it->second->body != body) continue;
        entries_.splice(entries_.begin(), entries_, it->second);
        return it->second->coded;
    }
    return std::nullopt;
}

void CompressionCache::Put(std::string_view body, std::uint64_t hash, Coding coding, std::string coded) {
    const size_t size = body.size() + coded.size();
    if (size > budget_ / 4) return;
    const std::uint64_t key = Key(hash, coding);
    std::lock_guard lock(mutex_);
    auto [first, last] = index_.equal_range(key);
    for (auto it = first; it != last; ++it)
        if (it->second->body == body) return;  // another thread put it first
    entries_.push_front(Entry{key, std::string(body), std::make_shared<const std::string>(std::move(coded))});
    index_.emplace(key, entries_.begin());
    bytes_ += size;
    while (bytes_ > budget_ && !entries_.empty()) {
        auto victim = std::prev(entries_.end());
        auto [vf, vl] = index_.equal_range(victim->key);
        for (auto it = vf; it != vl; ++it)
            if (it->second == victim) {
                index_.erase(it);
                break;
            }
        bytes_ -= victim->body.size() + victim->coded->size();
        entries_.erase(victim);
    }
}

size_t CompressionCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

bool Deliver(const Request& request, Response& response, const DeliveryOptions& options, CompressionCache* cache,
             size_t max_compress_bytes) {
    if (FindHeader(response, "Content-Encoding")) return true;  // coded already (static files)
    const bool head = request.method == "HEAD";
    const bool get = request.method == "GET" || head;
    const int status = response.status;

    const bool compressible = Compressible(response, options);
    Coding coding = Coding::kIdentity;
    if (compressible) {
        AddVary(response, "Accept-Encoding");
        coding = ChosenCoding(request, response, options);
    }

    // FNV-1a of the body, computed once for the ETag and the cache.
    std::optional<std::uint64_t> body_hash;
    auto hash = [&] {
        if (!body_hash) body_hash = Fnv1a64(response.body);
        return *body_hash;
    };
    if (get && status == 200) {
        std::string* etag = FindHeaderMutable(response, "ETag");
        if (!etag) {
            const std::string* cache_control = FindHeader(response, "Cache-Control");
            if (!cache_control || Lower(*cache_control).find("no-store") == std::string::npos) {
                response.headers.emplace_back("ETag", fmt::format("W/\"{:016x}\"", hash()));
                etag = &response.headers.back().second;
            }
        }
        // The bytes of a compressed answer differ from the identity ones: a strong tag would claim
        // they are the same (RFC 9110 §8.8.1); a weak one says the representation is.
        if (etag && coding != Coding::kIdentity && etag->rfind("W/", 0) != 0) *etag = "W/" + *etag;
        const std::string if_none_match = request.Header("if-none-match");
        if (etag && !if_none_match.empty() && EtagMatches(if_none_match, *etag)) {
            response.status = 304;
            response.body.clear();
            return true;
        }
    }

    if (coding == Coding::kIdentity) return true;
    // Personal answers are never kept, not even in this process's memory.
    const std::string* cache_control = FindHeader(response, "Cache-Control");
    const std::string cc = cache_control ? Lower(*cache_control) : std::string();
    if (cc.find("private") != std::string::npos || cc.find("no-store") != std::string::npos) cache = nullptr;
    std::string coded;
    if (auto kept = cache ? cache->Find(response.body, hash(), coding) : std::nullopt) {
        coded = **kept;
    } else {
        if (response.body.size() > max_compress_bytes) return false;
        auto fresh = Compress(response.body, coding, options.gzip_level, options.brotli_quality);
        if (!fresh) return true;
        if (cache) cache->Put(response.body, hash(), coding, *fresh);
        coded = std::move(*fresh);
    }
    if (coded.size() >= response.body.size()) return true;  // not worth it: identity, as said by Vary
    response.body = std::move(coded);
    response.headers.emplace_back("Content-Encoding", std::string(CodingName(coding)));
    return true;
}

}  // namespace juo::http

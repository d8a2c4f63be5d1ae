// Fingerprints of text: FNV-1a (64 bits), fast and stable on every platform, for ETags and the
// versions of what a form edits. Not a cryptographic hash: it tells versions apart, it does not
// resist someone forging a collision.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace juo {

// FNV-1a, 64 bits, of the bytes of `data`.
constexpr std::uint64_t Fnv1a64(std::string_view data) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

// Fnv1a64 as 16 lowercase hex digits.
std::string Fnv1a64Hex(std::string_view data);

}  // namespace juo

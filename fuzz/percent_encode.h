// Percent-encoding for the harnesses' round trips (parse → serialise → parse): every byte but
// the unreserved ones (RFC 3986) as %XX, so that what a parser decoded can be written back in a
// form it must read the same way. Not the product's encoder: the product only decodes.
//
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "http/message.h"

namespace juo::fuzz {

// `keep` names extra bytes written as they are ('/' in a path); a '+' in it writes spaces as '+'
// (forms), while a '+' of the text is always encoded.
inline std::string PercentEncode(std::string_view text, std::string_view keep = {}) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' ||
            (c != '+' && keep.find(c) != std::string_view::npos)) {
            out += c;
        } else if (c == ' ' && keep.find('+') != std::string_view::npos) {
            out += '+';
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

// A form or query string: "a=1&b=caf%C3%A9+noir" (spaces as '+').
inline std::string EncodeForm(const http::ParamList& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += '&';
        out += PercentEncode(name, "+") + "=" + PercentEncode(value, "+");
    }
    return out;
}

}  // namespace juo::fuzz

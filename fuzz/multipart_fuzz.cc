// Fuzzes the multipart/form-data parser (http::MultipartBoundary, http::ParseMultipart) of the
// pages that upload a file (a site's photo, the teaching kit's PDFs).
// Input: the first line is the Content-Type header, the rest the body; the body is also parsed
// with the fixed boundary "XyZ" so that the fuzzer need not guess a matching header.
// Invariants: a boundary is 1 to 70 bytes; every part has a name; a file's name has no '/', '\'
// or control character; a part that is not a file has no file name; a part's content type is in
// lower case; no part's bytes hold the delimiter; writing the parts back with the same boundary
// and parsing again gives the same parts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "http/multipart.h"

namespace {

using juo::http::FormPart;

std::string Quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        // Quoted-pairs for the quote, the backslash and control characters (a name may hold a CR
        // that came as a quoted-pair: written raw, it could end the header line).
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string Serialise(const std::vector<FormPart>& parts, std::string_view boundary) {
    const std::string delimiter = "--" + std::string(boundary);
    std::string out = delimiter;
    for (const auto& part : parts) {
        out += "\r\nContent-Disposition: form-data; name=" + Quoted(part.name);
        if (part.is_file) out += "; filename=" + Quoted(part.filename);
        out += "\r\n";
        if (!part.content_type.empty()) out += "Content-Type: " + part.content_type + "\r\n";
        out += "\r\n" + part.body + "\r\n" + delimiter;
    }
    return out + "--\r\n";
}

bool Same(const FormPart& a, const FormPart& b) {
    return a.name == b.name && a.filename == b.filename && a.is_file == b.is_file &&
           a.content_type == b.content_type && a.body == b.body;
}

void Check(std::string_view body, std::string_view boundary) {
    auto parts = juo::http::ParseMultipart(body, boundary);
    if (!parts) return;
    const std::string next = "\r\n--" + std::string(boundary);
    for (const auto& part : *parts) {
        FUZZ_CHECK(!part.name.empty());
        FUZZ_CHECK(part.filename.find_first_of("/\\") == std::string::npos);
        for (char c : part.filename) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
        FUZZ_CHECK(part.is_file || part.filename.empty());
        for (char c : part.content_type) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
        FUZZ_CHECK(part.body.find(next) == std::string::npos);
    }
    auto reparsed = juo::http::ParseMultipart(Serialise(*parts, boundary), boundary);
    FUZZ_CHECK(reparsed && reparsed->size() == parts->size());
    for (size_t i = 0; i < parts->size(); ++i) FUZZ_CHECK(Same((*reparsed)[i], (*parts)[i]));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const size_t eol = input.find('\n');
    const std::string_view header = input.substr(0, eol);
    const std::string_view body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
    if (auto boundary = juo::http::MultipartBoundary(header)) {
        FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70);
        Check(body, *boundary);
    }
    Check(input, "XyZ");
    return 0;
}

// multipart/form-data bodies (RFC 7578): the parts of a form that uploads a file. No Beast here:
// a plain parser over the request's body, used by the pages (web/people_page_kit's ReadForm).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace juo::http {

struct FormPart {
    std::string name;          // the field's name (Content-Disposition: form-data; name="…")
    std::string filename;      // set for a file input ("" when no file was chosen): the base name
                               // (no '/' or '\'), control characters (CR, LF, NUL...) dropped
    bool is_file = false;      // the part had a filename parameter
    std::string content_type;  // the part's Content-Type, "" when absent
    std::string body;          // the bytes, as sent
};

// The boundary of a "multipart/form-data; boundary=…" Content-Type, or nullopt for another type
// or a missing / overlong (over 70 characters, RFC 2046) boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// The parts of `body`, or nullopt when it is malformed (no opening boundary, no closing
// boundary, a part without headers or without a name).
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body, std::string_view boundary);

}  // namespace juo::http

// Fuzzes the application/x-www-form-urlencoded parser (http::ParseForm) that every page's POST
// (web/kit's ReadForm) and every query string go through.
// Invariants: the parse succeeds exactly when every '%' is followed by two hex digits; writing
// the parameters back (percent-encoded) and parsing again gives the same list; there is one
// parameter per non-empty piece between '&'.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/message.h"
#include "percent_encode.h"

namespace {

bool WellFormedEscapes(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') continue;
        if (i + 2 >= text.size()) return false;
        if (!std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(text[i + 2])))
            return false;
        i += 2;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto params = http::ParseForm(input);
    FUZZ_CHECK(params.has_value() == WellFormedEscapes(input));
    if (!params) return 0;

    size_t pieces = 0;  // non-empty pieces between '&'
    for (size_t at = 0; at <= input.size();) {
        const size_t end = std::min(input.find('&', at), input.size());
        pieces += end > at;
        at = end + 1;
    }
    FUZZ_CHECK(params->size() == pieces);

    const std::string again = fuzz::EncodeForm(*params);
    auto reparsed = http::ParseForm(again);
    FUZZ_CHECK(reparsed && *reparsed == *params);
    return 0;
}

// Fuzzes the ticket code normaliser (domain::NormaliseTicketCode) that every lookup of a ticket
// by its code goes through (API check-ins, the check-in page, a scanned QR code).
// Invariants: a normalised code normalises to itself; it holds no space, no dash and no lower-case
// ASCII letter, and never starts with the "JUO:" prefix; it is never longer than the input.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/booking.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string code = juo::domain::NormaliseTicketCode(input);
    FUZZ_CHECK(code.size() <= input.size());
    for (char c : code) {
        FUZZ_CHECK(!std::isspace(static_cast<unsigned char>(c)) && c != '-');
        FUZZ_CHECK(!(c >= 'a' && c <= 'z'));
    }
    FUZZ_CHECK(code.rfind("JUO:", 0) != 0);
    FUZZ_CHECK(juo::domain::NormaliseTicketCode(code) == code);
    return 0;
}

// Fuzzes the content-coding choices of the server (http/encoding.h): the Accept-Encoding parser
// that every request's header goes through, the compressible-type test, and the compressors.
// Invariants: the coding chosen does not depend on the case of the header (names and "q" are
// case-insensitive); an explicit "identity" header or an empty one chooses identity; the type
// test ignores case; gzip and br output decompress to the input (on a sample of inputs, as the
// compressors are slow next to the parsers).
#include <brotli/decode.h>
#include <zlib.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/encoding.h"

namespace {

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string Gunzip(const std::string& data) {
    z_stream z{};
    FUZZ_CHECK(inflateInit2(&z, 16 + MAX_WBITS) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[4096];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    FUZZ_CHECK(rc == Z_STREAM_END);
    return out;
}

std::string Unbrotli(const std::string& data, size_t expected) {
    std::string out(expected + 1, '\0');
    size_t size = out.size();
    FUZZ_CHECK(BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                       reinterpret_cast<uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(size);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo::http;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Coding coding = PreferredCoding(input);
    FUZZ_CHECK(PreferredCoding(Upper(input)) == coding);
    FUZZ_CHECK(CodingName(coding) == "identity" || CodingName(coding) == "gzip" || CodingName(coding) == "br");
    FUZZ_CHECK(IsCompressibleType(Upper(input)) == IsCompressibleType(input));
    FUZZ_CHECK(PreferredCoding("") == Coding::kIdentity && PreferredCoding("identity") == Coding::kIdentity);

    // One input in 64, and only small ones: compress and check the round trip.
    if (size > 0 && size <= 512 && (data[0] & 63) == 0) {
        auto gz = Compress(input, Coding::kGzip, 6, 5);
        FUZZ_CHECK(gz && Gunzip(*gz) == input);
        auto br = Compress(input, Coding::kBrotli, 6, 5);
        FUZZ_CHECK(br && Unbrotli(*br, input.size()) == input);
        FUZZ_CHECK(!Compress(input, Coding::kIdentity, 6, 5));
    }
    return 0;
}

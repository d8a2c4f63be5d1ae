// Test helpers: decode gzip (zlib's inflate) and br (libbrotlidec) bodies, so that the tests
// check what the server's compressors produce with the reference decoders, not with our code.
//
// Thread-safety: pure functions.
#pragma once

#include <brotli/decode.h>
#include <zlib.h>

#include <optional>
#include <string>
#include <string_view>

namespace juo::http::testing {

// The bytes a gzip stream holds, or nullopt when it is not a complete, valid gzip stream.
inline std::optional<std::string> Gunzip(std::string_view data) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
        if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

// The bytes a brotli stream holds, or nullopt when it is not a complete, valid stream.
inline std::optional<std::string> Unbrotli(std::string_view data) {
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    if (!state) return std::nullopt;
    size_t available_in = data.size();
    const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
    std::string out;
    BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t chunk[16384];
        size_t available_out = sizeof chunk;
        uint8_t* next_out = chunk;
        rc = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, nullptr);
        out.append(reinterpret_cast<char*>(chunk), sizeof chunk - available_out);
    }
    BrotliDecoderDestroyInstance(state);
    if (rc != BROTLI_DECODER_RESULT_SUCCESS) return std::nullopt;
    return out;
}

}  // namespace juo::http::testing

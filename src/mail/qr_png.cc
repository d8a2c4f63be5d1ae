// QR code → PNG (signature, IHDR, one IDAT of zlib-compressed scanlines, IEND).
#include "mail/qr_png.h"

#include <qrencode.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace juo::mail {
namespace {

void PutU32(std::string& out, uint32_t v) {
    out += static_cast<char>(v >> 24);
    out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v);
}

void Chunk(std::string& png, const char* type, const std::string& data) {
    PutU32(png, static_cast<uint32_t>(data.size()));
    std::string body = std::string(type, 4) + data;
    png += body;
    PutU32(png, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

// zlib's stream for `raw`, kept per thread (about 256 KiB) and reset for each image: compress2
// allocated and freed its window and hash table for every ticket, which took half of a ticket's
// time (bench/mail_bench.cc, BM_QrPng: 98–100 µs with compress2, 46–60 µs with this stream, QR code
// included; a smaller window and table, or run-length only, were slower than this one).
bool Deflate(const std::vector<unsigned char>& raw, std::string& packed) {
    struct Stream {
        z_stream z{};
        bool ready = false;
        Stream() { ready = deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK; }
        ~Stream() {
            if (ready) deflateEnd(&z);
        }
    };
    thread_local Stream stream;
    if (!stream.ready || deflateReset(&stream.z) != Z_OK) return false;
    packed.resize(deflateBound(&stream.z, raw.size()));
    stream.z.next_in = const_cast<Bytef*>(raw.data());
    stream.z.avail_in = static_cast<uInt>(raw.size());
    stream.z.next_out = reinterpret_cast<Bytef*>(packed.data());
    stream.z.avail_out = static_cast<uInt>(packed.size());
    if (deflate(&stream.z, Z_FINISH) != Z_STREAM_END) return false;
    packed.resize(stream.z.total_out);
    return true;
}

}  // namespace

Result<std::string> QrPng(std::string_view text, int scale) {
    std::string input(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!qr) return MakeError(ErrorCode::kInvalidArgument, "text too long for a QR code");
    constexpr int kQuiet = 4;
    const int modules = qr->width + 2 * kQuiet;
    const int side = modules * scale;
    const int row_bytes = (side + 7) / 8;
    // Each row of modules is `scale` identical pixel rows: the first with PNG's filter None, the
    // others with filter Up (each byte minus the one above: all zeros), which zlib packs to
    // almost nothing at its fastest level. (Every row unfiltered at level 9 was a quarter of the
    // e-mail sender's time.)
    std::vector<unsigned char> raw;
    raw.reserve(static_cast<size_t>(side) * (row_bytes + 1));
    std::vector<unsigned char> row(row_bytes);
    for (int my = -kQuiet; my < qr->width + kQuiet; ++my) {
        std::fill(row.begin(), row.end(), 0xFF);  // 1 = white
        if (my >= 0 && my < qr->width)
            for (int mx = 0; mx < qr->width; ++mx) {
                if (!(qr->data[my * qr->width + mx] & 1)) continue;
                for (int x = (mx + kQuiet) * scale, end = x + scale; x < end; ++x)
                    row[x / 8] &= static_cast<unsigned char>(~(0x80 >> (x % 8)));
            }
        raw.push_back(0);  // filter: None
        raw.insert(raw.end(), row.begin(), row.end());
        for (int k = 1; k < scale; ++k) {
            raw.push_back(2);  // filter: Up
            raw.insert(raw.end(), row_bytes, 0);
        }
    }
    std::string packed;
    if (!Deflate(raw, packed)) return MakeError(ErrorCode::kInternal, "zlib failed to compress the QR code");

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    PutU32(ihdr, static_cast<uint32_t>(side));
    PutU32(ihdr, static_cast<uint32_t>(side));
    ihdr +=
        std::string("\x01\x00\x00\x00\x00", 5);  // bit depth 1, greyscale, deflate, no filter, no interlace
    Chunk(png, "IHDR", ihdr);
    Chunk(png, "IDAT", packed);
    Chunk(png, "IEND", "");
    return png;
}

}  // namespace juo::mail

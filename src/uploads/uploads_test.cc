// Tests of the upload checks (type and size read from the bytes) and of their storage.
#include "uploads/uploads.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "uploads/probe.h"

namespace juo::uploads {
namespace {

std::string Be32(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// A PNG's signature and IHDR chunk (the probe reads no further), padded.
std::string PngHeader(uint32_t width, uint32_t height) {
    return std::string("\x89PNG\r\n\x1a\n", 8) + Be32(13) + "IHDR" + Be32(width) + Be32(height) +
           std::string("\x08\x02\0\0\0", 5) + std::string(64, '\0');
}

// A JPEG: SOI, an APP0 segment, a DQT segment, then the baseline frame header SOF0.
std::string JpegHeader(uint16_t width, uint16_t height) {
    std::string b("\xFF\xD8", 2);
    b += std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
    b += std::string("\xFF\xDB\x00\x04\x00\x01", 6);
    b += std::string("\xFF\xC0\x00\x11\x08", 5);
    b += static_cast<char>(height >> 8);
    b += static_cast<char>(height & 0xFF);
    b += static_cast<char>(width >> 8);
    b += static_cast<char>(width & 0xFF);
    return b + std::string(16, '\0');
}

// An extended WebP (VP8X): canvas width-1 and height-1 on 24 bits, little-endian.
std::string WebpHeader(uint32_t width, uint32_t height) {
    std::string b = "RIFF" + std::string(4, '\x40') + "WEBPVP8X" + std::string("\x0a\0\0\0", 4) + std::string(4, '\0');
    for (uint32_t v : {width - 1, height - 1})
        for (int i = 0; i < 3; ++i) b += static_cast<char>((v >> (8 * i)) & 0xFF);
    return b + std::string(16, '\0');
}

std::string Pdf(int pages) {
    std::string b = "%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type/Pages /Count " +
                    std::to_string(pages) + " >> endobj\n";
    for (int i = 0; i < pages; ++i) b += "obj << /Type /Page /Parent 2 0 R >> endobj\n";
    return b + "trailer << /Root 1 0 R >>\n%%EOF\n";
}

TEST(ProbeTest, ImagesTypeAndSizeFromTheirHeaders) {
    auto png = ProbeImage(PngHeader(1600, 900));
    ASSERT_TRUE(png);
    EXPECT_EQ(png->mime_type, "image/png");
    EXPECT_EQ(png->width, 1600);
    EXPECT_EQ(png->height, 900);
    auto jpeg = ProbeImage(JpegHeader(1024, 768));
    ASSERT_TRUE(jpeg);
    EXPECT_EQ(jpeg->mime_type, "image/jpeg");
    EXPECT_EQ(jpeg->width, 1024);
    EXPECT_EQ(jpeg->height, 768);
    auto webp = ProbeImage(WebpHeader(640, 480));
    ASSERT_TRUE(webp);
    EXPECT_EQ(webp->mime_type, "image/webp");
    EXPECT_EQ(webp->width, 640);
    EXPECT_EQ(webp->height, 480);
    EXPECT_FALSE(ProbeImage("GIF89a......"));
    EXPECT_FALSE(ProbeImage("<svg xmlns='http://www.w3.org/2000/svg'/>"));
    EXPECT_FALSE(ProbeImage(PngHeader(10, 10).substr(0, 20)));   // cut before its size
    // Sides over PNG's 2^31 - 1 are not a PNG (they were read as negative ints: fuzz/upload_probe_fuzz.cc).
    EXPECT_FALSE(ProbeImage(PngHeader(0x92929292u, 800)));
    EXPECT_FALSE(ProbeImage(PngHeader(1200, 0x80000000u)));
    EXPECT_EQ(ProbeImage(PngHeader(0x7FFFFFFFu, 1))->width, 0x7FFFFFFF);
    EXPECT_FALSE(ProbeImage(JpegHeader(10, 10).substr(0, 28)));  // cut inside the frame header
}

TEST(ProbeTest, PdfPagesAndCutFiles) {
    auto pdf = ProbePdf(Pdf(3));
    ASSERT_TRUE(pdf);
    EXPECT_EQ(pdf->pages, 3);  // the /Pages node is not a page
    const std::string full = Pdf(2);
    EXPECT_FALSE(ProbePdf(full.substr(0, full.size() / 2)));  // no %%EOF: cut
    EXPECT_FALSE(ProbePdf("PK\x03\x04 a zip file %%EOF"));
}

TEST(UploadsTest, PhotoChecksSayWhy) {
    EXPECT_TRUE(CheckPhoto(PngHeader(1200, 800), "usine.png").ok());
    auto small = CheckPhoto(PngHeader(120, 80), "tiny.png");
    ASSERT_FALSE(small.ok());
    EXPECT_NE(small.error().message_fr.find("120×80"), std::string::npos);
    auto huge = CheckPhoto(PngHeader(9000, 800), "wide.png");
    ASSERT_FALSE(huge.ok());
    auto renamed = CheckPhoto("%PDF-1.4 not an image %%EOF", "photo.jpg");  // the name does not count
    ASSERT_FALSE(renamed.ok());
    EXPECT_EQ(renamed.error().code, ErrorCode::kInvalidArgument);
    auto heavy = CheckPhoto(PngHeader(1200, 800) + std::string(kMaxPhotoBytes, 'x'), "big.png");
    ASSERT_FALSE(heavy.ok());
    EXPECT_NE(heavy.error().message.find("larger than 2 MB"), std::string::npos);
    EXPECT_FALSE(CheckPhoto("", "none.png").ok());
    EXPECT_FALSE(CheckPdf(PngHeader(1200, 800), "kit.pdf").ok());
    auto kit = CheckPdf(Pdf(4), "kit.pdf");
    ASSERT_TRUE(kit.ok());
    EXPECT_EQ(kit->pages, 4);
}

TEST(UploadsTest, AStoredFileComesBackByteForByte) {
    const auto path = std::filesystem::temp_directory_path() / ("juo-uploads-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    auto db = store::Database::Open(path.string(), store::OpenMode::kCreateIfMissing);
    ASSERT_TRUE(db.ok());
    auto photo = CheckPhoto(PngHeader(1200, 800) + std::string("\0\xff\r\n", 4), "usine.png");
    ASSERT_TRUE(photo.ok());
    const long long id = SaveUpload(**db, *photo, std::nullopt, "2026-03-01T10:00:00Z");
    auto back = LoadUpload(**db, id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->bytes, photo->bytes);
    EXPECT_EQ(back->mime_type, "image/png");
    EXPECT_EQ(back->etag.size(), 66u);  // a quoted SHA-256 in hex
    auto meta = store::FindStoredFile(**db, id, false);
    ASSERT_TRUE(meta);
    EXPECT_EQ(meta->width, 1200);
    EXPECT_TRUE(meta->content_base64.empty());
    EXPECT_EQ(LoadUpload(**db, id + 1).error().code, ErrorCode::kNotFound);
    db->reset();
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace juo::uploads

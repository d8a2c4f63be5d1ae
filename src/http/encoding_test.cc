#include "http/encoding.h"

#include <gtest/gtest.h>

#include "http/decode_for_tests.h"

namespace juo::http {
namespace {

TEST(EncodingTest, PreferredCodingFollowsQValues) {
    EXPECT_EQ(PreferredCoding(""), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("identity"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("GZIP"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("x-gzip"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("br"), Coding::kBrotli);
    EXPECT_EQ(PreferredCoding("gzip, deflate, br"), Coding::kBrotli);  // a tie: br
    EXPECT_EQ(PreferredCoding("deflate, gzip, br, zstd"), Coding::kBrotli);
    EXPECT_EQ(PreferredCoding("br;q=0.5, gzip"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("br;q=0.8, gzip;q=0.9"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("gzip;q=0, br;q=0"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip;q=0"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip;Q=0.000"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip ; q=1.0"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("deflate"), Coding::kIdentity);
    // identity;q=0 forbids identity, not the others; alone it cannot be honoured (we send identity).
    EXPECT_EQ(PreferredCoding("gzip, identity;q=0"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("identity;q=0"), Coding::kIdentity);
}

TEST(EncodingTest, StarCoversTheCodingsNotNamed) {
    EXPECT_EQ(PreferredCoding("*"), Coding::kBrotli);
    EXPECT_EQ(PreferredCoding("*;q=0"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("br;q=0, *"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("gzip, *;q=0"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("*;q=0.1, gzip;q=0.5"), Coding::kGzip);
}

TEST(EncodingTest, MalformedWeightsRefuseTheirCoding) {
    EXPECT_EQ(PreferredCoding("gzip;q=2"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip;q=abc"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip;q=0.5555"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding("gzip;q=1.5"), Coding::kIdentity);
    EXPECT_EQ(PreferredCoding(",,gzip,;,"), Coding::kGzip);
    EXPECT_EQ(PreferredCoding("gzip;level=9"), Coding::kGzip);  // other parameters are ignored
}

TEST(EncodingTest, CompressibleTypes) {
    for (const char* type : {"text/html; charset=utf-8", "text/css", "TEXT/PLAIN", "text/csv; charset=utf-8",
                             "application/json", "application/problem+json", "application/javascript",
                             "image/svg+xml", "application/xml", "application/manifest+json",
                             "application/atom+xml"})
        EXPECT_TRUE(IsCompressibleType(type)) << type;
    for (const char* type : {"image/png", "image/jpeg", "application/pdf", "application/zip",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "font/woff2",
                             "application/octet-stream", "", "image/x-icon"})
        EXPECT_FALSE(IsCompressibleType(type)) << type;
}

std::string SampleText() {
    std::string text;
    for (int i = 0; i < 400; ++i) text += "<li>Usine n°" + std::to_string(i) + " — visite à 10 h</li>\n";
    return text;
}

TEST(EncodingTest, GzipRoundTripsThroughZlib) {
    const std::string text = SampleText();
    for (int level : {1, 5, 9}) {
        auto gz = GzipCompress(text, level);
        ASSERT_TRUE(gz.has_value());
        EXPECT_LT(gz->size(), text.size() / 4);
        ASSERT_GE(gz->size(), 2u);
        EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);  // the gzip magic
        EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
        EXPECT_EQ(testing::Gunzip(*gz), text);
    }
    EXPECT_EQ(testing::Gunzip(*GzipCompress("", 5)), "");
}

TEST(EncodingTest, BrotliRoundTripsThroughLibbrotli) {
    const std::string text = SampleText();
    for (int quality : {1, 4, 11}) {
        auto br = BrotliCompress(text, quality);
        ASSERT_TRUE(br.has_value());
        EXPECT_LT(br->size(), text.size() / 4);
        EXPECT_EQ(testing::Unbrotli(*br), text);
    }
    EXPECT_EQ(testing::Unbrotli(*BrotliCompress("", 4)), "");
    EXPECT_EQ(Compress(text, Coding::kIdentity, 5, 4), std::nullopt);
    EXPECT_EQ(CodingName(Coding::kBrotli), "br");
    EXPECT_EQ(CodingName(Coding::kGzip), "gzip");
}

}  // namespace
}  // namespace juo::http

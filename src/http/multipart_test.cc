// Tests of the multipart/form-data parser.
#include "http/multipart.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

TEST(MultipartTest, BoundaryOfTheContentType) {
    EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----abc123"), "----abc123");
    EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
    EXPECT_FALSE(MultipartBoundary("application/x-www-form-urlencoded"));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
    EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(MultipartTest, FieldsAndAFileWithBinaryBytes) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0", 10);
    const std::string body = "--XyZ\r\n"
                             "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
                             "tok\r\n"
                             "--XyZ\r\n"
                             "Content-Disposition: form-data; name=\"photo\"; filename=\"C:\\\\Users\\\\me\\\\usine.png\"\r\n"
                             "Content-Type: image/PNG\r\n\r\n" +
                             png +
                             "\r\n--XyZ\r\n"
                             "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
                             "Content-Type: application/octet-stream\r\n\r\n"
                             "\r\n--XyZ--\r\n";
    auto parts = ParseMultipart(body, "XyZ");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "csrf");
    EXPECT_EQ((*parts)[0].body, "tok");
    EXPECT_FALSE((*parts)[0].is_file);
    EXPECT_EQ((*parts)[1].name, "photo");
    EXPECT_TRUE((*parts)[1].is_file);
    EXPECT_EQ((*parts)[1].filename, "usine.png");
    EXPECT_EQ((*parts)[1].content_type, "image/png");
    EXPECT_EQ((*parts)[1].body, png);  // the NUL bytes and the CRLF inside are kept
    EXPECT_TRUE((*parts)[2].is_file);
    EXPECT_EQ((*parts)[2].filename, "");
    EXPECT_EQ((*parts)[2].body, "");
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
    EXPECT_FALSE(ParseMultipart("no boundary here", "b"));
    EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "b"));  // unclosed
    EXPECT_FALSE(ParseMultipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));  // no disposition
    EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "b"));  // no name
    EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--b--", "b"));
    auto none = ParseMultipart("--b--\r\n", "b");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

// Parameters are read with their quoted strings whole (fuzz/multipart_fuzz.cc): a ';' or a "key="
// inside quotes belongs to the value and starts no parameter, so a field's name cannot make it a
// file nor change its file name.
TEST(MultipartTest, QuotedParametersAreReadWhole) {
    auto parts = ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"photo; filename=\\\"x.png\\\"\"\r\n\r\n"
                                "v\r\n--b\r\nContent-Disposition: form-data; filename=\"a; name=zz\"; name=\"q\"\r\n\r\n"
                                "w\r\n--b--\r\n",
                                "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "photo; filename=\"x.png\"");
    EXPECT_FALSE((*parts)[0].is_file);
    EXPECT_EQ((*parts)[1].name, "q");
    EXPECT_TRUE((*parts)[1].is_file);
    EXPECT_EQ((*parts)[1].filename, "a; name=zz");
    EXPECT_EQ(MultipartBoundary("multipart/form-data; charset=\"x;boundary=no\"; boundary=yes"), "yes");
    // An unterminated quote is malformed.
    EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--b--", "b"));
}

// A quoted-pair cannot put a CR, an LF or a NUL into a file's name (a download's
// Content-Disposition would carry it): control characters are dropped.
TEST(MultipartTest, ControlCharactersLeaveFileNames) {
    const std::string body = std::string("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\\\r\\\nb\\") +
                             std::string("\0", 1) + "c.pdf\"\r\n\r\nx\r\n--b--\r\n";
    auto parts = ParseMultipart(body, "b");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].filename, "abc.pdf");
}

}  // namespace
}  // namespace juo::http

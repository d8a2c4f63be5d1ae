#include "http/http_date.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

using std::chrono::seconds;

// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example.
const HttpTime kExample{seconds(784111777)};

TEST(HttpDateTest, FormatsImfFixdate) {
    EXPECT_EQ(FormatHttpDate(kExample), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(FormatHttpDate(HttpTime{seconds(0)}), "Thu, 01 Jan 1970 00:00:00 GMT");
    EXPECT_EQ(FormatHttpDate(HttpTime{seconds(1772236800)}), "Sat, 28 Feb 2026 00:00:00 GMT");
}

TEST(HttpDateTest, ParsesTheThreeForms) {
    EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kExample);
    EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kExample);
    EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), kExample);
    const HttpTime now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
    EXPECT_EQ(ParseHttpDate(FormatHttpDate(now)), now);
}

TEST(HttpDateTest, RefusesWhatIsNoDate) {
    for (const char* text : {"", "yesterday", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 CET",
                             "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                             "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                             "Sun, 06 Nov 94 08:49:37 GMT", "1994-11-06T08:49:37Z"})
        EXPECT_EQ(ParseHttpDate(text), std::nullopt) << text;
}

}  // namespace
}  // namespace juo::http

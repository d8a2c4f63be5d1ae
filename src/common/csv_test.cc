#include "common/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace juo {
namespace {

TEST(CsvField, QuotesOnlyWhenNeeded) {
    EXPECT_EQ(CsvField("plain text; with semicolon"), "plain text; with semicolon");
    EXPECT_EQ(CsvField(""), "");
    EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvField("say \"hi\", then"), "\"say \"\"hi\"\", then\"");
    EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
    EXPECT_EQ(CsvField("Évolution (%)"), "Évolution (%)");
}

TEST(CsvRow, JoinsWithCommasAndEndsWithCrlf) {
    EXPECT_EQ(CsvRow({"section", "key", "a,b", ""}), "section,key,\"a,b\",\r\n");
    const std::vector<std::string> fields = {"x", "\"y\""};
    EXPECT_EQ(CsvRow(fields), "x,\"\"\"y\"\"\"\r\n");
    EXPECT_EQ(CsvRow(std::vector<std::string>{}), "\r\n");
}

}  // namespace
}  // namespace juo

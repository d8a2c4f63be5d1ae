#include "common/text.h"

#include <gtest/gtest.h>

namespace juo {
namespace {

TEST(FoldForSearch, RemovesAccentsCaseAndPunctuation) {
    EXPECT_EQ(FoldForSearch("L'Haÿ-les-Roses"), "l hay les roses");
    EXPECT_EQ(FoldForSearch("  SAINT-ÉTIENNE "), "saint etienne");
    EXPECT_EQ(FoldForSearch("Bœuf à la Cæsar"), "boeuf a la caesar");
    EXPECT_EQ(FoldForSearch("Besançon"), "besancon");
    EXPECT_EQ(FoldForSearch("Saint‑Denis’s"), "saint denis s");  // typographic apostrophe
    EXPECT_EQ(FoldForSearch(""), "");
    EXPECT_EQ(FoldForSearch("---"), "");
}

TEST(FoldForSearch, DropsInvalidUtf8WithoutCrashing) {
    std::string bad = "Ly\xC3";
    EXPECT_EQ(FoldForSearch(bad), "ly");
    EXPECT_EQ(FoldForSearch("\xFF\xFE"
                            "abc"),
              "abc");
}

TEST(FormatThousandsFr, GroupsByThree) {
    EXPECT_EQ(FormatThousandsFr(0), "0");
    EXPECT_EQ(FormatThousandsFr(999), "999");
    EXPECT_EQ(FormatThousandsFr(20000), "20 000");
    EXPECT_EQ(FormatThousandsFr(1234567), "1 234 567");
    EXPECT_EQ(FormatThousandsFr(-4500), "-4 500");
}

TEST(AppendJsonString, EscapesWhatJsonAndHtmlNeed) {
    std::string out;
    AppendJsonString(out, "a\"b\\c\n\t\x01<é>");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\t\\u0001<é>\"");
    out.clear();
    AppendJsonString(out, "<script>&", true);
    EXPECT_EQ(out, "\"\\u003cscript\\u003e\\u0026\"");
}

TEST(Trim, RemovesWhitespace) {
    EXPECT_EQ(Trim("  a b \n"), "a b");
    EXPECT_EQ(Trim("   "), "");
}

}  // namespace
TEST(ParsePositiveId, TakesOnlyAPositiveWholeNumber) {
    EXPECT_EQ(ParsePositiveId("12"), 12);
    EXPECT_EQ(ParsePositiveId("9223372036854775807"), 9223372036854775807LL);
    EXPECT_EQ(ParsePositiveId(""), std::nullopt);
    EXPECT_EQ(ParsePositiveId("0"), std::nullopt);
    EXPECT_EQ(ParsePositiveId("-3"), std::nullopt);
    EXPECT_EQ(ParsePositiveId("+3"), std::nullopt);
    EXPECT_EQ(ParsePositiveId("12a"), std::nullopt);
    EXPECT_EQ(ParsePositiveId(" 12"), std::nullopt);
    EXPECT_EQ(ParsePositiveId("9223372036854775808"), std::nullopt);  // overflow
}

}  // namespace juo

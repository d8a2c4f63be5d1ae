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

TEST(CsvField, NeutralisesFormulas) {
    EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(CsvField("=1+1"), "'=1+1");
    EXPECT_EQ(CsvField("+33 6 12 34 56 78"), "'+33 6 12 34 56 78");
    EXPECT_EQ(CsvField("-2+3"), "'-2+3");
    EXPECT_EQ(CsvField("- une liste"), "'- une liste");
    EXPECT_EQ(CsvField("@SUM(A1:A2)"), "'@SUM(A1:A2)");
    EXPECT_EQ(CsvField("\t=1+1"), "'\t=1+1");
    EXPECT_EQ(CsvField("\r=1+1"), "\"'\r=1+1\"");
    EXPECT_EQ(CsvField("=cmd|' /C calc'!A0,x"), "\"'=cmd|' /C calc'!A0,x\"");
    EXPECT_EQ(CsvField("-"), "'-");
    EXPECT_EQ(CsvField("-e5"), "'-e5");
    EXPECT_EQ(CsvField("-1."), "'-1.");
    EXPECT_EQ(CsvField("+20 000 visiteurs"), "'+20 000 visiteurs");
    EXPECT_EQ(CsvField("+20 00"), "'+20 00");
    EXPECT_EQ(CsvField("+1234 567"), "'+1234 567");
    EXPECT_EQ(CsvField("-1 A1"), "'-1 A1");
}

TEST(CsvField, KeepsNumbersAndOtherText) {
    for (const char* same : {"-3", "-0.5", "+4", "1e+20", "+20 000", "-1 234 567.5", "+20\u00A0000", "+20\u202F000", "-1e-05", "0", "Jean = Paul",
                             "a@b.fr", "'déjà cité'", "3-4 ans"})
        EXPECT_EQ(CsvField(same), same) << same;
    EXPECT_EQ(CsvField("-12,5"), "\"-12,5\"");  // quoted for its comma, not neutralised
    EXPECT_EQ(CsvRow({"-3", "=2", "-0.5"}), "-3,'=2,-0.5\r\n");
}

TEST(CsvRow, JoinsWithCommasAndEndsWithCrlf) {
    EXPECT_EQ(CsvRow({"section", "key", "a,b", ""}), "section,key,\"a,b\",\r\n");
    const std::vector<std::string> fields = {"x", "\"y\""};
    EXPECT_EQ(CsvRow(fields), "x,\"\"\"y\"\"\"\r\n");
    EXPECT_EQ(CsvRow(std::vector<std::string>{}), "\r\n");
}

TEST(CsvExcelFr, SemicolonsQuotedAndCommasNot) {
    constexpr auto kFr = CsvDialect::kExcelFr;
    EXPECT_EQ(CsvField("a;b", kFr), "\"a;b\"");
    EXPECT_EQ(CsvField("a,b", kFr), "a,b");
    EXPECT_EQ(CsvField("12,5", kFr), "12,5");  // a decimal comma stays a bare number
    EXPECT_EQ(CsvField("-12,5", kFr), "-12,5");
    EXPECT_EQ(CsvField("say \"hi\"", kFr), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvField("two\nlines", kFr), "\"two\nlines\"");
    EXPECT_EQ(CsvRow({"Nom", "a;b", "3,5", ""}, kFr), "Nom;\"a;b\";3,5;\r\n");
    const std::vector<std::string> fields = {"x", "y,z"};
    EXPECT_EQ(CsvRow(fields, kFr), "x;y,z\r\n");
    EXPECT_EQ(kUtf8Bom, "\xEF\xBB\xBF");
}

TEST(CsvExcelFr, NeutralisesFormulasAsTheRfcDialectDoes) {
    constexpr auto kFr = CsvDialect::kExcelFr;
    EXPECT_EQ(CsvField("=1+1", kFr), "'=1+1");
    EXPECT_EQ(CsvField("=SUM(A1;A2)", kFr), "\"'=SUM(A1;A2)\"");
    EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\";\"y\")", kFr), "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
    EXPECT_EQ(CsvField("@SUM(A1:A2)", kFr), "'@SUM(A1:A2)");
    EXPECT_EQ(CsvField("+33 6 12 34 56 78", kFr), "'+33 6 12 34 56 78");
    EXPECT_EQ(CsvField("\t=1+1", kFr), "'\t=1+1");
    EXPECT_EQ(CsvField("\r=1+1", kFr), "\"'\r=1+1\"");
    for (const char* same : {"-3", "-0,5", "+4", "-1e-05", "0", "Jean = Paul"})
        EXPECT_EQ(CsvField(same, kFr), same) << same;
    EXPECT_EQ(CsvRow({"-3", "=2", "-0,5"}, kFr), "-3;'=2;-0,5\r\n");
}

}  // namespace
}  // namespace juo

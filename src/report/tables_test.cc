// Tests of the tables behind the charts and their CSV, JSON and XLSX exports.
#include "report/tables.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "report/test_data.h"

namespace juo::report {
namespace {

TEST(TablesTest, EveryTableHasRowsOfItsWidth) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    const auto tables = BilanTables(b);
    EXPECT_EQ(tables.size(), 13u);
    for (const auto& t : tables)
        for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size()) << t.code;
}

TEST(TablesTest, AudienceRowsCarryTheFigures) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    auto t = FindTable(b, "audiences");
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->rows.size(), 3u);
    EXPECT_EQ(std::get<std::string>(t->rows[0][0]), "school");
    EXPECT_EQ(std::get<long long>(t->rows[0][4]), 10936);
    EXPECT_EQ(std::get<long long>(t->rows[0][6]), 53);
    EXPECT_EQ(FindTable(b, "nope").error().code, ErrorCode::kNotFound);
}

TEST(TablesTest, CsvQuotesAndUsesCrLf) {
    Table t{"x",
            "X",
            {{"a", "Nom"}, {"b", "Valeur"}},
            {{std::string("Dupont, \"fils\""), 2.5}, {std::string("B"), 3LL}}};
    EXPECT_EQ(TableCsv(t), "Nom,Valeur\r\n\"Dupont, \"\"fils\"\"\",2.5\r\nB,3\r\n");
}

TEST(TablesTest, JsonParsesBack) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    const auto v = boost::json::parse(TablesJson(b, BilanTables(b)));
    EXPECT_EQ(v.at("edition").as_int64(), 2025);
    const auto& tables = v.at("tables").as_array();
    EXPECT_EQ(tables.at(0).at("code").as_string(), "audiences");
    EXPECT_EQ(tables.at(6).at("code").as_string(), "white_zones");
    EXPECT_EQ(tables.at(6).at("rows").at(0).at(0).as_string(), "13");
}

TEST(TablesTest, XlsxIsAZipWithOneSheetPerTable) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    auto bytes = TablesXlsx(BilanTables(b));
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    ASSERT_GT(bytes->size(), 1000u);
    EXPECT_EQ(bytes->substr(0, 2), "PK");
    EXPECT_NE(bytes->find("xl/worksheets/sheet13.xml"), std::string::npos);
    EXPECT_EQ(bytes->find("xl/worksheets/sheet14.xml"), std::string::npos);
}

}  // namespace
}  // namespace juo::report

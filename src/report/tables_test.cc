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

TEST(TablesTest, ExcelCsvHasABomSemicolonsDecimalCommasAndFrenchDates) {
    Table t{"x",
            "X",
            {{"a", "Nom"},
             {"b", "Valeur"},
             {"d", "Jour", ColumnType::kDate},
             {"w", "Réservée le", ColumnType::kDateTime},
             {"h", "Heure", ColumnType::kTime}},
            {{std::string("Dupont; \"fils\""), 2.5, std::string("2025-04-04"), std::string("2025-01-14 08:10"),
              std::string("09:00")},
             {std::string("=1+1"), 1234567LL, std::string(""), std::string("2025-13-01 08:10"), std::string("9h")},
             {std::string("a,b"), -0.125, std::string("04/04/2025"), std::string(""), std::string("")}}};
    EXPECT_EQ(TableCsv(t, CsvDialect::kExcelFr),
              "\xEF\xBB\xBFNom;Valeur;Jour;Réservée le;Heure\r\n"
              "\"Dupont; \"\"fils\"\"\";2,5;04/04/2025;14/01/2025 08:10;09:00\r\n"
              "'=1+1;1234567;;2025-13-01 08:10;9h\r\n"
              "a,b;-0,13;04/04/2025;;\r\n");
    // The RFC 4180 file is unchanged by the column types: ISO dates, decimal points, no BOM.
    EXPECT_EQ(TableCsv(t),
              "Nom,Valeur,Jour,Réservée le,Heure\r\n"
              "\"Dupont; \"\"fils\"\"\",2.5,2025-04-04,2025-01-14 08:10,09:00\r\n"
              "'=1+1,1234567,,2025-13-01 08:10,9h\r\n"
              "\"a,b\",-0.13,04/04/2025,,\r\n");
}

TEST(TablesTest, TypedCellsParseOnlyInTheirForm) {
    auto d = ParseTableDateTime("2028-02-29", ColumnType::kDate);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->year * 10000 + d->month * 100 + d->day, 20280229);
    EXPECT_FALSE(ParseTableDateTime("2027-02-29", ColumnType::kDate));
    EXPECT_FALSE(ParseTableDateTime("2025-04-04", ColumnType::kValue));
    EXPECT_FALSE(ParseTableDateTime("2025-04-04T09:00:00Z", ColumnType::kDateTime));
    auto w = ParseTableDateTime("2025-04-04 23:59", ColumnType::kDateTime);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->hour * 100 + w->minute, 2359);
    EXPECT_FALSE(ParseTableDateTime("24:00", ColumnType::kTime));
    EXPECT_FALSE(ParseTableDateTime("9:00", ColumnType::kTime));
    EXPECT_TRUE(ParseTableDateTime("00:00", ColumnType::kTime));
}

TEST(TablesTest, TheBilansDaysAreDatesAndItsPlainCsvIsUnchanged) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    auto days = FindTable(b, "days");
    ASSERT_TRUE(days.ok());
    EXPECT_EQ(days->columns[0].type, ColumnType::kDate);
    const std::string plain = TableCsv(*days), excel = TableCsv(*days, CsvDialect::kExcelFr);
    EXPECT_EQ(plain.rfind("Date,Jour,Événements,Visites\r\n2025-", 0), 0u) << plain;
    EXPECT_EQ(excel.rfind(std::string(kUtf8Bom) + "Date;Jour;Événements;Visites\r\n", 0), 0u) << excel;
    EXPECT_NE(excel.find("/2025;"), std::string::npos) << excel;
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

TEST(TablesTest, XlsxOfDatesWrites) {
    Table t{"x",
            "X",
            {{"d", "Jour", ColumnType::kDate}, {"w", "Le", ColumnType::kDateTime}, {"h", "Heure", ColumnType::kTime}},
            {{std::string("2025-04-04"), std::string("2025-01-14 08:10"), std::string("09:00")},
             {std::string("pas une date"), std::string(""), std::string("9h")}}};
    auto bytes = TablesXlsx({t});
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    EXPECT_EQ(bytes->substr(0, 2), "PK");
}

}  // namespace
}  // namespace juo::report

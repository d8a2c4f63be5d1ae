// Tests of the charts and the PDF on the hand-made 2025 aggregates: every SVG is well-formed XML
// (libxml2), the map data is complete, the PDF is reproducible apart from its creation date, has
// its fonts embedded, and its text (pdftotext) holds the headline figures. Its tagging is checked
// in pdf_tagging_test.cc.
#include "charts/charts.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "charts/france_map.h"
#include "charts/pdf_report.h"
#include "report/test_data.h"

namespace juo::charts {
namespace {

report::Bilan Sample(bool with_previous) {
    auto data = report::testing::Seed2025();
    if (!with_previous) return report::ComputeBilan(data);
    auto now = data;
    now.edition.year = 2026;
    now.edition.name = "2e édition";
    now.sites_open = 454;
    return report::ComputeBilan(now, &data);
}

bool WellFormedXml(const std::string& text) {
    xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "chart.svg", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return false;
    const bool svg = xmlDocGetRootElement(doc) &&
                     std::string(reinterpret_cast<const char*>(xmlDocGetRootElement(doc)->name)) == "svg";
    xmlFreeDoc(doc);
    return svg;
}

TEST(ChartsTest, EveryChartIsWellFormedSvg) {
    for (bool previous : {false, true}) {
        const auto bilan = Sample(previous);
        for (const auto& chart : Charts()) {
            const std::string svg = ChartSvg(bilan, chart.id);
            EXPECT_TRUE(WellFormedXml(svg)) << chart.code;
            EXPECT_GT(svg.size(), 500u) << chart.code;
        }
    }
    // An empty edition draws too (no division by zero, no NaN in the paths).
    const auto empty = report::ComputeBilan(store::BilanData{});
    for (const auto& chart : Charts()) {
        const std::string svg = ChartSvg(empty, chart.id);
        EXPECT_TRUE(WellFormedXml(svg)) << chart.code;
        EXPECT_EQ(svg.find("nan"), std::string::npos) << chart.code;
    }
}

TEST(ChartsTest, BrokenXmlIsDetected) { EXPECT_FALSE(WellFormedXml("<svg><g></svg>")); }

TEST(ChartsTest, ChartCodesRoundTrip) {
    for (const auto& chart : Charts()) EXPECT_EQ(ParseChart(chart.code), chart.id);
    EXPECT_FALSE(ParseChart("pie").has_value());
}

TEST(ChartsTest, SectorChartGrowsWithItsRows) {
    auto data = report::testing::Seed2025();
    const auto full = report::ComputeBilan(data);
    data.sites_by_division.resize(3);
    const auto few = report::ComputeBilan(data);
    EXPECT_GT(ChartSize(full, ChartId::kSectors).h, ChartSize(few, ChartId::kSectors).h);
}

TEST(FranceMapTest, HasEveryMetropolitanDepartmentInsideTheViewBox) {
    const FranceMap& map = GetFranceMap();
    EXPECT_EQ(map.department_count, 96u);
    std::set<std::string> codes;
    for (size_t i = 0; i < map.department_count; ++i) {
        const auto& d = map.departments[i];
        codes.insert(d.code);
        EXPECT_GE(d.rings, 1) << d.code;
        for (int r = d.first_ring; r < d.first_ring + d.rings; ++r)
            for (int k = 0; k < map.rings[r].points; ++k) {
                const float* pt = map.points + 2 * (map.rings[r].first_point + k);
                ASSERT_TRUE(pt[0] >= -1 && pt[0] <= map.width + 1 && pt[1] >= -1 && pt[1] <= map.height + 1)
                    << d.code;
            }
    }
    for (const char* code : {"01", "2A", "2B", "75", "95", "69", "13"})
        EXPECT_TRUE(codes.count(code)) << code;
}

// The date is in the Info dictionary, in the XMP metadata, and (through the content hash) in the
// file /ID; masked with strings of the same length, the offsets stay comparable.
std::string MaskDate(std::string pdf) {
    pdf = std::regex_replace(pdf, std::regex(R"(\(D:\d{14}Z\))"), "(D:MASKEDMASKEDMA)");
    pdf = std::regex_replace(pdf, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"),
                             "MASKED-MASKED-MASKED");
    return std::regex_replace(pdf, std::regex(R"(/ID \[<[0-9a-f]+><[0-9a-f]+>\])"), "/ID MASKED");
}

TEST(PdfTest, SameDataSameBytesApartFromTheDate) {
    const auto bilan = Sample(true);
    const std::string a = RenderPdf(bilan, {"2026-11-25T04:00:00Z"});
    const std::string b = RenderPdf(bilan, {"2026-11-25T04:00:00Z"});
    const std::string c = RenderPdf(bilan, {"2027-01-02T10:30:00Z"});
    ASSERT_EQ(a.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ(MaskDate(a), MaskDate(c));
    // Different data, different bytes.
    EXPECT_NE(MaskDate(a), MaskDate(RenderPdf(Sample(false), {"2026-11-25T04:00:00Z"})));
}

TEST(PdfTest, FontsAreEmbedded) {
    const std::string pdf = RenderPdf(Sample(false), {"2026-11-25T04:00:00Z"});
    EXPECT_NE(pdf.find("/FontFile"), std::string::npos);
    EXPECT_NE(pdf.find("DejaVuSans"), std::string::npos);
    EXPECT_EQ(std::regex_search(pdf, std::regex("/Type /Page[^s]")), true);
}

#ifdef JUO_PDFTOTEXT
std::string PdfText(const std::string& pdf) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("juo_charts_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    { std::ofstream(dir / "b.pdf", std::ios::binary) << pdf; }
    const std::string cmd =
        std::string(JUO_PDFTOTEXT) + " " + (dir / "b.pdf").string() + " " + (dir / "b.txt").string();
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream in(dir / "b.txt");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::remove_all(dir);
    // Line breaks depend on the layout, not the figures: compare with single spaces.
    std::string flat;
    for (char ch : text) {
        if (ch == '\f')
            flat += ch;
        else if (std::isspace(static_cast<unsigned char>(ch))) {
            if (!flat.empty() && flat.back() != ' ') flat += ' ';
        } else
            flat += ch;
    }
    return flat;
}

TEST(PdfTest, TextHoldsTheHeadlineFigures) {
    const std::string text = PdfText(RenderPdf(Sample(true), {"2026-11-25T04:00:00Z"}));
    for (const char* expected :
         {"+454", "USINES OUVERTES", "+75", "BUS FINANCÉS", "+20 000", "VISITEURS", "+200", "RETOMBÉES MÉDIA",
          "Mécachimique : 10 classes pour 20 demandes", "J'ai appris des choses", "+100 %",
          "Bouches-du-Rhône", "20 secteurs d'activité représentés"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // Six pages: pdftotext separates them with form feeds.
    EXPECT_EQ(std::count(text.begin(), text.end(), '\f'), 6);
}
#endif

}  // namespace
}  // namespace juo::charts

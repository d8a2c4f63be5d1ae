// Tests of the tagged PDF bilan, read back with libqpdf: the structure tree (headings, lists,
// tables, one Figure per chart with its French /Alt, in drawing order), /Lang, /MarkInfo, the XMP
// metadata agreeing with the Info dictionary, every graphics object of every page either inside
// a structure element's marked content or an /Artifact (the rule a PDF/UA checker applies), and
// the refusals of FinishAccessiblePdf. The chart alt texts are checked against the bilan's figures.
#include "charts/pdf_tagging.h"

#include <cairo-pdf.h>
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "charts/chart_alt.h"
#include "charts/charts.h"
#include "charts/pdf_report.h"
#include "common/text.h"
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

constexpr const char* kDate = "2026-11-25T04:00:00Z";

struct Parsed {
    std::shared_ptr<QPDF> qpdf = std::make_shared<QPDF>();
    std::vector<QPDFObjectHandle> elements;  // depth-first
};

void Collect(QPDFObjectHandle node, std::vector<QPDFObjectHandle>& out, std::set<QPDFObjGen>& seen) {
    if (node.isArray()) {
        for (int i = 0; i < node.getArrayNItems(); ++i) Collect(node.getArrayItem(i), out, seen);
        return;
    }
    if (!node.isDictionary()) return;
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) return;
    if (node.getKey("/S").isName()) out.push_back(node);
    Collect(node.getKey("/K"), out, seen);
}

Parsed Parse(const std::string& pdf) {
    Parsed p;
    p.qpdf->processMemoryFile("bilan.pdf", pdf.data(), pdf.size());
    std::set<QPDFObjGen> seen;
    Collect(p.qpdf->getRoot().getKey("/StructTreeRoot"), p.elements, seen);
    return p;
}

std::vector<std::string> Types(const Parsed& p) {
    std::vector<std::string> types;
    for (auto e : p.elements) types.push_back(e.getKey("/S").getName());
    return types;
}

TEST(PdfTaggingTest, CatalogHasLanguageMarkInfoAndXmpAgreeingWithInfo) {
    const auto bilan = Sample(true);
    const std::string pdf = RenderPdf(bilan, {kDate});
    Parsed p = Parse(pdf);
    EXPECT_FALSE(p.qpdf->anyWarnings());
    QPDFObjectHandle root = p.qpdf->getRoot();
    EXPECT_EQ(root.getKey("/Lang").getUTF8Value(), "fr-FR");
    EXPECT_TRUE(root.getKey("/MarkInfo").getKey("/Marked").getBoolValue());
    EXPECT_TRUE(root.getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());

    QPDFObjectHandle info = p.qpdf->getTrailer().getKey("/Info");
    const std::string title = info.getKey("/Title").getUTF8Value();
    EXPECT_EQ(title, "Bilan des Journées Usines Ouvertes 2026");
    const std::string subject = info.getKey("/Subject").getUTF8Value();
    EXPECT_NE(subject.find("2e édition"), std::string::npos) << subject;
    EXPECT_EQ(info.getKey("/CreationDate").getUTF8Value(), "D:20261125040000Z");
    EXPECT_EQ(info.getKey("/ModDate").getUTF8Value(), "D:20261125040000Z");
    const std::string producer = info.getKey("/Producer").getUTF8Value();
    EXPECT_NE(producer.find("cairo"), std::string::npos);
    EXPECT_NE(producer.find("qpdf"), std::string::npos);

    QPDFObjectHandle meta = root.getKey("/Metadata");
    ASSERT_TRUE(meta.isStream());
    EXPECT_TRUE(meta.getDict().getKey("/Subtype").isNameAndEquals("/XML"));
    EXPECT_FALSE(meta.getDict().hasKey("/Filter"));  // plain text, as XMP scanners expect
    const auto data = meta.getStreamData();
    const std::string xmp(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    for (const std::string& expected :
         {"<rdf:li xml:lang=\"x-default\">" + title + "</rdf:li>",
          "<rdf:li xml:lang=\"x-default\">" + subject,
          std::string("<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li>"),
          std::string("<xmp:CreateDate>") + kDate + "</xmp:CreateDate>",
          std::string("<xmp:ModifyDate>") + kDate + "</xmp:ModifyDate>",
          "<pdf:Producer>" + producer + "</pdf:Producer>",
          std::string("<xmp:CreatorTool>JUO (juo report --format pdf)</xmp:CreatorTool>")})
        EXPECT_NE(xmp.find(expected), std::string::npos) << expected;
}

TEST(PdfTaggingTest, StructureInReadingOrderWithOneFigurePerChartAndItsAlt) {
    for (bool previous : {true, false}) {
        const auto bilan = Sample(previous);
        Parsed p = Parse(RenderPdf(bilan, {kDate}));
        const auto types = Types(p);
        ASSERT_FALSE(types.empty());
        EXPECT_EQ(types[0], "/Document");
        EXPECT_EQ(std::count(types.begin(), types.end(), "/Sect"), 6);
        EXPECT_EQ(std::count(types.begin(), types.end(), "/H1"), 9);  // the cover's title and 8 sections
        EXPECT_GE(std::count(types.begin(), types.end(), "/H2"), 5);
        EXPECT_GE(std::count(types.begin(), types.end(), "/Table"), 4);
        EXPECT_GE(std::count(types.begin(), types.end(), "/TH"), 6);
        EXPECT_GE(std::count(types.begin(), types.end(), "/LI"), 3);
        // The charts in the order the pages draw them; the comparison only with a previous edition.
        std::vector<ChartId> charts = {ChartId::kTiles,   ChartId::kDays,       ChartId::kSatisfaction,
                                       ChartId::kSectors, ChartId::kAudience,   ChartId::kMap,
                                       ChartId::kMedia,   ChartId::kMediaMonths};
        if (previous) charts.push_back(ChartId::kChanges);
        std::vector<std::string> alts;
        for (auto e : p.elements)
            if (e.getKey("/S").isNameAndEquals("/Figure")) alts.push_back(e.getKey("/Alt").getUTF8Value());
        ASSERT_EQ(alts.size(), charts.size());
        for (size_t i = 0; i < charts.size(); ++i) EXPECT_EQ(alts[i], ChartAltFr(bilan, charts[i])) << i;
        for (auto e : p.elements) {
            if (!e.getKey("/S").isNameAndEquals("/TH")) continue;
            EXPECT_TRUE(e.getKey("/A").getKey("/Scope").isNameAndEquals("/Column"));
        }
        // The cover's title comes before every section heading: the first H1 is on page 1.
        const auto first_h1 = std::find(types.begin(), types.end(), "/H1");
        const auto second_sect =
            std::find(std::find(types.begin(), types.end(), "/Sect") + 1, types.end(), "/Sect");
        EXPECT_LT(first_h1, second_sect);
    }
}

// Counts the graphics objects of a content stream that are neither in a structure element's
// marked content (BDC with an MCID) nor in an /Artifact.
class UnmarkedCounter : public QPDFObjectHandle::ParserCallbacks {
 public:
    void handleObject(QPDFObjectHandle obj, size_t, size_t) override {
        if (!obj.isOperator()) {
            operands_.push_back(obj);
            return;
        }
        const std::string op = obj.getOperatorValue();
        if (op == "BDC" || op == "BMC") {
            const bool artifact = !operands_.empty() && operands_[0].isNameAndEquals("/Artifact");
            const bool mcid = operands_.size() == 2 && operands_[1].isDictionary() &&
                              operands_[1].getKey("/MCID").isInteger();
            stack_.push_back(artifact || mcid);
            if (mcid) ++marked;
            if (artifact) ++artifacts;
        } else if (op == "EMC") {
            if (!stack_.empty()) stack_.pop_back();
        } else if (op == "m" || op == "re" || op == "BT" || op == "Do" || op == "sh" || op == "BI") {
            if (stack_.empty() || !std::count(stack_.begin(), stack_.end(), true)) ++unmarked;
        }
        operands_.clear();
    }
    void handleEOF() override { balanced = stack_.empty(); }
    int unmarked = 0, marked = 0, artifacts = 0;
    bool balanced = false;

 private:
    std::vector<QPDFObjectHandle> operands_;
    std::vector<bool> stack_;
};

TEST(PdfTaggingTest, EveryGraphicsObjectIsTaggedContentOrAnArtifact) {
    const std::string pdf = RenderPdf(Sample(true), {kDate});
    Parsed p = Parse(pdf);
    int pages = 0;
    for (auto& page : QPDFPageDocumentHelper(*p.qpdf).getAllPages()) {
        ++pages;
        UnmarkedCounter counter;
        page.parseContents(&counter);
        EXPECT_EQ(counter.unmarked, 0) << "page " << pages;
        EXPECT_GT(counter.marked, 0) << "page " << pages;
        EXPECT_GT(counter.artifacts, 0) << "page " << pages;  // the red bar and the footer at least
        EXPECT_TRUE(counter.balanced) << "page " << pages;
        // Cairo's StructParents link the page to the parent tree.
        EXPECT_TRUE(page.getObjectHandle().getKey("/StructParents").isInteger());
    }
    EXPECT_EQ(pages, 6);
}

TEST(PdfTaggingTest, AltTextsSayTheChartsFigures) {
    const auto bilan = Sample(true);
    long long with_sites = 0;
    for (const auto& d : bilan.departments) with_sites += d.sites > 0;
    const std::string map = ChartAltFr(bilan, ChartId::kMap);
    EXPECT_EQ(map.rfind("Carte des usines ouvertes par département", 0), 0u) << map;
    EXPECT_NE(map.find(FormatThousandsFr(with_sites) + " départements ont au moins une usine ouverte"),
              std::string::npos)
        << map;
    const std::string tiles = ChartAltFr(bilan, ChartId::kTiles);
    // Each headline in words (issue 19: "plus de 20 000 visiteurs", never "+20 000", which reads
    // as a change from last year).
    for (const auto& [figure, exact] :
         std::vector<std::pair<std::string, long long>>{{bilan.headlines.sites, bilan.sites.open},
                                                        {bilan.headlines.buses, bilan.buses.buses},
                                                        {bilan.headlines.visitors, bilan.visitors.attended},
                                                        {bilan.headlines.media, bilan.media.total},
                                                        {bilan.headlines.social_mentions, bilan.media.social_mentions}})
        EXPECT_NE(tiles.find(report::HeadlineWordsFr(figure, exact)), std::string::npos) << figure << " in " << tiles;
    EXPECT_EQ(tiles.find('+'), std::string::npos) << tiles;
    EXPECT_NE(tiles.find("plus de "), std::string::npos) << tiles;
    const std::string days = ChartAltFr(bilan, ChartId::kDays);
    for (const auto& d : bilan.events.days) EXPECT_NE(days.find(d.day_fr), std::string::npos) << days;
    const std::string changes = ChartAltFr(bilan, ChartId::kChanges);
    EXPECT_NE(changes.find("2026 avec 2025"), std::string::npos) << changes;
    // Every chart, with data and with none: a sentence, never empty, never NaN.
    const auto empty = report::ComputeBilan(store::BilanData{});
    for (const auto* b : {&bilan, &empty})
        for (const auto& chart : Charts()) {
            const std::string alt = ChartAltFr(*b, chart.id);
            EXPECT_GT(alt.size(), 20u) << chart.code;
            EXPECT_EQ(alt.back(), '.') << alt;
            EXPECT_FALSE(std::regex_search(alt, std::regex(R"(\b(nan|inf)\b)"))) << alt;
        }
    // The empty bilan is tagged and finished too.
    Parsed p = Parse(RenderPdf(empty, {kDate}));
    EXPECT_EQ(p.qpdf->getRoot().getKey("/Lang").getUTF8Value(), "fr-FR");
}

std::string UntaggedPdf() {
    std::string out;
    cairo_surface_t* s = cairo_pdf_surface_create_for_stream(
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &out, 100, 100);
    cairo_t* cr = cairo_create(s);
    cairo_rectangle(cr, 10, 10, 20, 20);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return out;
}

TEST(PdfTaggingTest, RefusesWhatItCannotFinish) {
    PdfAccessibility info;
    info.title = "t";
    info.date = kDate;
    auto untagged = FinishAccessiblePdf(UntaggedPdf(), info);
    ASSERT_FALSE(untagged.ok());
    EXPECT_EQ(untagged.error().code, ErrorCode::kInvalidArgument);
    auto garbage = FinishAccessiblePdf("not a pdf at all", info);
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().code, ErrorCode::kInternal);
    info.date = "25/11/2026";
    auto bad_date = FinishAccessiblePdf(UntaggedPdf(), info);
    ASSERT_FALSE(bad_date.ok());
    EXPECT_EQ(bad_date.error().code, ErrorCode::kInvalidArgument);
}

TEST(PdfTaggingTest, FinishTimeIsSmall) {
    // Not a benchmark: prints the cost of the QPDF finish beside the whole rendering (ADR 0012).
    // The finish is timed once more on the finished file (already marked content is left alone).
    const auto bilan = Sample(true);
    RenderPdf(bilan, {kDate});  // warm the fonts
    const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    const auto t0 = std::chrono::steady_clock::now();
    const std::string pdf = RenderPdf(bilan, {kDate});
    const auto t1 = std::chrono::steady_clock::now();
    PdfAccessibility info;
    info.title = "t";
    info.date = kDate;
    for (ChartId id :
         {ChartId::kTiles, ChartId::kDays, ChartId::kSatisfaction, ChartId::kSectors, ChartId::kAudience,
          ChartId::kMap, ChartId::kMedia, ChartId::kMediaMonths, ChartId::kChanges})
        info.figure_alts.push_back(ChartAltFr(bilan, id));
    auto again = FinishAccessiblePdf(pdf, info);
    const auto t2 = std::chrono::steady_clock::now();
    ASSERT_TRUE(again.ok()) << again.error().message;
    std::cout << "RenderPdf (Cairo + finish): " << ms(t1 - t0) << " ms, " << pdf.size()
              << " bytes; the QPDF finish alone: " << ms(t2 - t1) << " ms\n";
    EXPECT_LT(ms(t1 - t0), 5000);
}

}  // namespace
}  // namespace juo::charts

#include "refdata/geocoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace juo::refdata {
namespace {

const Geocoder& G() { return Geocoder::Default(); }

// The INSEE code the query resolves to, or "error: <code name>".
std::string CodeOf(std::string_view query, std::string_view hint = {}) {
    auto r = G().Geocode(query, hint);
    if (!r.ok()) return std::string("error: ") + ErrorCodeName(r.error().code);
    return r->commune->code;
}

TEST(FoldPlaceNameTest, SpellsOutSaint) {
    EXPECT_EQ(FoldPlaceName("St-Étienne"), "saint etienne");
    EXPECT_EQ(FoldPlaceName("Ste Marie"), "sainte marie");
    EXPECT_EQ(FoldPlaceName("Saintes"), "saintes");
    EXPECT_EQ(FoldPlaceName("Stains"), "stains");
    EXPECT_EQ(FoldPlaceName("  L'Haÿ-les-Roses "), "l hay les roses");
}

TEST(GeocoderTest, Lyon) {
    auto r = G().Geocode("lyon");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->commune->code, "69123");
    EXPECT_EQ(r->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(r->position.lat, 45.76, 0.05);
    EXPECT_NEAR(r->position.lon, 4.83, 0.05);
    EXPECT_EQ(CodeOf("LYON"), "69123");
    EXPECT_EQ(CodeOf("  Lyon  "), "69123");
    EXPECT_EQ(CodeOf("69001"), "69123");
    EXPECT_EQ(CodeOf("69009"), "69123");
    EXPECT_EQ(CodeOf("Lyon (69)"), "69123");
    EXPECT_EQ(CodeOf("Lyon, Rhône"), "69123");
    EXPECT_EQ(CodeOf("69003 Lyon"), "69123");
    EXPECT_EQ(CodeOf("Lyon 69003"), "69123");
}

TEST(GeocoderTest, SaintEtienne) {
    EXPECT_EQ(CodeOf("Saint-Étienne"), "42218");
    EXPECT_EQ(CodeOf("st etienne"), "42218");
    EXPECT_EQ(CodeOf("ST-ETIENNE"), "42218");
    EXPECT_EQ(CodeOf("saint  étienne!"), "42218");
}

TEST(GeocoderTest, AmbiguousNames) {
    // La Réunion's Saint-Denis (155,634 inhabitants) outnumbers Seine-Saint-Denis's (149,077).
    EXPECT_EQ(CodeOf("Saint-Denis"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis (93)"), "93066");
    EXPECT_EQ(CodeOf("Saint-Denis (974)"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis, 974"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis", "974"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis", "93"), "93066");
    EXPECT_EQ(CodeOf("Saint-Denis (La Réunion)"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis (Réunion)"), "97411");
    EXPECT_EQ(CodeOf("Saint-Denis (Seine-Saint-Denis)"), "93066");
    EXPECT_EQ(CodeOf("Saint-Denis (11)"), "11339");
    EXPECT_EQ(CodeOf("Saint-Denis 93200"), "93066");
    // The department in the query filters; the hint only prefers.
    EXPECT_EQ(CodeOf("Saint-Denis (93)", "974"), "93066");
    EXPECT_EQ(CodeOf("Lyon", "93"), "69123");
    EXPECT_EQ(CodeOf("Lyon (93)"), "error: not_found");
    EXPECT_EQ(CodeOf("Lyon 13001"), "error: not_found");
}

TEST(GeocoderTest, ParisAndMarseille) {
    EXPECT_EQ(CodeOf("Paris"), "75056");
    EXPECT_EQ(CodeOf("75116"), "75056");
    EXPECT_EQ(CodeOf("Marseille"), "13055");
    EXPECT_EQ(CodeOf("L'Haÿ-les-Roses"), "94038");
    EXPECT_EQ(CodeOf("lhay les roses"), "error: not_found");  // the apostrophe separates words
    EXPECT_EQ(CodeOf("2A004"), "error: not_found");           // INSEE codes are not looked up
}

TEST(GeocoderTest, SharedPostcodeGoesToTheMostPopulous) {
    auto r = G().Geocode("01400");  // L'Abergement-Clémenciat and a dozen villages around Châtillon
    ASSERT_TRUE(r.ok());
    for (const Commune& c : Communes()) {
        bool uses = std::find(c.postcodes.begin(), c.postcodes.end(), "01400") != c.postcodes.end();
        if (uses) {
            EXPECT_LE(c.population, r->commune->population) << c.code;
        }
    }
}

TEST(GeocoderTest, Errors) {
    auto empty = G().Geocode("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(empty.error().message.empty());
    EXPECT_FALSE(empty.error().message_fr.empty());
    EXPECT_EQ(CodeOf("   "), "error: invalid_argument");

    auto long_query = G().Geocode(std::string(300, 'a'));
    ASSERT_FALSE(long_query.ok());
    EXPECT_EQ(long_query.error().code, ErrorCode::kInvalidArgument);
    EXPECT_LT(long_query.error().message.size(), 160u);  // the query is quoted, cut short

    auto unknown = G().Geocode("Trifouillis-les-Oies");
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    EXPECT_NE(unknown.error().message.find("Trifouillis-les-Oies"), std::string::npos);
    EXPECT_NE(unknown.error().message_fr.find("Trifouillis-les-Oies"), std::string::npos);

    EXPECT_EQ(CodeOf("!!!"), "error: invalid_argument");
    EXPECT_EQ(CodeOf("6900"), "error: invalid_argument");
    EXPECT_EQ(CodeOf("690011"), "error: invalid_argument");
    EXPECT_EQ(CodeOf("99999"), "error: not_found");
    EXPECT_EQ(CodeOf("Lyon (00)"), "error: invalid_argument");
    EXPECT_EQ(CodeOf("Lyon)"), "error: invalid_argument");
    EXPECT_EQ(CodeOf("Lyon", "XX"), "error: invalid_argument");
    EXPECT_EQ(CodeOf(std::string("Ly\0on", 5)), "error: not_found");
    EXPECT_EQ(CodeOf("\xff\xfe"), "error: invalid_argument");
}

TEST(GeocoderTest, SuggestMostPopulousFirst) {
    auto s = G().Suggest("mars", 5);
    ASSERT_EQ(s.size(), 5u);
    EXPECT_EQ(s[0]->code, "13055");
    for (size_t i = 1; i < s.size(); ++i) EXPECT_GE(s[i - 1]->population, s[i]->population);
    for (const Commune* c : s) EXPECT_TRUE(FoldPlaceName(c->name).starts_with("mars")) << c->name;

    auto st = G().Suggest("st eti", 3);
    ASSERT_FALSE(st.empty());
    EXPECT_EQ(st[0]->code, "42218");
    auto stains = G().Suggest("stai", 3);
    ASSERT_FALSE(stains.empty());
    EXPECT_EQ(stains[0]->name, "Stains");
    // "st" may be the start of "Stains" or stand for "saint": both are offered.
    auto both = G().Suggest("St", 50);
    bool has_saint = false, has_st = false;
    for (const Commune* c : both) {
        has_saint |= c->name.starts_with("Saint");
        has_st |= c->name.starts_with("St") && !c->name.starts_with("Saint");
    }
    EXPECT_TRUE(has_saint);
    EXPECT_TRUE(has_st);
    EXPECT_EQ(G().Suggest("Lyon ", 3).size(), 1u);

    EXPECT_TRUE(G().Suggest("", 5).empty());
    EXPECT_TRUE(G().Suggest("mars", 0).empty());
    EXPECT_TRUE(G().Suggest("zzzz", 5).empty());
    EXPECT_EQ(G().Suggest("a", 7).size(), 7u);
}

TEST(GeocoderTest, EveryCommuneFindsItselfWithItsDepartment) {
    int mismatches = 0;
    for (const Commune& c : Communes()) {
        auto r = G().Geocode(c.name + " (" + c.department_code + ")");
        ASSERT_TRUE(r.ok()) << c.code << " " << c.name << ": " << r.error().message;
        // Homonyms within one department resolve to the most populous of them.
        if (r->commune != &c) {
            ++mismatches;
            EXPECT_EQ(r->commune->department_code, c.department_code);
            EXPECT_EQ(FoldPlaceName(r->commune->name), FoldPlaceName(c.name));
            EXPECT_GE(r->commune->population, c.population);
        }
    }
    EXPECT_LT(mismatches, 100);
}

TEST(GeocoderTest, IsFast) {
    const char* queries[] = {"lyon", "Saint-Étienne", "69001", "Saint-Denis (974)", "st etienne"};
    constexpr int kRounds = 20000;
    auto start = std::chrono::steady_clock::now();
    int found = 0;
    for (int i = 0; i < kRounds; ++i) {
        for (const char* q : queries) found += G().Geocode(q).ok();
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
                (kRounds * 5.0);
    EXPECT_EQ(found, kRounds * 5);
    EXPECT_LT(us, 50.0) << "per lookup";  // ~1 µs in release builds; generous for sanitizer builds
    std::printf("Geocode: %.2f us per lookup\n", us);
}

}  // namespace
}  // namespace juo::refdata

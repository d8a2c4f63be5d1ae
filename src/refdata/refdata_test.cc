#include "refdata/refdata.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

namespace juo::refdata {
namespace {

// First in the file so that it runs first: several threads race to parse the tables.
TEST(RefdataTest, ConcurrentFirstUseParsesOnce) {
    std::vector<std::thread> threads;
    std::vector<const Commune*> seen(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&seen, i] { seen[i] = FindCommune("75056"); });
    }
    for (auto& t : threads) t.join();
    for (const Commune* c : seen) EXPECT_EQ(c, seen[0]);
    ASSERT_NE(seen[0], nullptr);
    EXPECT_EQ(seen[0]->name, "Paris");
}

TEST(RefdataTest, CountsCoverMetropolitanAndOverseasFrance) {
    EXPECT_EQ(Regions().size(), 18u);
    EXPECT_GE(Departments().size(), 101u);
    EXPECT_GT(Communes().size(), 34500u);
    EXPECT_LT(Communes().size(), 35500u);
    EXPECT_EQ(Sectors().size(), 88u);
}

TEST(RefdataTest, RegionsAndDepartments) {
    const Region* ara = FindRegion("84");
    ASSERT_NE(ara, nullptr);
    EXPECT_EQ(ara->name, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(FindRegion("99"), nullptr);

    const Department* rhone = FindDepartment("69");
    ASSERT_NE(rhone, nullptr);
    EXPECT_EQ(rhone->name, "Rhône");
    EXPECT_EQ(rhone->region_code, "84");
    ASSERT_NE(FindDepartment("2A"), nullptr);
    EXPECT_EQ(FindDepartment("2A")->region_code, "94");
    ASSERT_NE(FindDepartment("974"), nullptr);
    EXPECT_EQ(FindDepartment("974")->name, "La Réunion");
    EXPECT_EQ(FindDepartment("20"), nullptr);
    EXPECT_EQ(FindDepartment(""), nullptr);

    for (const Department& d : Departments()) EXPECT_NE(FindRegion(d.region_code), nullptr) << d.code;
}

TEST(RefdataTest, Lyon) {
    const Commune* lyon = FindCommune("69123");
    ASSERT_NE(lyon, nullptr);
    EXPECT_EQ(lyon->name, "Lyon");
    EXPECT_EQ(lyon->department_code, "69");
    EXPECT_EQ(lyon->region_code, "84");
    EXPECT_GT(lyon->population, 500000);
    EXPECT_EQ(lyon->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(lyon->position.lat, 45.76, 0.05);
    EXPECT_NEAR(lyon->position.lon, 4.83, 0.05);
    ASSERT_EQ(lyon->postcodes.size(), 9u);
    EXPECT_EQ(lyon->postcodes.front(), "69001");
    EXPECT_EQ(lyon->postcodes.back(), "69009");
    // An INSEE code is not a postcode (69001 is Affoux), and municipal arrondissements are not communes.
    ASSERT_NE(FindCommune("69001"), nullptr);
    EXPECT_EQ(FindCommune("69001")->name, "Affoux");
    EXPECT_EQ(FindCommune("69381"), nullptr);
}

TEST(RefdataTest, EveryCommuneIsConsistent) {
    std::set<std::string> codes;
    int positioned = 0;
    int own = 0;
    for (const Commune& c : Communes()) {
        EXPECT_EQ(c.code.size(), 5u) << c.code;
        EXPECT_TRUE(codes.insert(c.code).second) << "duplicate " << c.code;
        EXPECT_FALSE(c.name.empty()) << c.code;
        const Department* d = FindDepartment(c.department_code);
        ASSERT_NE(d, nullptr) << c.code;
        EXPECT_EQ(d->region_code, c.region_code) << c.code;
        EXPECT_TRUE(c.code.starts_with(c.department_code)) << c.code;
        EXPECT_GE(c.population, 0) << c.code;
        for (const auto& p : c.postcodes) EXPECT_EQ(p.size(), 5u) << c.code;
        if (c.precision != PositionPrecision::kNone) {
            ++positioned;
            EXPECT_TRUE(IsValidPosition(c.position)) << c.code;
        }
        if (c.precision == PositionPrecision::kOwn) ++own;
        EXPECT_EQ(FindCommune(c.code), &c);
    }
    // GeoNames lists ~9,000 French places: about a quarter of the communes have their own position;
    // the others borrow a neighbour's.
    EXPECT_GT(own, 8000);
    EXPECT_EQ(positioned, static_cast<int>(Communes().size()));
}

TEST(RefdataTest, PositionsStayInTheirDepartment) {
    // Own or derived, a position lies near the department's largest commune: the GeoNames join is
    // by department, and derived positions come from the same department.
    std::map<std::string, const Commune*> largest;
    for (const Commune& c : Communes()) {
        auto& l = largest[c.department_code];
        if (l == nullptr || c.population > l->population) l = &c;
    }
    for (const Commune& c : Communes()) {
        const Commune* l = largest[c.department_code];
        EXPECT_LT(HaversineKm(c.position, l->position), 300) << c.code << " " << c.name;
    }
    const Commune* mamoudzou = FindCommune("97611");
    ASSERT_NE(mamoudzou, nullptr);
    EXPECT_EQ(mamoudzou->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(mamoudzou->position.lat, -12.78, 0.05);
    // Vire Normandie is positioned by its seat, the former commune of Vire, as GeoNames names it.
    const Commune* vire = FindCommune("14762");
    ASSERT_NE(vire, nullptr);
    EXPECT_EQ(vire->name, "Vire Normandie");
    EXPECT_EQ(vire->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(vire->position.lat, 48.84, 0.05);
    // GeoNames says "Dunkirk" and, for Évry-Courcouronnes, still "Évry".
    const Commune* dunkerque = FindCommune("59183");
    ASSERT_NE(dunkerque, nullptr);
    EXPECT_EQ(dunkerque->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(dunkerque->position.lat, 51.03, 0.05);
    const Commune* evry = FindCommune("91228");
    ASSERT_NE(evry, nullptr);
    EXPECT_EQ(evry->precision, PositionPrecision::kOwn);
    EXPECT_NEAR(evry->position.lat, 48.63, 0.05);
}

TEST(RefdataTest, PharmaceuticalsSector) {
    const Sector* pharma = FindSector("21");
    ASSERT_NE(pharma, nullptr);
    EXPECT_TRUE(pharma->industrial);
    EXPECT_EQ(pharma->label_fr, "Industrie pharmaceutique");
    EXPECT_EQ(pharma->short_fr, "Pharmacie");
    EXPECT_EQ(pharma->short_en, "Pharmaceuticals");
    EXPECT_EQ(pharma->national_establishments, 506);  // data/industry-by-sector.csv
    EXPECT_EQ(pharma->national_establishments_excl_craft, 506);
    ASSERT_TRUE(pharma->national_salaried_employees.has_value());
    EXPECT_EQ(*pharma->national_salaried_employees, 78400);
}

TEST(RefdataTest, OtherSectors) {
    const Sector* automotive = FindSector("29");
    ASSERT_NE(automotive, nullptr);
    EXPECT_EQ(automotive->short_fr, "Automobile");
    EXPECT_EQ(automotive->short_en, "Automotive");
    EXPECT_EQ(automotive->national_establishments, 1833);
    EXPECT_FALSE(automotive->national_salaried_employees.has_value());

    const Sector* food = FindSector("10");
    ASSERT_NE(food, nullptr);
    EXPECT_EQ(food->short_fr, "Agroalimentaire");
    EXPECT_EQ(food->national_establishments, 42634);
    EXPECT_EQ(food->national_establishments_excl_craft, 9239);

    EXPECT_EQ(FindSector("30")->short_en, "Aerospace, rail and shipbuilding");

    const Sector* retail = FindSector("47");
    ASSERT_NE(retail, nullptr);
    EXPECT_FALSE(retail->industrial);
    EXPECT_TRUE(retail->short_fr.empty());
    EXPECT_EQ(FindSector("34"), nullptr);  // no such NAF division
    EXPECT_EQ(FindSector("29.10Z"), nullptr);

    int industrial = 0;
    for (const Sector& s : Sectors()) {
        bool expected = s.division >= "05" && s.division <= "39";
        EXPECT_EQ(s.industrial, expected) << s.division;
        if (s.industrial) {
            ++industrial;
            EXPECT_FALSE(s.short_fr.empty()) << s.division;
            EXPECT_FALSE(s.short_en.empty()) << s.division;
            EXPECT_LE(s.national_establishments_excl_craft, s.national_establishments) << s.division;
        }
    }
    EXPECT_EQ(industrial, 34);
}

}  // namespace
}  // namespace juo::refdata

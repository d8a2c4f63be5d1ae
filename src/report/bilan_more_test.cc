// Tests of the figures added for the visual bilan (issue 7): attendance, media by month, areas,
// white zones, targets, scopes and the year-on-year comparison, on hand-made aggregates.
#include <gtest/gtest.h>

#include "report/bilan.h"
#include "report/test_data.h"
#include "report/white_zones.h"

namespace juo::report {
namespace {

const AudienceVisitorsFigures& Audience(const Bilan& b, const std::string& code) {
    for (const auto& a : b.visitors.by_audience)
        if (a.code == code) return a;
    throw std::runtime_error("no audience " + code);
}

TEST(BilanMoreTest, AttendanceIsAttendedOverBooked) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(Audience(b, "school").attendance_pct, 91);  // 10 936 / 12 000
    EXPECT_EQ(Audience(b, "public").attendance_pct, 87);  // 7 841 / 9 000
    EXPECT_EQ(Audience(b, "job_seekers").attendance_pct, 93);
    EXPECT_EQ(b.visitors.attendance_pct, 90);  // 20 634 / 23 000 = 89.7
    store::BilanData empty;
    EXPECT_FALSE(ComputeBilan(empty).visitors.attendance_pct.has_value());
}

TEST(BilanMoreTest, InternshipsFilledShare) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(b.internships.filled_pct, 60);  // 18 of 30 places
}

TEST(BilanMoreTest, MediaByMonthFollowsTheKindsOrder) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    ASSERT_EQ(b.media.by_month.size(), 2u);
    EXPECT_EQ(b.media.by_month[0].month, "2025-03");
    EXPECT_EQ(b.media.by_month[0].month_fr, "mars 2025");
    EXPECT_EQ(b.media.by_month[0].total, 40);
    ASSERT_EQ(b.media.by_kind[0].code, "print");
    EXPECT_EQ(b.media.by_month[1].by_kind[0], 64);
    EXPECT_EQ(b.media.by_month[1].total, 163);
    long long sum = 0;
    for (const auto& m : b.media.by_month) sum += m.total;
    EXPECT_EQ(sum, b.media.total);
}

TEST(BilanMoreTest, DepartmentsRollUpIntoRegions) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    ASSERT_EQ(b.departments.size(), 3u);
    EXPECT_EQ(b.departments[2].name, "Paris");
    ASSERT_EQ(b.regions.size(), 2u);
    EXPECT_EQ(b.regions[0].code, "11");  // Île-de-France: Paris
    EXPECT_EQ(b.regions[0].attended, 10634);
    EXPECT_EQ(b.regions[1].code, "84");  // Auvergne-Rhône-Alpes: Isère and Rhône
    EXPECT_EQ(b.regions[1].sites, 120);
    EXPECT_EQ(b.regions[1].requests, 300);
    EXPECT_EQ(b.regions[1].refused, 25);
}

TEST(BilanMoreTest, WhiteZonesAreFarOrRefusedRequests) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    const auto& z = b.white_zones;
    EXPECT_EQ(z.radius_km, 30);
    EXPECT_EQ(z.far_requests, 1);
    EXPECT_EQ(z.refused, 2);
    ASSERT_EQ(z.departments.size(), 2u);  // Paris is served
    EXPECT_EQ(z.departments[0].code, "13");
    EXPECT_EQ(z.departments[0].name, "Bouches-du-Rhône");
    EXPECT_EQ(z.departments[0].far_requests, 1);
    EXPECT_EQ(z.departments[0].refused, 1);
    EXPECT_EQ(z.departments[0].pupils, 50);
    EXPECT_EQ(z.departments[1].code, "69");
}

TEST(BilanMoreTest, WhiteZoneRadiusMatters) {
    auto data = testing::Seed2025();
    BilanOptions wide;
    wide.white_zone_radius_km = 400;  // Marseille–Lyon is about 280 km
    const Bilan b = ComputeBilan(data, nullptr, wide);
    EXPECT_EQ(b.white_zones.far_requests, 0);
    BilanOptions narrow;
    narrow.white_zone_radius_km = 2;  // the Paris request is 6 km away
    EXPECT_EQ(ComputeBilan(data, nullptr, narrow).white_zones.far_requests, 2);
    EXPECT_TRUE(ComputeWhiteZones({}, {}, 30).departments.empty());
}

TEST(BilanMoreTest, TargetsAgainstActual) {
    auto data = testing::Seed2025();
    data.edition.target_sites = 300;
    const Bilan b = ComputeBilan(data);
    ASSERT_EQ(b.targets.size(), 2u);
    EXPECT_EQ(b.targets[0].key, "sites");
    EXPECT_EQ(b.targets[0].pct_of_target, 76);  // 227 / 300
    EXPECT_FALSE(b.targets[0].met);
    EXPECT_EQ(b.targets[1].key, "visitors");
    EXPECT_EQ(b.targets[1].pct_of_target, 103);
    EXPECT_TRUE(b.targets[1].met);
}

TEST(BilanMoreTest, ScopedBilansHaveNoNationalTargets) {
    auto data = testing::Seed2025();
    data.edition.target_sites = 300;
    data.scope = *MakeScope("84", {}, "");
    const Bilan regional = ComputeBilan(data);
    EXPECT_TRUE(regional.targets.empty());
    EXPECT_FALSE(regional.sites.target.has_value());
    EXPECT_FALSE(regional.visitors.target_met.has_value());
    data.scope = *MakeScope("", {}, "school");
    EXPECT_TRUE(ComputeBilan(data).targets.empty());
}

TEST(BilanMoreTest, ChangeFrRoundsAndSigns) {
    EXPECT_EQ(ChangeFr(30, 20), "+50 %");
    EXPECT_EQ(ChangeFr(18, 20), "-10 %");
    EXPECT_EQ(ChangeFr(20, 20), "=");
    EXPECT_EQ(ChangeFr(2001, 2000), "=");
    EXPECT_EQ(ChangeFr(5, 0), "nouveau");
    EXPECT_EQ(ChangeFr(0, 0), "=");
    EXPECT_EQ(ChangeFr(454, 227), "+100 %");
}

TEST(BilanMoreTest, PreviousEditionGivesTheChanges) {
    auto before = testing::Seed2025();
    auto now = testing::Seed2025();
    now.edition.year = 2026;
    now.sites_open = 454;
    now.buses = 60;
    const Bilan b = ComputeBilan(now, &before);
    ASSERT_TRUE(b.previous.has_value());
    EXPECT_EQ(b.previous->year, 2025);
    auto find = [&](const std::string& key) -> const ChangeFigure& {
        for (const auto& c : b.previous->changes)
            if (c.key == key) return c;
        throw std::runtime_error("no change " + key);
    };
    EXPECT_EQ(find("sites").change_fr, "+100 %");
    EXPECT_EQ(find("sites").previous, 227);
    EXPECT_EQ(find("buses").change_fr, "-20 %");
    EXPECT_DOUBLE_EQ(*find("buses").change_pct, -20.0);
    EXPECT_EQ(find("visitors").change_fr, "=");
    EXPECT_EQ(find("visitors.school").current, 10936);
    EXPECT_FALSE(ComputeBilan(now).previous.has_value());
}

TEST(BilanMoreTest, ScopeOfARegionIsItsDepartments) {
    auto scope = MakeScope("84", {}, "");
    ASSERT_TRUE(scope.ok());
    EXPECT_EQ(scope->region_code, "84");
    EXPECT_EQ(scope->department_codes.size(), 12u);  // Auvergne-Rhône-Alpes
    EXPECT_NE(std::find(scope->department_codes.begin(), scope->department_codes.end(), "69"),
              scope->department_codes.end());
    auto narrowed = MakeScope("84", {"69", "38"}, "school");
    ASSERT_TRUE(narrowed.ok());
    EXPECT_EQ(narrowed->department_codes, (std::vector<std::string>{"38", "69"}));
    EXPECT_EQ(narrowed->audience, "school");
    EXPECT_FALSE(MakeScope("84", {"75"}, "").ok());
    EXPECT_FALSE(MakeScope("99", {}, "").ok());
    EXPECT_FALSE(MakeScope("", {"7'5"}, "").ok());
    EXPECT_FALSE(MakeScope("", {}, "aliens").ok());
    auto national = MakeScope("", {}, "");
    ASSERT_TRUE(national.ok());
    EXPECT_TRUE(national->national());
}

TEST(BilanMoreTest, ScopeLabels) {
    auto data = testing::Seed2025();
    EXPECT_EQ(ComputeBilan(data).scope.label_fr, "France entière");
    data.scope = *MakeScope("84", {}, "public");
    const Bilan b = ComputeBilan(data);
    EXPECT_FALSE(b.scope.national);
    EXPECT_EQ(b.scope.label_fr, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(b.scope.audience_label_fr, "Grand public");
    data.scope = *MakeScope("", {"69", "38"}, "");
    EXPECT_EQ(ComputeBilan(data).scope.label_fr, "Isère, Rhône");
}

}  // namespace
}  // namespace juo::report

// Tests of the bilan figures computed from hand-made aggregates with known answers.
#include "report/bilan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "report/test_data.h"

namespace juo::report {
namespace {

const UnderRepresentedSector* FindUnder(const Bilan& b, const std::string& division) {
    for (const auto& u : b.sectors.under_represented)
        if (u.division == division) return &u;
    return nullptr;
}

TEST(HeadlineTest, SitesAndBusesAreExactWithAPlusSign) {
    EXPECT_EQ(HeadlineExact(227), "+227");
    EXPECT_EQ(HeadlineExact(75), "+75");
    EXPECT_EQ(HeadlineExact(1234), "+1 234");
    EXPECT_EQ(HeadlineExact(1), "+1");
    EXPECT_EQ(HeadlineExact(0), "0");
}

TEST(HeadlineTest, VisitorsAreRoundedDown) {
    EXPECT_EQ(HeadlineVisitors(20634), "+20 000");
    EXPECT_EQ(HeadlineVisitors(20999), "+20 000");
    EXPECT_EQ(HeadlineVisitors(1000), "+1 000");
    EXPECT_EQ(HeadlineVisitors(99999), "+99 000");
    // Below a thousand the exact number: "+0 000" would say nothing.
    EXPECT_EQ(HeadlineVisitors(999), "+999");
    EXPECT_EQ(HeadlineVisitors(58), "+58");
    EXPECT_EQ(HeadlineVisitors(0), "0");
    // From 100 000, two significant digits.
    EXPECT_EQ(HeadlineVisitors(100000), "+100 000");
    EXPECT_EQ(HeadlineVisitors(154321), "+150 000");
    EXPECT_EQ(HeadlineVisitors(1534000), "+1 500 000");
    EXPECT_EQ(HeadlineVisitors(12000000), "+12 000 000");
}

TEST(HeadlineTest, MediaAreRoundedDownToTheFiftyAndTheTen) {
    EXPECT_EQ(HeadlineMediaTotal(212), "+200");
    EXPECT_EQ(HeadlineMediaTotal(362), "+350");
    EXPECT_EQ(HeadlineMediaTotal(350), "+350");
    EXPECT_EQ(HeadlineMediaTotal(1260), "+1 250");
    EXPECT_EQ(HeadlineMediaTotal(49), "+49");
    EXPECT_EQ(HeadlineMediaKind(104), "+100");
    EXPECT_EQ(HeadlineMediaKind(76), "+70");
    EXPECT_EQ(HeadlineMediaKind(23), "+20");
    EXPECT_EQ(HeadlineMediaKind(7), "+7");
    EXPECT_EQ(HeadlineMediaKind(0), "0");
}

TEST(HeadlineTest, InWordsARoundedFigureIsMoreThanAndAnExactOneHasNoSign) {
    EXPECT_EQ(HeadlineWordsFr(HeadlineMediaTotal(212), 212), "plus de 200");
    EXPECT_EQ(HeadlineWordsFr(HeadlineVisitors(20634), 20634), "plus de 20 000");
    EXPECT_EQ(HeadlineWordsFr(HeadlineExact(227), 227), "227");
    EXPECT_EQ(HeadlineWordsFr(HeadlineExact(1234), 1234), "1 234");
    EXPECT_EQ(HeadlineWordsFr(HeadlineMediaTotal(200), 200), "200");
    EXPECT_EQ(HeadlineWordsFr(HeadlineExact(0), 0), "0");
}

TEST(HeadlineTest, PercentagesHaveASpaceBeforeTheSign) {
    EXPECT_EQ(PercentFr(53), "53 %");
    EXPECT_EQ(PercentFr(100), "100 %");
    EXPECT_EQ(PercentFr(2.3059, 1), "2,3 %");
    EXPECT_EQ(PercentFr(0.0, 1), "0,0 %");
    EXPECT_EQ(FormatDecimal(2.30588), "2.31");
    EXPECT_EQ(FormatDecimal(0.5), "0.5");
    EXPECT_EQ(FormatDecimal(12.0), "12");
    EXPECT_EQ(FormatDecimal(-0.001), "0");
}

TEST(PercentTest, RoundedPercentNeverDividesByZero) {
    EXPECT_EQ(RoundedPercent(19, 20), 95);
    EXPECT_EQ(RoundedPercent(2, 3), 67);
    EXPECT_EQ(RoundedPercent(1, 8), 13);  // 12.5 rounds up
    EXPECT_EQ(RoundedPercent(0, 5), 0);
    EXPECT_FALSE(RoundedPercent(0, 0).has_value());
}

TEST(PercentTest, LargestRemainderSharesSumToHundred) {
    EXPECT_EQ(LargestRemainderPercents({1, 1, 1}), (std::vector<int>{34, 33, 33}));
    EXPECT_EQ(LargestRemainderPercents({2, 1}), (std::vector<int>{67, 33}));
    EXPECT_EQ(LargestRemainderPercents({10936, 7841, 1857}), (std::vector<int>{53, 38, 9}));
    EXPECT_EQ(LargestRemainderPercents({1, 0, 0}), (std::vector<int>{100, 0, 0}));
    EXPECT_EQ(LargestRemainderPercents({0, 0, 0}), (std::vector<int>{0, 0, 0}));
    EXPECT_TRUE(LargestRemainderPercents({}).empty());
    for (const auto& values : std::vector<std::vector<long long>>{
             {1, 1, 1, 1, 1, 1, 1}, {44, 6, 8}, {999, 1, 1}, {3, 3, 3, 1}, {123456, 654321, 111111}}) {
        auto shares = LargestRemainderPercents(values);
        EXPECT_EQ(std::accumulate(shares.begin(), shares.end(), 0), 100);
    }
}

TEST(DateTest, WeekdaysAndDays) {
    EXPECT_EQ(WeekdayFr("2025-04-04"), "vendredi");
    EXPECT_EQ(WeekdayFr("2025-04-05"), "samedi");
    EXPECT_EQ(WeekdayFr("2000-02-29"), "mardi");
    EXPECT_EQ(WeekdayFr("2024-12-29"), "dimanche");
    EXPECT_EQ(WeekdayFr("not a date"), "");
    EXPECT_EQ(DayFr("2025-05-01"), "jeudi 1er mai");
    EXPECT_EQ(DayFr("2025-08-15"), "vendredi 15 août");
    EXPECT_EQ(DayFr("bad"), "bad");
}

TEST(DateTest, PhraseSaysMonthAndYearOnce) {
    EXPECT_EQ(DatePhraseFr({"2025-04-05", "2025-04-04"}), "vendredi 4 et samedi 5 avril 2025");
    EXPECT_EQ(DatePhraseFr({"2027-04-30", "2027-05-01"}), "vendredi 30 avril et samedi 1er mai 2027");
    EXPECT_EQ(DatePhraseFr({"2025-12-31", "2026-01-01"}),
              "mercredi 31 décembre 2025 et jeudi 1er janvier 2026");
    EXPECT_EQ(DatePhraseFr({"2025-04-04", "2025-04-05", "2025-04-06"}),
              "vendredi 4, samedi 5 et dimanche 6 avril 2025");
    EXPECT_EQ(DatePhraseFr({"2025-04-05"}), "samedi 5 avril 2025");
    EXPECT_EQ(DatePhraseFr({}), "");
}

TEST(EditionTest, OrdinalFromNameOrYear) {
    EXPECT_EQ(EditionOrdinal("1re édition", 2025), 1);
    EXPECT_EQ(EditionOrdinal("2ème édition", 2026), 2);
    EXPECT_EQ(EditionOrdinal("  12e édition", 2036), 12);
    EXPECT_EQ(EditionOrdinal("Édition de printemps", 2027), 3);
    EXPECT_EQ(EditionOrdinal("2026", 2026), 2);  // a year is not an ordinal
    EXPECT_EQ(EditionOrdinal("", 2025), 1);
    EXPECT_EQ(OrdinalFr(1), "1re");
    EXPECT_EQ(OrdinalFr(2), "2e");
    EXPECT_EQ(OrdinalFr(21), "21e");
}

TEST(BilanTest, EditionSitesAndEvents) {
    auto data = testing::Seed2025();
    data.edition.target_sites = 200;
    const Bilan b = ComputeBilan(data);
    EXPECT_EQ(b.edition.year, 2025);
    EXPECT_EQ(b.edition.ordinal_fr, "1re");
    EXPECT_EQ(b.edition.dates, (std::vector<std::string>{"2025-04-04", "2025-04-05"}));
    EXPECT_EQ(b.edition.date_phrase_fr, "Vendredi 4 et samedi 5 avril 2025");

    EXPECT_EQ(b.sites.open, 227);
    EXPECT_EQ(b.sites.target, 200);
    EXPECT_EQ(b.sites.target_met, true);
    ASSERT_EQ(b.sites.by_region.size(), 2u);
    EXPECT_EQ(b.sites.by_region[0].code, "84");
    EXPECT_EQ(b.sites.by_region[0].name, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(b.sites.by_region[1].name, "Île-de-France");
    ASSERT_EQ(b.sites.by_department.size(), 3u);
    EXPECT_EQ(b.sites.by_department[0].code, "75");  // re-sorted by sites
    EXPECT_EQ(b.sites.by_department[0].name, "Paris");
    EXPECT_EQ(b.sites.by_department[1].name, "Rhône");
    EXPECT_EQ(b.sites.by_department[2].sites, 50);

    EXPECT_EQ(b.events.total, 290);
    ASSERT_EQ(b.events.days.size(), 2u);
    EXPECT_EQ(b.events.days[0].weekday_fr, "vendredi");
    EXPECT_EQ(b.events.days[0].day_fr, "vendredi 4 avril");
    EXPECT_EQ(b.events.days[0].events, 214);
    EXPECT_EQ(b.events.days[0].sessions, 400);
    ASSERT_EQ(b.events.days[0].audiences.size(), 2u);
    EXPECT_EQ(b.events.days[0].audiences[0].label_fr, "Scolaires");
    EXPECT_EQ(b.events.days[0].audiences[1].label_fr, "France Travail");
    EXPECT_EQ(b.events.days[1].weekday_fr, "samedi");
    EXPECT_EQ(b.events.days[1].events, 76);
    EXPECT_EQ(b.events.days[1].audiences[0].label_fr, "Grand public");

    data.edition.target_sites = 300;
    EXPECT_EQ(ComputeBilan(data).sites.target_met, false);
    data.edition.target_sites.reset();
    EXPECT_FALSE(ComputeBilan(data).sites.target_met.has_value());
}

TEST(BilanTest, SectorsRepresentedTopAndShares) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(b.sectors.represented, 20);
    EXPECT_EQ(b.sectors.industrial_sites, 227);
    ASSERT_EQ(b.sectors.top.size(), 3u);
    EXPECT_EQ(b.sectors.top[0].division, "30");
    EXPECT_EQ(b.sectors.top[0].short_fr, "Aéronautique, ferroviaire et naval");
    EXPECT_EQ(b.sectors.top[1].short_fr, "Automobile");
    EXPECT_EQ(b.sectors.top[2].division, "25");
    EXPECT_NEAR(b.sectors.top[0].share_of_sites_pct, 100.0 * 30 / 227, 1e-9);
    // The national shares come from refdata, divisions 05-39 excluding craft food shops.
    const auto& automotive = b.sectors.top[1];
    ASSERT_TRUE(automotive.national_establishments_share_pct.has_value());
    EXPECT_GT(*automotive.national_establishments_share_pct, 1.0);
    EXPECT_LT(*automotive.national_establishments_share_pct, 3.0);
    EXPECT_FALSE(automotive.national_jobs_share_pct.has_value());
    EXPECT_EQ(b.sectors.jobs_known_divisions, (std::vector<std::string>{"21"}));
    const auto pharma = std::find_if(b.sectors.sectors.begin(), b.sectors.sectors.end(),
                                     [](const SectorFigures& s) { return s.division == "21"; });
    ASSERT_NE(pharma, b.sectors.sectors.end());
    ASSERT_TRUE(pharma->national_jobs_share_pct.has_value());
    EXPECT_NEAR(*pharma->national_jobs_share_pct, 100.0 * 78400 / kNationalIndustryJobs, 1e-9);
    EXPECT_EQ(b.sectors.sectors.back().division, "21");  // fewest sites last
}

TEST(BilanTest, PharmaceuticalsUnderRepresentedWithFewSites) {
    const Bilan b = ComputeBilan(testing::Seed2025());  // 1 site of 227
    const auto* pharma = FindUnder(b, "21");
    ASSERT_NE(pharma, nullptr);
    EXPECT_EQ(pharma->short_fr, "Pharmacie");
    EXPECT_EQ(pharma->sites, 1);
    EXPECT_EQ(pharma->measure, ShareMeasure::kJobs);  // jobs weigh more than establishments
    EXPECT_NEAR(pharma->national_share_pct, 100.0 * 78400 / kNationalIndustryJobs, 1e-9);
    EXPECT_LT(pharma->national_establishments_share_pct, 1.0);
    EXPECT_NEAR(pharma->gap_points, pharma->national_share_pct - 100.0 / 227, 1e-9);
    // Ordered by gap; metal products (25) is well represented, tobacco (12) too small to count.
    for (size_t i = 1; i < b.sectors.under_represented.size(); ++i)
        EXPECT_GE(b.sectors.under_represented[i - 1].gap_points, b.sectors.under_represented[i].gap_points);
    EXPECT_EQ(FindUnder(b, "25"), nullptr);
    EXPECT_EQ(FindUnder(b, "12"), nullptr);
    EXPECT_EQ(FindUnder(b, "30"), nullptr);
    ASSERT_NE(FindUnder(b, "33"), nullptr);  // 12 sites (5.3 %) for 13.6 % of establishments
    EXPECT_EQ(FindUnder(b, "33")->measure, ShareMeasure::kEstablishments);
    ASSERT_NE(FindUnder(b, "38"), nullptr);  // no site, 4.9 % of establishments
    EXPECT_EQ(FindUnder(b, "38")->sites, 0);
}

TEST(BilanTest, PharmaceuticalsUnderRepresentedWithNoSiteAndNotWhenStrong) {
    auto data = testing::Seed2025();
    data.sites_by_division.pop_back();  // drop division 21
    const Bilan without = ComputeBilan(data);
    const auto* none = FindUnder(without, "21");
    ASSERT_NE(none, nullptr);
    EXPECT_EQ(none->sites, 0);
    EXPECT_EQ(without.sectors.represented, 19);

    data.sites_by_division.push_back({"21", 20});  // 20 of 246: well above half of 2.3 %
    EXPECT_EQ(FindUnder(ComputeBilan(data), "21"), nullptr);
}

TEST(BilanTest, NonIndustrialSitesCountAsSectorsButNotInTheComparison) {
    store::BilanData data;
    data.sites_by_division = {{"29", 3}, {"46", 1}};
    const Bilan b = ComputeBilan(data);
    EXPECT_EQ(b.sectors.represented, 2);
    EXPECT_EQ(b.sectors.industrial_sites, 3);
    const auto& wholesale = b.sectors.sectors[1];
    EXPECT_EQ(wholesale.division, "46");
    EXPECT_FALSE(wholesale.industrial);
    EXPECT_FALSE(wholesale.national_establishments_share_pct.has_value());
    EXPECT_FALSE(wholesale.short_fr.empty());
    EXPECT_NEAR(wholesale.share_of_sites_pct, 25.0, 1e-9);
    EXPECT_EQ(FindUnder(b, "46"), nullptr);
    EXPECT_EQ(FindUnder(b, "29"), nullptr);  // 100 % of the industrial sites
    EXPECT_NE(FindUnder(b, "21"), nullptr);
}

TEST(BilanTest, VisitorsByAudience) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    const auto& v = b.visitors;
    EXPECT_EQ(v.attended, 20634);
    EXPECT_EQ(v.booked_people, 23000);
    EXPECT_EQ(v.bookings, 3570);
    EXPECT_EQ(v.checked_in_bookings, 3040);
    ASSERT_EQ(v.by_audience.size(), 3u);
    EXPECT_EQ(v.by_audience[0].code, "school");  // fixed order, whatever the data's
    EXPECT_EQ(v.by_audience[0].label_fr, "Scolaires");
    EXPECT_EQ(v.by_audience[0].share_pct, 53);
    EXPECT_EQ(v.by_audience[0].attended, 10936);
    EXPECT_EQ(v.by_audience[0].booked_people, 12000);
    EXPECT_EQ(v.by_audience[0].bookings, 450);
    EXPECT_EQ(v.by_audience[0].checked_in_bookings, 430);
    EXPECT_EQ(v.by_audience[1].label_fr, "Grand public");
    EXPECT_EQ(v.by_audience[1].share_pct, 38);
    EXPECT_EQ(v.by_audience[2].label_fr, "France Travail");
    EXPECT_EQ(v.by_audience[2].share_pct, 9);
    EXPECT_EQ(v.target, 20000);
    EXPECT_EQ(v.target_met, true);
    EXPECT_EQ(b.headlines.visitors, "+20 000");
}

TEST(BilanTest, EqualAudiencesShareAHundredAndMissingOnesAreZero) {
    store::BilanData data;
    data.visitors = {{"school", 1, 1, 1, 1}, {"public", 1, 1, 1, 1}, {"job_seekers", 1, 1, 1, 1}};
    auto b = ComputeBilan(data);
    EXPECT_EQ(b.visitors.by_audience[0].share_pct, 34);
    EXPECT_EQ(b.visitors.by_audience[1].share_pct, 33);
    EXPECT_EQ(b.visitors.by_audience[2].share_pct, 33);
    EXPECT_FALSE(b.visitors.target_met.has_value());

    data.visitors = {{"public", 2, 5, 1, 4}};
    data.edition.target_visitors = 10;
    b = ComputeBilan(data);
    ASSERT_EQ(b.visitors.by_audience.size(), 3u);
    EXPECT_EQ(b.visitors.by_audience[0].attended, 0);
    EXPECT_EQ(b.visitors.by_audience[0].share_pct, 0);
    EXPECT_EQ(b.visitors.by_audience[1].share_pct, 100);
    EXPECT_EQ(b.visitors.target_met, false);
}

TEST(BilanTest, HostSurveyRatesAreAbsentWithoutAnswers) {
    auto b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(b.host_survey.satisfied.pct, 95);
    EXPECT_EQ(b.host_survey.satisfied.answers, 120);
    EXPECT_EQ(b.host_survey.open_again.pct, 90);
    EXPECT_EQ(b.host_survey.open_again.yes, 108);

    store::BilanData empty;
    b = ComputeBilan(empty);
    EXPECT_FALSE(b.host_survey.satisfied.pct.has_value());
    EXPECT_FALSE(b.host_survey.open_again.pct.has_value());
    EXPECT_EQ(b.host_survey.satisfied.answers, 0);
}

TEST(BilanTest, MostRequestedSitesByRequestsPerPlace) {
    store::BilanData data;
    data.group_requests = 70;
    data.group_requests_accepted = 30;
    data.group_requests_refused = 25;
    data.group_requests_bus_needed = 12;
    auto site = [](long long id, const char* name, long long requests, long long capacity,
                   long long accepted) {
        return store::SiteDemand{.site_id = id,
                                 .name = name,
                                 .commune = "Lyon",
                                 .department_code = "69",
                                 .requests = requests,
                                 .accepted_groups = accepted,
                                 .group_capacity = capacity};
    };
    data.demand = {site(1, "A", 20, 10, 10),  // 2.0
                   site(2, "B", 6, 3, 3),     // 2.0, fewer requests than A
                   site(3, "C", 30, 10, 8),   // 3.0
                   site(4, "D", 5, 0, 0),     // no group capacity: not ranked
                   site(5, "E", 0, 5, 0),     // no request: not ranked
                   site(6, "F", 1, 4, 1)};    // 0.25
    auto b = ComputeBilan(data);
    const auto& g = b.group_requests;
    EXPECT_EQ(g.total, 70);
    EXPECT_EQ(g.accepted, 30);
    EXPECT_EQ(g.refused, 25);
    EXPECT_EQ(g.bus_needed, 12);
    EXPECT_EQ(g.oversubscribed_sites, 4);  // A, B, C and D
    ASSERT_EQ(g.most_requested.size(), 4u);
    EXPECT_EQ(g.most_requested[0].name, "C");
    EXPECT_EQ(g.most_requested[1].name, "A");
    EXPECT_EQ(g.most_requested[2].name, "B");
    EXPECT_EQ(g.most_requested[3].name, "F");
    EXPECT_DOUBLE_EQ(g.most_requested[0].requests_per_group_place, 3.0);
    ASSERT_TRUE(g.most_oversubscribed.has_value());
    EXPECT_EQ(g.most_oversubscribed->site_id, 3);
    EXPECT_EQ(g.most_oversubscribed_fr, "C : 8 classes pour 30 demandes");

    // At most ten, and no "most oversubscribed" line when demand fits.
    data.demand.clear();
    for (int i = 0; i < 12; ++i) data.demand.push_back(site(i, "S", 1 + i % 3, 5, 1));
    b = ComputeBilan(data);
    EXPECT_EQ(b.group_requests.most_requested.size(), 10u);
    EXPECT_EQ(b.group_requests.most_requested[0].requests, 3);
    EXPECT_FALSE(b.group_requests.most_oversubscribed.has_value());
    EXPECT_TRUE(b.group_requests.most_oversubscribed_fr.empty());
}

TEST(BilanTest, SeedLineForTheMostOversubscribedFactory) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(b.group_requests.most_oversubscribed_fr, "Mécachimique : 10 classes pour 20 demandes");
}

TEST(BilanTest, BusesMediaKitInternshipsQuotes) {
    const Bilan b = ComputeBilan(testing::Seed2025());
    EXPECT_EQ(b.buses.buses, 75);
    EXPECT_EQ(b.buses.seats, 4125);
    EXPECT_EQ(b.buses.cost_cents, 4512345);
    EXPECT_DOUBLE_EQ(b.buses.km, 6010.4);
    EXPECT_EQ(b.buses.groups, 140);
    EXPECT_EQ(b.buses.people, 3500);
    EXPECT_EQ(b.buses.booked_group_people, 14000);  // school 12 000 + France Travail 2 000
    EXPECT_EQ(b.buses.share_of_booked_group_people_pct, 25);
    EXPECT_EQ(b.headlines.sites, "+227");
    EXPECT_EQ(b.headlines.buses, "+75");

    EXPECT_EQ(b.media.total, 203);
    ASSERT_EQ(b.media.by_kind.size(), 3u);
    EXPECT_EQ(b.media.by_kind[0].code, "print");
    EXPECT_EQ(b.media.by_kind[0].count, 104);
    EXPECT_EQ(b.media.by_kind[1].count, 76);
    EXPECT_EQ(b.media.by_kind[2].label_fr, "broadcasts (TV/radio/podcast)");
    EXPECT_EQ(b.media.by_kind[2].count, 23);
    EXPECT_EQ(b.media.social_mentions, 362);
    EXPECT_EQ(b.headlines.media, "+200");
    EXPECT_EQ(b.headlines.social_mentions, "+350");
    EXPECT_EQ(b.headlines.media_by_kind, (std::vector<std::string>{"+100", "+70", "+20"}));

    EXPECT_EQ(b.teaching_kit.documents, 1);
    EXPECT_EQ(b.teaching_kit.pages, 16);
    EXPECT_EQ(b.internships.offers, 12);
    EXPECT_EQ(b.internships.places, 30);
    EXPECT_EQ(b.internships.filled, 18);
    ASSERT_EQ(b.quotes.size(), 2u);
    EXPECT_EQ(b.quotes[0].text, "J'ai appris des choses");
    EXPECT_EQ(b.quotes[0].author, "élève de 3e");
}

TEST(BilanTest, EmptyDataGivesZerosNotErrors) {
    const Bilan b = ComputeBilan(store::BilanData{});
    EXPECT_EQ(b.sites.open, 0);
    EXPECT_EQ(b.sectors.represented, 0);
    EXPECT_TRUE(b.sectors.top.empty());
    EXPECT_TRUE(b.sectors.under_represented.empty());
    EXPECT_EQ(b.visitors.attended, 0);
    EXPECT_EQ(b.visitors.by_audience.size(), 3u);
    EXPECT_FALSE(b.buses.share_of_booked_group_people_pct.has_value());
    EXPECT_EQ(b.media.total, 0);
    EXPECT_EQ(b.headlines.visitors, "0");
    EXPECT_TRUE(b.edition.date_phrase_fr.empty());
}

}  // namespace
}  // namespace juo::report

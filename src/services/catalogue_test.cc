// Tests of the catalogue search on a small hand-made snapshot (known answers) and on the
// seeded replica in a real SQLite file (refresh on change).
#include "services/catalogue.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "seed/replica.h"
#include "store/reads/catalogue_queries.h"

namespace juo::services {
namespace {

using domain::Audience;

domain::Site MakeSite(long long id, std::string name, std::string division, LatLon p, bool wheelchair) {
    domain::Site s;
    s.id = id;
    s.name = std::move(name);
    s.naf_division = std::move(division);
    s.naf_code = s.naf_division + ".10Z";
    s.position = p;
    s.wheelchair_access = wheelchair;
    return s;
}

domain::Session MakeSession(long long id, long long site, std::string day, Audience a, int capacity,
                            int taken, int groups = 0, int groups_taken = 0) {
    domain::Session s;
    s.id = id;
    s.site_id = site;
    s.day_date = std::move(day);
    s.starts_at = "09:00";
    s.ends_at = "11:00";
    s.audiences = {a};
    s.capacity_people = capacity;
    s.places_taken = taken;
    s.capacity_groups = groups;
    s.groups_taken = groups_taken;
    return s;
}

// Lyon (45.764, 4.836); Villeurbanne ~5 km; Vienne ~27 km; Saint-Étienne ~50 km; Paris ~390 km.
CatalogueIndex MakeIndex() {
    store::CatalogueSnapshot snap;
    snap.edition.year = 2025;
    snap.edition.days = {{1, "2025-04-04", {Audience::kSchool}}, {2, "2025-04-05", {Audience::kPublic}}};
    snap.sites = {MakeSite(1, "Usine de Villeurbanne", "29", {45.771, 4.880}, true),
                  MakeSite(2, "Atelier de Vienne", "30", {45.525, 4.874}, false),
                  MakeSite(3, "Forge de Saint-Étienne", "25", {45.434, 4.390}, true),
                  MakeSite(4, "Aéro de Paris", "30", {48.857, 2.352}, true)};
    snap.sessions = {MakeSession(10, 1, "2025-04-04", Audience::kSchool, 60, 60, 2, 2),
                     MakeSession(11, 1, "2025-04-05", Audience::kPublic, 40, 10),
                     MakeSession(20, 2, "2025-04-05", Audience::kPublic, 30, 30),
                     MakeSession(30, 3, "2025-04-04", Audience::kSchool, 60, 0, 2, 0),
                     MakeSession(40, 4, "2025-04-05", Audience::kPublic, 100, 0)};
    return CatalogueIndex(std::move(snap));
}

std::vector<long long> Ids(const SearchResult& r) {
    std::vector<long long> ids;
    for (const auto& h : r.hits) ids.push_back(h.site->id);
    return ids;
}

TEST(CatalogueIndex, AllSitesByNameWithoutFilters) {
    auto index = MakeIndex();
    auto r = index.Search({});
    EXPECT_EQ(r.total, 4);
    EXPECT_EQ(Ids(r), (std::vector<long long>{4, 2, 3, 1}));  // Aéro, Atelier, Forge, Usine (accents folded)
}

TEST(CatalogueIndex, AroundATownNearestFirstWithinRadius) {
    auto index = MakeIndex();
    SearchQuery q;
    q.around = LatLon{45.764, 4.836};
    q.radius_km = 30;
    auto r = index.Search(q);
    EXPECT_EQ(Ids(r), (std::vector<long long>{1, 2}));
    EXPECT_NEAR(*r.hits[0].distance_km, 3.5, 1.0);
    EXPECT_NEAR(*r.hits[1].distance_km, 27, 2.0);
    q.radius_km = 60;
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{1, 2, 3}));
}

TEST(CatalogueIndex, DayAudienceSectorAccessibilityAndPlaces) {
    auto index = MakeIndex();
    SearchQuery q;
    q.day = "2025-04-05";
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{4, 2, 1}));
    q.places_left_only = true;
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{4, 1}));  // Vienne is full
    q = {};
    q.audience = Audience::kSchool;
    q.places_left_only = true;
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{3}));  // Villeurbanne's Friday is full
    q = {};
    q.sector = "30";
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{4, 2}));
    q.accessibility = domain::AccessBit(domain::AccessKind::kMotor);
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{4}));
    q = {};
    q.sector = "99";
    EXPECT_EQ(index.Search(q).total, 0);
}

// The five kinds of the nomenclature: a site passes when it welcomes every kind asked for, with or
// without a position.
TEST(CatalogueIndex, FiltersOnEveryAccessibilityKindAsked) {
    auto sites_of = [](std::vector<domain::Site> sites) {
        domain::SetAccess(sites[1], domain::AccessKind::kVisual, true);  // Vienne: visual only
        domain::SetAccess(sites[2], domain::AccessKind::kVisual, true);  // Saint-Étienne: motor, visual, psychic
        domain::SetAccess(sites[2], domain::AccessKind::kPsychic, true);
        domain::SetAccess(sites[3], domain::AccessKind::kHearing, true);  // Paris: motor, hearing
        return sites;
    };
    auto base = MakeIndex();
    store::CatalogueSnapshot snap;
    snap.edition = base.edition();
    snap.sites = sites_of(base.sites());
    for (const auto& site : base.sites())
        for (const auto& s : base.SessionsOf(site.id)) snap.sessions.push_back(s);
    CatalogueIndex index(std::move(snap));
    using domain::AccessBit;
    using domain::AccessKind;
    SearchQuery q;
    q.accessibility = AccessBit(AccessKind::kVisual);
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{2, 3}));  // by name: Atelier, Forge
    q.accessibility |= AccessBit(AccessKind::kMotor);
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{3}));
    q.accessibility = AccessBit(AccessKind::kHearing);
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{4}));
    q.accessibility = AccessBit(AccessKind::kMental);
    EXPECT_EQ(index.Search(q).total, 0);
    // Around Lyon, through the R-tree.
    q.accessibility = AccessBit(AccessKind::kVisual) | AccessBit(AccessKind::kPsychic);
    q.around = LatLon{45.76, 4.84};
    q.radius_km = 100;
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{3}));
    q.accessibility = AccessBit(AccessKind::kVisual);
    EXPECT_EQ(Ids(index.Search(q)), (std::vector<long long>{2, 3}));  // nearest first
}

TEST(CatalogueIndex, PaginatesAndCountsPlaces) {
    auto index = MakeIndex();
    SearchQuery q;
    q.per_page = 3;
    auto p1 = index.Search(q);
    EXPECT_EQ(p1.total, 4);
    EXPECT_EQ(p1.hits.size(), 3u);
    q.page = 2;
    auto p2 = index.Search(q);
    ASSERT_EQ(p2.hits.size(), 1u);
    EXPECT_EQ(p2.hits[0].site->id, 1);
    EXPECT_EQ(p2.hits[0].places_left, 30);  // Saturday 30 left, Friday full
    q.page = 9;
    EXPECT_TRUE(index.Search(q).hits.empty());
    EXPECT_EQ(index.Search(q).total, 4);
}

TEST(CatalogueIndex, LookupsAndDayCounts) {
    auto index = MakeIndex();
    ASSERT_NE(index.FindSite(3), nullptr);
    EXPECT_EQ(index.FindSite(3)->name, "Forge de Saint-Étienne");
    EXPECT_EQ(index.FindSite(99), nullptr);
    EXPECT_EQ(index.SessionsOf(1).size(), 2u);
    EXPECT_TRUE(index.SessionsOf(99).empty());
    ASSERT_EQ(index.day_counts().size(), 2u);
    EXPECT_EQ(index.day_counts()[0].sites, 2);
    EXPECT_EQ(index.day_counts()[1].sites, 3);
    EXPECT_EQ(index.day_counts()[1].places_left, 130);
    EXPECT_EQ(index.sites_by_division().at("30"), 2);
}

TEST(Catalogue, LoadsTheReplicaAndRefreshesOnChange) {
    namespace fs = std::filesystem;
    auto path = fs::temp_directory_path() / ("juo_catalogue_test_" + std::to_string(::getpid()) + ".db");
    fs::remove(path);
    auto db = store::Database::Open(path.string(), store::OpenMode::kCreateIfMissing);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(Catalogue::Load(**db).error().code, ErrorCode::kNotFound);  // no edition yet
    auto replica = seed::GenerateReplica({});
    ASSERT_TRUE(seed::WriteReplica(**db, *replica, {}).ok());
    auto catalogue = Catalogue::Load(**db);
    ASSERT_TRUE(catalogue.ok());
    auto index = (*catalogue)->Current();
    EXPECT_EQ(index->sites().size(), 227u);
    EXPECT_EQ(index->day_counts()[0].sites, 214);
    EXPECT_EQ(index->day_counts()[1].sites, 76);
    EXPECT_FALSE(*(*catalogue)->Refresh(**db));  // nothing changed
    (*db)->sql() << "UPDATE session SET status = 'cancelled' WHERE site_id = :s",
        soci::use(index->sites()[0].id);
    EXPECT_TRUE(*(*catalogue)->Refresh(**db));
    EXPECT_EQ((*catalogue)->Current()->sites().size(), 226u);
    EXPECT_EQ(index->sites().size(), 227u);  // a reader holding the old index keeps it intact
    // An edition opened, then closed, by hand in SQL (not through the back office) is seen too.
    EXPECT_FALSE(*(*catalogue)->Refresh(**db));
    (*db)->sql() << "UPDATE edition SET status = 'open'";
    EXPECT_TRUE(*(*catalogue)->Refresh(**db));
    EXPECT_EQ((*catalogue)->Current()->edition().status, domain::EditionStatus::kOpen);
    (*db)->sql() << "UPDATE edition SET status = 'closed'";
    EXPECT_TRUE(*(*catalogue)->Refresh(**db));
    EXPECT_EQ((*catalogue)->Current()->edition().status, domain::EditionStatus::kClosed);
    db->reset();
    fs::remove(path);
}

}  // namespace
}  // namespace juo::services

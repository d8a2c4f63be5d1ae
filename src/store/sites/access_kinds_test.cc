// The five accessibility kinds in the database (migration 0011): a site's kinds survive insert,
// profile update and every read, and migrating an older database keeps wheelchair_access=1
// sites as "motor". On SQLite, and on PostgreSQL with JUO_TEST_PG_URL (access_kinds_test_postgresql).
#include <gtest/gtest.h>

#include "domain/accessibility.h"
#include "store/back_office_test_data.h"
#include "store/db/database.h"
#include "store/db/migrations.h"
#include "store/db/test_database.h"
#include "store/reads/catalogue_queries.h"
#include "store/reads/host_queries.h"
#include "store/sites/site_profile_queries.h"
#include "store/sites/site_repository.h"
#include "store/users/session_repository.h"

namespace juo::store {
namespace {

using domain::AccessBit;
using domain::AccessKind;

class AccessKindsTest : public ::testing::Test {
 protected:
    std::unique_ptr<Database> Open(const std::string& name) {
        auto db = Database::Open(folder_.Url(name), OpenMode::kCreateIfMissing);
        EXPECT_TRUE(db.ok()) << db.error().message;
        return std::move(*db);
    }
    static domain::Site Read(Database& db, long long site_id, long long edition_id) {
        auto views = HostSites(db, {site_id}, edition_id, 10);
        EXPECT_EQ(views.size(), 1u);
        return views.empty() ? domain::Site{} : views[0].site;
    }
    TestFolder folder_{"juo_access_kinds_test"};
};

TEST_F(AccessKindsTest, KindsSurviveInsertUpdateAndReads) {
    auto db = Open("k.db");
    const long long edition = testing::AddEdition(*db, 2025);
    const long long id = testing::AddSite(*db, "Usine Accueillante");
    domain::Site site = Read(*db, id, edition);
    EXPECT_EQ(domain::AccessOf(site), 0u);

    domain::SetAccess(site, AccessKind::kVisual, true);
    domain::SetAccess(site, AccessKind::kMental, true);
    domain::SetAccess(site, AccessKind::kPsychic, true);
    const std::string before = SiteProfileVersion(Read(*db, id, edition));
    auto saved = db->InTransaction<Unit>([&]() -> Status { return UpdateSiteProfile(*db, site, "2025-03-01T00:00:00Z"); });
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    domain::Site again = Read(*db, id, edition);
    EXPECT_EQ(domain::AccessOf(again),
              AccessBit(AccessKind::kVisual) | AccessBit(AccessKind::kMental) | AccessBit(AccessKind::kPsychic));
    // The profile's version changes with the kinds: two saves of one version cannot both pass.
    EXPECT_NE(SiteProfileVersion(again), before);
    auto locked = db->InTransaction<std::string>([&]() -> Result<std::string> {
        return LockedSiteProfileVersion(*db, id).value_or("");
    });
    ASSERT_TRUE(locked.ok());
    EXPECT_EQ(*locked, SiteProfileVersion(again));

    // A site inserted with every kind, read back by the public catalogue.
    auto stored = db->InTransaction<long long>([&]() -> Result<long long> {
        std::vector<domain::Organisation> orgs{{0, "Tous SAS", "", "2025-01-01T00:00:00Z"}};
        InsertOrganisations(*db, orgs);
        domain::Site all = again;
        all.id = 0;
        all.organisation_id = orgs[0].id;
        all.name = "Usine Pour Tous";
        for (auto k : domain::kAccessKinds) domain::SetAccess(all, k, true);
        std::vector<domain::Site> sites{all};
        JUO_TRY(InsertSites(*db, sites));
        return sites[0].id;
    });
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    EXPECT_EQ(domain::AccessOf(Read(*db, *stored, edition)), 0b11111u);
    testing::AddParticipation(*db, edition, *stored, domain::ParticipationStatus::kApproved);
    auto toured = db->InTransaction<Unit>([&]() -> Status {
        domain::Session tour;
        tour.edition_id = edition;
        tour.site_id = *stored;
        tour.day_date = "2025-04-05";
        tour.starts_at = "10:00";
        tour.ends_at = "11:00";
        tour.capacity_people = 10;
        tour.audiences = {domain::Audience::kPublic};
        std::vector<domain::Session> tours{tour};
        return InsertSessions(*db, tours);
    });
    ASSERT_TRUE(toured.ok()) << toured.error().message;
    auto snapshot = LoadCatalogue(*db, 2025);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    ASSERT_EQ(snapshot->sites.size(), 1u);
    EXPECT_EQ(domain::AccessOf(snapshot->sites[0]), 0b11111u);
}

// An older database (schema before 0011) with a wheelchair-accessible site: after the migration
// the site is "motor" and declares no other kind.
TEST_F(AccessKindsTest, MigratingKeepsWheelchairSitesAsMotor) {
    // A database at the schema before 0011 (migrations 1 to 10 only), with the old data in it.
    auto opened = Database::Open(folder_.Url("m.db"), OpenMode::kCreateIfMissing, SchemaUpdate::kNone);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto db = std::move(*opened);
    ASSERT_TRUE(CurrentSchemaVersion(*db).ok());  // creates schema_migrations
    for (const auto& m : Migrations())
        if (m.version <= 10) ApplyMigration(*db, m);
    // Rows as that schema has them (the test helpers write today's columns).
    long long organisation = 0, id = 0;
    db->sql() << "INSERT INTO organisation (name, created_at) VALUES ('Ancienne SA', '2025-01-01T00:00:00Z') "
                 "RETURNING id",
        soci::into(organisation);
    db->sql() << "INSERT INTO site (organisation_id, name, naf_code, naf_division, address, postcode, commune_code, "
                 "commune_name, department_code, region_code, latitude, longitude, wheelchair_access, "
                 "hearing_access, created_at) VALUES (:o, 'Usine Ancienne', '29.10Z', '29', '1 rue de l''Usine', "
                 "'69001', '69123', 'Lyon', '69', '84', 45.76, 4.83, 1, 1, '2025-01-01T00:00:00Z') RETURNING id",
        soci::use(organisation), soci::into(id);

    auto migrated = Migrate(*db);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    EXPECT_EQ(migrated->to_version, LatestSchemaVersion());
    const long long edition = testing::AddEdition(*db, 2025);
    domain::Site site = Read(*db, id, edition);
    EXPECT_TRUE(domain::HasAccess(site, AccessKind::kMotor));
    EXPECT_TRUE(domain::HasAccess(site, AccessKind::kHearing));
    EXPECT_EQ(domain::AccessOf(site), AccessBit(AccessKind::kMotor) | AccessBit(AccessKind::kHearing));
}

}  // namespace
}  // namespace juo::store

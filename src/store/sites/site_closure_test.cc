// Issue 21 in the store: a site's participation closed (its status, its tours cancelled, their
// confirmed bookings and waiting lists listed and closed), and the allocation's input reading
// the tours of a site not approved for the edition as closed — on the seeded replica, SQLite or
// PostgreSQL under JUO_TEST_PG_URL.
#include "store/sites/site_closure.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "seed/replica.h"
#include "store/db/binding.h"
#include "store/db/test_database.h"
#include "store/groups/allocation_queries.h"
#include "store/groups/group_request_queries.h"

namespace juo::store {
namespace {

namespace fs = std::filesystem;

class SiteClosureTest : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() / ("juo_site_closure_" + std::to_string(::getpid()) + ".db");
        RemoveSqliteFiles(path_);
        const std::string url = TestingOnPostgresql() ? FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*Database::Open(url, OpenMode::kCreateIfMissing));
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db_, replica, {}).ok());
    }
    void TearDown() override {
        db_.reset();
        RemoveSqliteFiles(path_);
    }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    fs::path path_;
    std::unique_ptr<Database> db_;
};

TEST_F(SiteClosureTest, AClosedParticipationCancelsItsToursAndListsTheirBookings) {
    long long participation = 0, site = 0, edition = 0;
    db_->sql() << "SELECT p.id, p.site_id, p.edition_id FROM participation p WHERE p.status = 'approved' AND EXISTS "
                  "(SELECT 1 FROM session s WHERE s.site_id = p.site_id AND s.edition_id = p.edition_id AND "
                  "s.places_taken > 0) ORDER BY p.id",
        soci::into(participation), soci::into(site), soci::into(edition);
    ASSERT_GT(participation, 0);
    EXPECT_EQ(ParticipationEdition(*db_, participation), edition);
    EXPECT_EQ(ParticipationEdition(*db_, 1LL << 40), 0);
    const std::string tours = "FROM session WHERE site_id = " + std::to_string(site) +
                              " AND edition_id = " + std::to_string(edition);
    const long long open = Count("SELECT count(*) " + tours + " AND status <> 'cancelled'");
    const long long confirmed = Count("SELECT count(*) FROM booking WHERE status = 'confirmed' AND session_id IN "
                                      "(SELECT id " + tours + ")");
    ASSERT_GT(open, 0);
    auto ok = db_->InTransaction<bool>([&]() -> Result<bool> {
        EXPECT_TRUE(CloseParticipation(*db_, participation, domain::ParticipationStatus::kWithdrawn, "2026-01-01T00:00:00Z"));
        auto ids = CancelSiteSessions(*db_, site, edition);
        EXPECT_EQ(static_cast<long long>(ids.size()), open);
        EXPECT_EQ(static_cast<long long>(ConfirmedBookingsOf(*db_, ids).size()), confirmed);
        (void)CloseWaitlistsOf(*db_, ids);
        return true;
    });
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(Count("SELECT count(*) " + tours + " AND status <> 'cancelled'"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status IN ('waiting', 'offered') AND session_id IN "
                    "(SELECT id " + tours + ")"),
              0);
    // Closed already: refused, whatever the new status.
    EXPECT_FALSE(CloseParticipation(*db_, participation, domain::ParticipationStatus::kRefused, "2026-01-02T00:00:00Z"));
}

// The allocation never uses the tours of a site not approved for the edition.
TEST_F(SiteClosureTest, TheAllocationReadsUnapprovedSitesToursAsClosed) {
    int year = 0;
    long long edition = 0;
    db_->sql() << "SELECT e.year, e.id FROM edition e WHERE EXISTS (SELECT 1 FROM session s WHERE s.edition_id = e.id "
                  "AND s.status = 'open') ORDER BY e.year DESC",
        soci::into(year), soci::into(edition);
    ASSERT_GT(year, 0);
    // One approved site of the edition with open tours made refused, by hand as a stale row would be.
    long long site = 0;
    db_->sql() << "SELECT min(p.site_id) FROM participation p WHERE p.edition_id = :e AND p.status = 'approved' AND "
                  "EXISTS (SELECT 1 FROM session s WHERE s.site_id = p.site_id AND s.edition_id = p.edition_id AND "
                  "s.status = 'open')",
        soci::use(edition), soci::into(site);
    ASSERT_GT(site, 0);
    db_->sql() << "UPDATE participation SET status = 'refused' WHERE site_id = :s AND edition_id = :e", soci::use(site),
        soci::use(edition);
    auto data = LoadAllocationData(*db_, year);
    ASSERT_TRUE(data.ok()) << data.error().message;
    int of_site = 0, open_elsewhere = 0;
    for (const auto& s : data->sessions) {
        if (s.site_id == site) {
            ++of_site;
            EXPECT_NE(s.status, domain::SessionStatus::kOpen) << s.id;
        } else if (s.status == domain::SessionStatus::kOpen) {
            ++open_elsewhere;
        }
    }
    EXPECT_GT(of_site, 0);  // still known (a wish may name them), never open
    EXPECT_GT(open_elsewhere, 0);
    // Every open session read belongs to an approved site.
    std::set<long long> approved;
    soci::rowset<soci::row> rows = (db_->sql().prepare << "SELECT site_id FROM participation WHERE status = "
                                                          "'approved' AND edition_id = :e",
                                    soci::use(edition));
    for (const auto& r : rows) approved.insert(RowInt(r, 0));
    for (const auto& s : data->sessions)
        if (s.status == domain::SessionStatus::kOpen) EXPECT_TRUE(approved.count(s.site_id)) << s.id;
}

// Issue 21: a relay's departments filter the requests before the LIMIT: the department with the
// fewest requests still gets `limit` of its own when it has that many, whatever the others hold.
TEST_F(SiteClosureTest, TheRelaysDepartmentsFilterBeforeTheLimit) {
    const std::string of_department =
        "FROM group_request r WHERE r.id IN (SELECT w.request_id FROM group_request_wish w LEFT JOIN session ws ON "
        "ws.id = w.session_id JOIN site t ON t.id = coalesce(w.site_id, ws.site_id) WHERE t.department_code = '";
    // The department whose requests come last in the queue's order.
    std::string department;
    db_->sql() << "SELECT t.department_code FROM group_request r JOIN group_request_wish w ON w.request_id = r.id "
                  "LEFT JOIN session ws ON ws.id = w.session_id JOIN site t ON t.id = coalesce(w.site_id, ws.site_id) "
                  "ORDER BY CASE r.status WHEN 'pending' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END DESC, "
                  "r.submitted_at DESC, r.id DESC",
        soci::into(department);
    ASSERT_FALSE(department.empty()) << "the replica has group requests";
    const long long total = Count("SELECT count(*) " + of_department + department + "')");
    ASSERT_GT(total, 0);
    const int limit = static_cast<int>(std::min<long long>(total, 3));
    auto views = RequestsForSites(*db_, 0, {}, false, limit, {department});
    EXPECT_EQ(static_cast<int>(views.size()), limit);
    for (const auto& v : views) {
        bool in_department = false;
        for (const auto& w : v.wishes) in_department = in_department || w.department_code == department;
        EXPECT_TRUE(in_department) << v.request.id;
    }
    // A code that is not one is ignored (no SQL from it); nothing in scope, nothing read.
    EXPECT_TRUE(RequestsForSites(*db_, 0, {}, false, 10, {"1' OR '1'='1"}).empty());
    EXPECT_TRUE(RequestsForSites(*db_, 0, {}, false, 10, {}).empty());
}

}  // namespace
}  // namespace juo::store

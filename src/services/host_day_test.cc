// Tests of the host's day (issue 19) on the seeded replica — SQLite, or PostgreSQL under
// JUO_TEST_PG_URL: the dashboard shows a host's site with today's tour and its counts (or the
// next day with tours), the check-in list's totals (booked, arrived, no-show once the tour has
// started), its search by name or by a code typed with a dash in lower case, and the e-mail to the
// hosts of the sites a new group request wishes.
#include "services/host_day.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "seed/replica.h"
#include "services/group_requests.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDay = "2030-04-05";                   // a Friday; Paris is UTC+2 (CEST)
constexpr const char* kBeforeTour = "2030-04-05T07:00:00Z";  // 9:00 in Paris
constexpr const char* kDuringTour = "2030-04-05T08:30:00Z";  // 10:30 in Paris, the tour began at 10:00

class HostDayTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_services_host_day_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        const std::string url = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*store::Database::Open(url, store::OpenMode::kCreateIfMissing)).release();
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db_, replica, {}).ok());
        // An open tour with at least two confirmed parties, moved to kDay at 10:00, nobody checked in.
        db_->sql() << "SELECT min(s.id) FROM session s WHERE s.status = 'open' AND (SELECT count(*) FROM booking b "
                      "WHERE b.session_id = s.id AND b.status = 'confirmed' AND b.kind = 'party') >= 2",
            soci::into(tour_);
        ASSERT_GT(tour_, 0);
        db_->sql() << "DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id = :s)",
            soci::use(tour_);
        db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(tour_), soci::into(site_);
        // A named string: soci runs the statement when its temporary dies, after a temporary string would.
        const std::string day(kDay);
        db_->sql() << "UPDATE session SET day_date = :d, starts_at = '10:00', ends_at = '11:30' WHERE id = :s",
            soci::use(day), soci::use(tour_);
        std::vector<domain::User> users(1);
        users[0].email = "hote-du-jour@example.org";
        users[0].display_name = "Hôte du jour";
        users[0].email_confirmed_at = users[0].created_at = "2026-01-01T00:00:00Z";
        users[0].roles.push_back(domain::RoleGrant{domain::Role::kHost, "", site_});
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        host_.user_id = users[0].id;
        host_.roles = users[0].roles;
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
        store::RemoveSqliteFiles(path_);
    }

    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }

    static inline fs::path path_;
    static inline Db* db_ = nullptr;
    static inline long long tour_ = 0, site_ = 0;
    static inline auth::Principal host_;
};

TEST_F(HostDayTest, TheDashboardShowsTodaysTourWithItsCounts) {
    auto view = HostDashboard(*db_, host_, kBeforeTour);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->today, kDay);
    ASSERT_EQ(view->sites.size(), 1u);
    const auto& site = view->sites.front();
    EXPECT_EQ(site.view.site.id, site_);
    EXPECT_EQ(site.day, kDay);
    EXPECT_TRUE(site.is_today);
    const std::string tour = std::to_string(tour_);
    auto it = std::find_if(site.tours.begin(), site.tours.end(),
                           [&](const DayTourRow& t) { return t.session_id == tour_; });
    ASSERT_NE(it, site.tours.end());
    EXPECT_EQ(it->booked_people,
              Count("SELECT coalesce(sum(people), 0) FROM booking WHERE status = 'confirmed' AND session_id = " + tour));
    EXPECT_GE(it->bookings, 2);
    EXPECT_EQ(it->checked_in, 0);
    EXPECT_EQ(site.figures.groups_accepted,
              Count("SELECT count(*) FROM booking b JOIN session s ON s.id = b.session_id WHERE b.kind = 'group' AND "
                    "b.status = 'confirmed' AND s.site_id = " +
                    std::to_string(site_) + " AND s.edition_id = " + std::to_string(view->edition.id)));

    // The day after: no tour that day nor later at this site (the replica's days are earlier).
    auto later = HostDashboard(*db_, host_, "2030-04-06T07:00:00Z");
    ASSERT_TRUE(later.ok());
    EXPECT_TRUE(later->sites.front().day.empty());
    EXPECT_TRUE(later->sites.front().tours.empty());
    // The day before: the next day with tours is kDay, not today.
    auto before = HostDashboard(*db_, host_, "2030-04-04T07:00:00Z");
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before->sites.front().day, kDay);
    EXPECT_FALSE(before->sites.front().is_today);

    // Someone with no host grant has no site.
    auth::Principal nobody;
    nobody.user_id = host_.user_id;
    auto none = HostDashboard(*db_, nobody, kBeforeTour);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->sites.empty());
}

TEST_F(HostDayTest, TheCheckInListCountsBookedArrivedAndNoShows) {
    auto day = CheckInList(*db_, host_, kBeforeTour, "");
    ASSERT_TRUE(day.ok()) << day.error().message;
    EXPECT_EQ(day->day, kDay);
    const std::string tour = std::to_string(tour_);
    const long long booked =
        Count("SELECT coalesce(sum(people), 0) FROM booking WHERE status = 'confirmed' AND session_id = " + tour);
    EXPECT_EQ(day->totals.booked_people, booked);
    EXPECT_EQ(day->totals.arrived_people, 0);
    EXPECT_EQ(day->totals.no_show_people, 0);  // the tour has not started
    ASSERT_GE(day->arrivals.size(), 2u);
    const Arrival first = day->arrivals.front();

    // The first party arrives with one person fewer; the tour starts: the others are no-shows.
    const int attended = std::max(0, first.row.people - 1);  // named: soci reads it when the statement runs
    db_->sql() << "INSERT INTO check_in (booking_id, attended, checked_in_at) VALUES (:b, :n, '2030-04-05T08:01:00Z')",
        soci::use(first.row.booking_id), soci::use(attended);
    auto during = CheckInList(*db_, host_, kDuringTour, "");
    ASSERT_TRUE(during.ok());
    EXPECT_EQ(during->totals.arrived, 1);
    EXPECT_EQ(during->totals.arrived_people, std::max(0, first.row.people - 1));
    EXPECT_EQ(during->totals.no_show_people, booked - first.row.people);
    EXPECT_EQ(during->totals.no_shows, during->totals.bookings - 1);

    // Searching narrows the list, never the totals: by a code typed "abcd-efgh…" and by name.
    std::string typed = first.row.ticket_code.substr(0, 4) + "-" + first.row.ticket_code.substr(4);
    std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return std::tolower(c); });
    auto by_code = CheckInList(*db_, host_, kDuringTour, " " + typed + " ");
    ASSERT_TRUE(by_code.ok());
    ASSERT_EQ(by_code->arrivals.size(), 1u);
    EXPECT_EQ(by_code->arrivals.front().row.booking_id, first.row.booking_id);
    EXPECT_EQ(by_code->totals.booked_people, booked);
    if (!first.name.empty()) {
        auto by_name = CheckInList(*db_, host_, kDuringTour, first.name);
        ASSERT_TRUE(by_name.ok());
        EXPECT_TRUE(std::any_of(by_name->arrivals.begin(), by_name->arrivals.end(),
                                [&](const Arrival& a) { return a.row.booking_id == first.row.booking_id; }));
        EXPECT_LT(by_name->arrivals.size(), during->arrivals.size() + 1);
    }
    auto nothing = CheckInList(*db_, host_, kDuringTour, "zzzz-qqqq-personne");
    ASSERT_TRUE(nothing.ok());
    EXPECT_TRUE(nothing->arrivals.empty());
    db_->sql() << "DELETE FROM check_in WHERE booking_id = :b", soci::use(first.row.booking_id);
}

TEST_F(HostDayTest, ANewRequestMailsTheHostsOfTheSitesItWishes) {
    long long school_tour = 0;
    db_->sql() << "SELECT min(s.id) FROM session s JOIN session_audience a ON a.session_id = s.id AND a.audience = "
                  "'school' WHERE s.status = 'open' AND s.site_id = :site",
        soci::use(site_), soci::into(school_tour);
    if (school_tour == 0)
        db_->sql() << "SELECT min(s.id) FROM session s WHERE s.site_id = :site", soci::use(site_), soci::into(school_tour);
    domain::GroupRequest r;
    db_->sql() << "SELECT edition_id FROM session WHERE id = :s", soci::use(school_tour), soci::into(r.edition_id);
    r.audience = domain::Audience::kSchool;
    r.level = "3e";
    r.pupils = 24;
    r.adults = 2;
    r.position = {45.76, 4.83};
    r.department_code = "69";
    r.submitted_at = "2030-03-01T10:00:00Z";
    r.wishes.push_back(domain::Wish{1, school_tour, std::nullopt});
    r.wishes.push_back(domain::Wish{2, std::nullopt, site_});  // the same site twice: one e-mail
    std::string seen_site;
    auto id = StoreGroupRequest(*db_, r, [&](const std::string& site, const domain::GroupRequest& req) {
        seen_site = site;
        return MailText{"Nouvelle demande : " + site, "Demande n° " + std::to_string(req.id)};
    });
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_FALSE(seen_site.empty());
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_request.new' AND to_address = "
                    "'hote-du-jour@example.org' AND body_text = 'Demande n° " +
                    std::to_string(*id) + "'"),
              1);
    auto view = HostDashboard(*db_, host_, kBeforeTour);
    ASSERT_TRUE(view.ok());
    EXPECT_GE(view->sites.front().figures.requests_to_decide, 1);
    // Without a mail function, nobody is mailed.
    r.id = 0;
    ASSERT_TRUE(StoreGroupRequest(*db_, r).ok());
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_request.new'"),
              Count("SELECT count(*) FROM user_role WHERE role = 'host' AND site_id = " + std::to_string(site_)));
}

}  // namespace
}  // namespace juo::services

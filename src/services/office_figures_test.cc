// Tests of the organiser's live view (issue 19, item 4): the back office home's figures
// (office_figures.h) change after a booking, a full tour and a factory left without tours show
// as alerts, the event day's check-ins are counted, a relay sees their departments; and the
// journal (audit_labels.h, audit_journal.h) says names, French labels and the factory an entry
// belongs to. On the 2025 replica in a new SQLite file (or a PostgreSQL schema).
#include <gtest/gtest.h>

#include "seed/replica.h"
#include "services/audit_journal.h"
#include "services/audit_labels.h"
#include "services/office_figures.h"
#include "store/audit/audit_log.h"
#include "store/bookings/capacity_store.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

constexpr const char* kSaturday = "2025-04-05";  // the replica's public day

class OfficeFiguresTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto db = store::Database::Open(folder_.Url("office.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok());
        db_ = std::move(*db);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        organiser_.roles.push_back({domain::Role::kOrganiser, "", std::nullopt});
    }
    long long Scalar(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    OfficeFigures Figures(const auth::Principal& who, const std::string& today = "2025-03-01") {
        auto f = ReadOfficeFigures(*db_, who, today);
        EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
        return f.ok() ? *f : OfficeFigures{};
    }
    // An open tour of an approved factory with room for `people`.
    long long OpenTour(int people) {
        return Scalar("SELECT min(s.id) FROM session s JOIN participation p ON p.site_id = s.site_id AND "
                      "p.edition_id = s.edition_id WHERE p.status = 'approved' AND s.status = 'open' AND "
                      "s.capacity_people - s.places_taken >= " + std::to_string(people));
    }
    long long Book(long long session_id, int people, const std::string& ticket) {
        store::CapacityStore store(*db_);
        auto session = store.LoadSession(session_id);
        EXPECT_TRUE(store.TryTakePlaces(session_id, people, 0));  // as the engine does
        domain::Booking b;
        b.edition_id = session->edition_id;
        b.session_id = session_id;
        b.people = people;
        b.ticket_code = ticket;
        b.created_at = "2025-03-01T10:00:00Z";
        store.InsertBooking(b, "");
        return b.id;
    }

    store::TestFolder folder_{"juo_office_figures"};
    std::unique_ptr<store::Database> db_;
    auth::Principal organiser_;
};

TEST_F(OfficeFiguresTest, FiguresAreTheStoredOnes) {
    const OfficeFigures f = Figures(organiser_);
    EXPECT_EQ(f.year, 2025);
    EXPECT_EQ(f.sites_approved, Scalar("SELECT count(*) FROM participation WHERE status = 'approved'"));
    EXPECT_GT(f.sites_approved, 100);
    EXPECT_GT(f.tours, f.sites_approved);
    EXPECT_GT(f.places_booked, 0);
    EXPECT_EQ(f.places_left, f.places - f.places_booked);
    EXPECT_EQ(f.buses, Scalar("SELECT count(*) FROM bus WHERE status <> 'cancelled'"));
    EXPECT_FALSE(f.event_day);  // 1 March is no event day
    EXPECT_EQ(f.allocation, Scalar("SELECT count(*) FROM allocation_run WHERE status = 'published'") > 0
                                ? AllocationState::kPublished
                                : Scalar("SELECT count(*) FROM allocation_run") > 0 ? AllocationState::kDraft
                                                                                    : AllocationState::kNotStarted);
}

TEST_F(OfficeFiguresTest, ABookingChangesThePlacesAndAFullTourIsAnAlert) {
    const OfficeFigures before = Figures(organiser_);
    const long long tour = OpenTour(3);
    ASSERT_GT(tour, 0);
    Book(tour, 3, "OFFICE0001");
    const OfficeFigures after = Figures(organiser_);
    EXPECT_EQ(after.places_booked, before.places_booked + 3);
    EXPECT_EQ(after.places_left, before.places_left - 3);
    EXPECT_EQ(after.full_tours, before.full_tours);
    // Filling the tour makes it an alert, listed with its factory.
    const long long left = Scalar("SELECT capacity_people - places_taken FROM session WHERE id = " + std::to_string(tour));
    ASSERT_GT(left, 0);
    Book(tour, static_cast<int>(left), "OFFICE0002");
    const OfficeFigures full = Figures(organiser_);
    EXPECT_EQ(full.full_tours, before.full_tours + 1);
    EXPECT_EQ(full.places_left, before.places_left - 3 - left);
    bool listed = false;
    for (const auto& t : full.full_tour_list) listed = listed || t.session_id == tour;
    EXPECT_TRUE(listed || full.full_tour_list.size() == static_cast<size_t>(kOfficeAlertList));
}

TEST_F(OfficeFiguresTest, AFactoryWhoseToursAreCancelledIsWithoutTours) {
    const OfficeFigures before = Figures(organiser_);
    const long long site = Scalar("SELECT min(site_id) FROM participation WHERE status = 'approved'");
    db_->sql() << "UPDATE session SET status = 'cancelled' WHERE site_id = :s", soci::use(site);
    const OfficeFigures after = Figures(organiser_);
    EXPECT_EQ(after.sites_without_tours, before.sites_without_tours + 1);
    bool listed = false;
    for (const auto& s : after.without_tour_list) listed = listed || s.site_id == site;
    EXPECT_TRUE(listed);
    EXPECT_LT(after.tours, before.tours);
}

TEST_F(OfficeFiguresTest, OnTheEventDayCheckInsAreCounted) {
    const OfficeFigures day = Figures(organiser_, kSaturday);
    ASSERT_TRUE(day.event_day);
    EXPECT_GT(day.today_bookings, 0);
    EXPECT_LE(day.today_checked_in, day.today_bookings);
    // One more check-in of a booking of that day not yet checked in.
    const long long booking = Scalar(
        "SELECT min(b.id) FROM booking b JOIN session s ON s.id = b.session_id WHERE s.day_date = '2025-04-05' AND "
        "b.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM check_in c WHERE c.booking_id = b.id) AND EXISTS "
        "(SELECT 1 FROM participation p WHERE p.site_id = s.site_id AND p.status = 'approved')");
    ASSERT_GT(booking, 0);
    db_->sql() << "INSERT INTO check_in (booking_id, attended, checked_in_at) VALUES (:b, 2, '2025-04-05T09:00:00Z')",
        soci::use(booking);
    const OfficeFigures later = Figures(organiser_, kSaturday);
    EXPECT_EQ(later.today_checked_in, day.today_checked_in + 1);
    EXPECT_EQ(later.today_attended, day.today_attended + 2);
}

TEST_F(OfficeFiguresTest, ARelaySeesTheirDepartments) {
    const std::string dept = [&] {
        std::string d;
        db_->sql() << "SELECT min(t.department_code) FROM site t JOIN participation p ON p.site_id = t.id WHERE "
                      "p.status = 'approved'",
            soci::into(d);
        return d;
    }();
    auth::Principal relay;
    relay.roles.push_back({domain::Role::kRelay, dept, std::nullopt});
    const OfficeFigures all = Figures(organiser_), mine = Figures(relay);
    EXPECT_GT(mine.sites_approved, 0);
    EXPECT_LT(mine.sites_approved, all.sites_approved);
    EXPECT_EQ(mine.sites_approved,
              Scalar("SELECT count(*) FROM participation p JOIN site t ON t.id = p.site_id WHERE p.status = "
                     "'approved' AND t.department_code = '" + dept + "'"));
    auth::Principal nobody;  // no grant: nothing
    EXPECT_EQ(Figures(nobody).sites_approved, 0);
}

TEST(AuditLabelsTest, ActionsAndObjectsInFrenchAndEnglish) {
    EXPECT_EQ(AuditActionLabel("booking.check_in", LabelLang::kFr), "Pointage à l'accueil");
    EXPECT_EQ(AuditActionLabel("booking.check_in", LabelLang::kEn), "Checked in at the door");
    EXPECT_EQ(AuditActionLabel("participation.approved", LabelLang::kFr), "Usine validée");
    EXPECT_EQ(AuditActionLabel("edition.invite.12", LabelLang::kFr), "Hôtes de l'an dernier invités");
    EXPECT_EQ(AuditActionLabel("something.new", LabelLang::kFr), "something.new");  // never an empty cell
    EXPECT_EQ(AuditEntityLabel("booking", LabelLang::kFr), "réservation");
    domain::AuditEntry system;
    system.actor_label = "system:juo purge";
    EXPECT_EQ(AuditActorName(system, LabelLang::kFr), "Système (juo purge)");
    system.actor_label = "system";
    EXPECT_EQ(AuditActorName(system, LabelLang::kEn), "System");
    domain::AuditEntry by_user = domain::EntryByUser(3565, "booking.check_in", "booking", 7);
    EXPECT_EQ(AuditActorName(by_user, LabelLang::kFr), "user:3565");  // no name known: the label
    by_user.actor_name = "Camille Martin";
    EXPECT_EQ(AuditActorName(by_user, LabelLang::kFr), "Camille Martin");
    EXPECT_EQ(AuditLinkOf(by_user).kind, AuditLink::Kind::kNone);  // a booking alone: no page
    by_user.site_id = 12;
    EXPECT_EQ(AuditLinkOf(by_user).kind, AuditLink::Kind::kSite);
    EXPECT_EQ(AuditLinkOf(domain::EntryByUser(1, "role.grant", "app_user", 9)).kind, AuditLink::Kind::kUser);
}

TEST_F(OfficeFiguresTest, TheJournalNamesThePersonAndTheFactory) {
    std::vector<domain::User> users(1);
    users[0].email = "camille@example.org";
    users[0].display_name = "Camille Martin";
    users[0].created_at = "2025-01-01T00:00:00Z";
    users[0].roles.push_back({domain::Role::kHost, "", std::nullopt});
    ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
    const long long tour = OpenTour(1);
    const long long booking = Book(tour, 1, "OFFICE0003");
    auto entry = domain::EntryByUser(users[0].id, "booking.check_in", "booking", booking);
    store::AppendAudit(*db_, entry);
    auto page = FindAuditPage(*db_, {});
    ASSERT_TRUE(page.ok());
    ASSERT_FALSE(page->entries.empty());
    const domain::AuditEntry& e = page->entries.front();
    EXPECT_EQ(e.action, "booking.check_in");
    EXPECT_EQ(AuditActorName(e, LabelLang::kFr), "Camille Martin");
    EXPECT_EQ(AuditActionLabel(e.action, LabelLang::kFr), "Pointage à l'accueil");
    ASSERT_TRUE(e.site_id.has_value());
    EXPECT_EQ(*e.site_id, Scalar("SELECT site_id FROM session WHERE id = " + std::to_string(tour)));
    EXPECT_EQ(AuditLinkOf(e).kind, AuditLink::Kind::kSite);
}

}  // namespace
}  // namespace juo::services

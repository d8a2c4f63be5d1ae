// Tests of the hosts' use cases without the web layer: a registration and a profile read as typed
// (the field of each refusal), a site's scope, and the withdrawal of a tour (the hosts mailed with
// the words the caller wrote, the audit entry, the refusals) on the seeded replica — SQLite, or
// PostgreSQL under JUO_TEST_PG_URL.
#include "services/hosts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "seed/replica.h"
#include "services/host_space.h"
#include "services/teaching_kit.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

namespace fs = std::filesystem;

RegistrationInput GoodRegistration() {
    RegistrationInput in;
    in.company = "Fonderie d'essai";
    in.division = "24";
    in.address = "1 rue de l'Usine";
    in.place = "69001";
    return in;
}

std::string FieldOf(const std::variant<Registration, FieldError>& read) {
    const auto* problem = std::get_if<FieldError>(&read);
    return problem ? problem->field : "";
}

TEST(ReadRegistration, NamesTheFieldOfEachRefusal) {
    EXPECT_EQ(FieldOf(ReadRegistration(GoodRegistration())), "");
    auto in = GoodRegistration();
    in.company.clear();
    EXPECT_EQ(FieldOf(ReadRegistration(in)), "company");
    in = GoodRegistration();
    in.siret = "123";
    EXPECT_EQ(FieldOf(ReadRegistration(in)), "siret");
    in = GoodRegistration();
    in.naf = "10.11Z";
    EXPECT_EQ(FieldOf(ReadRegistration(in)), "naf");
    in = GoodRegistration();
    in.min_age = "30";
    EXPECT_EQ(FieldOf(ReadRegistration(in)), "min_age");
    in = GoodRegistration();
    in.place = "nowhere-at-all-zz";
    EXPECT_EQ(FieldOf(ReadRegistration(in)), "place");
}

TEST(ReadProfile, KeepsThePinNearTheCommune) {
    auto reg = ReadRegistration(GoodRegistration());
    ASSERT_TRUE(std::holds_alternative<Registration>(reg));
    const domain::Site site = std::get<Registration>(reg).site;
    ProfileInput in;
    in.name = site.name;
    in.address = site.address;
    in.place = "69001";
    in.lat = Coordinate(site.position.lat + 0.01);
    in.lon = Coordinate(site.position.lon);
    auto moved = ReadProfile(in, site);
    ASSERT_TRUE(std::holds_alternative<domain::Site>(moved));
    EXPECT_NEAR(std::get<domain::Site>(moved).position.lat, site.position.lat + 0.01, 1e-6);
    in.lat = "48,85";  // Paris, far from Lyon
    in.lon = "2,35";
    auto far = ReadProfile(in, site);
    ASSERT_TRUE(std::holds_alternative<FieldError>(far));
    EXPECT_EQ(std::get<FieldError>(far).field, "lat");
    EXPECT_TRUE(IsKitAudience("both"));
    EXPECT_FALSE(IsKitAudience("parents"));
}

class HostsTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_services_hosts_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        const std::string url = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*store::Database::Open(url, store::OpenMode::kCreateIfMissing)).release();
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db_, replica, {}).ok());
        // A tour nobody booked, its site and department.
        db_->sql() << "SELECT min(s.id) FROM session s WHERE s.status = 'open' AND s.places_taken = 0 AND "
                      "s.groups_taken = 0",
            soci::into(tour_);
        db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(tour_), soci::into(site_);
        db_->sql() << "SELECT department_code FROM site WHERE id = :s", soci::use(site_), soci::into(department_);
        std::vector<domain::User> users(1);
        users[0].email = "hote-services@example.org";
        users[0].display_name = "Hôte";
        users[0].email_confirmed_at = users[0].created_at = "2026-01-01T00:00:00Z";
        users[0].roles.push_back(domain::RoleGrant{domain::Role::kHost, "", site_});
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        host_.user_id = users[0].id;
        host_.roles = users[0].roles;
        organiser_.user_id = users[0].id;  // any user: the audit names them
        organiser_.roles.push_back(domain::RoleGrant{domain::Role::kOrganiser, "", std::nullopt});
        stranger_.user_id = users[0].id;
        stranger_.roles.push_back(
            domain::RoleGrant{domain::Role::kRelay, department_ == "2A" ? "75" : "2A", std::nullopt});
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
    static inline std::string department_;
    static inline auth::Principal host_, organiser_, stranger_;
};

TEST_F(HostsTest, ASiteIsManagedByItsHostsAndTheirModerators) {
    auto mine = ManagedSite(*db_, std::to_string(site_), host_);
    ASSERT_TRUE(mine.ok()) << mine.error().message;
    EXPECT_EQ(mine->view.site.id, site_);
    EXPECT_TRUE(ManagedSite(*db_, std::to_string(site_), organiser_).ok());
    EXPECT_EQ(ManagedSite(*db_, std::to_string(site_), stranger_).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(ManagedSite(*db_, "12abc", host_).error().code, ErrorCode::kNotFound);
    auto tours = SiteTours(*db_, *mine);
    ASSERT_TRUE(tours.ok());
    EXPECT_FALSE(tours->empty());
    auto hosted = HostedSites(*db_, host_);
    ASSERT_TRUE(hosted.ok());
    ASSERT_EQ(hosted->sites.size(), 1u);
    EXPECT_EQ(hosted->sites.front().site.id, site_);
}

TEST_F(HostsTest, AWithdrawnTourMailsItsHostsInTheCallersWords) {
    std::string seen_site, seen_day, seen_starts;
    const WithdrawalMail mail = [&](const std::string& site, const std::string& day, const std::string& starts) {
        seen_site = site;
        seen_day = day;
        seen_starts = starts;
        return MailText{"Visite retirée : " + site, "Votre visite du " + day + " à " + starts + " est retirée."};
    };
    EXPECT_EQ(WithdrawTour(*db_, organiser_, tour_, "", mail).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(WithdrawTour(*db_, stranger_, tour_, "horaires", mail).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(WithdrawTour(*db_, organiser_, 1LL << 40, "horaires", mail).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'session.withdraw'"), 0);

    ASSERT_TRUE(WithdrawTour(*db_, organiser_, tour_, "horaires", mail).ok());
    EXPECT_FALSE(seen_site.empty());
    EXPECT_FALSE(seen_day.empty());
    EXPECT_FALSE(seen_starts.empty());
    EXPECT_EQ(Count("SELECT count(*) FROM session WHERE status = 'cancelled' AND id = " + std::to_string(tour_)), 1);
    long long mailed = 0;
    const std::string subject = "Visite retirée : " + seen_site;
    db_->sql() << "SELECT count(*) FROM email_outbox WHERE kind = 'session.withdraw' AND to_address = "
                  "'hote-services@example.org' AND subject = :s",
        soci::use(subject), soci::into(mailed);
    EXPECT_EQ(mailed, 1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'session.withdraw' AND entity_id = " +
                    std::to_string(tour_)),
              1);
    // Withdrawn already: refused, nothing more mailed.
    EXPECT_EQ(WithdrawTour(*db_, organiser_, tour_, "encore", mail).error().code, ErrorCode::kConflict);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'session.withdraw' AND to_address = "
                    "'hote-services@example.org'"),
              1);
}

// Issue 21: withdrawing (or refusing) an approved site closes its tours and cancels their
// bookings, each visitor mailed with the engine's cancellation e-mail, all in one transaction.
TEST_F(HostsTest, AWithdrawnSiteClosesItsToursAndCancelsTheirBookings) {
    long long participation = 0, site = 0, edition = 0;
    db_->sql() << "SELECT p.id, p.site_id, p.edition_id FROM participation p WHERE p.status = 'approved' AND "
                  "EXISTS (SELECT 1 FROM booking b JOIN session s ON s.id = b.session_id WHERE s.site_id = p.site_id "
                  "AND s.edition_id = p.edition_id AND b.status = 'confirmed' AND b.user_id IS NOT NULL) ORDER BY p.id",
        soci::into(participation), soci::into(site), soci::into(edition);
    ASSERT_GT(participation, 0) << "the replica has an approved site with bookings";
    const std::string of_site = "FROM booking b JOIN session s ON s.id = b.session_id WHERE s.site_id = " +
                                std::to_string(site) + " AND s.edition_id = " + std::to_string(edition);
    const long long booked = Count("SELECT count(*) " + of_site + " AND b.status = 'confirmed'");
    const std::string checked_in = " AND b.id IN (SELECT booking_id FROM check_in)";
    const long long took_place = Count("SELECT count(*) " + of_site + " AND b.status = 'confirmed'" + checked_in);
    const long long to_mail = Count("SELECT count(*) " + of_site +
                                    " AND b.status = 'confirmed' AND b.user_id IS NOT NULL AND b.id NOT IN "
                                    "(SELECT booking_id FROM check_in)");
    const long long mails_before = Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'");
    const long long people_elsewhere =
        Count("SELECT coalesce(sum(places_taken), 0) FROM session WHERE site_id <> " + std::to_string(site));
    ASSERT_GT(booked, 0);
    const DecisionMail mail = [](const std::string& name) { return MailText{"Retrait : " + name, "Retirée."}; };
    // Outside the relay's departments: refused, nothing changed.
    EXPECT_EQ(DecideParticipation(*db_, stranger_, participation, domain::ParticipationStatus::kWithdrawn, "x", mail)
                  .error()
                  .code,
              ErrorCode::kForbidden);
    EXPECT_EQ(Count("SELECT count(*) " + of_site + " AND b.status = 'confirmed'"), booked);

    auto done = DecideParticipation(*db_, organiser_, participation, domain::ParticipationStatus::kWithdrawn,
                                    "fermeture de l'usine", mail);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(Count("SELECT count(*) FROM participation WHERE status = 'withdrawn' AND id = " +
                    std::to_string(participation)),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM session WHERE status <> 'cancelled' AND site_id = " + std::to_string(site) +
                    " AND edition_id = " + std::to_string(edition)),
              0);
    // Only the bookings checked in at the door (they took place) stay confirmed.
    EXPECT_EQ(Count("SELECT count(*) " + of_site + " AND b.status = 'confirmed'"), took_place);
    // Places freed: the tours hold only those; other sites untouched.
    EXPECT_EQ(Count("SELECT coalesce(sum(places_taken), 0) FROM session WHERE site_id = " + std::to_string(site) +
                    " AND edition_id = " + std::to_string(edition)),
              Count("SELECT coalesce(sum(b.people), 0) " + of_site + " AND b.status = 'confirmed'"));
    EXPECT_EQ(Count("SELECT coalesce(sum(places_taken), 0) FROM session WHERE site_id <> " + std::to_string(site)),
              people_elsewhere);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry w JOIN session s ON s.id = w.session_id WHERE s.site_id = " +
                    std::to_string(site) + " AND w.status IN ('waiting', 'offered')"),
              0);
    // Each visitor with an account mailed once, with the engine's cancellation e-mail.
    EXPECT_GE(to_mail, 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'") - mails_before, to_mail);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'participation.withdrawn' AND entity_id = " +
                    std::to_string(participation)),
              1);
    // Withdrawn already: a conflict, nothing more.
    EXPECT_EQ(DecideParticipation(*db_, organiser_, participation, domain::ParticipationStatus::kRefused, "y", mail)
                  .error()
                  .code,
              ErrorCode::kConflict);
}

}  // namespace
}  // namespace juo::services

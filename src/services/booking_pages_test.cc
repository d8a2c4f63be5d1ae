// Tests of what the pages after booking read (bookings.h, issue 17): the user's bookings that
// overlap a tour (same day, times crossing; touching is not overlapping; cancelled ones and other
// users' do not count), a booking's calendar file for its owner only (PUBLISH while confirmed,
// CANCEL once cancelled), and the ticket's QR code as a data: URI. On the replica in a new SQLite
// file (or a PostgreSQL schema).
#include <gtest/gtest.h>

#include <vector>

#include "seed/replica.h"
#include "services/bookings.h"
#include "store/bookings/capacity_store.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

class BookingPagesTest : public ::testing::Test {
 protected:
    void SetUp() override {
        auto db = store::Database::Open(folder_.Url("pages.db"), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok());
        db_ = std::move(*db);
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        soci::rowset<long long> rows =
            (db_->sql().prepare << "SELECT s.id FROM session s JOIN session_audience a ON "
                                   "a.session_id = s.id WHERE a.audience = 'public' "
                                   "ORDER BY s.id LIMIT 5");
        for (long long id : rows) tours_.push_back(id);
        ASSERT_EQ(tours_.size(), 5u);
        // Tour 0 10:00-11:30; 1 crosses it; 2 starts as it ends; 3 inside it, another day for 4.
        Place(0, "2026-06-06", "10:00", "11:30");
        Place(1, "2026-06-06", "11:00", "12:00");
        Place(2, "2026-06-06", "11:30", "12:30");
        Place(3, "2026-06-06", "10:15", "10:45");
        Place(4, "2026-06-07", "10:00", "11:30");
        std::vector<domain::User> users(2);
        for (size_t i = 0; i < users.size(); ++i) {
            users[i].email = "page" + std::to_string(i) + "@example.org";
            users[i].display_name = "Page " + std::to_string(i);
            users[i].created_at = "2026-01-01T00:00:00Z";
            users[i].roles.push_back({domain::Role::kVisitor, "", std::nullopt});
        }
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        for (const auto& u : users) users_.push_back(u.id);
    }
    void Place(int i, const std::string& day, const std::string& from, const std::string& to) {
        db_->sql() << "UPDATE session SET day_date = :d, starts_at = :f, ends_at = :t WHERE id = :id",
            soci::use(day), soci::use(from), soci::use(to), soci::use(tours_[i]);
    }
    long long Book(long long user, int tour, const std::string& ticket) {
        store::CapacityStore store(*db_);
        auto session = store.LoadSession(tours_[tour]);
        domain::Booking b;
        b.edition_id = session->edition_id;
        b.session_id = tours_[tour];
        b.user_id = user;
        b.people = 2;
        b.ticket_code = ticket;
        b.created_at = "2026-03-01T10:00:00Z";
        store.InsertBooking(b, "");
        return b.id;
    }
    std::vector<long long> SessionsOf(const Result<std::vector<BookingView>>& views) {
        std::vector<long long> ids;
        for (const auto& v : *views) ids.push_back(v.tour.session_id);
        return ids;
    }

    store::TestFolder folder_{"juo_booking_pages"};
    std::unique_ptr<store::Database> db_;
    std::vector<long long> tours_, users_;
};

TEST_F(BookingPagesTest, OverlappingBookingsAreTheSameDayAndCrossingInTime) {
    Book(users_[0], 1, "AAAAAAAAA1");
    Book(users_[0], 2, "AAAAAAAAA2");
    const long long inside = Book(users_[0], 3, "AAAAAAAAA3");
    Book(users_[0], 4, "AAAAAAAAA4");
    Book(users_[1], 1, "BBBBBBBBB1");  // someone else's
    auto over = OverlappingBookings(*db_, users_[0], tours_[0]);
    ASSERT_TRUE(over.ok()) << over.error().message;
    EXPECT_EQ(SessionsOf(over), (std::vector<long long>{tours_[3], tours_[1]}));  // earliest first
    // Asking about tour 1: its own booking is not counted, tour 2 (11:30) crosses it, 3 (to 10:45) does not.
    auto about_one = OverlappingBookings(*db_, users_[0], tours_[1]);
    ASSERT_TRUE(about_one.ok());
    EXPECT_EQ(SessionsOf(about_one), (std::vector<long long>{tours_[2]}));
    // A cancelled booking does not count.
    store::CapacityStore store(*db_);
    ASSERT_TRUE(store.MarkBookingCancelled(inside, "2026-03-02T10:00:00Z"));
    EXPECT_EQ(SessionsOf(OverlappingBookings(*db_, users_[0], tours_[0])),
              (std::vector<long long>{tours_[1]}));
    EXPECT_TRUE(OverlappingBookings(*db_, users_[1], tours_[2])->size() == 1u);  // their tour 1 crosses 2
    auto none = OverlappingBookings(*db_, users_[1], tours_[4]);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    auto unknown = OverlappingBookings(*db_, users_[0], 99999999);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(BookingPagesTest, TheCalendarFileIsTheOwnersAndCancelsOnceCancelled) {
    const long long id = Book(users_[0], 0, "CCCCCCCCC1");
    auto ics = BookingCalendar(*db_, id, users_[0], "2026-03-01T10:00:00Z");
    ASSERT_TRUE(ics.ok()) << ics.error().message;
    EXPECT_EQ(ics->filename, "visite.ics");
    EXPECT_NE(ics->content_type.find("method=PUBLISH"), std::string::npos);
    EXPECT_NE(ics->text.find("UID:booking-" + std::to_string(id) + "@juo\r\n"), std::string::npos);
    EXPECT_NE(ics->text.find("DTSTART;TZID=Europe/Paris:20260606T100000\r\n"), std::string::npos);
    EXPECT_NE(ics->text.find("SEQUENCE:0\r\n"), std::string::npos);
    auto not_theirs = BookingCalendar(*db_, id, users_[1], "2026-03-01T10:00:00Z");
    ASSERT_FALSE(not_theirs.ok());
    EXPECT_EQ(not_theirs.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(BookingCalendar(*db_, id, std::nullopt, "2026-03-01T10:00:00Z").ok());  // by a manage link
    EXPECT_EQ(BookingCalendar(*db_, 99999999, std::nullopt, "2026-03-01T10:00:00Z").error().code,
              ErrorCode::kNotFound);
    store::CapacityStore store(*db_);
    ASSERT_TRUE(store.MarkBookingCancelled(id, "2026-03-02T10:00:00Z"));
    auto cancelled = BookingCalendar(*db_, id, users_[0], "2026-03-02T10:00:00Z");
    ASSERT_TRUE(cancelled.ok());
    EXPECT_EQ(cancelled->filename, "visite-annulee.ics");
    EXPECT_NE(cancelled->text.find("METHOD:CANCEL\r\n"), std::string::npos);
}

TEST(TicketQr, IsAPngDataUriOnOneLine) {
    auto uri = TicketQrDataUri("9XHQV4H93D");
    ASSERT_TRUE(uri.ok());
    EXPECT_EQ(uri->rfind("data:image/png;base64,iVBORw0KGgo", 0), 0u);  // the PNG signature
    EXPECT_EQ(uri->find_first_of("\r\n "), std::string::npos);
    EXPECT_FALSE(TicketQrDataUri(std::string(5000, 'A')).ok());
}

}  // namespace
}  // namespace juo::services

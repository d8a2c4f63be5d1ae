// Tests of a host's tour edit and deletion (issue 19 item 1) through a real booking engine on the
// seeded replica — SQLite, or PostgreSQL under JUO_TEST_PG_URL (booking/booking_test_fixture.h):
// a new time is written and mailed to every booked visitor (the ticket stays, the calendar event
// moves) and to the waiting list; added places go to the waiting list; capacities below the places
// taken, a booked audience removed, a started tour and a tour that took place are refused with
// nothing changed; a deletion cancels the bookings (places released, visitors mailed), closes the
// waiting list and marks the tour's wishes in pending group requests unavailable.
#include "services/tour_changes.h"

#include <gtest/gtest.h>

#include "booking/booking_test_fixture.h"
#include "services/hosts.h"

namespace juo::services {
namespace {

using booking::Book;
using booking::BookingTest;

constexpr const char* kBefore = "2020-01-01T08:00:00Z";  // before any tour of the replica

class TourChangesTest : public BookingTest {
 protected:
    void SetUp() override {
        BookingTest::SetUp();
        db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(session_), soci::into(site_);
        // The tour belongs to the current edition and its site is approved (the replica's).
        host_.user_id = users_[5];
        host_.roles.push_back({domain::Role::kHost, "", site_});
        auto access = ManagedSite(*db_, std::to_string(site_), host_);
        ASSERT_TRUE(access.ok()) << access.error().message;
        access_ = *access;
        auto tour = SiteTour(*db_, access_, session_);
        ASSERT_TRUE(tour.ok()) << tour.error().message;
        tour_ = *tour;
    }
    // The tour as the form would send it back unchanged.
    TourInput Unchanged() const {
        TourInput in;
        in.day = tour_.day_date;
        in.starts = tour_.starts_at;
        in.ends = tour_.ends_at;
        in.capacity = std::to_string(tour_.capacity_people);
        in.groups = std::to_string(tour_.capacity_groups);
        in.min_level = tour_.min_level;
        for (auto a : tour_.audiences) in.audiences.emplace_back(domain::ToCode(a));
        return in;
    }
    Result<TourEdit> Edit(const TourInput& in, const std::string& now = kBefore) {
        return EditTour(*db_, access_, host_.user_id, session_, in, now, mail_links_, engine_.get());
    }
    long long BookingId(long long user) {
        long long id = 0;
        db_->sql() << "SELECT id FROM booking WHERE user_id = :u AND session_id = :s", soci::use(user),
            soci::use(session_), soci::into(id);
        return id;
    }
    std::string SessionText() {
        std::string day, starts, ends, status;
        int capacity = 0;
        db_->sql() << "SELECT day_date, starts_at, ends_at, capacity_people, status FROM session WHERE id = :s",
            soci::use(session_), soci::into(day), soci::into(starts), soci::into(ends), soci::into(capacity),
            soci::into(status);
        return day + " " + starts + "-" + ends + " " + std::to_string(capacity) + " " + status;
    }
    // The engine runs commands in order: once this returns, what was submitted before has run.
    void Drain() { ASSERT_TRUE(engine_->Call(booking::ExpireOffers{}).ok()); }

    long long site_ = 0;
    auth::Principal host_;
    SiteAccess access_;
    domain::Session tour_;
    TourMailLinks mail_links_{"https://juo.example", nullptr};
};

TEST_F(TourChangesTest, ANewTimeIsMailedToEveryVisitorAndAddedPlacesGoToTheWaitingList) {
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    ASSERT_TRUE(BookParty(users_[1], 4).ok());
    auto waiting = engine_->Call(Book{users_[2], session_, 2, domain::Audience::kPublic, "", true});
    ASSERT_TRUE(waiting.ok());
    ASSERT_EQ(waiting->kind, booking::Outcome::Kind::kWaitlisted);
    const long long changes_before = Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed'");

    TourInput in = Unchanged();
    in.starts = "14:00";
    in.ends = "15:30";
    in.capacity = "12";
    auto edit = Edit(in);
    ASSERT_TRUE(edit.ok()) << edit.error().message;
    EXPECT_TRUE(edit->moved);
    EXPECT_EQ(edit->bookings_mailed, 2);
    EXPECT_EQ(edit->waiting_mailed, 1);
    EXPECT_TRUE(edit->places_added);
    EXPECT_EQ(SessionText(), tour_.day_date + " 14:00-15:30 12 open");
    // Each booked visitor: the new time, the ticket unchanged, the e-mail kind whose .ics moves the
    // event (its revision counted by the audit entry).
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed'"), changes_before + 2);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed' AND booking_id = " +
                    std::to_string(BookingId(users_[0])) + " AND body_text LIKE '%14\u202Fh%'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'booking.tour_moved'"), 2);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.tour_moved'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'session.edit'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE session_id = " + std::to_string(session_) +
                    " AND status = 'confirmed'"),
              2);
    // The two places added are offered to the waiting list by the engine, after the commit.
    Drain();
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'offered' AND session_id = " +
                    std::to_string(session_)),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.offer'"), 1);

    // An edit that only adds capacity mails nobody about a new time.
    in.capacity = "14";
    auto more = Edit(in);
    ASSERT_TRUE(more.ok()) << more.error().message;
    EXPECT_FALSE(more->moved);
    EXPECT_EQ(more->bookings_mailed, 0);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed'"), changes_before + 2);
}

TEST_F(TourChangesTest, AnEditThatWouldDropBookedVisitorsIsRefusedWithNothingChanged) {
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    ASSERT_TRUE(BookParty(users_[1], 3).ok());
    const std::string before = SessionText();
    const long long mails = Count("SELECT count(*) FROM email_outbox");

    TourInput in = Unchanged();
    in.capacity = "8";
    in.starts = "16:00";
    in.ends = "17:00";
    auto low = Edit(in);
    ASSERT_FALSE(low.ok());
    EXPECT_EQ(low.error().code, ErrorCode::kConflict);
    EXPECT_NE(low.error().message_fr.find("9 places sont réservées"), std::string::npos) << low.error().message_fr;

    TourInput no_public = Unchanged();
    no_public.audiences.erase(std::remove(no_public.audiences.begin(), no_public.audiences.end(), "public"),
                              no_public.audiences.end());
    if (no_public.audiences.empty()) no_public.audiences.push_back("school");
    auto dropped = Edit(no_public);
    ASSERT_FALSE(dropped.ok());
    // kConflict when the day admits the remaining audience; kInvalidArgument if it admits no other.
    EXPECT_TRUE(dropped.error().code == ErrorCode::kConflict || dropped.error().code == ErrorCode::kInvalidArgument)
        << dropped.error().message;

    TourInput past = Unchanged();
    past.starts = "05:00";
    auto started = Edit(past, tour_.day_date + "T12:00:00Z");  // the tour has started
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, ErrorCode::kConflict);

    TourInput bad = Unchanged();
    bad.ends = "08:00";
    bad.starts = "09:00";
    auto backwards = Edit(bad);
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(backwards.error().code, ErrorCode::kInvalidArgument);

    EXPECT_EQ(SessionText(), before);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox"), mails);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action IN ('session.edit', 'booking.tour_moved')"), 0);
    // Another site's tour is not this access's.
    auto other = EditTour(*db_, access_, host_.user_id, school_session_ == session_ ? 0 : school_session_,
                          Unchanged(), kBefore, mail_links_, engine_.get());
    long long school_site = 0;
    db_->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(school_session_), soci::into(school_site);
    if (school_site != site_) {
        ASSERT_FALSE(other.ok());
        EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
    }
}

TEST_F(TourChangesTest, ADeletionCancelsEveryBookingClosesTheWaitingListAndMarksWishesUnavailable) {
    ASSERT_TRUE(BookParty(users_[0], 6).ok());
    ASSERT_TRUE(BookParty(users_[1], 4).ok());
    ASSERT_TRUE(engine_->Call(Book{users_[2], session_, 2, domain::Audience::kPublic, "", true}).ok());
    // A pending group request whose second wish is this tour.
    long long edition = access_.edition.id, request = 0;
    db_->sql() << "INSERT INTO group_request (edition_id, audience, level, pupils, adults, latitude, longitude, "
                  "department_code, status, submitted_at) VALUES (:e, 'school', '3e', 20, 2, 45.0, 4.0, '69', "
                  "'pending', '2026-01-10T10:00:00Z')",
        soci::use(edition);
    db_->sql() << "SELECT max(id) FROM group_request", soci::into(request);
    db_->sql() << "INSERT INTO group_request_wish (request_id, rank, session_id) VALUES (:r, 2, :s)",
        soci::use(request), soci::use(session_);

    auto preview = PreviewTourDeletion(*db_, access_, session_, kBefore);
    ASSERT_TRUE(preview.ok()) << preview.error().message;
    EXPECT_EQ(preview->bookings, 2);
    EXPECT_EQ(preview->people, 10);
    EXPECT_EQ(preview->waiting, 1);
    EXPECT_FALSE(preview->took_place);

    const long long cancelled_mails = Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'");
    auto gone = DeleteTour(*db_, access_, host_.user_id, session_, kBefore);
    ASSERT_TRUE(gone.ok()) << gone.error().message;
    EXPECT_EQ(gone->bookings_cancelled, 2);
    EXPECT_EQ(gone->waiting_mailed, 1);
    EXPECT_EQ(gone->wishes_unavailable, 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled'"), cancelled_mails + 2);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.closed'"), 1);
    EXPECT_EQ(PlacesTaken(), 0);  // released
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE session_id = " + std::to_string(session_) +
                    " AND status = 'confirmed'"),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE session_id = " + std::to_string(session_) +
                    " AND status IN ('waiting', 'offered')"),
              0);
    EXPECT_EQ(Count("SELECT count(*) FROM group_request_wish WHERE unavailable_at IS NOT NULL AND request_id = " +
                    std::to_string(request)),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM group_request WHERE status = 'pending' AND id = " + std::to_string(request)),
              1);  // the request itself stays, for its other wishes
    EXPECT_EQ(SessionText().substr(SessionText().size() - 9), "cancelled");
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'session.delete'"), 1);
    // Gone: not found again; the engine books nothing on it.
    auto again = DeleteTour(*db_, access_, host_.user_id, session_, kBefore);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(BookParty(users_[3], 2).ok());
}

TEST_F(TourChangesTest, ATourThatTookPlaceCannotBeDeleted) {
    auto booked = BookParty(users_[0], 3);
    ASSERT_TRUE(booked.ok());
    ASSERT_TRUE(BookParty(users_[1], 2).ok());
    ASSERT_TRUE(engine_->Call(booking::CheckIn{booked->booking->ticket_code, 3, users_[5], nullptr}).ok());
    auto preview = PreviewTourDeletion(*db_, access_, session_, kBefore);
    ASSERT_TRUE(preview.ok());
    EXPECT_TRUE(preview->took_place);
    const std::string before = SessionText();
    auto refused = DeleteTour(*db_, access_, host_.user_id, session_, kBefore);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(SessionText(), before);
    EXPECT_EQ(Count("SELECT count(*) FROM booking WHERE session_id = " + std::to_string(session_) +
                    " AND status = 'confirmed'"),
              2);  // nothing half-applied
    auto started = DeleteTour(*db_, access_, host_.user_id, session_, tour_.day_date + "T23:00:00Z");
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace juo::services

// The booking pages of issue 17, in-process through the router: a guest books without an account
// and lands on the confirmation page (QR code, .ics, map link, manage link); the manage link opens
// the booking and nothing else (wrong or absent token: 403); the party size changes and a
// cancellation asks first; a signed-in visitor lands on the same page; a tour that cannot be
// booked shows its state in a sentence instead of a form. And the tour states themselves.
#include "web/account/tour_state.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

class GuestBookingPagesTest : public PeopleApiTest {
 protected:
    static std::map<std::string, std::string> FormHeaders() {
        return {{"content-type", "application/x-www-form-urlencoded"}};
    }
    static std::string AnonymousToken() {
        return csrf_->AnonymousToken(static_cast<long long>(std::time(nullptr)));
    }
    // A public open tour with room, other than the fixture's, `offset` down the list.
    static long long RoomyTour(int offset) {
        auto db = connections_->Get();
        long long tour = 0;
        (*db)->sql() << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE "
                        "a.audience = 'public' AND s.status = 'open' AND s.capacity_people - s.places_taken >= 10 "
                        "AND s.day_date > '2000-01-01' ORDER BY s.id DESC LIMIT 1 OFFSET " +
                            std::to_string(offset),
            soci::into(tour);
        // The replica's edition is 2025: the tour moves to a future day so that it is not past.
        (*db)->sql() << "UPDATE session SET day_date = '2031-10-04' WHERE id = :s", soci::use(tour);
        return tour;
    }
    static int Taken(long long tour) {
        auto db = connections_->Get();
        int n = 0;
        (*db)->sql() << "SELECT places_taken FROM session WHERE id = :s", soci::use(tour), soci::into(n);
        return n;
    }
    static std::string Query(const std::string& location, const std::string& name) {
        const auto at = location.find(name + "=");
        if (at == std::string::npos) return "";
        const auto start = at + name.size() + 1;
        return location.substr(start, location.find('&', start) - start);
    }
};

TEST_F(GuestBookingPagesTest, AGuestBooksWithoutAnAccountAndManagesByTheLink) {
    const long long tour = RoomyTour(0);
    ASSERT_NE(tour, 0);
    const std::string target = "/reserver/" + std::to_string(tour);
    Answer form = Send("GET", target);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.html.find("f-email"), std::string::npos);
    EXPECT_NE(form.html.find("f-display_name"), std::string::npos);

    const int before = Taken(tour);
    // No or a forged anonymous token, a bad address: refused, nothing booked.
    EXPECT_EQ(Send("POST", target, "email=g%40example.fr&display_name=G&people=2&form_key=g1", FormHeaders()).status,
              403);
    Answer bad = Send("POST", target,
                      "csrf=" + AnonymousToken() + "&email=nope&display_name=G&people=2&form_key=g1", FormHeaders());
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.html.find("aria-invalid"), std::string::npos);
    EXPECT_EQ(Taken(tour), before);

    const std::string body =
        "csrf=" + AnonymousToken() + "&email=Guest.One%40Example.fr&display_name=Guest+One&people=2&form_key=g2";
    Answer booked = Send("POST", target, body, FormHeaders());
    ASSERT_EQ(booked.status, 303) << booked.html;
    EXPECT_EQ(Taken(tour), before + 2);
    EXPECT_EQ(booked.location.rfind("/reservation/", 0), 0u) << booked.location;
    EXPECT_NE(booked.location.find("fait=reservee"), std::string::npos);
    // The same form sent again answers the first booking.
    Answer again = Send("POST", target, body, FormHeaders());
    EXPECT_EQ(again.status, 303);
    EXPECT_EQ(again.location, booked.location);
    EXPECT_EQ(Taken(tour), before + 2);

    // The confirmation page: QR code, code, .ics, address with a map link, safety rules, manage link.
    Answer page = Send("GET", booked.location);
    ASSERT_EQ(page.status, 200) << page.html;
    EXPECT_NE(page.html.find("data-ticket-code"), std::string::npos);
    EXPECT_NE(page.html.find("src=\"data:image/png;base64,"), std::string::npos);  // the QR code
    EXPECT_NE(page.html.find("data-ics-link"), std::string::npos);
    EXPECT_NE(page.html.find("https://www.openstreetmap.org/?mlat="), std::string::npos);
    EXPECT_NE(page.html.find("data-manage-link"), std::string::npos);
    EXPECT_NE(page.html.find("data-account-offer"), std::string::npos);  // offered, not required
    EXPECT_NE(page.html.find("inscription?email=guest.one%40example.fr"), std::string::npos);

    const std::string token = Query(booked.location, "jeton");
    ASSERT_FALSE(token.empty());
    const std::string path = booked.location.substr(0, booked.location.find('?'));
    const long long id = std::stoll(path.substr(std::string("/reservation/").size()));
    // The token opens this booking only.
    EXPECT_EQ(Send("GET", path).status, 403);
    EXPECT_EQ(Send("GET", path + "?jeton=" + token.substr(1)).status, 403);
    EXPECT_EQ(Send("GET", "/reservation/" + std::to_string(id + 1) + "?jeton=" + token).status, 403);
    EXPECT_EQ(Send("GET", "/reservation/abc?jeton=" + token).status, 403);
    EXPECT_EQ(Send("GET", path + "/agenda.ics?jeton=x").status, 403);
    Answer ics = Send("GET", path + "/agenda.ics?jeton=" + token);
    EXPECT_EQ(ics.status, 200);
    EXPECT_NE(ics.raw.find("BEGIN:VCALENDAR"), std::string::npos);

    // Change the party size by the link.
    Answer changed = Send("POST", path,
                          "csrf=" + AnonymousToken() + "&jeton=" + token + "&action=change&people=3", FormHeaders());
    ASSERT_EQ(changed.status, 303) << changed.html;
    EXPECT_EQ(Taken(tour), before + 3);
    EXPECT_NE(Send("GET", changed.location).html.find("3 personnes"), std::string::npos);
    EXPECT_EQ(Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=wrong&action=change&people=1", FormHeaders())
                  .status,
              403);
    EXPECT_EQ(Send("POST", path, "csrf=forged&jeton=" + token + "&action=change&people=1", FormHeaders()).status, 403);
    EXPECT_EQ(Taken(tour), before + 3);

    // Cancelling asks first (the link, then the form's confirmation).
    Answer ask = Send("GET", path + "?jeton=" + token + "&annuler=1");
    EXPECT_EQ(ask.status, 200);
    EXPECT_NE(ask.html.find("data-cancel-confirm"), std::string::npos);
    Answer unconfirmed =
        Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=" + token + "&action=cancel", FormHeaders());
    EXPECT_EQ(unconfirmed.status, 200);
    EXPECT_NE(unconfirmed.html.find("data-cancel-confirm"), std::string::npos);
    EXPECT_EQ(Taken(tour), before + 3);
    Answer cancelled = Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=" + token + "&action=cancel&confirm=1",
                            FormHeaders());
    ASSERT_EQ(cancelled.status, 303) << cancelled.html;
    EXPECT_EQ(Taken(tour), before);
    Answer after = Send("GET", cancelled.location);
    EXPECT_EQ(after.status, 200);
    EXPECT_EQ(after.html.find("data-cancel-link"), std::string::npos);  // nothing left to change
}

TEST_F(GuestBookingPagesTest, ASignedInVisitorLandsOnTheSamePageAndMyBookingsAsksBeforeCancelling) {
    const long long tour = RoomyTour(1);
    ASSERT_NE(tour, 0);
    const std::string target = "/reserver/" + std::to_string(tour);
    std::map<std::string, std::string> cookie{{"cookie", "juo_session=" + session_ids_[6]},
                                              {"content-type", "application/x-www-form-urlencoded"}};
    const std::string csrf = csrf_->SessionToken(session_ids_[6]);
    Answer form = Send("GET", target, "", cookie);
    ASSERT_EQ(form.status, 200);
    EXPECT_EQ(form.html.find("f-email"), std::string::npos);  // today's form
    const int before = Taken(tour);
    Answer booked = Send("POST", target, "csrf=" + csrf + "&people=2&form_key=s1", cookie);
    ASSERT_EQ(booked.status, 303) << booked.html;
    Answer page = Send("GET", booked.location, "", cookie);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.html.find("data-ticket-code"), std::string::npos);
    EXPECT_EQ(page.html.find("data-account-offer"), std::string::npos) << page.html.substr(page.html.find("<main"));  // already has an account

    long long id = 0;
    auto db = connections_->Get();
    (*db)->sql() << "SELECT MAX(id) FROM booking WHERE session_id = :s", soci::use(tour), soci::into(id);
    const std::string b = std::to_string(id);
    Answer mine = Send("GET", "/compte/reservations", "", cookie);
    EXPECT_NE(mine.html.find("name=\"action\" value=\"change\""), std::string::npos);
    Answer ask = Send("POST", "/compte/reservations", "csrf=" + csrf + "&action=cancel&booking=" + b, cookie);
    EXPECT_EQ(ask.status, 200);
    EXPECT_NE(ask.html.find("name=\"confirm\" value=\"1\""), std::string::npos);
    EXPECT_EQ(Taken(tour), before + 2);
    Answer changed =
        Send("POST", "/compte/reservations", "csrf=" + csrf + "&action=change&people=1&booking=" + b, cookie);
    EXPECT_EQ(changed.status, 303) << changed.html;
    EXPECT_EQ(Taken(tour), before + 1);
    Answer done =
        Send("POST", "/compte/reservations", "csrf=" + csrf + "&action=cancel&confirm=1&booking=" + b, cookie);
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(Taken(tour), before);
}

TEST_F(GuestBookingPagesTest, AToursStateReplacesTheForm) {
    auto db = connections_->Get();
    long long school = 0;
    (*db)->sql() << "SELECT MIN(s.id) FROM session s WHERE s.status = 'open' AND NOT EXISTS (SELECT 1 FROM "
                    "session_audience a WHERE a.session_id = s.id AND a.audience = 'public')",
        soci::into(school);
    if (school == 0) GTEST_SKIP() << "no tour for groups only in the replica";
    (*db)->sql() << "UPDATE session SET day_date = '2031-10-03' WHERE id = :s", soci::use(school);
    Answer page = Send("GET", "/reserver/" + std::to_string(school));
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.html.find("<form class=\"form\""), std::string::npos);
    EXPECT_NE(page.html.find("réservée aux groupes"), std::string::npos);
    Answer post = Send("POST", "/reserver/" + std::to_string(school),
                       "csrf=" + AnonymousToken() + "&email=x%40example.fr&display_name=X&people=1&form_key=z",
                       FormHeaders());
    EXPECT_EQ(post.status, 409);
}

// [block: waiting-list offer by its link]
// Issue 17: a guest on a waiting list accepts the offer by the e-mail's link, without an account:
// the page shows the offer, "Accepter ces places" lands on the booking's confirmation; the link opens its
// entry only; once accepted the page says so (409) and leads to the booking; the API does the same.
TEST_F(GuestBookingPagesTest, AGuestAcceptsAWaitingListOfferByTheLink) {
    const long long tour = RoomyTour(2);
    ASSERT_NE(tour, 0);
    auto db = connections_->Get();
    (*db)->sql() << "UPDATE session SET capacity_people = places_taken + 2 WHERE id = :s", soci::use(tour);
    const std::string target = "/reserver/" + std::to_string(tour);
    Answer booked =
        Send("POST", target,
             "csrf=" + AnonymousToken() + "&email=first%40example.fr&display_name=First&people=2&form_key=o1",
             FormHeaders());
    ASSERT_EQ(booked.status, 303) << booked.html;
    Answer waits =
        Send("POST", target,
             "csrf=" + AnonymousToken() +
                 "&email=waiting%40example.fr&display_name=Waiting&people=2&waitlist=1&form_key=o2",
             FormHeaders());
    ASSERT_EQ(waits.status, 202) << waits.html;
    const int taken = Taken(tour);
    // The first guest cancels by the manage link: the places are offered to the waiting guest.
    const std::string manage = booked.location.substr(0, booked.location.find('?'));
    Answer cancelled = Send(
        "POST", manage,
        "csrf=" + AnonymousToken() + "&jeton=" + Query(booked.location, "jeton") + "&action=cancel&confirm=1",
        FormHeaders());
    ASSERT_EQ(cancelled.status, 303) << cancelled.html;
    EXPECT_EQ(Taken(tour), taken);  // freed, then held for the offer
    std::string mail;
    (*db)->sql() << "SELECT body_text FROM email_outbox WHERE kind = 'waitlist.offer' AND to_address = "
                    "'waiting@example.fr'",
        soci::into(mail);
    const auto at = mail.find("/liste-attente/offre/");
    ASSERT_NE(at, std::string::npos) << mail;
    const std::string link = mail.substr(at, mail.find_first_of(" \n", at) - at);
    const std::string path = link.substr(0, link.find('?'));
    const std::string token = Query(link, "jeton");
    ASSERT_EQ(token.size(), 43u) << link;
    EXPECT_NE(mail.find("(heure de Paris)"), std::string::npos);

    Answer page = Send("GET", link);
    ASSERT_EQ(page.status, 200) << page.html;
    EXPECT_NE(page.html.find("Places réservées pour 2 personnes jusqu&apos;au"), std::string::npos)
        << page.html;
    EXPECT_NE(page.html.find(">Accepter ces places</button>"), std::string::npos);
    // The link opens its entry only; each wrong one gets the same 403.
    EXPECT_EQ(Send("GET", path).status, 403);
    EXPECT_EQ(Send("GET", path + "?jeton=" + token.substr(1)).status, 403);
    const long long entry = std::stoll(path.substr(std::string("/liste-attente/offre/").size()));
    EXPECT_EQ(Send("GET", "/liste-attente/offre/" + std::to_string(entry + 1) + "?jeton=" + token).status,
              403);
    EXPECT_EQ(Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=wrong", FormHeaders()).status, 403);
    EXPECT_EQ(Send("POST", path, "csrf=forged&jeton=" + token, FormHeaders()).status, 403);
    EXPECT_EQ(Send("POST", "/api/v1/waitlist/offers/accept",
                   "{\"entry_id\":" + std::to_string(entry) + ",\"token\":\"" + token.substr(1) + "A\"}")
                  .status,
              403);
    long long bookings = 0;
    (*db)->sql() << "SELECT count(*) FROM booking b JOIN app_user u ON u.id = b.user_id WHERE u.email = "
                    "'waiting@example.fr'",
        soci::into(bookings);
    EXPECT_EQ(bookings, 0);

    Answer accepted = Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=" + token, FormHeaders());
    ASSERT_EQ(accepted.status, 303) << accepted.html;
    EXPECT_EQ(accepted.location.rfind("/reservation/", 0), 0u) << accepted.location;
    EXPECT_NE(accepted.location.find("fait=reservee"), std::string::npos);
    EXPECT_EQ(Taken(tour), taken);  // the held places became the booking
    Answer confirmation = Send("GET", accepted.location);
    ASSERT_EQ(confirmation.status, 200);
    EXPECT_NE(confirmation.html.find("data-ticket-code"), std::string::npos);
    EXPECT_NE(confirmation.html.find("src=\"data:image/png;base64,"), std::string::npos);

    // Replayed: refused, one booking; the page then leads to it.
    EXPECT_EQ(Send("POST", path, "csrf=" + AnonymousToken() + "&jeton=" + token, FormHeaders()).status, 409);
    EXPECT_EQ(Send("POST", "/api/v1/waitlist/offers/accept",
                   "{\"entry_id\":" + std::to_string(entry) + ",\"token\":\"" + token + "\"}")
                  .status,
              409);
    EXPECT_EQ(
        Send("POST", "/api/v1/waitlist/offers/accept", "{\"entry_id\":" + std::to_string(entry) + "}").status,
        400);
    (*db)->sql() << "SELECT count(*) FROM booking b JOIN app_user u ON u.id = b.user_id WHERE u.email = "
                    "'waiting@example.fr'",
        soci::into(bookings);
    EXPECT_EQ(bookings, 1);
    Answer again = Send("GET", link);
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.html.find("Vous avez déjà accepté cette offre"), std::string::npos);
    EXPECT_NE(again.html.find(accepted.location.substr(0, accepted.location.find('&'))), std::string::npos);
}
// [end of block: waiting-list offer by its link]

services::SessionForBooking Tour() {
    services::SessionForBooking t;
    t.status = "open";
    t.edition_status = "open";
    t.participation_status = "approved";
    t.day_date = "2030-10-05";
    t.starts_at = "10:00";
    t.ends_at = "11:30";
    t.capacity_people = 10;
    t.places_taken = 2;
    t.audiences = {domain::Audience::kPublic};
    return t;
}

TEST(TourStateTest, EveryStateHasItsSentenceWithFrenchDates) {
    const std::string now = "2030-10-01T08:00:00Z";
    auto t = Tour();
    EXPECT_EQ(StateOf(t, now), TourState::kBookable);
    t.places_taken = 10;
    EXPECT_EQ(StateOf(t, now), TourState::kFull);
    t = Tour();
    t.edition_status = "closed";
    EXPECT_EQ(StateOf(t, now), TourState::kEditionClosed);
    EXPECT_EQ(StateSentence(StateOf(t, now), t, Lang::kFr), "Cette édition est terminée\u00a0: les réservations sont closes.");
    t.edition_status = "draft";
    EXPECT_EQ(StateOf(t, now), TourState::kEditionNotOpen);
    t = Tour();
    t.registration_opens_at = "2030-10-02T08:00:00Z";
    EXPECT_EQ(StateOf(t, now), TourState::kNotOpenYet);
    EXPECT_EQ(StateSentence(TourState::kNotOpenYet, t, Lang::kFr),
              "Les réservations ouvrent le mercredi 2 octobre 2030 à 10\u202fh.");
    t = Tour();
    t.registration_closes_at = "2030-09-30T20:00:00Z";
    EXPECT_EQ(StateOf(t, now), TourState::kRegistrationOver);
    t = Tour();
    EXPECT_EQ(StateOf(t, "2030-10-05T08:30:00Z"), TourState::kPast);  // 10:30 in Paris: started
    EXPECT_EQ(StateOf(t, "2030-10-05T07:30:00Z"), TourState::kBookable);
    EXPECT_EQ(StateSentence(TourState::kPast, t, Lang::kFr), "Cette visite a eu lieu le samedi 5 octobre 2030.");
    t.audiences = {domain::Audience::kSchool};
    EXPECT_EQ(StateOf(t, now), TourState::kOtherAudience);
    t = Tour();
    t.participation_status = "pending";
    EXPECT_EQ(StateOf(t, now), TourState::kUnavailable);
}

}  // namespace
}  // namespace juo::web

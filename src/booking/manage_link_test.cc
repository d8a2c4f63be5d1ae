// Manage links: the right token opens, a wrong, absent or other booking's token does not; the
// confirmation, change and reminder e-mails carry the link. Offer links the same way, and the offer
// e-mail carries its accept link and a deadline in Paris time.
#include "booking/manage_link.h"

#include <gtest/gtest.h>

#include "booking/emails.h"

namespace juo::booking {
namespace {

TEST(ManageLinks, TheRightTokenOpensItsBookingOnly) {
    ManageLinks links(std::string(32, 'k'));
    const std::string token = links.Token(42, "8Q4A33JD");
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(links.Check(42, "8Q4A33JD", token));
    EXPECT_FALSE(links.Check(43, "8Q4A33JD", token));  // another booking
    EXPECT_FALSE(links.Check(42, "8Q4A33JE", token));  // another ticket
    EXPECT_FALSE(links.Check(42, "8Q4A33JD", ""));
    EXPECT_FALSE(links.Check(42, "8Q4A33JD", token.substr(1)));
    std::string forged = token;
    forged[0] = forged[0] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(links.Check(42, "8Q4A33JD", forged));
    EXPECT_EQ(links.Path(42, "8Q4A33JD"), "/reservation/42?jeton=" + token);
}

TEST(ManageLinks, AnotherSecretMakesAnotherToken) {
    ManageLinks a(std::string(32, 'a')), b(std::string(32, 'b'));
    EXPECT_NE(a.Token(1, "X"), b.Token(1, "X"));
    EXPECT_FALSE(b.Check(1, "X", a.Token(1, "X")));
    // The id and the code cannot slide into each other.
    EXPECT_NE(a.Token(12, "3X"), a.Token(1, "23X"));
}

}  // namespace
}  // namespace juo::booking


namespace juo::booking {
namespace {

// The confirmation e-mail carries the manage link when it is given, "my bookings" otherwise.
TEST(ManageLinks, TheConfirmationEmailCarriesTheLink) {
    store::UserContact to{7, "guest@example.org", "Guest", "fr"};
    domain::Booking b;
    b.id = 42;
    b.people = 2;
    b.ticket_code = "8Q4A33JD7K";
    store::SessionForBooking s;
    s.site_name = "Usine";
    s.day_date = "2031-10-04";
    s.starts_at = "10:00";
    s.ends_at = "11:30";
    ManageLinks links(std::string(32, 'k'));
    auto with = ConfirmationEmail(to, b, s, "https://juo.example", links.Path(b.id, b.ticket_code));
    EXPECT_NE(with.body_text.find("https://juo.example" + links.Path(b.id, b.ticket_code)), std::string::npos);
    EXPECT_EQ(with.body_text.find("/compte/reservations"), std::string::npos);
    auto without = ConfirmationEmail(to, b, s, "https://juo.example");
    EXPECT_NE(without.body_text.find("https://juo.example/compte/reservations"), std::string::npos);
    EXPECT_EQ(without.body_text.find("jeton="), std::string::npos);
}

}  // namespace
}  // namespace juo::booking

// [block: waiting-list offer by its link]
namespace juo::booking {
namespace {

TEST(OfferLinks, TheRightTokenOpensItsEntryOnly) {
    ManageLinks links(std::string(32, 'k'));
    const std::string at = "2026-03-01T10:00:00Z";
    const std::string token = links.OfferToken(42, at);
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(links.CheckOffer(42, at, token));
    EXPECT_FALSE(links.CheckOffer(43, at, token));                      // another entry
    EXPECT_FALSE(links.CheckOffer(42, "2026-03-01T10:00:01Z", token));  // an entry made at another time
    EXPECT_FALSE(links.CheckOffer(42, at, ""));
    EXPECT_FALSE(links.CheckOffer(42, at, token + "A"));
    // The purposes keep the two links apart: a manage token never accepts an offer, nor the reverse.
    EXPECT_NE(links.Token(42, at), token);
    EXPECT_FALSE(links.Check(42, at, token));
    EXPECT_FALSE(links.CheckOffer(42, at, links.Token(42, at)));
    EXPECT_FALSE(ManageLinks(std::string(32, 'x')).CheckOffer(42, at, token));  // another secret
    EXPECT_EQ(links.OfferPath(42, at), "/liste-attente/offre/42?jeton=" + token);
}

// Issues 17 and 21: the leave link is signed ("ID.MAC"), so no usable token is stored.
TEST(LeaveLinks, TheRightTokenLeavesItsEntryOnly) {
    ManageLinks links(std::string(32, 'k'));
    const std::string at = "2026-03-01T10:00:00Z";
    const std::string token = links.LeaveToken(42, at);
    EXPECT_EQ(token.rfind("42.", 0), 0u);
    EXPECT_EQ(ManageLinks::LeaveTokenEntry(token), 42);
    EXPECT_TRUE(links.CheckLeave(42, at, token));
    EXPECT_FALSE(links.CheckLeave(43, at, token));
    EXPECT_FALSE(links.CheckLeave(42, "2026-03-01T10:00:01Z", token));
    EXPECT_FALSE(links.CheckLeave(43, at, "43" + token.substr(2)));  // the id changed, not the MAC
    EXPECT_FALSE(links.CheckLeave(42, at, links.OfferToken(42, at)));  // the offer's purpose
    EXPECT_FALSE(ManageLinks(std::string(32, 'x')).CheckLeave(42, at, token));
    // Tokens of entries made before the signed link are random base64url: no dot, no entry.
    EXPECT_FALSE(ManageLinks::LeaveTokenEntry("Zm9vYmFyYmF6cXV4cXV1eA"));
    EXPECT_FALSE(ManageLinks::LeaveTokenEntry(".abc"));
    EXPECT_FALSE(ManageLinks::LeaveTokenEntry("0.abc"));
    EXPECT_FALSE(ManageLinks::LeaveTokenEntry("12a.abc"));
    EXPECT_FALSE(ManageLinks::LeaveTokenEntry("99999999999999999999.abc"));
}

store::SessionForBooking Tour() {
    store::SessionForBooking s;
    s.site_name = "Usine";
    s.site_postcode = "69001";
    s.site_commune = "Lyon";
    s.day_date = "2031-10-04";
    s.starts_at = "10:00";
    s.ends_at = "11:30";
    return s;
}

// The offer e-mail carries the signed accept link (no account) and its deadline in Paris time;
// without a link, "my bookings" with the offer.
TEST(OfferLinks, TheOfferEmailCarriesTheAcceptLinkAndAParisDeadline) {
    store::UserContact to{7, "guest@example.org", "Guest", "fr"};
    domain::WaitlistEntry entry;
    entry.id = 42;
    entry.people = 3;
    entry.offer_expires_at = "2031-10-02T10:30:00Z";  // CEST: 12:30 in Paris
    entry.created_at = "2031-09-01T08:00:00Z";
    ManageLinks links(std::string(32, 'k'));
    const std::string path = links.OfferPath(entry.id, entry.created_at);
    auto with = OfferEmail(to, entry, "LEAVE", Tour(), "https://juo.example", path);
    EXPECT_NE(with.body_text.find("Acceptez-les ici (sans compte) : https://juo.example" + path),
              std::string::npos)
        << with.body_text;
    EXPECT_NE(with.body_text.find("jusqu'au jeudi 2 octobre 2031 à 12\u202Fh\u202F30 (heure de Paris)"),
              std::string::npos)
        << with.body_text;
    EXPECT_NE(with.body_text.find("until Thursday 2 October 2031 at 12:30 (Paris time)"), std::string::npos);
    EXPECT_EQ(with.body_text.find("(UTC)"), std::string::npos);
    EXPECT_EQ(with.body_text.find("/compte/reservations"), std::string::npos);
    EXPECT_NE(with.body_text.find("https://juo.example/liste-attente/quitter?jeton=LEAVE"),
              std::string::npos);
    auto without = OfferEmail(to, entry, "LEAVE", Tour(), "https://juo.example");
    EXPECT_NE(without.body_text.find("https://juo.example/compte/reservations?offre=42"), std::string::npos);
    EXPECT_EQ(without.body_text.find("/liste-attente/offre/"), std::string::npos);
}

// The changed-booking and reminder e-mails lead to the booking's manage link, then to "my
// bookings" for account holders; without a link, to "my bookings" only.
TEST(OfferLinks, TheChangedAndReminderEmailsCarryTheManageLink) {
    store::UserContact to{7, "guest@example.org", "Guest", "en"};
    domain::Booking b;
    b.id = 42;
    b.people = 2;
    b.ticket_code = "8Q4A33JD7K";
    ManageLinks links(std::string(32, 'k'));
    const std::string manage = "https://juo.example" + links.Path(b.id, b.ticket_code);
    const auto changed =
        ChangedEmail(to, b, Tour(), 3, "https://juo.example", links.Path(b.id, b.ticket_code));
    const auto reminder =
        ReminderEmail(to, b, Tour(), "https://juo.example", links.Path(b.id, b.ticket_code));
    EXPECT_NE(changed.body_text.find("See, change or cancel this booking: " + manage), std::string::npos)
        << changed.body_text;
    EXPECT_NE(changed.body_text.find("Voir, modifier ou annuler cette réservation : " + manage),
              std::string::npos);
    EXPECT_NE(reminder.body_text.find("Cannot come? Free your places: " + manage), std::string::npos)
        << reminder.body_text;
    EXPECT_NE(reminder.body_text.find("Un empêchement ? Libérez vos places : " + manage), std::string::npos);
    for (const auto* e : {&changed, &reminder}) {
        EXPECT_NE(
            e->body_text.find("Have an account? Your bookings: https://juo.example/compte/reservations"),
            std::string::npos);
        EXPECT_NE(e->body_text.find(
                      "Vous avez un compte ? Vos réservations : https://juo.example/compte/reservations"),
                  std::string::npos);
    }
    const auto old = ReminderEmail(to, b, Tour(), "https://juo.example");
    EXPECT_NE(old.body_text.find("Free your places: https://juo.example/compte/reservations"),
              std::string::npos);
    EXPECT_EQ(old.body_text.find("jeton="), std::string::npos);
}

}  // namespace
}  // namespace juo::booking
// [end of block: waiting-list offer by its link]

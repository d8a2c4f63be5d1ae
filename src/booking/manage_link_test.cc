// Manage links: the right token opens, a wrong, absent or other booking's token does not; the
// confirmation e-mail carries the link.
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

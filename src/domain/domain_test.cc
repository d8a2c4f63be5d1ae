// Unit tests of the domain rules.
#include <gtest/gtest.h>

#include "common/french_dates.h"
#include "domain/booking.h"
#include "domain/edition.h"
#include "domain/group_request.h"
#include "domain/internship.h"
#include "domain/media.h"
#include "domain/school.h"
#include "domain/session.h"
#include "domain/site.h"
#include "domain/survey.h"
#include "domain/user.h"

namespace juo::domain {
namespace {

Edition ValidEdition() {
    Edition e;
    e.year = 2025;
    e.name = "1re édition";
    e.days = {{0, "2025-04-04", {Audience::kSchool, Audience::kJobSeekers}},
              {0, "2025-04-05", {Audience::kPublic}}};
    return e;
}

TEST(Edition, ValidEditionPasses) { EXPECT_TRUE(ValidateEdition(ValidEdition()).ok()); }

TEST(Edition, RejectsBadDaysAndYears) {
    auto e = ValidEdition();
    e.days[1].date = "2025-02-30";
    EXPECT_EQ(ValidateEdition(e).error().code, ErrorCode::kInvalidArgument);
    e = ValidEdition();
    e.days[1].date = "2026-04-05";
    EXPECT_FALSE(ValidateEdition(e).ok());
    e = ValidEdition();
    e.days[1].date = e.days[0].date;
    EXPECT_FALSE(ValidateEdition(e).ok());
    e = ValidEdition();
    e.days[0].audiences.clear();
    EXPECT_FALSE(ValidateEdition(e).ok());
    e = ValidEdition();
    e.year = 2024;
    EXPECT_FALSE(ValidateEdition(e).ok());
    e = ValidEdition();
    e.max_party_size = 0;
    EXPECT_FALSE(ValidateEdition(e).ok());
}

TEST(Edition, DatesAndTimes) {
    EXPECT_TRUE(IsValidDate("2028-02-29"));
    EXPECT_FALSE(IsValidDate("2027-02-29"));
    EXPECT_FALSE(IsValidDate("2100-02-29"));
    EXPECT_FALSE(IsValidDate("2025-4-04"));
    EXPECT_TRUE(IsValidTime("09:30"));
    EXPECT_FALSE(IsValidTime("24:00"));
    EXPECT_FALSE(IsValidTime("9:30"));
}

TEST(Edition, ParsesYears) {
    EXPECT_EQ(*ParseEditionYear("2025"), 2025);
    EXPECT_FALSE(ParseEditionYear("2024").ok());
    EXPECT_FALSE(ParseEditionYear("20x5").ok());
    EXPECT_FALSE(ParseEditionYear("").ok());
    EXPECT_FALSE(ParseEditionYear("2025 ").ok());
    EXPECT_NE(ParseEditionYear("abc").error().message.find("abc"), std::string::npos);
}

TEST(Site, SiretChecksum) {
    EXPECT_TRUE(IsValidSiret("73282932000074"));   // a well-known valid SIRET
    EXPECT_FALSE(IsValidSiret("73282932000075"));  // last digit changed
    EXPECT_FALSE(IsValidSiret("7328293200007"));
    EXPECT_FALSE(IsValidSiret("7328293200007A"));
    EXPECT_TRUE(IsValidSiret("35600000049837"));  // La Poste rule: digit sum multiple of 5
}

TEST(Site, Validation) {
    Site s;
    s.name = "Ateliers";
    s.naf_code = "29.10Z";
    s.naf_division = "29";
    s.postcode = "69001";
    s.commune_code = "69123";
    s.department_code = "69";
    s.region_code = "84";
    s.position = {45.76, 4.83};
    EXPECT_TRUE(ValidateSite(s).ok());
    auto bad = s;
    bad.naf_division = "30";
    EXPECT_FALSE(ValidateSite(bad).ok());
    bad = s;
    bad.naf_code = "2910Z";
    EXPECT_FALSE(ValidateSite(bad).ok());
    bad = s;
    bad.postcode = "6900";
    EXPECT_FALSE(ValidateSite(bad).ok());
    bad = s;
    bad.position = {95, 4};
    EXPECT_FALSE(ValidateSite(bad).ok());
    bad = s;
    bad.siret = "12345678901234";
    EXPECT_FALSE(ValidateSite(bad).ok());
}

Session ValidSession() {
    Session s;
    s.day_date = "2025-04-04";
    s.starts_at = "09:00";
    s.ends_at = "11:00";
    s.capacity_people = 60;
    s.capacity_groups = 2;
    s.audiences = {Audience::kSchool};
    return s;
}

TEST(Session, ValidationAndFit) {
    auto s = ValidSession();
    EXPECT_TRUE(ValidateSession(s).ok());
    EXPECT_TRUE(Fits(s, 30, true));
    EXPECT_FALSE(Fits(s, 61, true));
    s.groups_taken = 2;
    s.places_taken = 50;
    EXPECT_FALSE(Fits(s, 5, true));   // no group slot left
    EXPECT_TRUE(Fits(s, 10, false));  // but ten places for a party
    EXPECT_FALSE(Fits(s, 11, false));
    s.status = SessionStatus::kClosed;
    EXPECT_FALSE(Fits(s, 1, false));

    auto bad = ValidSession();
    bad.ends_at = "08:00";
    auto early = ValidateSession(bad);
    ASSERT_FALSE(early.ok());
    // A sentence with the times as the form shows them.
    EXPECT_EQ(early.error().message_fr, "l'heure de fin (8\u202Fh) doit être après l'heure de début (" +
                                            ClockTime(bad.starts_at, DateLang::kFr) + ")");
    bad = ValidSession();
    bad.capacity_groups = 0;
    EXPECT_FALSE(ValidateSession(bad).ok());
    bad = ValidSession();
    bad.audiences = {Audience::kPublic};
    EXPECT_FALSE(ValidateSession(bad).ok());  // a public session with a group capacity
    bad.capacity_groups = 0;
    EXPECT_TRUE(ValidateSession(bad).ok());
}

TEST(GroupRequest, Validation) {
    GroupRequest r;
    r.level = "3e";
    r.pupils = 24;
    r.adults = 2;
    r.position = {45, 4};
    r.wishes = {{1, 10, std::nullopt}, {2, std::nullopt, 7}};
    EXPECT_TRUE(ValidateGroupRequest(r).ok());
    auto bad = r;
    bad.wishes[1].rank = 3;
    EXPECT_FALSE(ValidateGroupRequest(bad).ok());
    bad = r;
    bad.pupils = 0;
    EXPECT_FALSE(ValidateGroupRequest(bad).ok());
    bad = r;
    bad.level = "6e";
    EXPECT_FALSE(ValidateGroupRequest(bad).ok());
    bad = r;
    bad.audience = Audience::kPublic;
    EXPECT_FALSE(ValidateGroupRequest(bad).ok());
    bad = r;
    bad.wishes.clear();
    EXPECT_FALSE(ValidateGroupRequest(bad).ok());
    bad.radius_km = 30;
    EXPECT_TRUE(ValidateGroupRequest(bad).ok());
    EXPECT_LT(LevelRank("3e"), LevelRank("terminale"));
}

TEST(Booking, PartyAndAttendance) {
    EXPECT_TRUE(ValidatePartySize(6, 6).ok());
    EXPECT_FALSE(ValidatePartySize(7, 6).ok());
    EXPECT_FALSE(ValidatePartySize(0, 6).ok());
    EXPECT_TRUE(ValidateAttended(0, 4).ok());
    EXPECT_FALSE(ValidateAttended(9, 4).ok());
}

// One ticket format everywhere: what the QR code holds, what the ticket shows, what a host types.
TEST(Booking, TicketCodesAreNormalised) {
    EXPECT_EQ(NormaliseTicketCode("9XHQV4H93D"), "9XHQV4H93D");
    EXPECT_EQ(NormaliseTicketCode("JUO:9XHQV4H93D"), "9XHQV4H93D");
    EXPECT_EQ(NormaliseTicketCode("juo:9xhqv4h93d"), "9XHQV4H93D");
    EXPECT_EQ(NormaliseTicketCode("8Q4A-33JD"), "8Q4A33JD");
    EXPECT_EQ(NormaliseTicketCode("  Juo: 8q4a 33jd-k5\t"), "8Q4A33JDK5");
    EXPECT_EQ(NormaliseTicketCode("JUO:"), "");
    EXPECT_EQ(NormaliseTicketCode(" - "), "");
    // Prefixes however spaced, and repeated ones, all go (codes never hold ':'): a normalised code
    // normalises to itself (fuzz/ticket_code_fuzz.cc found "jU-O:   \xb7" left "JUO:\xb7").
    EXPECT_EQ(NormaliseTicketCode("JUO:JUO:AB"), "AB");
    EXPECT_EQ(NormaliseTicketCode("jU-O:   \xb7"), "\xb7");
    for (const char* text : {"JUO:JUO:AB", "J U O:ab", "-juo:x", "JUO:-JUO: 9x", "::JUO:"})
        EXPECT_EQ(NormaliseTicketCode(NormaliseTicketCode(text)), NormaliseTicketCode(text)) << text;
    EXPECT_EQ(NormaliseTicketCode("JU"), "JU");
}

TEST(Codes, RoundTrip) {
    for (const auto& [value, code] : kAudienceCodes) EXPECT_EQ(ParseAudience(code), value);
    for (const auto& [value, code] : kRoleCodes) EXPECT_EQ(ParseRole(code), value);
    EXPECT_FALSE(ParseMediaKind("radio").has_value());
    EXPECT_EQ(ToCode(MediaKind::kBroadcast), "broadcast");
}

TEST(Misc, SchoolsMediaSurveysInternshipsUsers) {
    EXPECT_TRUE(IsValidUai("0691234A"));
    EXPECT_FALSE(IsValidUai("069123A"));
    MediaMention m{0, 1, MediaKind::kWeb, "Le Progrès", "", "2025-04-05", "ftp://x", ""};
    EXPECT_FALSE(ValidateMediaMention(m).ok());
    m.url = "https://example.org/a";
    EXPECT_TRUE(ValidateMediaMention(m).ok());
    SurveyQuestion q;
    q.kind = QuestionKind::kRating;
    SurveyAnswer a;
    a.rating = 6;
    EXPECT_FALSE(ValidateAnswer(q, a).ok());
    a.rating = 5;
    EXPECT_TRUE(ValidateAnswer(q, a).ok());
    InternshipOffer o;
    o.title = "Stage de 3e";
    o.places = 2;
    o.filled = 3;
    EXPECT_FALSE(ValidateInternshipOffer(o).ok());
    EXPECT_TRUE(IsPlausibleEmail("a.b@example.fr"));
    EXPECT_FALSE(IsPlausibleEmail("a b@example.fr"));
    EXPECT_FALSE(IsPlausibleEmail("ab@example"));
}

TEST(Media, SocialMentionCounts) {
    SocialMentions s{0, 1, "linkedin", "2026-04-01", "2026-04-07", 12};
    EXPECT_TRUE(ValidateSocialMentions(s).ok());
    s.period_end = s.period_start;  // one day
    EXPECT_TRUE(ValidateSocialMentions(s).ok());
    s.mentions = 0;
    EXPECT_TRUE(ValidateSocialMentions(s).ok());
    auto refused = [](SocialMentions bad) { return ValidateSocialMentions(bad).error().code == ErrorCode::kInvalidArgument; };
    EXPECT_TRUE(refused({0, 1, "LinkedIn", "2026-04-01", "2026-04-07", 1}));  // the code, in lower case
    EXPECT_TRUE(refused({0, 1, "myspace", "2026-04-01", "2026-04-07", 1}));
    EXPECT_TRUE(refused({0, 1, "x", "2026-04-08", "2026-04-07", 1}));
    EXPECT_TRUE(refused({0, 1, "x", "2026-02-30", "2026-04-07", 1}));
    EXPECT_TRUE(refused({0, 1, "x", "2026-04-01", "", 1}));
    EXPECT_TRUE(refused({0, 1, "x", "2026-04-01", "2026-04-07", -1}));
}

// A tour is past from its start, in Paris time (summer: UTC+2, winter: UTC+1).
TEST(Session, HasStartedAtItsParisStart) {
    EXPECT_FALSE(juo::domain::HasStarted("2026-09-04", "10:00", "2026-09-04T07:59:59Z"));
    EXPECT_TRUE(juo::domain::HasStarted("2026-09-04", "10:00", "2026-09-04T08:00:00Z"));
    EXPECT_TRUE(juo::domain::HasStarted("2026-09-04", "10:00", "2026-09-05T00:00:00Z"));
    EXPECT_FALSE(juo::domain::HasStarted("2026-12-04", "10:00", "2026-12-04T08:30:00Z"));
    EXPECT_TRUE(juo::domain::HasStarted("2026-12-04", "10:00", "2026-12-04T09:00:00Z"));
    // A malformed time counts as the start of its day; a malformed day is never past.
    EXPECT_TRUE(juo::domain::HasStarted("2026-12-04", "bad", "2026-12-03T23:00:00Z"));
    EXPECT_FALSE(juo::domain::HasStarted("not-a-day", "10:00", "2030-01-01T00:00:00Z"));
}

// The one place the priority weights are written: the round (alloc) and step 4's order (store)
// both read them from here.
TEST(GroupRequest, PriorityAddsUpAndASchoolToCheckBringsNone) {
    GroupRequest request;
    EXPECT_EQ(PriorityPct(request, nullptr, false), 100);
    School school;
    school.priority_education = PriorityEducation::kRepPlus;
    school.rural = true;
    request.first_time = true;
    EXPECT_EQ(PriorityPct(request, &school, true), 100 + 50 + 20 + 10 + 20);
    school.priority_education = PriorityEducation::kRep;
    EXPECT_EQ(PriorityPct(request, &school, false), 100 + 30 + 20 + 10);
    school.to_check = true;  // created by a requester: its flags are not the school's yet
    EXPECT_EQ(PriorityPct(request, &school, true), 100 + 10 + 20);
}

}  // namespace
}  // namespace juo::domain

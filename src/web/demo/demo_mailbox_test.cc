// Tests of demo mode through the routers that RegisterRoutes builds with and without `demo`, on
// the people fixture (a seeded replica, the real booking engine, one user per role): without it
// /demo/courriels does not exist and no page has the banner; with it a booking made through the
// API shows up in the mailbox with its QR code and its .ics, anyone may read it, and the banner is
// on a public page, an account page and the error pages, in French and English.
#include "web/demo/demo_mailbox_pages.h"

#include "services/bilan_service.h"
#include "web/kit/page_kit.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

constexpr std::string_view kBanner = "data-demo-banner";

class DemoModeTest : public PeopleApiTest {
 protected:
    static void SetUpTestSuite() {
        PeopleApiTest::SetUpTestSuite();
        bilans_ = std::move(*services::BilanService::Open(url_)).release();
        PeopleContext people{accounts_, sessions_, limiter_, csrf_, engine_, connections_, "http://test", false};
        RoutesContext ctx{people, catalogue_, &refdata::Geocoder::Default(), bilans_, "https://t/{z}/{x}/{y}.png", "t"};
        plain_ = new http::Router();
        RegisterRoutes(*plain_, ctx);
        ctx.demo = true;
        demo_ = new http::Router();
        RegisterRoutes(*demo_, ctx);
    }
    static void TearDownTestSuite() {
        SetDemoBanner(false);
        delete plain_;
        delete demo_;
        delete bilans_;
        PeopleApiTest::TearDownTestSuite();
    }
    // The server with or without --demo: its router, and the banner switch RegisterRoutes set.
    static http::Router& Serve(bool demo) {
        SetDemoBanner(demo);
        return demo ? *demo_ : *plain_;
    }
    static bool HasBanner(const std::string& html) { return html.find(kBanner) != std::string::npos; }

    inline static services::BilanService* bilans_ = nullptr;
    inline static http::Router* plain_ = nullptr;
    inline static http::Router* demo_ = nullptr;
};

TEST_F(DemoModeTest, WithoutDemoTheMailboxDoesNotExistAndNoPageHasTheBanner) {
    http::Router& router = Serve(false);
    EXPECT_EQ(SendThrough(router, "GET", "/demo/courriels").status, 404);
    EXPECT_EQ(router.Match("GET", "/demo/courriels").outcome, http::RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/demo/courriels/1/pieces/1").outcome, http::RouteMatch::Outcome::kNotFound);
    Answer home = SendThrough(router, "GET", "/");
    ASSERT_EQ(home.status, 200);
    EXPECT_FALSE(HasBanner(home.html));
    Answer mine = SendThrough(router, "GET", "/compte/reservations", "", As(0));
    ASSERT_EQ(mine.status, 200);
    EXPECT_FALSE(HasBanner(mine.html));
    http::Request unknown;
    ASSERT_TRUE(http::ParseTarget("/nulle-part", &unknown).ok());
    EXPECT_FALSE(HasBanner(RenderErrorPage(404, unknown).body));
}

TEST_F(DemoModeTest, TheBannerIsOnEveryKindOfPage) {
    http::Router& router = Serve(true);
    for (std::string lang : {"", "?lang=en"}) {
        const bool en = !lang.empty();
        const std::string text = en ? "Demo mode" : "Mode démonstration";
        const std::string link = en ? "href=\"/demo/courriels?lang=en\"" : "href=\"/demo/courriels\"";
        Answer home = SendThrough(router, "GET", "/" + lang);  // a public page
        ASSERT_EQ(home.status, 200);
        EXPECT_TRUE(HasBanner(home.html));
        EXPECT_NE(home.html.find(text), std::string::npos) << lang;
        EXPECT_NE(home.html.find(link), std::string::npos) << lang;
        // The banner sits in the header (the banner landmark), after the skip link.
        EXPECT_LT(home.html.find("<header"), home.html.find(kBanner));
        EXPECT_LT(home.html.find(kBanner), home.html.find("</header>"));
        for (const std::string path : {"/compte/reservations", "/compte/connexion", "/organisation"}) {
            Answer page = SendThrough(router, "GET", path + lang, "", As(path == "/organisation" ? 5 : 0));
            EXPECT_EQ(page.status, 200) << path;
            EXPECT_TRUE(HasBanner(page.html)) << path;
            EXPECT_NE(page.html.find(text), std::string::npos) << path;
        }
        Answer missing = SendThrough(router, "GET", "/usines/999999" + lang);  // a handler's error page
        EXPECT_EQ(missing.status, 404);
        EXPECT_TRUE(HasBanner(missing.html));
        Answer refused = SendThrough(router, "GET", "/organisation" + lang, "", As(0));  // the refusal page
        EXPECT_EQ(refused.status, 403);
        EXPECT_TRUE(HasBanner(refused.html));
        http::Request unknown;  // the server's own error page (unknown path, 405, 413…)
        ASSERT_TRUE(http::ParseTarget("/nulle-part" + lang, &unknown).ok());
        auto error = RenderErrorPage(404, unknown);
        EXPECT_EQ(error.status, 404);
        EXPECT_TRUE(HasBanner(error.body));
        EXPECT_NE(error.body.find(text), std::string::npos);
    }
    Answer bilan = SendThrough(router, "GET", "/bilan");
    EXPECT_TRUE(HasBanner(bilan.html)) << bilan.status;
}

TEST_F(DemoModeTest, ABookingsEmailWithItsQrCodeAndCalendarFile) {
    http::Router& router = Serve(true);
    Answer empty_or_not = SendThrough(router, "GET", "/demo/courriels");
    ASSERT_EQ(empty_or_not.status, 200);
    Answer booked = SendThrough(router, "POST", "/api/v1/bookings", BookBody(2), As(0));
    ASSERT_EQ(booked.status, 201) << booked.raw;
    const std::string ticket(booked.body.at("booking").at("ticket_code").as_string());

    Answer mailbox = SendThrough(router, "GET", "/demo/courriels");
    ASSERT_EQ(mailbox.status, 200);
    const std::string& html = mailbox.html;
    EXPECT_NE(html.find("<h1 class=\"page-title\">Courriels de la démonstration</h1>"), std::string::npos);
    const size_t mail = html.find("data-kind=\"booking.confirmed\"");
    ASSERT_NE(mail, std::string::npos) << html;
    EXPECT_NE(html.find("role0@example.org", mail), std::string::npos);
    EXPECT_NE(html.find("Réservation confirmée", mail), std::string::npos);
    EXPECT_NE(html.find("data-mail-status=\"pending\""), std::string::npos);  // no sender runs here
    EXPECT_NE(html.find(ticket, mail), std::string::npos);
    // Links are clickable: the booking's manage link (issue 17) is an anchor.
    const size_t anchor = html.find("<a href=\"", mail);
    ASSERT_NE(anchor, std::string::npos) << "links are clickable";
    EXPECT_NE(html.substr(anchor, 200).find("/reservation/"), std::string::npos) << html.substr(anchor, 200);
    // The QR code shown as an image, the .ics offered for download.
    const size_t img = html.find("<img src=\"/demo/courriels/", mail);
    ASSERT_NE(img, std::string::npos);
    const size_t src = img + std::string("<img src=\"").size();
    const std::string png_url = html.substr(src, html.find('"', src) - src);
    EXPECT_EQ(png_url.substr(png_url.size() - 9), "/pieces/1");
    const std::string ics_url = png_url.substr(0, png_url.size() - 1) + "2";
    EXPECT_NE(html.find("href=\"" + ics_url + "\" download=\"visite.ics\""), std::string::npos);
    EXPECT_NE(html.find("billet-" + ticket + ".png"), std::string::npos);

    Answer png = SendThrough(router, "GET", png_url);
    ASSERT_EQ(png.status, 200);
    EXPECT_EQ(png.content_type, "image/png");
    EXPECT_EQ(png.raw.substr(1, 3), "PNG");
    Answer ics = SendThrough(router, "GET", ics_url);
    ASSERT_EQ(ics.status, 200);
    EXPECT_EQ(ics.content_type.rfind("text/calendar", 0), 0u) << ics.content_type;
    EXPECT_NE(ics.raw.find("BEGIN:VCALENDAR"), std::string::npos);
    EXPECT_NE(ics.raw.find(ticket), std::string::npos);
    EXPECT_EQ(SendThrough(router, "GET", png_url.substr(0, png_url.size() - 1) + "3").status, 404);
    EXPECT_EQ(SendThrough(router, "GET", "/demo/courriels/999999/pieces/1").status, 404);
    EXPECT_EQ(SendThrough(router, "GET", "/demo/courriels/x/pieces/1").status, 404);
    EXPECT_EQ(SendThrough(router, "GET", "/demo/courriels?page=0").status, 404);

    Answer english = SendThrough(router, "GET", "/demo/courriels?lang=en");
    ASSERT_EQ(english.status, 200);
    EXPECT_NE(english.html.find("Demo e-mails"), std::string::npos);
    EXPECT_NE(english.html.find("Waiting to be sent"), std::string::npos);
}

// Anyone may read the mailbox: every role, as the rule says (auth/authorisation.cc).
TEST_F(DemoModeTest, EveryRoleMayReadTheMailbox) {
    http::Router& router = Serve(true);
    int walked = 0;
    for (const auto& [method, pattern] : router.Routes()) {
        if (pattern.rfind("/demo/", 0) != 0) continue;
        auto rule = auth::FindAccessRule(method, pattern);
        ASSERT_TRUE(rule) << method << " " << pattern << " has no rule in auth/authorisation.cc";
        std::string target = pattern;
        for (std::string param : {"{id}", "{n}"})
            if (auto at = target.find(param); at != std::string::npos) target.replace(at, param.size(), "1");
        for (int user = -1; user < 6; ++user) {
            auto role = user < 0 ? auth::Role::kAnonymous : auth::kAllRoles[user + 1];
            EXPECT_TRUE(rule->allowed.Contains(role)) << pattern << " " << auth::RoleName(role);
            Answer a = SendThrough(router, method, target, "", user < 0 ? std::map<std::string, std::string>{}
                                                                         : As(static_cast<size_t>(user)));
            EXPECT_NE(a.status, 401);
            EXPECT_NE(a.status, 403);
            EXPECT_NE(a.status, 303);
            ++walked;
        }
    }
    EXPECT_EQ(walked, 2 * 7);
}

TEST(SplitLinksTest, LinksAndText) {
    auto pieces = SplitLinks("Voir https://juo.example/a?b=1. Ou (http://x.fr/y), xhttp://non <https://z.fr>");
    std::string joined;
    std::vector<std::string> links;
    for (const auto& p : pieces) {
        joined += p.text;
        if (p.link) links.push_back(p.text);
    }
    EXPECT_EQ(joined, "Voir https://juo.example/a?b=1. Ou (http://x.fr/y), xhttp://non <https://z.fr>");
    EXPECT_EQ(links, (std::vector<std::string>{"https://juo.example/a?b=1", "http://x.fr/y", "https://z.fr"}));
    EXPECT_TRUE(SplitLinks("").empty());
    ASSERT_EQ(SplitLinks("https:// seul").size(), 1u);
    EXPECT_FALSE(SplitLinks("https:// seul")[0].link);
    ASSERT_EQ(SplitLinks("http").size(), 1u);
}

}  // namespace
}  // namespace juo::web

// Page tests: every route through the real router on the seeded replica in a SQLite file, with
// hand-made requests, asserting on the HTML (figures, forms and labels, filters kept in links,
// errors next to their field, languages, escaping) and on the templates themselves.
#include "store/db/test_database.h"
#include "web/public/public_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>

#include "http/router.h"
#include "seed/test_replica.h"
#include "web/kit/i18n.h"
#include "web/kit/page_kit.h"
#include "web/templates.h"

namespace juo::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScriptName = "Usine <script>alert(\"x\")</script> & Cie";
constexpr const char* kMarch1st = "2025-03-01T10:00:00Z";  // the replica's registrations are open

class PagesTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_pages_test_" + std::to_string(::getpid()) + ".db");
        auto db = seed::SeededReplicaFile(path_);
        ASSERT_TRUE(db.ok()) << db.error().message;
        auto& sql = (*db)->sql();
        // A hostile name on the first site, and a full tour (the first) on a site with several.
        {
            auto first = services::Catalogue::Load(**db);
            ASSERT_TRUE(first.ok());
            script_site_ = (*first)->Current()->sites().front().id;
        }
        const std::string script_name = kScriptName;  // soci binds by reference: keep it alive
        sql << "UPDATE site SET name = :n WHERE id = :id", soci::use(script_name), soci::use(script_site_);
        sql << "SELECT site_id FROM session WHERE status = 'open' GROUP BY site_id HAVING COUNT(*) >= 2 "
               "ORDER BY site_id LIMIT 1",
            soci::into(full_site_);
        sql << "UPDATE session SET places_taken = capacity_people WHERE id = "
               "(SELECT MIN(id) FROM session WHERE site_id = :s)",
            soci::use(full_site_);
        // The replica's edition is closed (a past one): closed_router_ shows it so. The other tests
        // see it open, on 1 March 2025, inside its registration window.
        auto closed = services::Catalogue::Load(**db);
        ASSERT_TRUE(closed.ok());
        closed_catalogue_ = std::move(*closed).release();
        sql << "UPDATE edition SET status = 'open'";
        auto catalogue = services::Catalogue::Load(**db);
        ASSERT_TRUE(catalogue.ok());
        catalogue_ = std::move(*catalogue).release();
        router_ = new http::Router();
        RegisterPages(*router_, {catalogue_, &refdata::Geocoder::Default(),
                                 "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                                 "© les contributeurs d'OpenStreetMap", [] { return std::string(kMarch1st); }});
        closed_router_ = new http::Router();
        RegisterPages(*closed_router_, {closed_catalogue_, &refdata::Geocoder::Default(), "", "",
                                        [] { return std::string(kMarch1st); }});
    }
    static void TearDownTestSuite() {
        delete router_;
        delete catalogue_;
        delete closed_router_;
        delete closed_catalogue_;
        store::RemoveSqliteFiles(path_);
    }

    static http::Request MakeRequest(const std::string& target, const std::string& cookie = "") {
        http::Request req;
        req.method = "GET";
        EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
        if (!cookie.empty()) req.headers["cookie"] = cookie;
        req.headers["host"] = "juo.test";
        return req;
    }

    static http::Response Get(const std::string& target, const std::string& cookie = "",
                              http::Router* router = router_) {
        http::Request req = MakeRequest(target, cookie);
        auto match = router->Match("GET", target.substr(0, target.find('?')));
        if (match.outcome != http::RouteMatch::Outcome::kFound) return RenderErrorPage(404, req);
        req.path_params = match.params;
        return (*match.handler)(req);
    }

    static std::string HeaderOf(const http::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return "";
    }

    static fs::path path_;
    static services::Catalogue* catalogue_;
    static http::Router* router_;
    static services::Catalogue* closed_catalogue_;
    static http::Router* closed_router_;
    static long long script_site_;
    static long long full_site_;
};
fs::path PagesTest::path_;
services::Catalogue* PagesTest::catalogue_ = nullptr;
http::Router* PagesTest::router_ = nullptr;
services::Catalogue* PagesTest::closed_catalogue_ = nullptr;
http::Router* PagesTest::closed_router_ = nullptr;
long long PagesTest::script_site_ = 0;
long long PagesTest::full_site_ = 0;

size_t Count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// Every visible input and select has a <label for>, and every id is unique.
void ExpectLabelledControls(const std::string& html, const std::string& context) {
    std::regex control(R"(<(input|select)\b([^>]*)>)");
    std::regex id_attr(R"re(\bid="([^"]+)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), control); it != std::sregex_iterator();
         ++it) {
        std::string attrs = (*it)[2];
        if (attrs.find("type=\"hidden\"") != std::string::npos) continue;
        std::smatch id;
        ASSERT_TRUE(std::regex_search(attrs, id, id_attr))
            << context << ": control without id: " << it->str();
        EXPECT_NE(html.find("<label for=\"" + id[1].str() + "\""), std::string::npos)
            << context << ": no label for #" << id[1];
    }
    std::set<std::string> ids;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr); it != std::sregex_iterator();
         ++it)
        EXPECT_TRUE(ids.insert((*it)[1]).second) << context << ": duplicate id " << (*it)[1];
}

// The page skeleton every page shares: lang, one h1, landmarks, skip link, switch link.
void ExpectSkeleton(const http::Response& r, const std::string& lang, const std::string& context) {
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << context;
    EXPECT_NE(r.body.find("<html lang=\"" + lang + "\">"), std::string::npos) << context;
    EXPECT_EQ(Count(r.body, "<h1"), 1u) << context;
    EXPECT_NE(r.body.find("<main id=\"main\""), std::string::npos) << context;
    EXPECT_NE(r.body.find("<header"), std::string::npos) << context;
    EXPECT_NE(r.body.find("<nav"), std::string::npos) << context;
    EXPECT_NE(r.body.find("<footer"), std::string::npos) << context;
    EXPECT_NE(r.body.find("class=\"skip-link\" href=\"#main\""), std::string::npos) << context;
    EXPECT_EQ(r.body.find("??"), std::string::npos) << context << ": a message key is missing";
    EXPECT_EQ(r.body.find("<script>"), std::string::npos) << context << ": no inline script";
    ExpectLabelledControls(r.body, context);
}

std::vector<double> Distances(const std::string& html) {
    // "à 4,2 km" with a no-break space before km; French decimal comma.
    std::regex distance(R"(class="result__distance">à ([0-9]+(?:,[0-9])?)\xC2\xA0km<)");
    std::vector<double> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), distance); it != std::sregex_iterator();
         ++it) {
        std::string n = (*it)[1];
        std::replace(n.begin(), n.end(), ',', '.');
        out.push_back(std::stod(n));
    }
    return out;
}

TEST_F(PagesTest, HomeShowsTheEditionFiguresFormAndMap) {
    auto r = Get("/");
    ASSERT_EQ(r.status, 200);
    ExpectSkeleton(r, "fr", "home");
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
    EXPECT_NE(r.body.find("Journées Usines Ouvertes 2025"), std::string::npos);
    EXPECT_NE(r.body.find("Vendredi 4 et samedi 5 avril 2025"), std::string::npos);
    EXPECT_NE(r.body.find(">227</span>"), std::string::npos);  // open factories
    EXPECT_NE(r.body.find(">214</span>"), std::string::npos);  // events on Friday
    EXPECT_NE(r.body.find(">76</span>"), std::string::npos);   // events on Saturday
    EXPECT_NE(r.body.find("places encore disponibles"), std::string::npos);
    EXPECT_NE(r.body.find("<form class=\"quick-search\" method=\"get\" action=\"/recherche\""),
              std::string::npos);
    EXPECT_NE(r.body.find("<label for=\"q-near\">Ville ou code postal</label>"), std::string::npos);
    EXPECT_NE(r.body.find("<label for=\"q-day\">"), std::string::npos);
    EXPECT_NE(r.body.find("<label for=\"q-radius\">"), std::string::npos);
    // The map is an enhancement: its data comes from the API, with a text fallback and links.
    EXPECT_NE(r.body.find("data-source=\"/api/v1/map\""), std::string::npos);
    EXPECT_NE(r.body.find("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""),
              std::string::npos);
    EXPECT_NE(r.body.find("class=\"map-fallback\""), std::string::npos);
    EXPECT_NE(r.body.find("/static/js/map.js"), std::string::npos);
    EXPECT_NE(r.body.find("© les contributeurs d&apos;OpenStreetMap"), std::string::npos);  // footer credit
    EXPECT_NE(r.body.find("Leaflet"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/recherche?sector="), std::string::npos);  // sectors list
}

TEST_F(PagesTest, SearchNearLyonSortsByDistanceAndKeepsFiltersInPagination) {
    auto r = Get("/recherche?near=Lyon&radius=30&day=saturday");
    ASSERT_EQ(r.status, 200) << r.body;
    ExpectSkeleton(r, "fr", "search");
    auto d = Distances(r.body);
    ASSERT_FALSE(d.empty()) << r.body;
    EXPECT_TRUE(std::is_sorted(d.begin(), d.end()));
    EXPECT_LE(d.back(), 30.0);
    EXPECT_NE(r.body.find("à moins de 30\xC2\xA0km de Lyon (69)"), std::string::npos);
    EXPECT_NE(r.body.find("id=\"results-count\" role=\"status\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"Lyon\""), std::string::npos);  // filters kept in the form
    EXPECT_NE(r.body.find("<option value=\"saturday\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"30\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("data-center=\"45."), std::string::npos);  // the map knows the place searched
    EXPECT_NE(r.body.find("data-sites=\"[["), std::string::npos);

    // Eight Saturday factories within 100 km, three a page: the filters stay in every link.
    auto p1 = Get("/recherche?near=Lyon&radius=100&day=saturday&per_page=3");
    ASSERT_EQ(p1.status, 200);
    auto d1 = Distances(p1.body);
    ASSERT_EQ(d1.size(), 3u) << p1.body;
    EXPECT_TRUE(std::is_sorted(d1.begin(), d1.end()));
    EXPECT_NE(p1.body.find("<option value=\"100\" selected>"), std::string::npos);
    EXPECT_NE(p1.body.find("page 1 sur 3"), std::string::npos);
    EXPECT_NE(p1.body.find(
                  "href=\"/recherche?near=Lyon&amp;radius=100&amp;day=saturday&amp;per_page=3&amp;page=2\" "
                  "rel=\"next\""),
              std::string::npos)
        << p1.body;
    EXPECT_NE(p1.body.find(
                  "href=\"/recherche?near=Lyon&amp;radius=100&amp;day=saturday&amp;per_page=3&amp;page=3\""),
              std::string::npos);
    EXPECT_NE(p1.body.find("aria-current=\"page\""), std::string::npos);
    EXPECT_NE(p1.body.find("<input type=\"hidden\" name=\"per_page\" value=\"3\">"), std::string::npos);

    auto p2 = Get("/recherche?near=Lyon&radius=100&day=saturday&per_page=3&page=2");
    ASSERT_EQ(p2.status, 200);
    auto d2 = Distances(p2.body);
    ASSERT_EQ(d2.size(), 3u);
    EXPECT_GE(d2.front(), d1.back());
    EXPECT_NE(p2.body.find("<ol class=\"result-list\" start=\"4\""), std::string::npos);
    EXPECT_NE(
        p2.body.find(
            "href=\"/recherche?near=Lyon&amp;radius=100&amp;day=saturday&amp;per_page=3\" rel=\"prev\""),
        std::string::npos);

    // A page past the end (an old link) says so rather than "no factory".
    auto past = Get("/recherche?near=Lyon&radius=100&day=saturday&per_page=3&page=9");
    EXPECT_EQ(past.status, 200);
    EXPECT_NE(past.body.find("8 usines trouvées"), std::string::npos);
    EXPECT_NE(past.body.find("Revenir à la première page"), std::string::npos);
    EXPECT_EQ(past.body.find("Aucune usine ne correspond"), std::string::npos);
}

TEST_F(PagesTest, SearchFiltersAndNoResult) {
    auto r = Get("/recherche?sector=29&wheelchair=1&available=1&audience=public");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<option value=\"29\" selected>"), std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"public\" selected>"), std::string::npos);
    // wheelchair=1, the older name of the motor kind, ticks its box.
    EXPECT_NE(r.body.find("name=\"accessibility\" type=\"checkbox\" value=\"motor\" checked"), std::string::npos);
    EXPECT_NE(r.body.find("id=\"f-available\" name=\"available\" type=\"checkbox\" value=\"1\" checked"),
              std::string::npos);

    // Nothing in 10 km of a village in the Lozère on Saturday for job-seekers.
    auto none = Get("/recherche?near=48000&radius=10&day=saturday&audience=job_seekers");
    ASSERT_EQ(none.status, 200);
    EXPECT_NE(none.body.find("0 usine trouvée"), std::string::npos);
    EXPECT_NE(none.body.find("class=\"no-result\""), std::string::npos);
    EXPECT_EQ(none.body.find("class=\"result-list\""), std::string::npos);
}

TEST_F(PagesTest, BadParametersGive400WithTheFormAndTheMessageNextToTheField) {
    auto r = Get("/recherche?near=Lyon&radius=abc");
    ASSERT_EQ(r.status, 400);
    ExpectSkeleton(r, "fr", "bad radius");
    EXPECT_NE(r.body.find("Indiquez une distance de 1 à 200\xC2\xA0km"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("id=\"f-radius-error\""), std::string::npos);
    EXPECT_NE(r.body.find("<select id=\"f-radius\" name=\"radius\" aria-invalid=\"true\""),
              std::string::npos);
    EXPECT_NE(r.body.find("href=\"#f-radius\""), std::string::npos);  // error summary links to the field
    EXPECT_NE(r.body.find("value=\"Lyon\""), std::string::npos);      // the rest of the form kept
    EXPECT_NE(r.body.find("<title>Erreur"), std::string::npos);

    auto town = Get("/recherche?near=Xyzzyville");
    ASSERT_EQ(town.status, 400);
    EXPECT_NE(town.body.find("Aucune commune française ne s&apos;appelle « Xyzzyville »"), std::string::npos)
        << town.body;
    EXPECT_NE(town.body.find("id=\"f-near-error\""), std::string::npos);

    auto typo = Get("/recherche?near=Lyom");
    ASSERT_EQ(typo.status, 400);
    EXPECT_NE(typo.body.find("Vouliez-vous dire"), std::string::npos);
    EXPECT_NE(typo.body.find("href=\"/recherche?near=Lyon%20%2869%29\""), std::string::npos) << typo.body;

    auto en = Get("/recherche?radius=500&lang=en");
    ASSERT_EQ(en.status, 400);
    EXPECT_NE(en.body.find("Give a distance from 1 to 200\xC2\xA0km"), std::string::npos);

    for (const char* target : {"/recherche?day=sunday", "/recherche?sector=99", "/recherche?audience=aliens",
                               "/recherche?wheelchair=maybe", "/recherche?page=0", "/recherche?per_page=1000",
                               "/recherche?lat=95&lon=2", "/recherche?lat=45"}) {
        auto bad = Get(target);
        EXPECT_EQ(bad.status, 400) << target;
        EXPECT_NE(bad.body.find("class=\"error-summary\""), std::string::npos) << target;
        EXPECT_EQ(bad.body.find("??"), std::string::npos) << target;
    }
    auto long_near = Get("/recherche?near=" + std::string(150, 'a'));
    EXPECT_EQ(long_near.status, 400);
    EXPECT_NE(long_near.body.find("Ce texte est trop long"), std::string::npos);
}

TEST_F(PagesTest, EnglishWithTheSwitchAndTheCookie) {
    auto r = Get("/?lang=en");
    ASSERT_EQ(r.status, 200);
    ExpectSkeleton(r, "en", "home en");
    EXPECT_NE(r.body.find("Open Factory Days 2025"), std::string::npos);
    EXPECT_NE(r.body.find("Friday 4 and Saturday 5 April 2025"), std::string::npos);
    EXPECT_NE(r.body.find("<label for=\"q-near\">Town or postcode</label>"), std::string::npos);
    EXPECT_NE(r.body.find("<input type=\"hidden\" name=\"lang\" value=\"en\">"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/?lang=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>"), std::string::npos);
    EXPECT_EQ(HeaderOf(r, "Set-Cookie"), "juo_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    EXPECT_EQ(HeaderOf(r, "Content-Language"), "en");

    // The cookie alone gives English, without setting it again.
    auto c = Get("/recherche?near=Lyon&day=saturday", "juo_lang=en");
    ASSERT_EQ(c.status, 200);
    EXPECT_NE(c.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(c.body.find("1 factory found within 30\xC2\xA0km of Lyon (69)"), std::string::npos);
    EXPECT_EQ(HeaderOf(c, "Set-Cookie"), "");
    // The switch keeps the page's parameters.
    EXPECT_NE(c.body.find("href=\"/recherche?near=Lyon&amp;day=saturday&amp;lang=fr\""), std::string::npos);

    // French page: the switch offers English; an unknown language is ignored.
    auto fr = Get("/recherche?near=Lyon&lang=de");
    EXPECT_NE(fr.body.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(
        fr.body.find("href=\"/recherche?near=Lyon&amp;lang=en\" lang=\"en\" hreflang=\"en\">English</a>"),
        std::string::npos);
}

TEST_F(PagesTest, SitePageListsToursByDayWithPlacesAndComplet) {
    auto r = Get("/usines/" + std::to_string(full_site_));
    ASSERT_EQ(r.status, 200);
    ExpectSkeleton(r, "fr", "site");
    const auto* site = catalogue_->Current()->FindSite(full_site_);
    ASSERT_NE(site, nullptr);
    EXPECT_NE(r.body.find(site->commune_name), std::string::npos);
    EXPECT_NE(r.body.find(site->postcode), std::string::npos);
    EXPECT_NE(r.body.find("<ul class=\"tour-cards\""), std::string::npos);
    EXPECT_NE(r.body.find("<dt>Conditions</dt>"), std::string::npos);
    EXPECT_NE(r.body.find("avril 2025"), std::string::npos);
    EXPECT_NE(r.body.find(">Complet<"), std::string::npos);
    EXPECT_NE(r.body.find("places disponibles"), std::string::npos);
    EXPECT_NE(r.body.find("Accueil des personnes handicapées"), std::string::npos);
    EXPECT_EQ(r.body.find("notice--window"), std::string::npos);  // open: no state to explain
    EXPECT_NE(r.body.find("href=\"/recherche\""), std::string::npos);  // back to the search
    EXPECT_NE(r.body.find("data-sites=\"[[" + std::to_string(full_site_) + ","), std::string::npos);

    // Coming from a search keeps its filters in the back link.
    http::Request req = MakeRequest("/usines/" + std::to_string(full_site_));
    req.headers["referer"] = "http://juo.test/recherche?near=Lyon&day=saturday";
    req.path_params["id"] = std::to_string(full_site_);
    auto m = router_->Match("GET", "/usines/" + std::to_string(full_site_));
    auto back = (*m.handler)(req);
    EXPECT_NE(back.body.find("href=\"/recherche?near=Lyon&amp;day=saturday\""), std::string::npos);
    req.headers["referer"] = "http://evil.test/recherche?x=1";
    EXPECT_EQ((*m.handler)(req).body.find("evil"), std::string::npos);

    auto en = Get("/usines/" + std::to_string(full_site_) + "?lang=en");
    EXPECT_NE(en.body.find(">Full<"), std::string::npos);
    EXPECT_NE(en.body.find("class=\"site__description\" lang=\"fr\""), std::string::npos);
    EXPECT_NE(en.body.find("places left"), std::string::npos);
}

// French typography puts (narrow) no-break spaces in "9 h", before ":" and inside « »: compare
// the text with plain spaces.
std::string Plain(std::string text) {
    for (const std::string nbsp : {"\u202F", "\u00A0"})
        for (size_t at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp)) text.replace(at, nbsp.size(), " ");
    return text;
}

// A closed edition (the replica as seeded) offers nothing to book: the factory page says so in
// a sentence, each tour shows the places it offers, never "places disponibles" or a form.
TEST_F(PagesTest, AClosedEditionShowsItsStateInsteadOfBookings) {
    auto r = Get("/usines/" + std::to_string(full_site_), "", closed_router_);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Les réservations de cette édition sont closes."), std::string::npos);
    EXPECT_EQ(r.body.find("href=\"/reserver/"), std::string::npos);
    EXPECT_EQ(r.body.find("places disponibles"), std::string::npos);
    EXPECT_NE(r.body.find("places proposées"), std::string::npos);
    EXPECT_NE(r.body.find("data-state=\"shut\""), std::string::npos);
    auto home = Get("/", "", closed_router_);
    EXPECT_EQ(home.body.find("places encore disponibles"), std::string::npos);
    EXPECT_NE(home.body.find("places proposées"), std::string::npos);
    EXPECT_NE(home.body.find("Les réservations de cette édition sont closes."), std::string::npos);
}

// Before the opening, the sentence gives the day and the hour in French; after the tours, each
// says when it took place.
TEST_F(PagesTest, NotYetOpenAndPastToursSayWhenInFrench) {
    auto at = [](const char* now) {
        auto router = std::make_unique<http::Router>();
        std::string fixed = now;
        RegisterPages(*router, {catalogue_, &refdata::Geocoder::Default(), "", "", [fixed] { return fixed; }});
        return router;
    };
    auto early = at("2025-01-02T10:00:00Z");
    auto r = Get("/usines/" + std::to_string(full_site_), "", early.get());
    const std::string opens = catalogue_->Current()->edition().registration_opens_at;
    ASSERT_FALSE(opens.empty());
    EXPECT_NE(r.body.find("Les réservations ouvrent le "), std::string::npos) << opens;
    // The seed stores 07:00 UTC: 8 h in Paris in January.
    EXPECT_NE(Plain(r.body).find("Les réservations ouvrent le mardi 14 janvier 2025 à 8 h."), std::string::npos) << opens;
    EXPECT_EQ(r.body.find("href=\"/reserver/"), std::string::npos);
    EXPECT_EQ(r.body.find("places disponibles"), std::string::npos);

    auto late = at("2025-06-01T10:00:00Z");
    auto past = Get("/usines/" + std::to_string(full_site_), "", late.get());
    EXPECT_NE(past.body.find("Cette visite a eu lieu le "), std::string::npos);
    EXPECT_NE(past.body.find("avril 2025."), std::string::npos);
    EXPECT_NE(past.body.find("data-state=\"past\""), std::string::npos);
    EXPECT_EQ(past.body.find("href=\"/reserver/"), std::string::npos);
    EXPECT_NE(Plain(past.body).find("Les réservations sont closes depuis le mardi 1er avril 2025 à 23 h 59."),
              std::string::npos);
}

// A Friday tour for school classes and job-seekers offers the group request, never the public form.
TEST_F(PagesTest, AGroupTourOffersNoPublicForm) {
    const auto index = catalogue_->Current();
    const domain::Session* group_tour = nullptr;
    for (const auto& site : index->sites()) {
        for (const auto& s : index->SessionsOf(site.id))
            if (s.status == domain::SessionStatus::kOpen && !s.admits(domain::Audience::kPublic) &&
                s.groups_left() > 0 && s.places_left() > 0) {
                group_tour = &s;
                break;
            }
        if (group_tour) break;
    }
    ASSERT_NE(group_tour, nullptr);
    const std::string id = std::to_string(group_tour->id);
    auto r = Get("/usines/" + std::to_string(group_tour->site_id));
    EXPECT_NE(r.body.find("data-tour=\"" + id + "\" data-state=\"groups\""), std::string::npos);
    EXPECT_NE(r.body.find("Visite réservée aux groupes"), std::string::npos);
    EXPECT_NE(r.body.find("/groupes/demande?visite=" + id), std::string::npos);
    EXPECT_EQ(r.body.find("href=\"/reserver/" + id + "\""), std::string::npos);
}

// The five kinds of the nomenclature: labels on the factory page, checkboxes in the search that
// filter and stay ticked, a clear 400 for an unknown kind.
TEST_F(PagesTest, AccessibilityKindsAreShownAndFiltered) {
    const auto index = catalogue_->Current();
    const domain::Site* both = nullptr;
    for (const auto& site : index->sites())
        if (site.wheelchair_access && site.visual_access) both = &site;
    ASSERT_NE(both, nullptr) << "the seed spreads the kinds";
    auto r = Get("/usines/" + std::to_string(both->id));
    EXPECT_NE(r.body.find("data-access=\"motor\""), std::string::npos);
    EXPECT_NE(r.body.find("Handicap moteur"), std::string::npos);
    EXPECT_NE(r.body.find("Handicap visuel"), std::string::npos);
    auto en = Get("/usines/" + std::to_string(both->id) + "?lang=en");
    EXPECT_NE(en.body.find("Visual disability"), std::string::npos);

    auto s = Get("/recherche?accessibility=motor&accessibility=visual&per_page=100");
    ASSERT_EQ(s.status, 200);
    EXPECT_NE(s.body.find("value=\"motor\" checked"), std::string::npos);
    EXPECT_NE(s.body.find("value=\"visual\" checked"), std::string::npos);
    EXPECT_NE(s.body.find("value=\"hearing\">"), std::string::npos);
    EXPECT_NE(Plain(s.body).find("Handicaps accueillis : moteur, visuel"), std::string::npos);
    EXPECT_NE(s.body.find(">" + both->name + "<"), std::string::npos);
    // The older wheelchair=1 is the motor box.
    EXPECT_NE(Get("/recherche?wheelchair=1").body.find("value=\"motor\" checked"), std::string::npos);
    auto bad = Get("/recherche?accessibility=flying");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("href=\"#f-accessibility\""), std::string::npos);
    EXPECT_NE(Plain(bad.body).find("« flying » est inconnu"), std::string::npos);
    EXPECT_NE(bad.body.find("<details class=\"filters-fold\" open>"), std::string::npos);
}

// On a phone the results come first: they precede the folded filters in the page.
TEST_F(PagesTest, SearchResultsComeBeforeTheFoldedFilters) {
    auto r = Get("/recherche?near=Lyon");
    ASSERT_EQ(r.status, 200);
    const size_t results = r.body.find("<section class=\"results\"");
    const size_t filters = r.body.find("<details class=\"filters-fold\">");
    ASSERT_NE(results, std::string::npos);
    ASSERT_NE(filters, std::string::npos);
    EXPECT_LT(results, filters);
    EXPECT_LT(r.body.find("class=\"result-list\""), r.body.find("class=\"map-block\""));
    EXPECT_NE(r.body.find("/static/js/filters.js"), std::string::npos);
}

TEST_F(PagesTest, UnknownSiteIsA404Page) {
    for (const std::string target : {"/usines/999999999", "/usines/abc", "/usines/-3", "/usines/1e3"}) {
        auto r = Get(target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_NE(r.body.find("Page introuvable"), std::string::npos) << target;
        EXPECT_NE(r.body.find("Aucune usine ne porte ce numéro"), std::string::npos) << target;
        ExpectSkeleton(r, "fr", target);
    }
}

TEST_F(PagesTest, NamesAreEscapedEverywhere) {
    auto site = Get("/usines/" + std::to_string(script_site_));
    ASSERT_EQ(site.status, 200);
    EXPECT_EQ(site.body.find("<script>alert"), std::string::npos);
    EXPECT_NE(site.body.find("Usine &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie"),
              std::string::npos);
    // In the map's JSON (itself in an attribute) the brackets are JSON escapes.
    EXPECT_NE(site.body.find("\\u003cscript\\u003e"), std::string::npos);

    const auto* site_data = catalogue_->Current()->FindSite(script_site_);
    ASSERT_NE(site_data, nullptr);
    auto all = Get("/recherche?per_page=100&near=" + site_data->postcode + "&radius=20");
    EXPECT_EQ(all.body.find("<script>alert"), std::string::npos);
    EXPECT_NE(all.body.find("Usine &lt;script&gt;"), std::string::npos);

    // Parameters echoed back are escaped too.
    auto echo = Get("/recherche?near=%22%3E%3Cscript%3Ex%3C%2Fscript%3E");
    EXPECT_EQ(echo.status, 400);
    EXPECT_EQ(echo.body.find("<script>x"), std::string::npos);
    EXPECT_NE(echo.body.find("&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST_F(PagesTest, EnglishSearchRedirectsAndAboutPage) {
    auto r = Get("/search?near=Lyon&day=saturday");
    EXPECT_EQ(r.status, 301);
    EXPECT_EQ(HeaderOf(r, "Location"), "/recherche?near=Lyon&day=saturday");
    EXPECT_EQ(HeaderOf(Get("/search"), "Location"), "/recherche");

    auto about = Get("/a-propos");
    ASSERT_EQ(about.status, 200);
    ExpectSkeleton(about, "fr", "about");
    EXPECT_NE(about.body.find("OpenStreetMap"), std::string::npos);
}

TEST_F(PagesTest, ErrorPagesInTheRequestLanguage) {
    auto r = RenderErrorPage(404, MakeRequest("/nulle-part?x=1"));
    EXPECT_EQ(r.status, 404);
    ExpectSkeleton(r, "fr", "404");
    EXPECT_NE(r.body.find("Page introuvable"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/recherche\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/nulle-part?x=1&amp;lang=en\""), std::string::npos);

    auto en = RenderErrorPage(500, MakeRequest("/usines/1", "juo_lang=en"));
    EXPECT_EQ(en.status, 500);
    ExpectSkeleton(en, "en", "500");
    EXPECT_NE(en.body.find("Something went wrong"), std::string::npos);

    // Other statuses and a request the server could not read.
    for (int status : {400, 405, 413, 431, 503, 418}) {
        auto e = RenderErrorPage(status, http::Request{});
        EXPECT_EQ(e.status, status);
        EXPECT_EQ(e.body.find("??"), std::string::npos) << status;
    }
    // The language switch never leaves the site, whatever the path.
    auto odd = RenderErrorPage(404, MakeRequest("//evil.test/x"));
    EXPECT_EQ(odd.body.find("href=\"//evil"), std::string::npos);

    // The API keeps its JSON errors.
    auto api = RenderErrorPage(404, MakeRequest("/api/v1/nothing"));
    EXPECT_EQ(api.content_type.rfind("application/json", 0), 0u);
}

TEST(Templates, EveryMessageTheTemplatesUseExists) {
    std::regex key(R"(\{\{[#^/]?t\.([a-z0-9_]+)\}\})");
    std::set<std::string> known;
    for (const auto& m : Messages()) known.insert(std::string(m.key));
    int uses = 0;
    for (const auto& entry : templates::kAll) {
        std::string text(entry.text);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), key); it != std::sregex_iterator();
             ++it) {
            ++uses;
            EXPECT_TRUE(known.count((*it)[1])) << entry.name << ": {{t." << (*it)[1] << "}}";
        }
        EXPECT_EQ(text.find("{{{"), std::string::npos) << entry.name << ": no unescaped output";
        EXPECT_EQ(text.find("{{&"), std::string::npos) << entry.name << ": no unescaped output";
    }
    EXPECT_GT(uses, 50);
}

}  // namespace
}  // namespace juo::web

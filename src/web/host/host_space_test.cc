// Tests of the host space after registration and of the teaching kit, through the real router
// (people_test_fixture.h): uploads as multipart forms, their checks, who may see what, and the
// counts and audit entries they leave.
#include "store/audit/audit_log.h"
#include "store/editions/edition_admin.h"
#include "store/sites/file_store.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {


constexpr const char* kBoundary = "----juo-test-boundary";

// A multipart/form-data body: text fields, then one file input.
std::string Multipart(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_field,
                      const std::string& filename, const std::string& content_type, const std::string& bytes) {
    std::string b;
    for (const auto& [k, v] : fields)
        b += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    b += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + file_field + "\"; filename=\"" +
         filename + "\"\r\nContent-Type: " + content_type + "\r\n\r\n" + bytes + "\r\n";
    return b + "--" + kBoundary + "--\r\n";
}

std::map<std::string, std::string> MultipartAs(std::map<std::string, std::string> headers) {
    headers["content-type"] = std::string("multipart/form-data; boundary=") + kBoundary;
    return headers;
}

std::string Pdf(int pages) {
    std::string b = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages >> endobj\n";
    for (int i = 0; i < pages; ++i) b += "obj << /Type /Page /Parent 2 0 R >> endobj\n";
    return b + std::string("binary \0\xff\r\n", 12) + "%%EOF\n";
}

class HostSpaceTest : public PeopleApiTest {
 protected:
    // The number the SQL query answers, read on a connection of its own.
    static long long Count(const std::string& sql) {
        auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
        long long n = 0;
        (*db)->sql() << sql, soci::into(n);
        return n;
    }
};

// A visitor's display name that a spreadsheet would run (CSV injection) reaches the host's visitor
// list as text: a leading single quote, so Excel or LibreOffice shows it and never evaluates it.
// First of the suite: later tests open another edition (re-enrolment), whose list is empty.
TEST_F(HostSpaceTest, AVisitorNameThatLooksLikeAFormulaIsOnlyTextInTheVisitorList) {
    {
        auto db = store::Database::Open(url_, store::OpenMode::kMustExist);
        (*db)->sql() << "UPDATE app_user SET display_name = '=HYPERLINK(\"http://x\",\"y\")' WHERE email = "
                        "'role6@example.org'";
    }
    const Answer booked = Send("POST", "/api/v1/bookings", BookBody(1), As(6));
    ASSERT_EQ(booked.status, 201) << booked.raw;
    const Answer csv = Send("GET", "/usine/" + std::to_string(site_) + "/visiteurs?format=csv", "", As(3));
    ASSERT_EQ(csv.status, 200) << csv.raw;
    EXPECT_NE(csv.raw.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",role6@example.org,"), std::string::npos)
        << csv.raw;
    EXPECT_EQ(csv.raw.find(",=HYPERLINK"), std::string::npos);
    EXPECT_EQ(csv.raw.find(",\"=HYPERLINK"), std::string::npos);
    // The Excel (FR) CSV: a BOM, semicolons, the same neutralisation, French dates, its own name.
    const Answer excel = Send("GET", "/usine/" + std::to_string(site_) + "/visiteurs?format=csv-excel", "", As(3));
    ASSERT_EQ(excel.status, 200) << excel.raw;
    EXPECT_EQ(excel.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(excel.raw.rfind("\xEF\xBB\xBFJour;Heure;Billet;Nom;E-mail;Type;Statut;Personnes;Présents\r\n", 0), 0u)
        << excel.raw;
    EXPECT_NE(excel.raw.find(";\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\";role6@example.org;individuelle;confirmée;"),
              std::string::npos)
        << excel.raw;
    EXPECT_EQ(Send("GET", "/usine/" + std::to_string(site_) + "/visiteurs?format=ods", "", As(3)).status, 400);
}

TEST_F(HostSpaceTest, TheOrganiserUploadsPublishesAndTeachersDownloadTheKit) {
    const long long documents = Count("SELECT count(*) FROM teaching_kit_document");
    // Not a PDF (a PNG renamed): refused, nothing stored.
    Answer bad = Send("POST", "/organisation/kit",
                      Multipart({{"action", "upload"}, {"title", "Fiche élève"}, {"audience", "pupils"}}, "file",
                                "fiche.pdf", "application/pdf", std::string("\x89PNG\r\n\x1a\n", 8) + "xxxx"),
                      MultipartAs(As(5)));
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.html.find("PDF complet"), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM teaching_kit_document"), documents);
    EXPECT_EQ(Count("SELECT count(*) FROM stored_file"), 0);
    // A host may not upload.
    EXPECT_EQ(Send("POST", "/organisation/kit",
                   Multipart({{"action", "upload"}, {"title", "x"}, {"audience", "both"}}, "file", "k.pdf",
                             "application/pdf", Pdf(2)),
                   MultipartAs(As(3)))
                  .status,
              403);
    // A real upload: stored unpublished, its pages read from the PDF.
    Answer up = Send("POST", "/organisation/kit",
                     Multipart({{"action", "upload"}, {"title", "Livret enseignant"}, {"audience", "teachers"}}, "file",
                               "livret.pdf", "application/pdf", Pdf(3)),
                     MultipartAs(As(5)));
    ASSERT_EQ(up.status, 303) << up.html;
    const long long id = Count("SELECT max(id) FROM teaching_kit_document");
    EXPECT_EQ(Count("SELECT pages FROM teaching_kit_document WHERE id = " + std::to_string(id)), 3);
    const std::string url = "/kit/" + std::to_string(id);
    EXPECT_EQ(Send("GET", url).status, 404);          // not published: hidden from the public
    EXPECT_EQ(Send("GET", url, "", As(5)).status, 200);  // the organiser checks it
    EXPECT_EQ(Send("GET", "/kit").html.find("Livret enseignant"), std::string::npos);
    // Published: listed, downloaded byte for byte, each download counted.
    ASSERT_EQ(Send("POST", "/organisation/kit", "action=publish&document=" + std::to_string(id),
                   {{"authorization", As(5).at("authorization")}, {"content-type", "application/x-www-form-urlencoded"}})
                  .status,
              303);
    EXPECT_NE(Send("GET", "/kit").html.find("Livret enseignant"), std::string::npos);
    Answer file = Send("GET", url);
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.html, Pdf(3));
    Send("GET", url);
    EXPECT_EQ(Count("SELECT downloads FROM teaching_kit_document WHERE id = " + std::to_string(id)), 2);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action IN ('kit.upload', 'kit.publish') AND entity_id = " +
                    std::to_string(id)),
              2);
}


std::string Be32(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// A PNG's signature and IHDR chunk, then some bytes (the checks read the header only). The tail's
// length comes from its array: a hand-counted 22 read one byte past the end of this 21-byte array
// (AddressSanitizer, global-buffer-overflow).
std::string Png(uint32_t width, uint32_t height) {
    static constexpr char kTail[] = "\0\xff\r\n--not-a-boundary";
    return std::string("\x89PNG\r\n\x1a\n", 8) + Be32(13) + "IHDR" + Be32(width) + Be32(height) +
           std::string("\x08\x02\0\0\0", 5) + std::string(kTail, sizeof kTail - 1);
}

std::map<std::string, std::string> FormAs(std::map<std::string, std::string> headers) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    return headers;
}

TEST_F(HostSpaceTest, TheHostEditsTheProfileAndMovesThePinNearTheCommuneOnly) {
    const std::string site = std::to_string(site_);
    const std::string url = "/usine/" + site + "/fiche";
    Answer page = Send("GET", url, "", As(3));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.html.find("id=\"f-lat\""), std::string::npos);
    EXPECT_EQ(Send("GET", url, "", As(0)).status, 403);  // a visitor
    double lat = 0, lon = 0;
    std::string postcode;
    {
        auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
        (*db)->sql() << "SELECT latitude, longitude, postcode FROM site WHERE id = :s", soci::use(site_), soci::into(lat),
            soci::into(lon), soci::into(postcode);
    }
    auto body = [&](double new_lat, double new_lon) {
        return "action=save&name=Usine+modifi%C3%A9e&address=1+rue+de+l%27Usine&place=" + postcode +
               "&lat=" + std::to_string(new_lat) + "&lon=" + std::to_string(new_lon) +
               "&wheelchair=1&min_age=12&description=Nouvelle+description";
    };
    // A pin a degree away (~100 km) is a slip: refused, nothing changes.
    Answer far = Send("POST", url, body(lat + 1.0, lon), FormAs(As(3)));
    EXPECT_EQ(far.status, 400);
    EXPECT_NE(far.html.find(" km de "), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine modifiée'"), 0);
    // A pin moved by a few hundred metres: saved, audited.
    Answer saved = Send("POST", url, body(lat + 0.003, lon - 0.002), FormAs(As(3)));
    ASSERT_EQ(saved.status, 303) << saved.html;
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine modifiée' AND min_age = 12 AND wheelchair_access = 1 "
                    "AND abs(latitude - " + std::to_string(lat + 0.003) + ") < 1e-6 AND id = " + site),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'site.update' AND entity_id = " + site), 1);
    // Only a registration sent back for changes can be submitted again.
    EXPECT_EQ(Send("POST", url, "action=resubmit", FormAs(As(3))).status, 409);
}

// Two tabs (or two people) open the profile; the first saves; the save from the older form is
// refused (409) and the form comes back with the profile as saved and its new version, on which
// the change is made again. Through the API: the ETag, If-Match (412 when stale).
TEST_F(HostSpaceTest, AProfileSavedMeanwhileIsNotOverwritten) {
    const std::string site = std::to_string(site_);
    const std::string url = "/usine/" + site + "/fiche";
    auto version_in = [](const std::string& html) {
        const std::string mark = "name=\"version\" value=\"";
        const size_t at = html.find(mark);
        return at == std::string::npos ? std::string() : html.substr(at + mark.size(), 16);
    };
    const std::string seen = version_in(Send("GET", url, "", As(3)).html);
    ASSERT_EQ(seen.size(), 16u);
    double lat = 0, lon = 0;
    std::string postcode;
    {
        auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
        (*db)->sql() << "SELECT latitude, longitude, postcode FROM site WHERE id = :s", soci::use(site_), soci::into(lat),
            soci::into(lon), soci::into(postcode);
    }
    auto body = [&](const std::string& name, const std::string& version) {
        return "action=save&version=" + version + "&name=" + name + "&address=2+rue+de+l%27Usine&place=" + postcode +
               "&lat=" + std::to_string(lat) + "&lon=" + std::to_string(lon);
    };
    const long long audited = Count("SELECT count(*) FROM audit_log WHERE action = 'site.update' AND entity_id = " + site);
    ASSERT_EQ(Send("POST", url, body("Usine+A", seen), FormAs(As(3))).status, 303);
    Answer late = Send("POST", url, body("Usine+B", seen), FormAs(As(3)));
    EXPECT_EQ(late.status, 409);
    EXPECT_NE(late.html.find("Quelqu&apos;un d&apos;autre a enregistré cette fiche"), std::string::npos) << late.html;
    EXPECT_NE(late.html.find("value=\"Usine A\""), std::string::npos);  // the profile as saved
    EXPECT_EQ(late.html.find("value=\"Usine B\""), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine A' AND id = " + site), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'site.update' AND entity_id = " + site), audited + 1);
    const std::string offered = version_in(late.html);
    EXPECT_NE(offered, seen);
    ASSERT_EQ(Send("POST", url, body("Usine+B", offered), FormAs(As(3))).status, 303);
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine B' AND id = " + site), 1);

    const std::string api = "/api/v1/host/sites/" + site + "/profile";
    Answer got = Send("GET", api, "", As(3));
    ASSERT_EQ(got.status, 200);
    const std::string version(got.body.at("site").at("version").as_string());
    EXPECT_EQ(got.etag, "\"" + version + "\"");
    auto with = [&](const std::string& tag) {
        auto headers = As(3);
        headers["content-type"] = "application/json";
        headers["if-match"] = "\"" + tag + "\"";
        return headers;
    };
    Answer stale = Send("PATCH", api, R"({"name": "Usine C"})", with(offered));
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine B' AND id = " + site), 1);
    Answer fresh = Send("PATCH", api, R"({"name": "Usine C"})", with(version));
    ASSERT_EQ(fresh.status, 200) << fresh.raw;
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Usine C' AND id = " + site), 1);
    EXPECT_NE(fresh.etag, got.etag);
}

TEST_F(HostSpaceTest, APhotoIsCheckedStoredAndServedWithTheFactoryPage) {
    const std::string site = std::to_string(site_);
    const std::string upload = "/usine/" + site + "/photo";
    Answer gif = Send("POST", upload, Multipart({}, "photo", "usine.png", "image/png", "GIF89a" + std::string(40, 'x')),
                      MultipartAs(As(3)));
    EXPECT_EQ(gif.status, 400);
    EXPECT_NE(gif.html.find("JPEG, PNG ou WebP"), std::string::npos);
    Answer small = Send("POST", upload, Multipart({}, "photo", "usine.png", "image/png", Png(100, 80)), MultipartAs(As(3)));
    EXPECT_EQ(small.status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE photo_file_id IS NOT NULL"), 0);
    EXPECT_EQ(Send("GET", "/usines/" + site + "/photo").status, 404);

    const std::string png = Png(1200, 800);
    Answer ok = Send("POST", upload, Multipart({}, "photo", "usine.png", "image/png", png), MultipartAs(As(3)));
    ASSERT_EQ(ok.status, 303) << ok.html;
    Answer served = Send("GET", "/usines/" + site + "/photo");  // the site is approved: public
    EXPECT_EQ(served.status, 200);
    EXPECT_EQ(served.content_type, "image/png");
    EXPECT_EQ(served.raw, png);
    http::Router& router = *router_;
    auto etag = [&] {
        auto match = router.Match("GET", "/usines/" + site + "/photo");
        http::Request r;
        r.method = "GET";
        EXPECT_TRUE(http::ParseTarget("/usines/" + site + "/photo", &r).ok());
        r.path_params = match.params;
        auto resp = (*match.handler)(r);
        for (const auto& [k, v] : resp.headers)
            if (k == "ETag") return v;
        return std::string();
    }();
    ASSERT_EQ(etag.size(), 66u);
    EXPECT_EQ(Send("GET", "/usines/" + site + "/photo", "", {{"if-none-match", etag}}).status, 304);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'site.photo' AND entity_id = " + site), 1);
}

TEST_F(HostSpaceTest, InternshipOffersAndTheirFilledPlaces) {
    const std::string url = "/usine/" + std::to_string(site_) + "/stages";
    EXPECT_EQ(Send("POST", url, "action=add&kind=stage_3e&title=D%C3%A9couverte&places=0", FormAs(As(3))).status, 400);
    EXPECT_EQ(Send("POST", url, "action=add&kind=cdi&title=x&places=2", FormAs(As(3))).status, 400);
    Answer added = Send("POST", url, "action=add&kind=stage_3e&title=D%C3%A9couverte+de+l%27atelier&places=3", FormAs(As(3)));
    ASSERT_EQ(added.status, 303) << added.html;
    const long long offer = Count("SELECT max(id) FROM internship_offer WHERE site_id = " + std::to_string(site_));
    const std::string id = std::to_string(offer);
    EXPECT_EQ(Send("POST", url, "action=filled&offer=" + id + "&filled=4", FormAs(As(3))).status, 400);  // over its places
    EXPECT_EQ(Send("POST", url, "action=filled&offer=" + id + "&filled=2", FormAs(As(3))).status, 303);
    EXPECT_EQ(Count("SELECT filled FROM internship_offer WHERE id = " + id), 2);
    // Another site's offer cannot be changed from this site's page.
    const long long other = Count("SELECT min(id) FROM internship_offer WHERE site_id <> " + std::to_string(site_));
    if (other > 0)
        EXPECT_EQ(Send("POST", url, "action=filled&offer=" + std::to_string(other) + "&filled=0", FormAs(As(3))).status, 404);
    Answer list = Send("GET", url, "", As(3));
    EXPECT_EQ(list.status, 200);
    EXPECT_NE(list.html.find("atelier"), std::string::npos) << list.html.substr(list.html.find("<main"), 3000);
}

TEST_F(HostSpaceTest, ReEnrolmentCopiesLastYearsToursOnce) {
    {
        auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
        int year = 0;
        (*db)->sql() << "SELECT max(year) FROM edition", soci::into(year);
        ASSERT_TRUE(store::CloneEdition(**db, year, 6).ok());
    }
    const std::string site = std::to_string(site_);
    const long long last_year =
        Count("SELECT count(*) FROM session s JOIN edition e ON e.id = s.edition_id WHERE s.status <> 'cancelled' AND "
              "s.site_id = " + site + " AND e.year = (SELECT min(year) FROM edition)");
    ASSERT_GT(last_year, 0);
    Answer mine = Send("GET", "/usine", "", As(3));
    EXPECT_NE(mine.html.find("/usine/" + site + "/reinscription"), std::string::npos);
    Answer done = Send("POST", "/usine/" + site + "/reinscription", "", As(3));
    ASSERT_EQ(done.status, 303) << done.html;
    EXPECT_EQ(Count("SELECT count(*) FROM participation p JOIN edition e ON e.id = p.edition_id WHERE p.status = "
                    "'submitted' AND e.year = (SELECT max(year) FROM edition) AND p.site_id = " + site),
              1);
    const long long copied = Count("SELECT count(*) FROM session s JOIN edition e ON e.id = s.edition_id WHERE "
                                   "s.places_taken = 0 AND e.year = (SELECT max(year) FROM edition) AND s.site_id = " + site);
    EXPECT_GT(copied, 0);
    EXPECT_LE(copied, last_year);
    EXPECT_NE(done.location.find("reinscrit=" + std::to_string(copied)), std::string::npos);
    EXPECT_EQ(Send("POST", "/usine/" + site + "/reinscription", "", As(3)).status, 409);  // once
}


TEST_F(HostSpaceTest, TheSameThroughTheJsonApi) {
    const std::string site = std::to_string(site_);
    const std::string profile = "/api/v1/host/sites/" + site + "/profile";
    Answer before = Send("GET", profile, "", As(3));
    ASSERT_EQ(before.status, 200);
    const double lat = before.body.at("site").at("lat").as_double();
    const double lon = before.body.at("site").at("lon").as_double();
    // Another site: not the host's.
    const long long other = Count("SELECT min(id) FROM site WHERE id <> " + site);
    EXPECT_EQ(Send("GET", "/api/v1/host/sites/" + std::to_string(other) + "/profile", "", As(3)).status, 403);
    // PATCH changes only what it sends; a far pin is refused and changes nothing.
    Answer far = Send("PATCH", profile, "{\"lat\": " + std::to_string(lat + 2) + "}", As(3));
    EXPECT_EQ(far.status, 400);
    EXPECT_EQ(ErrorCodeOf(far), "invalid_argument");
    Answer moved = Send("PATCH", profile,
                        "{\"lat\": " + std::to_string(lat + 0.002) + ", \"lon\": " + std::to_string(lon) +
                            ", \"description\": \"Visite de la chaîne\", \"hearing\": true}",
                        As(3));
    ASSERT_EQ(moved.status, 200) << json::serialize(moved.body);
    EXPECT_NEAR(moved.body.at("site").at("lat").as_double(), lat + 0.002, 1e-6);
    EXPECT_EQ(moved.body.at("site").at("name").as_string(), before.body.at("site").at("name").as_string());
    EXPECT_EQ(Send("PATCH", profile, "{\"min_age\": [1]}", As(3)).status, 400);
    // The photo as the body.
    EXPECT_EQ(Send("PUT", "/api/v1/host/sites/" + site + "/photo", "not an image", {{"authorization", As(3).at("authorization")},
                                                                                     {"content-type", "image/png"}})
                  .status,
              400);
    Answer photo = Send("PUT", "/api/v1/host/sites/" + site + "/photo", Png(800, 600),
                        {{"authorization", As(3).at("authorization")}, {"content-type", "image/png"}});
    ASSERT_EQ(photo.status, 200);
    EXPECT_EQ(photo.body.at("site").at("photo_url").as_string(), "/usines/" + site + "/photo");
    // Internships.
    const std::string offers = "/api/v1/host/sites/" + site + "/internships";
    EXPECT_EQ(Send("POST", offers, "{\"kind\": \"stage_seconde\", \"title\": \"Maintenance\", \"places\": 200}", As(3)).status,
              400);
    Answer posted = Send("POST", offers, "{\"kind\": \"stage_seconde\", \"title\": \"Maintenance\", \"places\": 2}", As(3));
    ASSERT_EQ(posted.status, 201);
    const auto& list = posted.body.at("internships").as_array();
    const long long offer = list.back().at("id").as_int64();
    Answer filled = Send("PATCH", offers + "/" + std::to_string(offer), "{\"filled\": 2}", As(3));
    ASSERT_EQ(filled.status, 200);
    EXPECT_EQ(filled.body.at("internships").as_array().back().at("filled").as_int64(), 2);
    // The teaching kit: the organiser uploads (the PDF as the body) and publishes.
    EXPECT_EQ(Send("POST", "/api/v1/organisation/teaching-kit?title=Fiche&audience=pupils", Pdf(1),
                   {{"authorization", As(3).at("authorization")}, {"content-type", "application/pdf"}})
                  .status,
              403);
    Answer up = Send("POST", "/api/v1/organisation/teaching-kit?title=Fiche+%C3%A9l%C3%A8ve&audience=pupils", Pdf(2),
                     {{"authorization", As(5).at("authorization")}, {"content-type", "application/pdf"}});
    ASSERT_EQ(up.status, 201) << json::serialize(up.body);
    const long long doc = up.body.at("created_id").as_int64();
    auto published = [&] {
        const Answer kit = Send("GET", "/api/v1/teaching-kit");
        for (const auto& d : kit.body.at("documents").as_array())
            if (d.at("id").as_int64() == doc) return true;
        return false;
    };
    EXPECT_FALSE(published());
    EXPECT_EQ(Send("PATCH", "/api/v1/organisation/teaching-kit/" + std::to_string(doc), "{\"published\": 1}", As(5)).status, 400);
    ASSERT_EQ(Send("PATCH", "/api/v1/organisation/teaching-kit/" + std::to_string(doc), "{\"published\": true}", As(5)).status,
              200);
    EXPECT_TRUE(published());
}


TEST_F(HostSpaceTest, PublishedToursAreReviewedAndAnUnbookedOneWithdrawnWithItsReason) {
    const std::string site = std::to_string(site_);
    std::string day;
    {
        auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
        (*db)->sql() << "SELECT d.day_date FROM edition_day d JOIN edition_day_audience a ON a.edition_day_id = d.id "
                        "WHERE a.audience = 'public' AND d.edition_id = (SELECT id FROM edition ORDER BY year DESC LIMIT 1)",
            soci::into(day);
    }
    Answer published = Send("POST", "/api/v1/host/sites/" + site + "/sessions",
                            "{\"day\": \"" + day + "\", \"starts_at\": \"16:00\", \"ends_at\": \"17:00\", "
                            "\"capacity_people\": 12, \"audiences\": [\"public\"]}",
                            As(3));
    ASSERT_EQ(published.status, 201) << json::serialize(published.body);
    const long long tour = published.body.at("session").at("id").as_int64();
    const std::string id = std::to_string(tour);
    // The organiser and the relay of the site's department see it; a host may not moderate.
    EXPECT_NE(Send("GET", "/organisation/moderation/visites", "", As(5)).html.find("data-review-tour=\"" + id + "\""),
              std::string::npos);
    EXPECT_NE(Send("GET", "/organisation/moderation/visites", "", As(4)).html.find("data-review-tour=\"" + id + "\""),
              std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/moderation/visites", "", As(3)).status, 403);
    // A reason is required; then the tour is cancelled, the hosts told, the change audited.
    EXPECT_EQ(Send("POST", "/organisation/moderation/visites", "tour=" + id + "&reason=", FormAs(As(5))).status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM session WHERE status = 'cancelled' AND id = " + id), 0);
    const long long mails = Count("SELECT count(*) FROM email_outbox WHERE kind = 'session.withdraw'");
    Answer withdrawn = Send("POST", "/organisation/moderation/visites", "tour=" + id + "&reason=Horaires+%C3%A0+revoir",
                            FormAs(As(5)));
    ASSERT_EQ(withdrawn.status, 303) << withdrawn.html;
    EXPECT_EQ(Count("SELECT count(*) FROM session WHERE status = 'cancelled' AND id = " + id), 1);
    EXPECT_GT(Count("SELECT count(*) FROM email_outbox WHERE kind = 'session.withdraw'"), mails);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'session.withdraw' AND entity_id = " + id), 1);
    EXPECT_EQ(Send("POST", "/api/v1/moderation/sessions/" + id + "/withdraw", "{\"reason\": \"encore\"}", As(5)).status, 409);
    // A booked tour stays: its visitors would lose their places.
    const long long booked = Count("SELECT min(id) FROM session WHERE places_taken > 0 AND status = 'open'");
    ASSERT_GT(booked, 0);
    EXPECT_EQ(Send("POST", "/api/v1/moderation/sessions/" + std::to_string(booked) + "/withdraw", "{\"reason\": \"x\"}", As(5))
                  .status,
              409);
    EXPECT_EQ(Count("SELECT count(*) FROM session WHERE status = 'open' AND id = " + std::to_string(booked)), 1);
}

}  // namespace
}  // namespace juo::web

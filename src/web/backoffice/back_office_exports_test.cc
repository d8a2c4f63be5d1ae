// Tests of the back office's exports, imports and media pages and API through the real router
// and SQLite: a small edition with factories in two departments (69 and 38), a user per role.
// The exports' scoping (the organiser every row, a relay their departments, anyone else refused),
// CSV and XLSX files (the workbook unzipped and its sheet read), no personal data in the bookings;
// the CSV imports (422 with every problem and nothing imported, dry run, audited import); the
// media page's and API's mentions and social-mention counts (CSRF, 400 on bad input with nothing
// changed, audited changes, the bilan's social total).
#include <gtest/gtest.h>
#include <zlib.h>

#include <boost/json.hpp>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "auth/csrf.h"
#include "auth/sessions.h"
#include "http/router.h"
#include "store/reads/bilan_queries.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"
#include "store/db/connection_per_thread.h"
#include "web/backoffice/export_pages.h"
#include "web/backoffice/media_page.h"
#include "web/backoffice/site_import_page.h"
#include "web/routes.h"
#include "web/backoffice/export_pages.h"
#include "web/backoffice/media_page.h"
#include "web/backoffice/site_import_page.h"
#include "web/routes.h"

namespace juo::web {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// The file `name` of a zip archive, inflated; "" when absent or unreadable.
std::string Unzip(const std::string& zip, const std::string& name) {
    auto u16 = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(zip[at])) |
                                       static_cast<unsigned>(static_cast<unsigned char>(zip[at + 1])) << 8; };
    auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
    size_t end = zip.rfind(std::string("PK\x05\x06", 4));
    if (end == std::string::npos) return "";
    size_t at = u32(end + 16);
    for (unsigned i = 0, n = u16(end + 10); i < n && at + 46 <= zip.size(); ++i) {
        const unsigned method = u16(at + 10), packed = u32(at + 20), size = u32(at + 24);
        const unsigned name_length = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32);
        const size_t local = u32(at + 42);
        if (zip.compare(at + 46, name_length, name) == 0) {
            const size_t data = local + 30 + u16(local + 26) + u16(local + 28);
            if (method == 0) return zip.substr(data, size);
            std::string out(size, '\0');
            z_stream z{};
            if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return "";
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
            z.avail_in = packed;
            z.next_out = reinterpret_cast<Bytef*>(out.data());
            z.avail_out = size;
            const int status = inflate(&z, Z_FINISH);
            inflateEnd(&z);
            return status == Z_STREAM_END ? out : "";
        }
        at += 46 + name_length + extra + comment;
    }
    return "";
}

std::string UrlEncode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

class BackOfficeExportsTest : public ::testing::Test {
 protected:
    enum User { kVisitor, kHost, kRelay, kOrganiser };

    void SetUp() override {
        path_ = fs::temp_directory_path() / ("juo_back_office_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        store::RemoveSqliteFiles(path_);
        auto db = std::move(*store::Database::Open(path_.string(), store::OpenMode::kCreateIfMissing));
        auto& sql = db->sql();
        sql << "INSERT INTO edition (id, year, name, status, created_at) VALUES (1, 2025, 'JUO 2025', 'closed', 'x'), "
               "(2, 2026, 'JUO 2026', 'open', 'x')";
        sql << "INSERT INTO organisation (id, name, created_at) VALUES (1, 'Acier SA', 'x'), (2, 'Verre SAS', 'x')";
        sql << "INSERT INTO site (id, organisation_id, name, naf_code, naf_division, address, postcode, commune_code, "
               "commune_name, department_code, region_code, latitude, longitude, created_at) VALUES (1, 1, "
               "'Aciérie de Lyon', '24.10Z', '24', '1 rue A', '69007', '69387', 'Lyon', '69', '84', 45.7, 4.8, 'x'), "
               "(2, 2, 'Verrerie de Grenoble', '23.13Z', '23', '2 rue B', '38000', '38185', 'Grenoble', '38', '84', "
               "45.2, 5.7, 'x')";
        sql << "INSERT INTO participation (edition_id, site_id, status) VALUES (2, 1, 'approved'), (2, 2, 'approved'), "
               "(1, 1, 'approved')";
        sql << "INSERT INTO session (id, edition_id, site_id, day_date, starts_at, ends_at, capacity_people, "
               "places_taken) VALUES (10, 2, 1, '2026-04-04', '10:00', '11:30', 37, 3), (20, 2, 2, '2026-04-04', "
               "'14:00', '15:30', 41, 0), (30, 1, 1, '2025-04-05', '10:00', '11:00', 15, 0)";
        sql << "INSERT INTO session_audience (session_id, audience) VALUES (10, 'public'), (20, 'public'), (30, "
               "'public')";
        sql << "INSERT INTO media_mention (edition_id, kind, outlet, published_on, department_code) VALUES (2, "
               "'print', 'Le Progrès', '2026-04-01', '69'), (2, 'web', 'Le Dauphiné', '2026-04-02', '38')";
        std::vector<domain::User> users;
        for (auto role : {domain::Role::kVisitor, domain::Role::kHost, domain::Role::kRelay, domain::Role::kOrganiser}) {
            domain::User u;
            u.email = "secret" + std::to_string(users.size()) + "@example.org";
            u.display_name = "Camille Secret";
            u.email_confirmed_at = u.created_at = "2026-01-01T00:00:00Z";
            domain::RoleGrant grant{role, "", std::nullopt};
            if (role == domain::Role::kHost) grant.site_id = 2;
            if (role == domain::Role::kRelay) grant.department_code = "69";
            u.roles.push_back(grant);
            users.push_back(u);
        }
        ASSERT_TRUE(store::InsertUsers(*db, users).ok());
        organiser_id_ = users[kOrganiser].id;
        // A public booking by the visitor, checked in: their name, e-mail and ticket stay out of exports.
        sql << "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, people, status, ticket_code, "
               "created_at) VALUES (2, 10, 'party', 'public', :u, 3, 'confirmed', 'TICKET7777', "
               "'2026-03-01T10:00:00Z')",
            soci::use(users[kVisitor].id);
        for (const auto& u : users) session_ids_.push_back(*sessions_.Create(*db, u.id));
        connections_ = std::make_unique<store::ConnectionPerThread>(path_.string());
        PeopleContext people{nullptr, &sessions_, nullptr, &csrf_, nullptr, connections_.get(), "http://test", false};
        RegisterExportPages(router_, people);
        RegisterSiteImportPage(router_, people);
        RegisterMediaPage(router_, people);
        RegisterBackOfficeApi(router_, people);
    }
    void TearDown() override { store::RemoveSqliteFiles(path_); }

    // Sends a request as `user` (-1: anonymous) through the router; `cookie` uses the session
    // cookie instead of the Bearer header (so changes need the CSRF token).
    http::Response Send(const std::string& method, const std::string& target, int user, const std::string& body = "",
                        const std::string& content_type = "", bool cookie = false) {
        http::Request req;
        req.method = method;
        EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
        req.body = body;
        if (!content_type.empty()) req.headers["content-type"] = content_type;
        if (user >= 0 && cookie) req.headers["cookie"] = "juo_session=" + session_ids_[user];
        if (user >= 0 && !cookie) req.headers["authorization"] = "Bearer " + session_ids_[user];
        auto match = router_.Match(method, req.path);
        if (match.outcome != http::RouteMatch::Outcome::kFound || !match.handler) return http::Response::Text(404, "");
        req.path_params = match.params;
        return (*match.handler)(req);
    }
    // A form POSTed with the session cookie and its CSRF token.
    http::Response PostForm(const std::string& target, int user, const std::string& fields) {
        return Send("POST", target, user, "csrf=" + csrf_.SessionToken(session_ids_[user]) + "&" + fields,
                    "application/x-www-form-urlencoded", true);
    }
    static std::string Header(const http::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return "";
    }
    long long Count(const std::string& sql_text) {
        auto db = connections_->Get();
        long long n = 0;
        (*db)->sql() << sql_text, soci::into(n);
        return n;
    }

    fs::path path_;
    long long organiser_id_ = 0;
    auth::SessionStore sessions_;
    auth::CsrfSigner csrf_ = *auth::CsrfSigner::FromSecret(auth::CsrfSigner::NewSecret());
    std::unique_ptr<store::ConnectionPerThread> connections_;
    std::vector<std::string> session_ids_;  // visitor, host, relay, organiser
    http::Router router_;
};

TEST_F(BackOfficeExportsTest, TheExportsPageForTheOrganiserAndARelayOnly) {
    auto page = Send("GET", "/organisation/exports", kOrganiser);
    ASSERT_EQ(page.status, 200);
    for (const char* list : {"sites", "sessions", "requests", "bookings", "media", "answers"})
        EXPECT_NE(page.body.find(std::string("data-export=\"") + list + "\""), std::string::npos) << list;
    EXPECT_NE(page.body.find("/organisation/exports/sessions?format=xlsx&amp;edition=2026"), std::string::npos);
    EXPECT_EQ(page.body.find("data-export-scope"), std::string::npos);
    auto relay = Send("GET", "/organisation/exports?lang=en", kRelay);
    ASSERT_EQ(relay.status, 200);
    EXPECT_NE(relay.body.find("only the rows of your departments (69)"), std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/exports", kHost).status, 403);
    EXPECT_EQ(Send("GET", "/organisation/exports", kVisitor).status, 403);
    EXPECT_EQ(Send("GET", "/organisation/exports/sites?format=csv", kHost).status, 403);
    auto anonymous = Send("GET", "/organisation/exports/sites?format=csv", -1);
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_EQ(Header(anonymous, "Location").rfind("/compte/connexion", 0), 0u);
}

// Every text of the new pages is in the catalogue, in French and in English.
TEST_F(BackOfficeExportsTest, PagesHaveEveryTextInBothLanguages) {
    for (const std::string page : {"/organisation/exports", "/organisation/usines/import", "/organisation/medias"})
        for (const std::string lang : {"", "?lang=en"}) {
            auto r = Send("GET", page + lang, kOrganiser);
            EXPECT_EQ(r.status, 200) << page << lang;
            EXPECT_EQ(r.body.find("??"), std::string::npos) << page << lang;
        }
    EXPECT_NE(Send("GET", "/organisation/medias?lang=en", kOrganiser).body.find("Social-network mentions"),
              std::string::npos);
}

TEST_F(BackOfficeExportsTest, CsvFilesScopedToTheRelaysDepartments) {
    auto all = Send("GET", "/organisation/exports/sites?format=csv", kOrganiser);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(Header(all, "Content-Disposition"), "attachment; filename=\"juo-2026-sites.csv\"");
    EXPECT_NE(all.body.find("Aciérie de Lyon"), std::string::npos);
    EXPECT_NE(all.body.find("Verrerie de Grenoble"), std::string::npos);
    EXPECT_EQ(all.body.rfind("N° site,Site,Entreprise", 0), 0u);
    auto relay = Send("GET", "/organisation/exports/sites?format=csv", kRelay);
    ASSERT_EQ(relay.status, 200);
    EXPECT_NE(relay.body.find("Aciérie de Lyon"), std::string::npos);
    EXPECT_EQ(relay.body.find("Verrerie de Grenoble"), std::string::npos);
    auto media = Send("GET", "/organisation/exports/media?format=csv", kRelay);
    EXPECT_NE(media.body.find("Le Progrès"), std::string::npos);
    EXPECT_EQ(media.body.find("Le Dauphiné"), std::string::npos);
    // The older edition, by its year.
    auto old = Send("GET", "/organisation/exports/sessions?format=csv&edition=2025", kOrganiser);
    ASSERT_EQ(old.status, 200);
    EXPECT_EQ(Header(old, "Content-Disposition"), "attachment; filename=\"juo-2025-sessions.csv\"");
    EXPECT_NE(old.body.find("2025-04-05"), std::string::npos);
    EXPECT_EQ(old.body.find("2026-04-04"), std::string::npos);
    // Bad requests.
    EXPECT_EQ(Send("GET", "/organisation/exports/sites?format=pdf", kOrganiser).status, 400);
    EXPECT_EQ(Send("GET", "/organisation/exports/visitors?format=csv", kOrganiser).status, 404);
    EXPECT_EQ(Send("GET", "/organisation/exports/sites?format=csv&edition=1999", kOrganiser).status, 404);
    EXPECT_EQ(Send("GET", "/organisation/exports/sites?format=csv&edition=20x6", kOrganiser).status, 400);
}

TEST_F(BackOfficeExportsTest, ExcelCsvNextToEveryCsvLink) {
    auto page = Send("GET", "/organisation/exports", kOrganiser);
    ASSERT_EQ(page.status, 200);
    for (auto list : {"sites", "sessions", "requests", "bookings", "media", "answers"})
        EXPECT_NE(page.body.find(std::string("/organisation/exports/") + list + "?format=csv-excel&amp;edition=2026"),
                  std::string::npos)
            << list;
    EXPECT_NE(page.body.find("CSV (Excel)"), std::string::npos);
    auto file = Send("GET", "/organisation/exports/sessions?format=csv-excel&edition=2025", kOrganiser);
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(Header(file, "Content-Disposition"), "attachment; filename=\"juo-2025-sessions-excel.csv\"");
    EXPECT_EQ(file.body.rfind("\xEF\xBB\xBF" "N° visite;", 0), 0u);
    EXPECT_NE(file.body.find(";05/04/2025;"), std::string::npos) << file.body;  // the 2025 tour's day
    EXPECT_EQ(file.body.find("2025-04-05"), std::string::npos);
    EXPECT_EQ(file.body.find(",open,"), std::string::npos);
}

TEST_F(BackOfficeExportsTest, BookingsCarryNoPersonalData) {
    auto bookings = Send("GET", "/organisation/exports/bookings?format=csv", kOrganiser);
    ASSERT_EQ(bookings.status, 200);
    EXPECT_NE(bookings.body.find("Aciérie de Lyon"), std::string::npos);
    EXPECT_EQ(bookings.body.find("Camille"), std::string::npos);
    EXPECT_EQ(bookings.body.find("secret0@example.org"), std::string::npos);
    EXPECT_EQ(bookings.body.find("TICKET7777"), std::string::npos);
}

TEST_F(BackOfficeExportsTest, XlsxIsAWorkbookWithTheRows) {
    auto file = Send("GET", "/organisation/exports/sessions?format=xlsx", kOrganiser);
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(Header(file, "Content-Disposition"), "attachment; filename=\"juo-2026-sessions.xlsx\"");
    ASSERT_EQ(file.body.substr(0, 2), "PK");
    const std::string strings = Unzip(file.body, "xl/sharedStrings.xml");
    const std::string sheet = Unzip(file.body, "xl/worksheets/sheet1.xml");
    ASSERT_FALSE(sheet.empty());
    EXPECT_NE(strings.find("Verrerie de Grenoble"), std::string::npos);
    EXPECT_NE(strings.find("Capacité (personnes)"), std::string::npos);
    EXPECT_NE(sheet.find("<v>37</v>"), std::string::npos);  // a capacity, a number
    EXPECT_NE(sheet.find("<v>41</v>"), std::string::npos);
    // A relay's workbook: their department's tour only.
    auto relay = Send("GET", "/organisation/exports/sessions?format=xlsx", kRelay);
    ASSERT_EQ(relay.status, 200);
    EXPECT_EQ(Unzip(relay.body, "xl/sharedStrings.xml").find("Verrerie de Grenoble"), std::string::npos);
    const std::string relay_sheet = Unzip(relay.body, "xl/worksheets/sheet1.xml");
    EXPECT_NE(relay_sheet.find("<v>37</v>"), std::string::npos);
    EXPECT_EQ(relay_sheet.find("<v>41</v>"), std::string::npos);
}

// [block: organiser live view, issue 19 item 4] The files say French values; the workbook's
// counts are number cells (no shared string), its text cells shared strings.
TEST_F(BackOfficeExportsTest, FilesSayFrenchValuesAndTheWorkbookHasNumbers) {
    auto sessions = Send("GET", "/organisation/exports/sessions?format=csv", kOrganiser);
    ASSERT_EQ(sessions.status, 200);
    EXPECT_NE(sessions.body.find(",ouverte,"), std::string::npos) << sessions.body;
    EXPECT_EQ(sessions.body.find(",open,"), std::string::npos);
    auto bookings = Send("GET", "/organisation/exports/bookings?format=csv-excel", kOrganiser);
    ASSERT_EQ(bookings.status, 200);
    EXPECT_NE(bookings.body.find(";confirmée;"), std::string::npos) << bookings.body;
    EXPECT_EQ(bookings.body.find(";confirmed;"), std::string::npos);
    EXPECT_EQ(bookings.body.find(";party;"), std::string::npos);
    auto file = Send("GET", "/organisation/exports/sessions?format=xlsx", kOrganiser);
    ASSERT_EQ(file.status, 200);
    const std::string sheet = Unzip(file.body, "xl/worksheets/sheet1.xml");
    const std::string strings = Unzip(file.body, "xl/sharedStrings.xml");
    EXPECT_NE(strings.find("ouverte"), std::string::npos);
    EXPECT_EQ(strings.find(">open<"), std::string::npos);
    // The capacity 37: a number cell (<c r=".." s=".."><v>37</v></c>, no t="s").
    const size_t v = sheet.find("<v>37</v>");
    ASSERT_NE(v, std::string::npos);
    const std::string cell = sheet.substr(sheet.rfind("<c ", v), v - sheet.rfind("<c ", v));
    EXPECT_EQ(cell.find("t=\"s\""), std::string::npos) << cell;
    EXPECT_EQ(cell.find("t=\"str\""), std::string::npos) << cell;
}
// [end of block: organiser live view]

TEST_F(BackOfficeExportsTest, ApiExportsAsJsonWithTheSameScope) {
    auto all = Send("GET", "/api/v1/exports/media", kOrganiser);
    ASSERT_EQ(all.status, 200);
    auto rows = json::parse(all.body).as_array();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].at("outlet").as_string(), "Le Dauphiné");  // newest first
    EXPECT_EQ(rows[1].at("department").as_string(), "69");
    auto sessions = json::parse(Send("GET", "/api/v1/exports/sessions?format=json", kRelay).body).as_array();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].at("capacity_people").as_int64(), 37);
    EXPECT_EQ(sessions[0].at("booked_people").as_int64(), 3);
    auto csv = Send("GET", "/api/v1/exports/sites?format=csv", kOrganiser);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    // The files say the statuses in French; the JSON keeps the codes.
    EXPECT_NE(csv.body.find(",validée,"), std::string::npos) << csv.body;
    EXPECT_EQ(csv.body.find(",approved,"), std::string::npos) << csv.body;
    auto codes = json::parse(Send("GET", "/api/v1/exports/sites", kOrganiser).body).as_array();
    ASSERT_FALSE(codes.empty());
    EXPECT_EQ(codes[0].at("status").as_string(), "approved");
    auto excel = Send("GET", "/api/v1/exports/sessions?format=csv-excel", kOrganiser);
    ASSERT_EQ(excel.status, 200);
    EXPECT_EQ(excel.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(Header(excel, "Content-Disposition"), "attachment; filename=\"juo-2026-sessions-excel.csv\"");
    EXPECT_EQ(excel.body.rfind("\xEF\xBB\xBF" "N° visite;N° site;Site;", 0), 0u) << excel.body;
    EXPECT_EQ(Send("GET", "/api/v1/exports/sites?format=doc", kOrganiser).status, 400);
    EXPECT_EQ(Send("GET", "/api/v1/exports/nothing", kOrganiser).status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/exports/sites", kHost).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/exports/sites", -1).status, 401);
}

TEST_F(BackOfficeExportsTest, ApiImportsAnswer422AndImportNothingUntilClean) {
    const long long sites = Count("SELECT count(*) FROM site"), audits = Count("SELECT count(*) FROM audit_log");
    const std::string bad =
        "entreprise,naf,adresse,code_postal\nFonderie A,24.51Z,1 rue A,69003\nFonderie B,24.51Z,,69003\n"
        "Fonderie C,24.51Z,3 rue C,6900\n";
    auto refused = Send("POST", "/api/v1/imports/sites", kOrganiser, bad, "text/csv");
    ASSERT_EQ(refused.status, 422) << refused.body;
    auto report = json::parse(refused.body);
    EXPECT_EQ(report.at("rows").as_int64(), 3);
    EXPECT_EQ(report.at("imported").as_int64(), 0);
    const auto& problems = report.at("problems").as_array();
    ASSERT_EQ(problems.size(), 2u) << refused.body;
    EXPECT_EQ(problems[0].at("line").as_int64(), 3);
    EXPECT_EQ(problems[0].at("column").as_string(), "adresse");
    EXPECT_EQ(problems[1].at("line").as_int64(), 4);
    EXPECT_EQ(problems[1].at("column").as_string(), "code_postal");
    EXPECT_FALSE(problems[1].at("reason_fr").as_string().empty());
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log"), audits);

    const std::string good = "entreprise,naf,adresse,code_postal\nFonderie A,24.51Z,1 rue A,69003\n";
    auto dry = Send("POST", "/api/v1/imports/sites?dry_run=1", kOrganiser, good, "text/csv");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(json::parse(dry.body).at("imported").as_int64(), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    auto done = Send("POST", "/api/v1/imports/sites", kOrganiser, good, "text/csv; charset=utf-8");
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(json::parse(done.body).at("imported").as_int64(), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 1);
    EXPECT_EQ(Count("SELECT count(*) FROM participation p JOIN site t ON t.id = p.site_id WHERE t.name = 'Fonderie A' "
                    "AND p.edition_id = 2 AND p.status = 'approved'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'site.import' AND actor_user_id = " +
                    std::to_string(organiser_id_)),
              1);

    auto media = Send("POST", "/api/v1/imports/media", kOrganiser, "type,média,date\npigeon,X,2026-04-05\n", "text/csv");
    EXPECT_EQ(media.status, 422);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), 2);
    EXPECT_EQ(Send("POST", "/api/v1/imports/media", kOrganiser, "{}", "application/json").status, 415);
    EXPECT_EQ(Send("POST", "/api/v1/imports/sites", kRelay, good, "text/csv").status, 403);
}

TEST_F(BackOfficeExportsTest, SiteImportPageChecksEveryRowAndImportsAllOrNothing) {
    auto page = Send("GET", "/organisation/usines/import", kOrganiser);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("name=\"csv\""), std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/usines/import", kRelay).status, 403);
    const long long sites = Count("SELECT count(*) FROM site");
    const std::string bad = "entreprise,naf,adresse,code_postal\nFonderie A,24.51Z,1 rue A,69003\nB,24.51Z,2 rue B,00000\n";
    // The cookie session needs the form's token.
    EXPECT_EQ(Send("POST", "/organisation/usines/import", kOrganiser, "csv=" + UrlEncode(bad),
                   "application/x-www-form-urlencoded", true)
                  .status,
              403);
    auto refused = PostForm("/organisation/usines/import", kOrganiser, "csv=" + UrlEncode(bad));
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("data-problem-line=\"3\""), std::string::npos);
    EXPECT_EQ(refused.body.find("data-problem-line=\"2\""), std::string::npos);
    EXPECT_NE(refused.body.find("Fonderie A"), std::string::npos);  // the pasted text is kept
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    const std::string good = "entreprise,naf,adresse,code_postal\nFonderie A,24.51Z,1 rue A,69003\n";
    auto dry = PostForm("/organisation/usines/import", kOrganiser, "dry_run=1&csv=" + UrlEncode(good));
    EXPECT_EQ(dry.status, 200);
    EXPECT_NE(dry.body.find("1 lignes vérifiées"), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    auto done = PostForm("/organisation/usines/import", kOrganiser, "csv=" + UrlEncode(good));
    EXPECT_EQ(done.status, 303);
    EXPECT_NE(Header(done, "Location").find("importees=1"), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 1);
}

TEST_F(BackOfficeExportsTest, MediaPageAddsEditsAndDeletesMentionsAudited) {
    const long long mentions = Count("SELECT count(*) FROM media_mention");
    auto bad = PostForm("/organisation/medias", kOrganiser,
                        "do=mention_add&kind=print&outlet=Ouest-France&published_on=2026-02-30");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("AAAA-MM-JJ"), std::string::npos);
    EXPECT_NE(bad.body.find("value=\"Ouest-France\""), std::string::npos);  // the form again, filled
    EXPECT_EQ(PostForm("/organisation/medias", kOrganiser,
                       "do=mention_add&kind=pigeon&outlet=Ouest-France&published_on=2026-02-03")
                  .status,
              400);
    EXPECT_EQ(PostForm("/organisation/medias", kOrganiser,
                       "do=mention_add&kind=web&outlet=X&published_on=2026-02-03&department=999")
                  .status,
              400);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), mentions);
    EXPECT_EQ(Send("POST", "/organisation/medias", kOrganiser, "do=mention_add&kind=print&outlet=A&published_on=2026-02-03",
                   "application/x-www-form-urlencoded", true)
                  .status,
              403);  // no CSRF token
    EXPECT_EQ(PostForm("/organisation/medias", kRelay, "do=mention_add").status, 403);

    auto added = PostForm("/organisation/medias", kOrganiser,
                          "do=mention_add&kind=broadcast&outlet=France+Bleu&title=Les+usines&published_on=2026-04-06"
                          "&url=https%3A%2F%2Fexample.org%2Fa&department=2a");
    ASSERT_EQ(added.status, 303);
    long long id = 0;
    {
        auto db = connections_->Get();
        std::string department;
        (*db)->sql() << "SELECT id, department_code FROM media_mention WHERE outlet = 'France Bleu'", soci::into(id),
            soci::into(department);
        EXPECT_EQ(department, "2A");
    }
    auto page = Send("GET", "/organisation/medias", kOrganiser);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-mention=\"" + std::to_string(id) + "\""), std::string::npos);
    EXPECT_LT(page.body.find("France Bleu"), page.body.find("Le Dauphiné"));  // newest first
    auto edit_form = Send("GET", "/organisation/medias?modifier=" + std::to_string(id), kOrganiser);
    EXPECT_NE(edit_form.body.find("value=\"mention_edit\""), std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/medias?modifier=999", kOrganiser).status, 404);
    auto edited = PostForm("/organisation/medias", kOrganiser,
                           "do=mention_edit&id=" + std::to_string(id) +
                               "&kind=print&outlet=France+Bleu+Isère&published_on=2026-04-07");
    ASSERT_EQ(edited.status, 303);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention WHERE outlet = 'France Bleu Isère' AND kind = 'print'"), 1);
    EXPECT_EQ(PostForm("/organisation/medias", kOrganiser,
                       "do=mention_edit&id=999&kind=print&outlet=X&published_on=2026-04-07")
                  .status,
              404);
    ASSERT_EQ(PostForm("/organisation/medias", kOrganiser, "do=mention_delete&id=" + std::to_string(id)).status, 303);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), mentions);
    EXPECT_EQ(PostForm("/organisation/medias", kOrganiser, "do=mention_delete&id=" + std::to_string(id)).status, 404);
    for (const char* action : {"media_mention.create", "media_mention.update", "media_mention.delete"})
        EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = '" + std::string(action) +
                        "' AND entity_id = " + std::to_string(id) + " AND actor_user_id = " + std::to_string(organiser_id_)),
                  1)
            << action;
}

TEST_F(BackOfficeExportsTest, SocialMentionCountsOnThePageAndInTheBilan) {
    auto bilan_total = [&] {
        auto db = connections_->Get();
        return store::LoadBilanData(**db, 2026)->social_mentions;
    };
    const long long before = bilan_total();
    for (const char* fields : {"network=myspace&period_start=2026-04-01&period_end=2026-04-07&mentions=5",
                               "network=linkedin&period_start=2026-04-07&period_end=2026-04-01&mentions=5",
                               "network=linkedin&period_start=2026-04-01&period_end=2026-04-07&mentions=-1",
                               "network=linkedin&period_start=2026-04-01&period_end=2026-04-07&mentions=beaucoup",
                               "network=linkedin&period_start=avril&period_end=2026-04-07&mentions=5"})
        EXPECT_EQ(PostForm("/organisation/medias", kOrganiser, std::string("do=social_add&") + fields).status, 400)
            << fields;
    EXPECT_EQ(Count("SELECT count(*) FROM social_mentions"), 0);
    ASSERT_EQ(PostForm("/organisation/medias", kOrganiser,
                       "do=social_add&network=Instagram&period_start=2026-04-01&period_end=2026-04-07&mentions=1234")
                  .status,
              303);
    EXPECT_EQ(bilan_total(), before + 1234);
    auto page = Send("GET", "/organisation/medias", kOrganiser);
    EXPECT_NE(page.body.find("data-social-counts"), std::string::npos);
    EXPECT_NE(page.body.find("Instagram"), std::string::npos);
    long long id = Count("SELECT max(id) FROM social_mentions");
    EXPECT_EQ(Count("SELECT count(*) FROM social_mentions WHERE network = 'instagram'"), 1);
    ASSERT_EQ(PostForm("/organisation/medias", kOrganiser, "do=social_delete&id=" + std::to_string(id)).status, 303);
    EXPECT_EQ(bilan_total(), before);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE entity = 'social_mentions' AND entity_id = " +
                    std::to_string(id)),
              2);
}

TEST_F(BackOfficeExportsTest, MediaAndSocialMentionsThroughTheApi) {
    auto made = Send("POST", "/api/v1/media-mentions", kOrganiser,
                     R"({"kind":"web","outlet":"Lyon Capitale","published_on":"2026-04-08","department":"69"})",
                     "application/json");
    ASSERT_EQ(made.status, 201) << made.body;
    const long long id = json::parse(made.body).at("media_mention").at("id").as_int64();
    EXPECT_EQ(Send("POST", "/api/v1/media-mentions", kOrganiser, R"({"kind":"web","published_on":"2026-04-08"})",
                   "application/json")
                  .status,
              400);
    EXPECT_EQ(Send("POST", "/api/v1/media-mentions", kRelay, R"({"kind":"web"})", "application/json").status, 403);
    auto list = json::parse(Send("GET", "/api/v1/media-mentions", kOrganiser).body);
    EXPECT_EQ(list.at("total").as_int64(), 3);
    EXPECT_EQ(list.at("media_mentions").at(0).at("id").as_int64(), id);
    // Pages are bounded (1..10000): (page - 1) * 50 never overflows.
    EXPECT_EQ(Send("GET", "/api/v1/media-mentions?page=10000", kOrganiser).status, 200);
    for (const char* page : {"0", "10001", "99999999999", "9223372036854775807", "-1", "x"})
        EXPECT_EQ(Send("GET", std::string("/api/v1/media-mentions?page=") + page, kOrganiser).status, 400) << page;
    const std::string target = "/api/v1/media-mentions/" + std::to_string(id);
    auto patched = Send("PATCH", target, kOrganiser, R"({"title":"Portes ouvertes"})", "application/json");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(json::parse(patched.body).at("media_mention").at("title").as_string(), "Portes ouvertes");
    EXPECT_EQ(json::parse(patched.body).at("media_mention").at("outlet").as_string(), "Lyon Capitale");  // kept
    EXPECT_EQ(Send("PATCH", target, kOrganiser, R"j({"url":"javascript:alert(1)"})j", "application/json").status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention WHERE url IS NOT NULL"), 0);
    EXPECT_EQ(Send("PATCH", "/api/v1/media-mentions/999", kOrganiser, "{}", "application/json").status, 404);
    EXPECT_EQ(Send("DELETE", target, kOrganiser).status, 200);
    EXPECT_EQ(Send("DELETE", target, kOrganiser).status, 404);

    auto counted = Send("POST", "/api/v1/social-mentions", kOrganiser,
                        R"({"network":"tiktok","period_start":"2026-04-01","period_end":"2026-04-01","mentions":0})",
                        "application/json");
    ASSERT_EQ(counted.status, 201) << counted.body;
    const long long count_id = json::parse(counted.body).at("social_mentions").at("id").as_int64();
    EXPECT_EQ(Send("POST", "/api/v1/social-mentions", kOrganiser,
                   R"({"network":"tiktok","period_start":"2026-04-01","period_end":"2026-04-01","mentions":-3})",
                   "application/json")
                  .status,
              400);
    auto counts = json::parse(Send("GET", "/api/v1/social-mentions", kOrganiser).body);
    EXPECT_EQ(counts.at("social_mentions").as_array().size(), 1u);
    EXPECT_EQ(Send("DELETE", "/api/v1/social-mentions/" + std::to_string(count_id), kOrganiser).status, 200);
    EXPECT_EQ(Send("DELETE", "/api/v1/social-mentions/" + std::to_string(count_id), kOrganiser).status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/social-mentions", kHost).status, 403);
}

}  // namespace
}  // namespace juo::web

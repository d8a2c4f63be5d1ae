// Tests of the host space after registration and of the teaching kit, through the real router
// (people_test_fixture.h): uploads as multipart forms, their checks, who may see what, and the
// counts and audit entries they leave.
#include "store/audit_log.h"
#include "store/file_store.h"
#include "web/people_test_fixture.h"

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

}  // namespace
}  // namespace juo::web

// Teaching-kit persistence.
#include "store/sites/teaching_kit_repository.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

constexpr const char* kColumns =
    "id, edition_id, title, audience, pages, file_path, file_id, mime_type, published, downloads, created_at";

domain::TeachingKitDocument FromRow(const soci::row& r) {
    domain::TeachingKitDocument d;
    d.id = RowInt(r, 0);
    d.edition_id = RowInt(r, 1);
    d.title = r.get<std::string>(2);
    d.audience = r.get<std::string>(3);
    d.pages = static_cast<int>(RowInt(r, 4));
    if (r.get_indicator(5) == soci::i_ok) d.file_path = r.get<std::string>(5);
    if (r.get_indicator(6) == soci::i_ok) d.file_id = RowInt(r, 6);
    d.mime_type = r.get<std::string>(7);
    d.published = RowInt(r, 8) != 0;
    d.downloads = static_cast<int>(RowInt(r, 9));
    if (r.get_indicator(10) == soci::i_ok) d.created_at = r.get<std::string>(10);
    return d;
}

}  // namespace

void InsertTeachingKitDocument(Database& db, domain::TeachingKitDocument& d) {
    NullableText path, created;
    path.set(d.file_path);
    created.set(d.created_at);
    Nullable<long long> file;
    file.set(d.file_id);
    int published = d.published ? 1 : 0;
    db.sql()
        << "INSERT INTO teaching_kit_document (edition_id, title, audience, pages, file_path, file_id, mime_type, "
           "published, downloads, created_at) VALUES (:e, :t, :a, :p, :f, :fid, :m, :pub, :dl, :at)",
        soci::use(d.edition_id), soci::use(d.title), soci::use(d.audience), soci::use(d.pages), use(path), use(file),
        soci::use(d.mime_type), soci::use(published), soci::use(d.downloads), use(created);
    d.id = db.LastInsertId("teaching_kit_document");
}

std::vector<domain::TeachingKitDocument> TeachingKit(Database& db, long long edition_id, bool published_only) {
    std::vector<domain::TeachingKitDocument> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kColumns + " FROM teaching_kit_document WHERE edition_id = :e" +
                                 (published_only ? " AND published = 1" : "") + " ORDER BY title, id",
         soci::use(edition_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::optional<domain::TeachingKitDocument> FindTeachingKitDocument(Database& db, long long id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kColumns + " FROM teaching_kit_document WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

bool SetTeachingKitPublished(Database& db, long long id, bool published) {
    int flag = published ? 1 : 0;
    soci::statement st = (db.sql().prepare << "UPDATE teaching_kit_document SET published = :p WHERE id = :id",
                          soci::use(flag), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

void CountTeachingKitDownload(Database& db, long long id) {
    db.sql() << "UPDATE teaching_kit_document SET downloads = downloads + 1 WHERE id = :id", soci::use(id);
}

}  // namespace juo::store

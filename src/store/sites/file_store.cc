// Uploaded files in the database (see file_store.h).
#include "store/sites/file_store.h"

#include "store/db/binding.h"

namespace juo::store {

void InsertStoredFile(Database& db, StoredFile& f) {
    Nullable<int> width, height;
    width.set(f.width);
    height.set(f.height);
    Nullable<long long> by;
    by.set(f.uploaded_by);
    NullableText name;
    name.set(f.original_name);
    db.sql() << "INSERT INTO stored_file (sha256, mime_type, size_bytes, width, height, original_name, "
                "content_base64, uploaded_by, created_at) VALUES (:h, :m, :n, :w, :ht, :o, :c, :u, :at)",
        soci::use(f.sha256), soci::use(f.mime_type), soci::use(f.size_bytes), use(width), use(height), use(name),
        soci::use(f.content_base64), use(by), soci::use(f.created_at);
    f.id = db.LastInsertId("stored_file");
}

std::optional<StoredFile> FindStoredFile(Database& db, long long id, bool with_content) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT id, sha256, mime_type, size_bytes, width, height, original_name, ") +
                                 (with_content ? "content_base64" : "''") +
                                 ", uploaded_by, created_at FROM stored_file WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) {
        StoredFile f;
        f.id = RowInt(r, 0);
        f.sha256 = r.get<std::string>(1);
        f.mime_type = r.get<std::string>(2);
        f.size_bytes = RowInt(r, 3);
        if (r.get_indicator(4) == soci::i_ok) f.width = static_cast<int>(RowInt(r, 4));
        if (r.get_indicator(5) == soci::i_ok) f.height = static_cast<int>(RowInt(r, 5));
        if (r.get_indicator(6) == soci::i_ok) f.original_name = r.get<std::string>(6);
        f.content_base64 = r.get<std::string>(7);
        if (r.get_indicator(8) == soci::i_ok) f.uploaded_by = RowInt(r, 8);
        f.created_at = r.get<std::string>(9);
        return f;
    }
    return std::nullopt;
}

}  // namespace juo::store

// Teaching-kit persistence.
#include "store/teaching_kit_repository.h"

#include "store/binding.h"

namespace juo::store {

void InsertTeachingKitDocument(Database& db, domain::TeachingKitDocument& d) {
    NullableText path;
    path.set(d.file_path);
    int published = d.published ? 1 : 0;
    db.sql()
        << "INSERT INTO teaching_kit_document (edition_id, title, audience, pages, file_path, mime_type, "
           "published, downloads) VALUES (:e, :t, :a, :p, :f, :m, :pub, :dl) RETURNING id",
        soci::use(d.edition_id), soci::use(d.title), soci::use(d.audience), soci::use(d.pages), use(path),
        soci::use(d.mime_type), soci::use(published), soci::use(d.downloads), soci::into(d.id);
}

}  // namespace juo::store

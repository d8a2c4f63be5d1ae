// The teaching kit (see teaching_kit.h).
#include "services/teaching_kit.h"

#include "common/clock.h"
#include "common/text.h"
#include "services/audit.h"
#include "store/editions/edition_repository.h"
#include "store/sites/teaching_kit_repository.h"

namespace juo::services {
bool IsKitAudience(std::string_view a) { return a == "pupils" || a == "teachers" || a == "both"; }

Result<TeachingKitList> TeachingKit(Db& db, bool published_only) {
    return Guarded<TeachingKitList>(db, [&](Db& db) -> Result<TeachingKitList> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        return TeachingKitList{*edition, store::TeachingKit(db, edition->id, published_only)};
    });
}

Result<long long> UploadKitDocument(Db& db, long long user_id, KitDocumentInput in) {
    auto bad = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    domain::TeachingKitDocument doc;
    doc.title = in.title;
    if (doc.title.empty() || doc.title.size() > 200)
        return bad("give the document a title (at most 200 characters)",
                   "donnez un titre au document (200 caractères au plus)");
    doc.audience = in.audience;
    if (!IsKitAudience(doc.audience))
        return bad("choose who the document is for", "choisissez à qui s'adresse le document");
    if (!in.file) return bad("choose a PDF file to upload", "choisissez un fichier PDF à envoyer");
    auto pdf = uploads::CheckPdf(std::move(*in.file), in.file_name);
    if (!pdf.ok()) return pdf.error();
    doc.pages = pdf->pages;
    if (!in.pages.empty()) {
        auto n = ParsePositiveId(in.pages);
        if (!n || *n > 500) return bad("pages: 1 to 500", "pages : de 1 à 500");
        doc.pages = static_cast<int>(*n);
    }
    if (doc.pages <= 0)
        return bad("the PDF does not show its page count: give it",
                   "le PDF ne montre pas son nombre de pages : indiquez-le");
    return db.InTransaction<long long>([&]() -> Result<long long> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        doc.edition_id = edition->id;
        doc.created_at = NowUtcIso();
        doc.file_id = uploads::SaveUpload(db, *pdf, user_id, doc.created_at);
        store::InsertTeachingKitDocument(db, doc);
        Audit(db, user_id, "kit.upload", "teaching_kit_document", doc.id,
              doc.title + ", " + std::to_string(doc.pages) + " pages, " + std::to_string(pdf->bytes.size()) +
                  " bytes");
        return doc.id;
    });
}

Status PublishKitDocument(Db& db, std::optional<long long> id, bool publish, long long user_id) {
    if (!id) return MakeError(ErrorCode::kInvalidArgument, "no document given", "aucun document indiqué");
    return db.InTransaction<Unit>([&]() -> Status {
        auto doc = store::FindTeachingKitDocument(db, *id);
        if (!doc) return MakeError(ErrorCode::kNotFound, "no such document", "document introuvable");
        if (publish && !doc->file_id)
            return MakeError(ErrorCode::kConflict, "this document has no file to publish",
                             "ce document n'a pas de fichier à publier");
        store::SetTeachingKitPublished(db, *id, publish);
        Audit(db, user_id, publish ? "kit.publish" : "kit.withdraw", "teaching_kit_document", *id, doc->title);
        return Ok();
    });
}

Result<std::optional<domain::TeachingKitDocument>> FindKitDocument(Db& db, long long id) {
    return Guarded<std::optional<domain::TeachingKitDocument>>(
        db, [&](Db& db) { return store::FindTeachingKitDocument(db, id); });
}

Result<uploads::Download> DownloadKitDocument(Db& db, const domain::TeachingKitDocument& document) {
    return Guarded<uploads::Download>(db, [&](Db& db) -> Result<uploads::Download> {
        if (!document.file_id)
            return MakeError(ErrorCode::kNotFound, "no such document", "document introuvable");
        auto file = uploads::LoadUpload(db, *document.file_id);
        if (!file.ok()) return file.error();
        if (document.published) store::CountTeachingKitDownload(db, document.id);
        return file;
    });
}

}  // namespace juo::services

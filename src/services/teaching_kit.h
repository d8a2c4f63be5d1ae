// The teaching kit, the use cases its pages and the JSON API both run: the organiser uploads its
// PDFs (checked by their bytes, kept in the store) and publishes or withdraws them; teachers list
// the published ones and download them (each download of a published document counted for the
// bilan). Each change is written with its audit entry in one transaction; a refusal is an Error
// with its English and French message. No database exception passes these functions.
//
// Scope: the kit's management is the organiser's (the route table); an unpublished document's
// file is the organiser's too (the caller checks).
//
// Thread-safety: functions over their arguments; the Db is this thread's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "domain/teaching_kit.h"
#include "services/db.h"
#include "uploads/uploads.h"

namespace juo::services {

// "pupils", "teachers" or "both".
bool IsKitAudience(std::string_view audience);

// The current edition's kit.
struct TeachingKitList {
    domain::Edition edition;
    std::vector<domain::TeachingKitDocument> documents;
};
// The current edition's documents, only the published ones when `published_only`.
Result<TeachingKitList> TeachingKit(Db& db, bool published_only);

// A document as the organiser sends it: title, audience, pages ("" to take the PDF's count) and
// the PDF (nullopt when none was chosen).
struct KitDocumentInput {
    std::string title, audience, pages;
    std::optional<std::string> file;
    std::string file_name;
};
// Stores the document, unpublished, in the current edition: its id.
Result<long long> UploadKitDocument(Db& db, long long user_id, KitDocumentInput input);

// Publishes or withdraws kit document `id` (kInvalidArgument without one; kNotFound; kConflict to
// publish one without a file).
Status PublishKitDocument(Db& db, std::optional<long long> id, bool publish, long long user_id);

// Kit document `id`, or nullopt.
Result<std::optional<domain::TeachingKitDocument>> FindKitDocument(Db& db, long long id);

// The file of `document` (which has one), its download counted when the document is published.
Result<uploads::Download> DownloadKitDocument(Db& db, const domain::TeachingKitDocument& document);

}  // namespace juo::services

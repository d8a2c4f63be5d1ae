// Teaching-kit documents: inserted by the seed or uploaded by the organiser (the PDF in
// stored_file), published or not, and their download count. Throws soci::soci_error on
// database failures: call the writes inside Database::InTransaction.
#pragma once

#include <optional>
#include <vector>

#include "domain/teaching_kit.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts a document and sets its id.
void InsertTeachingKitDocument(Database& db, domain::TeachingKitDocument& document);

// The edition's documents (only the published ones when `published_only`), by title.
std::vector<domain::TeachingKitDocument> TeachingKit(Database& db, long long edition_id, bool published_only);

// The document `id`, or nullopt.
std::optional<domain::TeachingKitDocument> FindTeachingKitDocument(Database& db, long long id);

// Publishes or withdraws a document; false when it does not exist.
bool SetTeachingKitPublished(Database& db, long long id, bool published);

// Adds one to the document's download count.
void CountTeachingKitDownload(Database& db, long long id);

}  // namespace juo::store

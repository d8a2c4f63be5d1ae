// Teaching-kit documents. Throws soci::soci_error on database failures: call inside
// Database::InTransaction.
#pragma once

#include "domain/teaching_kit.h"
#include "store/database.h"

namespace juo::store {

// Inserts a document and sets its id.
void InsertTeachingKitDocument(Database& db, domain::TeachingKitDocument& document);

}  // namespace juo::store

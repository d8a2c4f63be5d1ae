// Internship offers. Throws soci::soci_error on database failures: call inside
// Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/internship.h"
#include "store/database.h"

namespace juo::store {

// Validates (domain::ValidateInternshipOffer) and inserts offers; sets ids.
Status InsertInternshipOffers(Database& db, std::span<domain::InternshipOffer> offers);

}  // namespace juo::store

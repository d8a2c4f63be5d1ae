// Editions and their days. Functions throw soci::soci_error on database failures: call them
// inside Database::InTransaction, which turns those into Errors.
#pragma once

#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts an edition with its days and their audiences; sets the ids. kConflict when an
// edition of that year exists. Validates with domain::ValidateEdition first.
Status InsertEdition(Database& db, domain::Edition& edition);

// The edition of `year` with its days, or kNotFound naming the editions the database has.
Result<domain::Edition> FindEditionByYear(Database& db, int year);

// Years of the stored editions, ascending.
std::vector<int> ListEditionYears(Database& db);

// The newest stored edition, the one the platform runs; kNotFound when there is none.
Result<domain::Edition> CurrentEdition(Database& db);

}  // namespace juo::store

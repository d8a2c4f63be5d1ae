// Schools. Throws soci::soci_error on database failures: call inside Database::InTransaction.
#pragma once

#include <span>

#include "domain/school.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts schools and sets their ids.
void InsertSchools(Database& db, std::span<domain::School> schools);

}  // namespace juo::store

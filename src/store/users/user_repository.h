// Users and their roles. Throws soci::soci_error on database failures: call inside
// Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/user.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts users with their role grants; sets ids. Fails with kInvalidArgument on an implausible
// e-mail (nothing more is inserted).
Status InsertUsers(Database& db, std::span<domain::User> users);

}  // namespace juo::store

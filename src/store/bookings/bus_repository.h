// Financed buses and the group bookings they carry. Throws soci::soci_error on database
// failures: call inside Database::InTransaction.
#pragma once

#include <span>

#include "domain/bus.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts buses with their carried bookings; sets ids.
void InsertBuses(Database& db, std::span<domain::Bus> buses);

}  // namespace juo::store

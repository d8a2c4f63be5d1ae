// Schools: inserting them, finding them by name, town or UAI for the request form, and the
// schools a requester created that the organiser or a relay has to check. Throws
// soci::soci_error on database failures: call inside Database::InTransaction (or Guarded).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/school.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts schools (with their to_check flag) and sets their ids.
void InsertSchools(Database& db, std::span<domain::School> schools);

// The school `id`, or nullopt.
std::optional<domain::School> FindSchool(Database& db, long long id);

// The schools whose UAI equals `query` (any case), or whose name or town contains it (ASCII case
// folded; every word of the query must appear in the name or the town), confirmed ones first, by
// name; at most `limit`. Empty for a query under 2 characters.
std::vector<domain::School> SearchSchools(Database& db, const std::string& query, int limit);

// The schools waiting to be checked (to_check = 1), in `departments` (every department when
// empty and `all`), by department and name; at most `limit`.
std::vector<domain::School> SchoolsToCheck(Database& db, const std::vector<std::string>& departments, bool all,
                                           int limit);

// Sets the priority flags of a school waiting to be checked (to_check) and marks it checked;
// false when there is no such school waiting.
bool ConfirmSchool(Database& db, long long id, domain::PriorityEducation priority, bool rural);

}  // namespace juo::store

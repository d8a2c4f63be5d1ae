// The store's reads for the demo accounts (services/demo_accounts): the factory a demo is best
// shown on, with the tours its visitor and teacher start from, and who is a demo account.
// Throws soci::soci_error on database failures.
//
// Thread-safety: functions over the Database they are given (one thread's connection).
#pragma once

#include <optional>
#include <string>

#include "store/db/database.h"

namespace juo::store {

struct DemoSite {
    long long site_id = 0;
    long long organisation_id = 0;
    std::string name;
    std::string commune_name;
    std::string region_code;
    long long friday_session_id = 0;    // open to school classes and job-seeker groups, any level
    long long saturday_session_id = 0;  // open to the public, room for a party of 6
};

// The approved site of edition `edition_id` with, as first choices, a Friday tour (open to both
// group audiences, no minimum level, a group slot and 40 places left) and a Saturday public tour
// (6 places left): the one with the most such Saturday places, then the lowest id. nullopt
// when no site has both.
std::optional<DemoSite> FindDemoSite(Database& db, long long edition_id);

// How many accounts have an e-mail address at `domain` ("demo.juo.test").
long long CountUsersAtDomain(Database& db, const std::string& domain);

}  // namespace juo::store

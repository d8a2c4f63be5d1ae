// Organisations, sites and participations (a site taking part in an edition).
// Functions throw soci::soci_error on database failures: call them inside
// Database::InTransaction.
#pragma once

#include <span>

#include "common/result.h"
#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts organisations and sets their ids.
void InsertOrganisations(Database& db, std::span<domain::Organisation> organisations);

// Validates (domain::ValidateSite) then inserts sites, setting their ids; on the first invalid
// site nothing more is inserted and its error is returned (the caller's transaction rolls back).
Status InsertSites(Database& db, std::span<domain::Site> sites);

// Inserts participations and sets their ids.
void InsertParticipations(Database& db, std::span<domain::Participation> participations);

}  // namespace juo::store

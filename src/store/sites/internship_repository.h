// Internship offers posted by a site's hosts (stage de 3e, de seconde, apprentissage), and how
// many of their places were filled. Throws soci::soci_error on database failures: call the writes
// inside Database::InTransaction.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "common/result.h"
#include "domain/internship.h"
#include "store/db/database.h"

namespace juo::store {

// Validates (domain::ValidateInternshipOffer) and inserts offers; sets ids.
Status InsertInternshipOffers(Database& db, std::span<domain::InternshipOffer> offers);

// The site's offers in `edition_id`, oldest first.
std::vector<domain::InternshipOffer> SiteInternships(Database& db, long long site_id, long long edition_id);

// The offer `id`, or nullopt.
std::optional<domain::InternshipOffer> FindInternship(Database& db, long long id);

// Sets how many places of the offer are filled (0 to its places: kInvalidArgument otherwise;
// kNotFound for an unknown offer).
Status SetInternshipFilled(Database& db, long long id, int filled);

}  // namespace juo::store

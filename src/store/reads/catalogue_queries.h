// Reads what the public catalogue shows: the open sites of an edition (approved, with at least
// one tour not cancelled) and their tours with places left. The search index in services/ is
// built from this snapshot.
//
// Thread-safety: takes a Database, which is single-threaded.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "domain/session.h"
#include "domain/site.h"
#include "store/db/database.h"

namespace juo::store {

struct CatalogueSnapshot {
    domain::Edition edition;
    std::vector<domain::Site> sites;        // open sites, by id
    std::vector<domain::Session> sessions;  // their tours not cancelled, by site then day and time
    std::vector<domain::Edition> other_editions;  // every other stored edition, newest first
};

// The snapshot of the edition of `year`. kNotFound without such an edition.
Result<CatalogueSnapshot> LoadCatalogue(Database& db, int year);

// The most recent edition's year: the one the public site shows. kNotFound when there is none.
Result<int> LatestEditionYear(Database& db);

// A cheap fingerprint of what the catalogue shows: it changes when sites are added, tours are
// added, opened, closed or cancelled, capacities or places taken change, or participations are
// approved. Used to rebuild the search index only when needed. (Edits of a site's text do not
// change it yet: the back office will bump a version when it lands.)
Result<std::string> CatalogueFingerprint(Database& db);

}  // namespace juo::store

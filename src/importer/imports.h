// Imports of the back office and of `juo import`: media mentions and factory sites from CSV.
// Every row is checked before anything is written; a file with any problem imports nothing and
// the report lists each problem with its line, its column and why (English and French). A clean
// file is written in one transaction.
//
// Media columns (French or English names, any order, case and accents ignored):
//   type|kind (presse/print, web, tv/radio/broadcast), média|outlet, titre|title (optional),
//   date|published_on (YYYY-MM-DD or DD/MM/YYYY), url|lien (optional), département|department
//   (optional code).
// Sites columns: entreprise|company, siret (optional, key checked), nom|name (optional: the
//   company), naf (a NAF class, 29.10Z), adresse|address, code_postal|postcode, commune (optional:
//   the postcode's most populous commune), fauteuil|wheelchair|moteur, auditif|hearing,
//   visuel|visual, mental, psychique|psychic (the five accessibility kinds: oui/non, optional),
//   age_min|min_age (optional), description (optional). Imported sites take part in the edition,
//   approved (the organiser imports them), and duplicates (the same SIRET, or the same name and
//   postcode, in the file or already stored) are refused.
//
// Thread-safety: functions over their arguments; the Database is the caller's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/site.h"
#include "importer/csv.h"
#include "refdata/geocoder.h"
#include "store/db/database.h"

namespace juo::importer {

struct ImportReport {
    int rows = 0;                        // data rows read
    std::vector<ImportProblem> problems; // empty: the file is clean
    int imported = 0;                    // rows written (0 on a dry run or with problems)
};

// Checks (and unless `dry_run`, imports) media mentions for edition `year`. kNotFound for an
// unknown edition, kUnavailable on a database failure; problems of the file are in the report.
// The audit entry names `actor_user_id` (a back-office user), or "import" when 0 (the command line).
Result<ImportReport> ImportMedia(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id = 0);

// The same for factory sites.
Result<ImportReport> ImportSites(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id = 0);

// Places `site` at the commune a geocoding found: INSEE code, name, department, region and
// position (the postcode stays the caller's). Shared by the import and the host's registration.
void PlaceAtCommune(domain::Site& site, const refdata::GeocodeMatch& where);

}  // namespace juo::importer

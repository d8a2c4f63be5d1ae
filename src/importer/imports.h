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
// The row checks themselves, which need no database, are in import_rows.h (ImportReport,
// PlaceAtCommune too).
//
// Thread-safety: functions over their arguments; the Database is the caller's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/site.h"
#include "importer/csv.h"
#include "importer/import_rows.h"
#include "store/db/database.h"

namespace juo::importer {

// Checks (and unless `dry_run`, imports) media mentions for edition `year`. kNotFound for an
// unknown edition, kUnavailable on a database failure; problems of the file are in the report.
// The audit entry names `actor_user_id` (a back-office user), or "import" when 0 (the command line).
Result<ImportReport> ImportMedia(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id = 0);

// The same for factory sites.
Result<ImportReport> ImportSites(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id = 0);

}  // namespace juo::importer

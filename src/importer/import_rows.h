// The checks of an import's rows, without a database: the columns of a parsed CSV file mapped to
// the fields of media mentions or factory sites (French or English names, any order, case and
// accents ignored: imports.h lists them), and every row checked — kinds, dates, departments, SIRET
// keys, NAF codes, postcodes geocoded offline, accessibility flags, ages, duplicates — each
// problem with its line, its column and why. imports.h reads the edition and what is stored,
// calls these, and writes the result; fuzz/csv_import_fuzz.cc calls them alone.
//
// Thread-safety: functions over their arguments (the offline geocoder is immutable).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "domain/media.h"
#include "domain/site.h"
#include "importer/csv.h"
#include "refdata/geocoder.h"

namespace juo::importer {

struct ImportReport {
    int rows = 0;                        // data rows read
    std::vector<ImportProblem> problems; // empty: the file is clean
    int imported = 0;                    // rows written (0 on a dry run or with problems)
};

// The media mentions of `table` for edition `edition_id`: counts report.rows and appends a
// problem per bad row (a missing required column: one problem of line 1, and no row is read). The
// mentions are to be written only when report.problems is empty.
std::vector<domain::MediaMention> CheckMediaRows(const CsvTable& table, long long edition_id, ImportReport& report);

// The sites of `table`, each with its organisation (same order), created at `now`. `sirets` and
// `names` (folded name + "|" + postcode) hold what is stored already; each row's are added, so a
// duplicate within the file is a problem too. As above for report.
struct SiteRows {
    std::vector<domain::Organisation> organisations;
    std::vector<domain::Site> sites;
};
SiteRows CheckSiteRows(const CsvTable& table, const std::string& now, std::set<std::string>& sirets,
                       std::set<std::string>& names, ImportReport& report);

// Places `site` at the commune a geocoding found: INSEE code, name, department, region and
// position (the postcode stays the caller's). Shared by the import and the host's registration.
void PlaceAtCommune(domain::Site& site, const refdata::GeocodeMatch& where);

}  // namespace juo::importer

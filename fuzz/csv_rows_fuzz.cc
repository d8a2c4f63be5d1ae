// Fuzzes the row checks of the CSV imports of media mentions and factory sites (the back office,
// `juo import`) without a database: a file read by importer::ParseCsv, then importer::CheckMediaRows
// and importer::CheckSiteRows (column mapping, kinds, dates, departments, SIRET keys, NAF codes,
// postcodes geocoded offline, accessibility flags, ages, duplicates). Apart from csv_import (the
// reader alone) because the geocoder makes it some twenty times slower.
// Invariants: a row check counts every row, or none when a required column is missing; every
// problem has a line, a column and a reason in both languages; a file without problems gives one
// valid mention (or one valid site with its organisation, placed at a commune) per row, without
// duplicate SIRETs; nothing is imported.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/media.h"
#include "domain/site.h"
#include "fuzz_check.h"
#include "importer/csv.h"
#include "importer/import_rows.h"

namespace {

void CheckProblems(const juo::importer::ImportReport& report, size_t rows) {
    for (const auto& p : report.problems) {
        FUZZ_CHECK(p.line >= 1 && !p.column.empty() && !p.reason.empty() && !p.reason_fr.empty());
    }
    FUZZ_CHECK(report.rows == static_cast<int>(rows) || (report.rows == 0 && !report.problems.empty()));
    FUZZ_CHECK(report.imported == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo::importer;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const CsvParse parsed = ParseCsv(input);
    if (parsed.problem) return 0;  // csv_import checks the reader
    const CsvTable& table = parsed.table;

    ImportReport media_report;
    const auto mentions = CheckMediaRows(table, 7, media_report);
    CheckProblems(media_report, table.rows.size());
    if (media_report.problems.empty()) {
        FUZZ_CHECK(mentions.size() == table.rows.size());
        for (const auto& m : mentions) FUZZ_CHECK(m.edition_id == 7 && juo::domain::ValidateMediaMention(m).ok());
    }

    ImportReport site_report;
    std::set<std::string> sirets, names;
    const auto sites = CheckSiteRows(table, "2026-04-01T08:00:00Z", sirets, names, site_report);
    CheckProblems(site_report, table.rows.size());
    FUZZ_CHECK(sites.organisations.size() == sites.sites.size());
    if (site_report.problems.empty()) {
        FUZZ_CHECK(sites.sites.size() == table.rows.size());
        std::set<std::string> seen_sirets;
        for (const auto& site : sites.sites) {
            FUZZ_CHECK(juo::domain::ValidateSite(site).ok());
            FUZZ_CHECK(juo::domain::IsValidPostcode(site.postcode) && !site.commune_code.empty());
            if (!site.siret.empty()) FUZZ_CHECK(seen_sirets.insert(site.siret).second);
        }
    }
    return 0;
}

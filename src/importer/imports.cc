// Media and site imports (see imports.h).
#include "importer/imports.h"

#include <set>

#include "common/clock.h"
#include "common/text.h"
#include "store/audit/audit_log.h"
#include "store/editions/edition_repository.h"
#include "store/media/media_repository.h"
#include "store/sites/site_repository.h"

namespace juo::importer {
namespace {

Result<domain::Edition> EditionOf(store::Database& db, int year) {
    try {
        return store::FindEditionByYear(db, year);
    } catch (const std::exception& e) {
        return db.FromException(e);
    }
}

void AuditImport(store::Database& db, const std::string& what, int count, int year, long long actor_user_id) {
    domain::AuditEntry e;
    e.actor_label = "import";
    if (actor_user_id > 0) {
        e.actor_user_id = actor_user_id;
        e.actor_label = "user:" + std::to_string(actor_user_id);
    }
    e.action = what + ".import";
    e.entity = what;
    e.detail = std::to_string(count) + " rows for " + std::to_string(year);
    store::AppendAudit(db, e);
}

}  // namespace

Result<ImportReport> ImportMedia(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id) {
    ImportReport report;
    auto edition = EditionOf(db, year);
    if (!edition.ok()) return edition.error();
    auto parsed = ParseCsv(csv);
    if (parsed.problem) {
        report.problems.push_back(*parsed.problem);
        return report;
    }
    std::vector<domain::MediaMention> mentions = CheckMediaRows(parsed.table, edition->id, report);
    if (!report.problems.empty() || dry_run) return report;
    auto written = db.InTransaction<int>([&]() -> Result<int> {
        JUO_TRY(store::InsertMediaMentions(db, mentions));
        AuditImport(db, "media_mention", static_cast<int>(mentions.size()), year, actor_user_id);
        return static_cast<int>(mentions.size());
    });
    if (!written.ok()) return written.error();
    report.imported = *written;
    return report;
}

Result<ImportReport> ImportSites(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id) {
    ImportReport report;
    auto edition_found = EditionOf(db, year);
    if (!edition_found.ok()) return edition_found.error();
    const domain::Edition& edition = *edition_found;
    auto parsed = ParseCsv(csv);
    if (parsed.problem) {
        report.problems.push_back(*parsed.problem);
        return report;
    }
    // What is stored already: SIRETs, and name + postcode.
    std::set<std::string> sirets, names;
    try {
        soci::rowset<soci::row> rows = (db.sql().prepare << "SELECT coalesce(siret, ''), name, postcode FROM site");
        for (const auto& r : rows) {
            if (!r.get<std::string>(0).empty()) sirets.insert(r.get<std::string>(0));
            names.insert(FoldForSearch(r.get<std::string>(1)) + "|" + r.get<std::string>(2));
        }
    } catch (const std::exception& e) {
        return db.FromException(e);
    }
    const std::string now = NowUtcIso();
    SiteRows checked = CheckSiteRows(parsed.table, now, sirets, names, report);
    auto& organisations = checked.organisations;
    auto& sites = checked.sites;
    if (!report.problems.empty() || dry_run) return report;
    auto written = db.InTransaction<int>([&]() -> Result<int> {
        store::InsertOrganisations(db, organisations);
        for (size_t i = 0; i < sites.size(); ++i) sites[i].organisation_id = organisations[i].id;
        JUO_TRY(store::InsertSites(db, sites));
        std::vector<domain::Participation> participations;
        for (const auto& s : sites) {
            domain::Participation p;
            p.edition_id = edition.id;
            p.site_id = s.id;
            p.status = domain::ParticipationStatus::kApproved;
            p.submitted_at = p.decided_at = now;
            participations.push_back(p);
        }
        store::InsertParticipations(db, participations);
        AuditImport(db, "site", static_cast<int>(sites.size()), year, actor_user_id);
        return static_cast<int>(sites.size());
    });
    if (!written.ok()) return written.error();
    report.imported = *written;
    return report;
}

}  // namespace juo::importer

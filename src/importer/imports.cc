// Media and site imports (see imports.h).
#include "importer/imports.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/clock.h"
#include "common/text.h"
#include "domain/media.h"
#include "domain/site.h"
#include "refdata/geocoder.h"
#include "refdata/refdata.h"
#include "store/audit/audit_log.h"
#include "store/editions/edition_repository.h"
#include "store/media/media_repository.h"
#include "store/sites/site_repository.h"

namespace juo::importer {
namespace {

struct Column {
    const char* name;  // as reported
    std::initializer_list<std::string_view> aliases;
    bool required;
};

// Maps the header to the columns; a missing required column is a problem of line 1.
std::map<std::string, size_t> MapColumns(const CsvTable& table, std::initializer_list<Column> columns,
                                         std::vector<ImportProblem>& problems) {
    std::map<std::string, size_t> at;
    for (const auto& c : columns) {
        if (auto i = FindColumn(table.header, c.aliases))
            at[c.name] = *i;
        else if (c.required)
            problems.push_back({1, c.name, std::string("the column ") + c.name + " is missing",
                                std::string("la colonne ") + c.name + " manque"});
    }
    return at;
}

std::string Cell(const CsvRow& row, const std::map<std::string, size_t>& at, const std::string& name) {
    auto it = at.find(name);
    if (it == at.end() || it->second >= row.fields.size()) return {};
    return row.fields[it->second];
}

// "2025-04-05" or "05/04/2025" → "2025-04-05"; "" when neither.
std::string IsoDate(const std::string& text) {
    if (domain::IsValidDate(text)) return text;
    if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
        std::string iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
        if (domain::IsValidDate(iso)) return iso;
    }
    return {};
}

std::optional<domain::MediaKind> MediaKindOf(const std::string& text) {
    const std::string k = FoldForSearch(text);
    if (k == "presse" || k == "print" || k == "papier" || k == "presse ecrite") return domain::MediaKind::kPrint;
    if (k == "web" || k == "internet" || k == "en ligne") return domain::MediaKind::kWeb;
    if (k == "tv" || k == "radio" || k == "broadcast" || k == "podcast" || k == "television" || k == "audiovisuel")
        return domain::MediaKind::kBroadcast;
    return std::nullopt;
}

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

struct OpenedFile {
    domain::Edition edition;
    CsvTable table;
    std::map<std::string, size_t> at;  // column name → index
};

// The edition, the parsed file and its columns; nullopt when the file itself has a problem (in
// `report`): not UTF-8, an unclosed quote, a missing column.
Result<std::optional<OpenedFile>> OpenFile(store::Database& db, int year, std::string_view csv, ImportReport& report,
                                           std::initializer_list<Column> columns) {
    auto edition = EditionOf(db, year);
    if (!edition.ok()) return edition.error();
    auto parsed = ParseCsv(csv);
    if (parsed.problem) {
        report.problems.push_back(*parsed.problem);
        return std::optional<OpenedFile>();
    }
    auto at = MapColumns(parsed.table, columns, report.problems);
    if (!report.problems.empty()) return std::optional<OpenedFile>();
    return std::optional<OpenedFile>(OpenedFile{std::move(*edition), std::move(parsed.table), std::move(at)});
}

}  // namespace

void PlaceAtCommune(domain::Site& site, const refdata::GeocodeMatch& where) {
    site.commune_code = where.commune->code;
    site.commune_name = where.commune->name;
    site.department_code = where.commune->department_code;
    site.region_code = where.commune->region_code;
    site.position = where.position;
}

Result<ImportReport> ImportMedia(store::Database& db, int year, std::string_view csv, bool dry_run,
                                 long long actor_user_id) {
    ImportReport report;
    auto file = OpenFile(db, year, csv, report,
                               {{"type", {"type", "kind"}, true},
                                {"media", {"média", "media", "outlet", "support"}, true},
                                {"titre", {"titre", "title"}, false},
                                {"date", {"date", "published_on", "publie le"}, true},
                                {"url", {"url", "lien", "link"}, false},
                                {"departement", {"département", "department", "dep"}, false}});
    if (!file.ok()) return file.error();
    if (!*file) return report;
    const auto& [edition, parsed_table, at] = **file;
    std::vector<domain::MediaMention> mentions;
    std::set<std::string> seen;
    for (const auto& row : parsed_table.rows) {
        ++report.rows;
        auto problem = [&](const char* column, std::string en, std::string fr) {
            report.problems.push_back({row.line, column, std::move(en), std::move(fr)});
        };
        domain::MediaMention m;
        m.edition_id = edition.id;
        const std::string kind = Cell(row, at, "type");
        auto k = MediaKindOf(kind);
        if (!k) {
            problem("type", "'" + kind + "' is not a kind of media (presse, web, tv, radio)",
                    "« " + kind + " » n'est pas un type de média (presse, web, tv, radio)");
            continue;
        }
        m.kind = *k;
        m.outlet = Cell(row, at, "media");
        m.title = Cell(row, at, "titre");
        m.published_on = IsoDate(Cell(row, at, "date"));
        if (m.published_on.empty()) {
            problem("date", "'" + Cell(row, at, "date") + "' is not a date (2025-04-05 or 05/04/2025)",
                    "« " + Cell(row, at, "date") + " » n'est pas une date (2025-04-05 ou 05/04/2025)");
            continue;
        }
        m.url = Cell(row, at, "url");
        m.department_code = Cell(row, at, "departement");
        if (!m.department_code.empty() && !refdata::FindDepartment(m.department_code)) {
            problem("departement", "unknown department '" + m.department_code + "'",
                    "département inconnu « " + m.department_code + " »");
            continue;
        }
        if (Status s = domain::ValidateMediaMention(m); !s.ok()) {
            problem("media", s.error().message, s.error().message_fr);
            continue;
        }
        const std::string key = std::string(domain::ToCode(m.kind)) + "|" + FoldForSearch(m.outlet) + "|" +
                                FoldForSearch(m.title) + "|" + m.published_on;
        if (!seen.insert(key).second) {
            problem("media", "the same mention is on an earlier line", "la même mention figure plus haut");
            continue;
        }
        mentions.push_back(std::move(m));
    }
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
    auto file = OpenFile(db, year, csv, report,
                               {{"entreprise", {"entreprise", "company", "raison sociale"}, true},
                                {"siret", {"siret"}, false},
                                {"nom", {"nom", "name", "site"}, false},
                                {"naf", {"naf", "code naf", "ape"}, true},
                                {"adresse", {"adresse", "address"}, true},
                                {"code_postal", {"code_postal", "code postal", "postcode", "cp"}, true},
                                {"commune", {"commune", "ville", "town"}, false},
                                {"fauteuil", {"fauteuil", "wheelchair", "pmr", "moteur", "motor"}, false},
                                {"auditif", {"auditif", "hearing", "malentendant"}, false},
                                {"visuel", {"visuel", "visual", "malvoyant"}, false},
                                {"mental", {"mental"}, false},
                                {"psychique", {"psychique", "psychic"}, false},
                                {"age_min", {"age_min", "age minimum", "min_age"}, false},
                                {"description", {"description", "presentation"}, false}});
    if (!file.ok()) return file.error();
    if (!*file) return report;
    const auto& [edition, parsed_table, at] = **file;
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
    std::vector<domain::Organisation> organisations;
    std::vector<domain::Site> sites;
    const std::string now = NowUtcIso();
    for (const auto& row : parsed_table.rows) {
        ++report.rows;
        auto problem = [&](const char* column, std::string en, std::string fr) {
            report.problems.push_back({row.line, column, std::move(en), std::move(fr)});
        };
        domain::Organisation o;
        domain::Site s;
        o.name = Cell(row, at, "entreprise");
        o.created_at = s.created_at = now;
        std::string siret;
        for (char c : Cell(row, at, "siret"))
            if (c != ' ') siret += c;
        if (!siret.empty() && !domain::IsValidSiret(siret)) {
            problem("siret", "SIRET " + siret + " is not 14 digits with a valid key",
                    "le SIRET " + siret + " n'a pas 14 chiffres avec une clé valide");
            continue;
        }
        o.siret = s.siret = siret;
        s.name = Cell(row, at, "nom").empty() ? o.name : Cell(row, at, "nom");
        std::string naf = Cell(row, at, "naf");
        std::transform(naf.begin(), naf.end(), naf.begin(), [](unsigned char c) { return std::toupper(c); });
        if (naf.size() == 5 && naf[2] != '.') naf = naf.substr(0, 2) + "." + naf.substr(2);  // "2910Z"
        s.naf_code = naf;
        s.naf_division = naf.substr(0, 2);
        s.address = Cell(row, at, "adresse");
        if (s.address.empty()) {
            problem("adresse", "the site's street address is missing", "l'adresse du site manque");
            continue;
        }
        s.postcode = Cell(row, at, "code_postal");
        if (!domain::IsValidPostcode(s.postcode)) {
            problem("code_postal", "postcode '" + s.postcode + "' is not five digits",
                    "le code postal « " + s.postcode + " » n'a pas cinq chiffres");
            continue;
        }
        const std::string commune = Cell(row, at, "commune");
        auto where = refdata::Geocoder::Default().Geocode(commune.empty() ? s.postcode : commune + " (" + s.postcode + ")");
        if (!where.ok()) {
            problem(commune.empty() ? "code_postal" : "commune", where.error().message, where.error().message_fr);
            continue;
        }
        PlaceAtCommune(s, *where);
        const auto yes = [&](const char* column) {
            const std::string v = FoldForSearch(Cell(row, at, column));
            return v == "oui" || v == "yes" || v == "1" || v == "x";
        };
        s.wheelchair_access = yes("fauteuil");
        s.hearing_access = yes("auditif");
        s.visual_access = yes("visuel");
        s.mental_access = yes("mental");
        s.psychic_access = yes("psychique");
        if (const std::string age = Cell(row, at, "age_min"); !age.empty()) {
            // Bytes of UTF-8 text are negative chars: isdigit takes them as unsigned char only.
            const auto digit = [](char c) { return c >= '0' && c <= '9'; };
            if (age.size() > 2 || !std::all_of(age.begin(), age.end(), digit)) {
                problem("age_min", "minimum age '" + age + "' is not a number", "l'âge minimum « " + age + " » n'est pas un nombre");
                continue;
            }
            s.min_age = std::stoi(age);
        }
        s.description = Cell(row, at, "description");
        if (Status v = domain::ValidateSite(s); !v.ok()) {
            const bool naf_problem = v.error().message.find("NAF") != std::string::npos;
            problem(naf_problem ? "naf" : "entreprise", v.error().message, v.error().message_fr);
            continue;
        }
        if (o.name.empty()) {
            problem("entreprise", "the company's name is missing", "le nom de l'entreprise manque");
            continue;
        }
        if (!siret.empty() && !sirets.insert(siret).second) {
            problem("siret", "SIRET " + siret + " is already registered (or on an earlier line)",
                    "le SIRET " + siret + " est déjà inscrit (ou figure plus haut)");
            continue;
        }
        if (!names.insert(FoldForSearch(s.name) + "|" + s.postcode).second) {
            problem("nom", "'" + s.name + "' at " + s.postcode + " is already registered (or on an earlier line)",
                    "« " + s.name + " » au " + s.postcode + " est déjà inscrit (ou figure plus haut)");
            continue;
        }
        organisations.push_back(std::move(o));
        sites.push_back(std::move(s));
    }
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

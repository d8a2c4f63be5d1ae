// The checks of an import's rows (see import_rows.h).
#include "importer/import_rows.h"

#include <algorithm>
#include <map>

#include "common/text.h"
#include "domain/edition.h"
#include "refdata/refdata.h"

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

}  // namespace

void PlaceAtCommune(domain::Site& site, const refdata::GeocodeMatch& where) {
    site.commune_code = where.commune->code;
    site.commune_name = where.commune->name;
    site.department_code = where.commune->department_code;
    site.region_code = where.commune->region_code;
    site.position = where.position;
}

std::vector<domain::MediaMention> CheckMediaRows(const CsvTable& table, long long edition_id, ImportReport& report) {
    const auto at = MapColumns(table, {{"type", {"type", "kind"}, true},
                       {"media", {"média", "media", "outlet", "support"}, true},
                       {"titre", {"titre", "title"}, false},
                       {"date", {"date", "published_on", "publie le"}, true},
                       {"url", {"url", "lien", "link"}, false},
                       {"departement", {"département", "department", "dep"}, false}}, report.problems);
    if (!report.problems.empty()) return {};
    std::vector<domain::MediaMention> mentions;
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
        ++report.rows;
        auto problem = [&](const char* column, std::string en, std::string fr) {
            report.problems.push_back({row.line, column, std::move(en), std::move(fr)});
        };
        domain::MediaMention m;
        m.edition_id = edition_id;
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
    return mentions;
}

SiteRows CheckSiteRows(const CsvTable& table, const std::string& now, std::set<std::string>& sirets,
                       std::set<std::string>& names, ImportReport& report) {
    const auto at = MapColumns(table, {{"entreprise", {"entreprise", "company", "raison sociale"}, true},
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
                       {"description", {"description", "presentation"}, false}}, report.problems);
    if (!report.problems.empty()) return {};
    SiteRows out;
    auto& organisations = out.organisations;
    auto& sites = out.sites;
    for (const auto& row : table.rows) {
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
    return out;
}

}  // namespace juo::importer

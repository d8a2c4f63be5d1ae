// The tables behind the charts, and their CSV and JSON forms.
#include "report/tables.h"

#include <boost/json.hpp>

#include <cstdio>

#include "common/csv.h"
#include "common/french_dates.h"

namespace juo::report {
namespace {

namespace json = boost::json;

Cell Opt(const std::optional<int>& v) { return v ? Cell(static_cast<long long>(*v)) : Cell(std::string()); }
Cell Opt(const std::optional<double>& v) { return v ? Cell(*v) : Cell(std::string()); }

Table Audiences(const Bilan& b) {
    Table t{"audiences",
            "Visiteurs par public",
            {{"audience", "Public"},
             {"label", "Libellé"},
             {"bookings", "Réservations"},
             {"booked_people", "Inscrits"},
             {"attended", "Présents"},
             {"attendance_pct", "Présents / inscrits (%)"},
             {"share_pct", "Part des visiteurs (%)"}},
            {}};
    for (const auto& a : b.visitors.by_audience)
        t.rows.push_back({a.code, a.label_fr, a.bookings, a.booked_people, a.attended, Opt(a.attendance_pct),
                          static_cast<long long>(a.share_pct)});
    return t;
}

Table Days(const Bilan& b) {
    Table t{"days",
            "Événements par jour",
            {{"date", "Date", ColumnType::kDate}, {"day", "Jour"}, {"events", "Événements"}, {"sessions", "Visites"}},
            {}};
    for (const auto& d : b.events.days) t.rows.push_back({d.date, d.day_fr, d.events, d.sessions});
    return t;
}

Table Sectors(const Bilan& b) {
    Table t{"sectors",
            "Secteurs : part des usines et poids national",
            {{"division", "Division NAF"},
             {"sector", "Secteur"},
             {"sites", "Usines"},
             {"share_of_sites_pct", "Part des usines (%)"},
             {"national_establishments_share_pct", "Part des établissements en France (%)"},
             {"national_jobs_share_pct", "Part des emplois salariés en France (%)"},
             {"under_represented", "Sous-représenté"}},
            {}};
    auto under = [&](const std::string& division) {
        for (const auto& u : b.sectors.under_represented)
            if (u.division == division) return true;
        return false;
    };
    for (const auto& s : b.sectors.sectors)
        t.rows.push_back({s.division, s.short_fr, s.sites, s.share_of_sites_pct,
                          Opt(s.national_establishments_share_pct), Opt(s.national_jobs_share_pct),
                          std::string(under(s.division) ? "oui" : "non")});
    for (const auto& u : b.sectors.under_represented)
        if (u.sites == 0)
            t.rows.push_back({u.division, u.short_fr, 0LL, 0.0, u.national_establishments_share_pct,
                              Opt(u.national_jobs_share_pct), std::string("oui")});
    return t;
}

Table Areas(const std::string& code, const std::string& title, const std::vector<AreaFigures>& areas) {
    Table t{code,
            title,
            {{"code", "Code"},
             {"name", "Nom"},
             {"sites", "Usines"},
             {"booked_people", "Inscrits"},
             {"attended", "Présents"},
             {"requests", "Demandes de groupe"},
             {"refused", "Demandes refusées"}},
            {}};
    for (const auto& a : areas)
        t.rows.push_back({a.code, a.name, a.sites, a.booked_people, a.attended, a.requests, a.refused});
    return t;
}

Table MostRequested(const Bilan& b) {
    Table t{"most_requested",
            "Les usines les plus demandées",
            {{"site_id", "Usine (id)"},
             {"name", "Usine"},
             {"commune", "Commune"},
             {"department", "Département"},
             {"requests", "Demandes"},
             {"group_capacity", "Places de groupe"},
             {"accepted_groups", "Groupes accueillis"},
             {"requests_per_group_place", "Demandes par place"}},
            {}};
    for (const auto& d : b.group_requests.most_requested)
        t.rows.push_back({d.site_id, d.name, d.commune, d.department_code, d.requests, d.group_capacity,
                          d.accepted_groups, d.requests_per_group_place});
    return t;
}

Table WhiteZones(const Bilan& b) {
    Table t{"white_zones",
            "Zones blanches",
            {{"code", "Département"},
             {"name", "Nom"},
             {"requests", "Demandes"},
             {"pupils", "Élèves"},
             {"far_requests", "Sans usine à portée"},
             {"refused", "Refusées"}},
            {}};
    for (const auto& z : b.white_zones.departments)
        t.rows.push_back({z.code, z.name, z.requests, z.pupils, z.far_requests, z.refused});
    return t;
}

Table Buses(const Bilan& b) {
    const auto& bus = b.buses;
    Table t{"buses", "Bus financés", {{"figure", "Indicateur"}, {"value", "Valeur"}}, {}};
    t.rows = {{std::string("Bus"), bus.buses},
              {std::string("Places"), bus.seats},
              {std::string("Coût (€)"), static_cast<double>(bus.cost_cents) / 100},
              {std::string("Kilomètres"), bus.km},
              {std::string("Groupes transportés"), bus.groups},
              {std::string("Inscrits transportés"), bus.people},
              {std::string("Inscrits en groupe"), bus.booked_group_people},
              {std::string("Part des inscrits en groupe venus en bus (%)"),
               Opt(bus.share_of_booked_group_people_pct)}};
    return t;
}

Table MediaByKind(const Bilan& b) {
    Table t{"media_by_kind",
            "Retombées médiatiques par type",
            {{"kind", "Type"}, {"label", "Libellé"}, {"count", "Retombées"}},
            {}};
    for (const auto& k : b.media.by_kind) t.rows.push_back({k.code, k.label_fr, k.count});
    t.rows.push_back({std::string("social_mentions"), std::string("mentions sur les réseaux sociaux"),
                      b.media.social_mentions});
    return t;
}

Table MediaByMonth(const Bilan& b) {
    Table t{"media_by_month", "Retombées médiatiques par mois", {{"month", "Mois"}}, {}};
    for (const auto& k : b.media.by_kind) t.columns.push_back({k.code, k.label_fr});
    t.columns.push_back({"total", "Total"});
    for (const auto& m : b.media.by_month) {
        std::vector<Cell> row{m.month};
        for (long long n : m.by_kind) row.push_back(n);
        row.push_back(m.total);
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table Satisfaction(const Bilan& b) {
    Table t{"satisfaction",
            "Satisfaction des usines",
            {{"question", "Question"}, {"answers", "Réponses"}, {"yes", "Oui"}, {"pct", "%"}},
            {}};
    t.rows.push_back({std::string("Satisfaites"), b.host_survey.satisfied.answers,
                      b.host_survey.satisfied.yes, Opt(b.host_survey.satisfied.pct)});
    t.rows.push_back({std::string("Souhaitent rouvrir"), b.host_survey.open_again.answers,
                      b.host_survey.open_again.yes, Opt(b.host_survey.open_again.pct)});
    return t;
}

Table Targets(const Bilan& b) {
    Table t{"targets",
            "Objectifs et réalisé",
            {{"key", "Objectif"},
             {"label", "Libellé"},
             {"target", "Objectif"},
             {"actual", "Réalisé"},
             {"pct_of_target", "Réalisé / objectif (%)"}},
            {}};
    for (const auto& x : b.targets)
        t.rows.push_back({x.key, x.label_fr, x.target, x.actual, Opt(x.pct_of_target)});
    return t;
}

Table Changes(const Bilan& b) {
    Table t{"changes",
            "Évolution sur un an",
            {{"key", "Indicateur"},
             {"label", "Libellé"},
             {"previous", "Édition précédente"},
             {"current", "Cette édition"},
             {"change_pct", "Évolution (%)"}},
            {}};
    if (b.previous)
        for (const auto& c : b.previous->changes)
            t.rows.push_back({c.key, c.label_fr, c.previous, c.current, Opt(c.change_pct)});
    return t;
}

std::string CellText(const Cell& cell) {
    if (const auto* s = std::get_if<std::string>(&cell)) return *s;
    if (const auto* n = std::get_if<long long>(&cell)) return std::to_string(*n);
    return FormatDecimal(std::get<double>(cell), 2);
}

// A cell of the Excel (FR) CSV: decimal comma, French dates.
std::string ExcelFrCellText(const Cell& cell, ColumnType type) {
    if (std::holds_alternative<double>(cell)) {
        std::string text = FormatDecimal(std::get<double>(cell), 2);
        for (char& c : text)
            if (c == '.') c = ',';
        return text;
    }
    std::string text = CellText(cell);
    if (auto when = ParseTableDateTime(text, type)) {
        char buffer[32];
        if (type == ColumnType::kDate)
            std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", when->day, when->month, when->year);
        else if (type == ColumnType::kDateTime)
            std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d %02d:%02d", when->day, when->month, when->year,
                          when->hour, when->minute);
        else
            std::snprintf(buffer, sizeof buffer, "%02d:%02d", when->hour, when->minute);
        return buffer;
    }
    return text;
}

}  // namespace

std::vector<Table> BilanTables(const Bilan& b) {
    return {Audiences(b),
            Days(b),
            Sectors(b),
            Areas("regions", "Régions", b.regions),
            Areas("departments", "Départements", b.departments),
            MostRequested(b),
            WhiteZones(b),
            Buses(b),
            MediaByKind(b),
            MediaByMonth(b),
            Satisfaction(b),
            Targets(b),
            Changes(b)};
}

Result<Table> FindTable(const Bilan& bilan, std::string_view code) {
    for (auto& t : BilanTables(bilan))
        if (t.code == code) return std::move(t);
    return MakeError(ErrorCode::kNotFound, "no table '" + std::string(code) + "'",
                     "pas de tableau « " + std::string(code) + " »");
}

std::optional<TableDateTime> ParseTableDateTime(std::string_view text, ColumnType type) {
    auto number = [&](size_t at, size_t width, int low, int high) -> std::optional<int> {
        if (at + width > text.size()) return std::nullopt;
        int value = 0;
        for (size_t i = at; i < at + width; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        if (value < low || value > high) return std::nullopt;
        return value;
    };
    TableDateTime t;
    size_t time_at = 0;
    switch (type) {
        case ColumnType::kValue:
            return std::nullopt;
        case ColumnType::kDate:
        case ColumnType::kDateTime: {
            if (text.size() != (type == ColumnType::kDate ? 10u : 16u) || text[4] != '-' || text[7] != '-')
                return std::nullopt;
            const auto date = ParseIsoDate(text.substr(0, 10));
            if (!date) return std::nullopt;
            t.year = date->year;
            t.month = static_cast<int>(date->month);
            t.day = static_cast<int>(date->day);
            if (type == ColumnType::kDate) return t;
            if (text[10] != ' ') return std::nullopt;
            time_at = 11;
            break;
        }
        case ColumnType::kTime:
            if (text.size() != 5u) return std::nullopt;
            break;
    }
    const auto hour = number(time_at, 2, 0, 23), minute = number(time_at + 3, 2, 0, 59);
    if (!hour || !minute || text[time_at + 2] != ':') return std::nullopt;
    t.hour = *hour;
    t.minute = *minute;
    return t;
}

std::string TableCsv(const Table& table, CsvDialect dialect) {
    const bool excel = dialect == CsvDialect::kExcelFr;
    std::vector<std::string> fields;
    for (const auto& column : table.columns) fields.push_back(column.title_fr);
    std::string out = excel ? std::string(kUtf8Bom) : std::string();
    out += CsvRow(fields, dialect);
    for (const auto& row : table.rows) {
        fields.clear();
        for (size_t c = 0; c < row.size(); ++c) {
            const ColumnType type = c < table.columns.size() ? table.columns[c].type : ColumnType::kValue;
            fields.push_back(excel ? ExcelFrCellText(row[c], type) : CellText(row[c]));
        }
        out += CsvRow(fields, dialect);
    }
    return out;
}

std::string TablesJson(const Bilan& bilan, const std::vector<Table>& tables) {
    json::array list;
    for (const auto& t : tables) {
        json::array columns, rows;
        for (const auto& c : t.columns)
            columns.push_back(json::object{{"code", c.code}, {"title_fr", c.title_fr}});
        for (const auto& row : t.rows) {
            json::array cells;
            for (const auto& cell : row) {
                if (const auto* s = std::get_if<std::string>(&cell))
                    cells.emplace_back(json::string(*s));
                else if (const auto* n = std::get_if<long long>(&cell))
                    cells.emplace_back(*n);
                else
                    cells.emplace_back(std::stod(FormatDecimal(std::get<double>(cell), 2)));
            }
            rows.push_back(std::move(cells));
        }
        list.push_back(json::object{{"code", t.code},
                                    {"title_fr", t.title_fr},
                                    {"columns", std::move(columns)},
                                    {"rows", std::move(rows)}});
    }
    return json::serialize(json::object{{"edition", bilan.edition.year},
                                        {"scope", bilan.scope.label_fr},
                                        {"tables", std::move(list)}}) +
           "\n";
}

}  // namespace juo::report

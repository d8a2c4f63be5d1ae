// The exports' tables (see exports.h).
#include "services/exports.h"

#include <algorithm>

#include "refdata/refdata.h"
#include "services/exports_labels.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/media/media_queries.h"

namespace juo::services {
namespace {

using report::Cell;
using report::ColumnType;

// The values the files write (French labels, Paris times) or the codes (the API's JSON).
struct Values {
    ExportValues mode;
    std::string operator()(ExportEnum what, const std::string& code) const {
        return mode == ExportValues::kFrench ? ExportLabelFr(what, code) : code;
    }
    std::string Instant(const std::string& utc) const {
        return mode == ExportValues::kFrench ? ParisMinuteOf(utc) : utc;
    }
};

Cell YesNo(bool b) { return std::string(b ? "oui" : "non"); }
Cell Number(long long n) { return n; }
Cell OptionalNumber(const std::optional<int>& n) { return n ? Cell(static_cast<long long>(*n)) : Cell(std::string()); }

std::string SectorName(const std::string& division) {
    const auto* s = refdata::FindSector(division);
    if (!s) return division;
    return division + " " + (s->short_fr.empty() ? s->label_fr : s->short_fr);
}

std::string RegionName(const std::string& code) {
    const auto* r = refdata::FindRegion(code);
    return r ? r->name : code;
}

report::Table Sites(const std::vector<store::SiteExportRow>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"site_id", "N° site"},     {"name", "Site"},
                 {"company", "Entreprise"},  {"siret", "SIRET"},
                 {"status", "Statut"},       {"naf", "Code NAF"},
                 {"sector", "Secteur"},      {"address", "Adresse"},
                 {"postcode", "Code postal"}, {"commune", "Commune"},
                 {"department", "Département"}, {"region", "Région"},
                 {"wheelchair", "Accès fauteuil"}, {"hearing", "Accessibilité auditive"},
                 {"accessibility_notes", "Accessibilité (précisions)"}, {"min_age", "Âge minimum"},
                 {"tours", "Visites"}};
    for (const auto& s : rows)
        t.rows.push_back({Number(s.site_id), s.name, s.company, s.siret, v(ExportEnum::kParticipationStatus, s.status), s.naf_code, SectorName(s.naf_division),
                          s.address, s.postcode, s.commune_name, s.department_code, RegionName(s.region_code),
                          YesNo(s.wheelchair), YesNo(s.hearing), s.accessibility_notes, OptionalNumber(s.min_age),
                          Number(s.sessions)});
    return t;
}

report::Table Sessions(const std::vector<store::SessionExportRow>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"session_id", "N° visite"},   {"site_id", "N° site"},
                 {"site", "Site"},              {"commune", "Commune"},
                 {"department", "Département"}, {"day", "Jour", ColumnType::kDate},
                 {"starts_at", "Début", ColumnType::kTime}, {"ends_at", "Fin", ColumnType::kTime},
                 {"status", "Statut"},          {"audiences", "Publics"},
                 {"min_level", "Niveau minimum"}, {"capacity_people", "Capacité (personnes)"},
                 {"capacity_groups", "Capacité (groupes)"}, {"booked_people", "Places réservées"},
                 {"booked_groups", "Groupes réservés"}, {"checked_in", "Présents"}};
    for (const auto& s : rows)
        t.rows.push_back({Number(s.session_id), Number(s.site_id), s.site_name, s.commune_name, s.department_code,
                          s.day_date, s.starts_at, s.ends_at, v(ExportEnum::kSessionStatus, s.status),
                          v(ExportEnum::kAudiences, s.audiences), s.min_level,
                          Number(s.capacity_people), Number(s.capacity_groups), Number(s.booked_people),
                          Number(s.booked_groups), Number(s.checked_in)});
    return t;
}

report::Table Requests(const std::vector<store::RequestExportRow>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"request_id", "N° demande"},    {"submitted_at", "Déposée le", ColumnType::kDateTime},
                 {"audience", "Public"},          {"school", "Établissement"},
                 {"uai", "UAI"},                  {"commune", "Commune"},
                 {"department", "Département"},   {"level", "Niveau"},
                 {"pupils", "Élèves"},            {"adults", "Adultes"},
                 {"bus_needed", "Car demandé"},   {"wishes", "Vœux"},
                 {"status", "Statut"},            {"decided_session_id", "Visite attribuée (n°)"},
                 {"decided_site", "Site attribué"}, {"decided_day", "Jour attribué", ColumnType::kDate},
                 {"decided_starts_at", "Heure attribuée", ColumnType::kTime}};
    for (const auto& r : rows)
        t.rows.push_back({Number(r.request_id), v.Instant(r.submitted_at), v(ExportEnum::kAudience, r.audience),
                          r.school_name, r.school_uai, r.commune_name, r.department_code, r.level, Number(r.pupils),
                          Number(r.adults), YesNo(r.bus_needed), r.wishes, v(ExportEnum::kRequestStatus, r.status),
                          r.decided_session_id ? Cell(r.decided_session_id) : Cell(std::string()), r.decided_site,
                          r.decided_day, r.decided_starts_at});
    return t;
}

// No visitor's name or e-mail, and no ticket code (it is the ticket): the organiser and relays
// need the counts, not who the visitors are (data minimisation). A group booking names its school,
// an institution, not a person.
report::Table Bookings(const std::vector<store::BookingExportRow>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"booking_id", "N° réservation"}, {"session_id", "N° visite"},
                 {"day", "Jour", ColumnType::kDate}, {"starts_at", "Heure", ColumnType::kTime},
                 {"site", "Site"},                 {"department", "Département"},
                 {"kind", "Type"},                 {"audience", "Public"},
                 {"people", "Personnes"},          {"status", "Statut"},
                 {"created_at", "Réservée le", ColumnType::kDateTime}, {"attended", "Présents"},
                 {"school", "Établissement"}};
    for (const auto& b : rows)
        t.rows.push_back({Number(b.booking_id), Number(b.session_id), b.day_date, b.starts_at, b.site_name,
                          b.department_code, v(ExportEnum::kBookingKind, b.kind), v(ExportEnum::kAudience, b.audience),
                          Number(b.people), v(ExportEnum::kBookingStatus, b.status), v.Instant(b.created_at),
                          OptionalNumber(b.attended), b.school_name});
    return t;
}

report::Table Media(const std::vector<domain::MediaMention>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"id", "N°"},        {"kind", "Type"},          {"outlet", "Média"},
                 {"title", "Titre"},  {"published_on", "Date", ColumnType::kDate},  {"url", "Lien"},
                 {"department", "Département"}};
    for (const auto& m : rows)
        t.rows.push_back({Number(m.id), v(ExportEnum::kMediaKind, std::string(domain::ToCode(m.kind))), m.outlet,
                          m.title, m.published_on, m.url, m.department_code});
    return t;
}

// No respondent's name or label: a response is a number that groups its answers.
report::Table Answers(const std::vector<store::AnswerExportRow>& rows, const Values& v) {
    report::Table t;
    t.columns = {{"response_id", "N° réponse"},  {"survey", "Enquête"},
                 {"audience", "Public"},         {"submitted_at", "Répondu le", ColumnType::kDateTime},
                 {"position", "N° question"},    {"question", "Question"},
                 {"question_kind", "Type de question"}, {"site", "Site"},
                 {"department", "Département"},  {"answer", "Réponse"}};
    for (const auto& a : rows) {
        Cell answer = a.rating ? Cell(static_cast<long long>(*a.rating))
                      : a.yes_no ? YesNo(*a.yes_no)
                                 : Cell(a.text);
        t.rows.push_back({Number(a.response_id), a.survey_title, v(ExportEnum::kSurveyAudience, a.survey_audience),
                          v.Instant(a.submitted_at), Number(a.question_position), a.question_text,
                          v(ExportEnum::kQuestionKind, a.question_kind), a.site_name, a.department_code, answer});
    }
    return t;
}

}  // namespace

ExportScope ExportScopeOf(const auth::Principal& who) {
    if (who.Has(domain::Role::kOrganiser)) return ExportScope::Everything();
    std::vector<std::string> departments;
    for (const auto& g : who.roles)
        if (g.role == domain::Role::kRelay && !g.department_code.empty()) departments.push_back(g.department_code);
    return ExportScope::Departments(std::move(departments));
}

Result<domain::Edition> RequestedEdition(Db& db, std::string_view year) {
    if (year.empty()) return Guarded<domain::Edition>(db, [](Db& d) { return store::CurrentEdition(d); });
    if (year.size() != 4 || !std::all_of(year.begin(), year.end(), ::isdigit))
        return MakeError(ErrorCode::kInvalidArgument, "edition is a year, such as 2026",
                         "l'édition est une année, par exemple 2026");
    const int y = std::stoi(std::string(year));
    return Guarded<domain::Edition>(db, [y](Db& d) { return store::FindEditionByYear(d, y); });
}

Result<std::vector<int>> ExportEditionYears(Db& db) {
    return Guarded<std::vector<int>>(db, [](Db& d) { return store::ListEditionYears(d); });
}

Result<report::Table> ExportTable(Db& db, std::string_view list, long long edition_id, const ExportScope& scope,
                                  ExportValues values) {
    const Values v{values};
    return Guarded<report::Table>(db, [&](Db& d) -> Result<report::Table> {
        report::Table t;
        if (list == "sites") {
            t = Sites(store::ExportSites(d, edition_id, scope), v);
            t.title_fr = "Sites participants";
        } else if (list == "sessions") {
            t = Sessions(store::ExportSessions(d, edition_id, scope), v);
            t.title_fr = "Visites";
        } else if (list == "requests") {
            t = Requests(store::ExportRequests(d, edition_id, scope), v);
            t.title_fr = "Demandes de groupes";
        } else if (list == "bookings") {
            t = Bookings(store::ExportBookings(d, edition_id, scope), v);
            t.title_fr = "Réservations";
        } else if (list == "media") {
            t = Media(store::ListMediaMentions(d, edition_id, scope, -1, 0), v);
            t.title_fr = "Retombées médias";
        } else if (list == "answers") {
            t = Answers(store::ExportAnswers(d, edition_id, scope), v);
            t.title_fr = "Réponses aux enquêtes";
        } else {
            return MakeError(ErrorCode::kNotFound, "no list '" + std::string(list) + "' to export",
                             "aucune liste « " + std::string(list) + " » à exporter");
        }
        t.code = std::string(list);
        return t;
    });
}

}  // namespace juo::services

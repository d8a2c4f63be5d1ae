// Hosts and their moderation (see hosts.h).
#include "services/hosts.h"

#include "store/mail/host_notices.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "auth/authorisation.h"
#include "common/text.h"
#include "common/clock.h"
#include "domain/group_request.h"
#include "importer/imports.h"
#include "refdata/geocoder.h"
#include "refdata/refdata.h"
#include "services/audit.h"
#include "services/exports_labels.h"
#include "services/site_closure.h"
#include "store/sites/site_closure.h"
#include "store/editions/edition_repository.h"
#include "store/mail/host_notices.h"
#include "store/mail/outbox.h"
#include "store/users/session_repository.h"

namespace juo::services {
namespace {

// "HH:MM" plus `minutes`, or "" past midnight.
std::string AddMinutes(const std::string& hh_mm, int minutes) {
    int h = 0, m = 0;
    if (std::sscanf(hh_mm.c_str(), "%d:%d", &h, &m) != 2) return "";
    int total = h * 60 + m + minutes;
    if (total >= 24 * 60) return "";
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", total / 60, total % 60);
    return text;
}

int Minutes(const std::string& hh_mm) {
    int h = 0, m = 0;
    return std::sscanf(hh_mm.c_str(), "%d:%d", &h, &m) == 2 ? h * 60 + m : 0;
}

}  // namespace

void MailHosts(Db& tx, long long site_id, const std::string& kind, const MailText& mail) {
    store::OutboxWriter outbox(tx);
    const std::string now = NowUtcIso();
    for (const auto& host : store::SiteHostRecipients(tx, site_id)) {
        if (host.digest) {  // issue 19: kept for the host's daily digest (services/host_digest.h)
            store::HoldHostNotice(tx, host.user_id, kind, mail.subject, mail.body, now);
            continue;
        }
        store::OutgoingEmail m;
        m.kind = kind;
        m.to_address = host.email;
        m.subject = mail.subject;
        m.body_text = mail.body;
        outbox.Enqueue(m);
    }
}

// ---- registering a factory ----------------------------------------------------------------

std::variant<Registration, FieldError> ReadRegistration(const RegistrationInput& in) {
    auto bad = [](std::string en, std::string fr, std::string field) {
        return FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)),
                          std::move(field)};
    };
    Registration r;
    r.organisation.name = in.company;
    if (r.organisation.name.empty() || r.organisation.name.size() > 200)
        return bad("give the company's name", "indiquez le nom de l'entreprise", "company");
    std::string siret;
    for (char c : in.siret)
        if (c != ' ') siret += c;
    if (!siret.empty() && !domain::IsValidSiret(siret))
        return bad("SIRET " + siret + " is not 14 digits with a valid checksum",
                   "le SIRET " + siret + " n'a pas 14 chiffres avec une clé valide", "siret");
    r.organisation.siret = siret;
    r.site.siret = siret;
    r.site.name = in.name;
    if (r.site.name.empty()) r.site.name = r.organisation.name;
    const std::string& division = in.division;
    const auto* sector = refdata::FindSector(division);
    if (!sector || !sector->industrial) return bad("choose the sector", "choisissez le secteur", "division");
    std::string naf = in.naf;
    std::transform(naf.begin(), naf.end(), naf.begin(), [](unsigned char c) { return std::toupper(c); });
    if (naf.empty()) naf = division + ".00Z";
    if (naf.substr(0, 2) != division)
        return bad("NAF code " + naf + " is not in sector " + division,
                   "le code NAF " + naf + " n'est pas dans le secteur " + division, "naf");
    r.site.naf_code = naf;
    r.site.naf_division = division;
    r.site.address = in.address;
    if (r.site.address.empty() || r.site.address.size() > 300)
        return bad("give the site's street address", "indiquez l'adresse du site", "address");
    auto where = refdata::Geocoder::Default().Geocode(in.place);
    if (!where.ok()) return FieldError{where.error(), "place"};
    const auto& commune = *where->commune;
    const std::string& place = in.place;
    r.site.postcode = place.size() == 5 && std::all_of(place.begin(), place.end(), ::isdigit)
                          ? place
                          : (commune.postcodes.empty() ? std::string() : commune.postcodes.front());
    importer::PlaceAtCommune(r.site, *where);
    r.site.wheelchair_access = in.wheelchair;
    r.site.hearing_access = in.hearing;
    r.site.visual_access = in.visual;
    r.site.mental_access = in.mental;
    r.site.psychic_access = in.psychic;
    if (const std::string& age = in.min_age; !age.empty()) {
        auto n = age == "0" ? std::optional<long long>(0) : ParsePositiveId(age);
        if (!n || *n > 25) return bad("minimum age: 0 to 25", "âge minimum : de 0 à 25 ans", "min_age");
        r.site.min_age = static_cast<int>(*n);
    }
    r.site.safety_rules = in.safety;
    r.site.description = in.description;
    if (r.site.safety_rules.size() > 2000 || r.site.description.size() > 4000)
        return bad("the texts are too long", "les textes sont trop longs", "description");
    return r;
}

Result<long long> RegisterFactory(Db& db, auth::SessionStore& sessions, long long user_id, Registration& reg) {
    auto stored = db.InTransaction<long long>([&]() -> Result<long long> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        const std::string now = NowUtcIso();
        auto participation = store::RegisterSite(db, user_id, edition->id, reg.organisation, reg.site, now);
        if (!participation.ok()) return participation.error();
        reg.participation_id = *participation;
        Audit(db, user_id, "site.register", "site", reg.site.id,
              reg.site.name + ", submitted for " + std::to_string(edition->year), now);
        return reg.site.id;
    });
    if (stored.ok()) sessions.ForgetUser(user_id);  // the new host grant shows on the next request
    return stored;
}

Result<HostedSiteList> HostedSites(Db& db, const auth::Principal& who) {
    return Guarded<HostedSiteList>(db, [&](Db& db) -> Result<HostedSiteList> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        std::vector<long long> sites;
        for (const auto& g : who.roles)
            if (g.role == domain::Role::kHost && g.site_id) sites.push_back(*g.site_id);
        return HostedSiteList{*edition, store::HostSites(db, sites, edition->id, 200)};
    });
}

// ---- a site's tours ------------------------------------------------------------------------

Result<SiteAccess> ManagedSite(Db& db, std::string_view id_text, const auth::Principal& who) {
    auto id = ParsePositiveId(id_text);
    if (!id) return MakeError(ErrorCode::kNotFound, "no such site", "site introuvable");
    return Guarded<SiteAccess>(db, [&](Db& db) -> Result<SiteAccess> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        auto sites = store::HostSites(db, {*id}, edition->id, 1);
        if (sites.empty())
            return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(*id),
                             "aucun site n°" + std::to_string(*id));
        if (!auth::CanManageSite(who, *id, sites.front().site.department_code))
            return MakeError(ErrorCode::kForbidden, "this is not one of your sites",
                             "ce site n'est pas l'un des vôtres");
        return SiteAccess{sites.front(), *edition};
    });
}

Result<std::vector<domain::Session>> SiteTours(Db& db, const SiteAccess& access) {
    return Guarded<std::vector<domain::Session>>(
        db, [&](Db& db) { return store::SiteSessions(db, access.view.site.id, access.edition.id); });
}

Result<domain::Session> ReadTour(const TourInput& in, const SiteAccess& access) {
    auto bad = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    domain::Session s;
    s.edition_id = access.edition.id;
    s.site_id = access.view.site.id;
    s.day_date = in.day;
    const auto day = std::find_if(access.edition.days.begin(), access.edition.days.end(),
                                  [&](const auto& d) { return d.date == s.day_date; });
    if (day == access.edition.days.end())
        return bad("choose one of the edition's days", "choisissez l'un des jours de l'édition");
    s.starts_at = in.starts;
    s.ends_at = in.ends;
    auto capacity = ParsePositiveId(in.capacity);
    if (!capacity || *capacity > 10000)
        return bad("capacity: 1 to 10,000 people", "capacité : de 1 à 10 000 personnes");
    s.capacity_people = static_cast<int>(*capacity);
    const std::string& groups = in.groups;
    auto group_count =
        groups.empty() || groups == "0" ? std::optional<long long>(0) : ParsePositiveId(groups);
    if (!group_count || *group_count > 100) return bad("groups: 0 to 100", "groupes : de 0 à 100");
    s.capacity_groups = static_cast<int>(*group_count);
    for (const auto& v : in.audiences) {
        auto a = domain::ParseAudience(v);
        if (!a) return bad("unknown audience", "public inconnu");
        if (std::find(day->audiences.begin(), day->audiences.end(), *a) == day->audiences.end())
            return bad("this day is not open to that audience", "ce jour n'est pas ouvert à ce public");
        s.audiences.push_back(*a);
    }
    s.min_level = in.min_level;
    if (!s.min_level.empty() && domain::LevelRank(s.min_level) < 0)
        return bad("unknown level", "niveau inconnu");
    s.min_age = access.view.site.min_age;
    s.status = domain::SessionStatus::kOpen;
    JUO_TRY(domain::ValidateSession(s));
    return s;
}

Result<domain::Session> CopyTour(Db& db, const SiteAccess& access, std::optional<long long> tour_id) {
    auto tours = SiteTours(db, access);
    if (!tours.ok()) return tours.error();
    const auto& sessions = *tours;
    auto it = std::find_if(sessions.begin(), sessions.end(),
                           [&](const auto& s) { return tour_id && s.id == *tour_id; });
    if (it == sessions.end())
        return MakeError(ErrorCode::kNotFound, "no such tour at this site", "aucune visite de ce site");
    // The same tour right after this one, on the same day.
    domain::Session copy = *it;
    const int length = Minutes(copy.ends_at) - Minutes(copy.starts_at);
    copy.id = 0;
    copy.places_taken = copy.groups_taken = 0;
    copy.starts_at = copy.ends_at;
    copy.ends_at = AddMinutes(copy.ends_at, length);
    if (copy.ends_at.empty())
        return MakeError(ErrorCode::kInvalidArgument, "the copy would end after midnight",
                         "la copie finirait après minuit");
    return copy;
}

Result<long long> PublishTour(Db& db, long long user_id, domain::Session& tour) {
    return db.InTransaction<long long>([&]() -> Result<long long> {
        JUO_TRY(store::InsertSessions(db, std::span<domain::Session>(&tour, 1)));
        Audit(db, user_id, "session.publish", "session", tour.id,
              tour.day_date + " " + tour.starts_at + "-" + tour.ends_at + ", " +
                  std::to_string(tour.capacity_people) + " places");
        return tour.id;
    });
}

// ---- the visitor list ----------------------------------------------------------------------

Result<std::vector<VisitorRow>> SiteVisitors(Db& db, const SiteAccess& access) {
    return Guarded<std::vector<VisitorRow>>(
        db, [&](Db& db) { return store::SiteVisitors(db, access.view.site.id, access.edition.id); });
}

report::Table VisitorTable(const std::vector<VisitorRow>& rows) {
    report::Table t;
    t.code = "visiteurs";
    t.title_fr = "Visiteurs";
    t.columns = {{"day", "Jour", report::ColumnType::kDate}, {"starts_at", "Heure", report::ColumnType::kTime},
                 {"ticket", "Billet"},
                 {"name", "Nom"},      {"email", "E-mail"},     {"kind", "Type"},
                 {"status", "Statut"}, {"people", "Personnes"}, {"attended", "Présents"}};
    for (const auto& v : rows)
        t.rows.push_back(
            {v.day_date, v.starts_at, v.ticket_code, v.name, v.email,
             ExportLabelFr(ExportEnum::kBookingKind, v.kind), ExportLabelFr(ExportEnum::kBookingStatus, v.status),
             static_cast<long long>(v.people),
             v.attended ? report::Cell(static_cast<long long>(*v.attended)) : report::Cell(std::string())});
    return t;
}

Result<VisitorFile> VisitorListFile(Db& db, const SiteAccess& access, std::string_view kind) {
    const bool excel_csv = kind == report::kCsvExcelFormat;
    if (kind != "csv" && kind != "xlsx" && !excel_csv)
        return MakeError(ErrorCode::kInvalidArgument, "format is csv, csv-excel or xlsx",
                         "format : csv, csv-excel ou xlsx");
    auto rows = SiteVisitors(db, access);
    if (!rows.ok()) return rows.error();
    const auto table = VisitorTable(*rows);
    VisitorFile file;
    file.filename = "visiteurs-site-" + std::to_string(access.view.site.id) + "-" +
                    std::to_string(access.edition.year) +
                    (excel_csv ? std::string(report::kCsvExcelFileSuffix) : "." + std::string(kind));
    if (kind == "csv" || excel_csv) {
        file.bytes = report::TableCsv(table, excel_csv ? CsvDialect::kExcelFr : CsvDialect::kRfc4180);
        file.content_type = "text/csv; charset=utf-8";
    } else {
        auto bytes = report::TablesXlsx({table});
        if (!bytes.ok()) return bytes.error();
        file.bytes = std::move(*bytes);
        file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return file;
}

// ---- moderation of registrations -----------------------------------------------------------

Result<std::vector<HostSiteView>> ModerationQueue(Db& db, const auth::Principal& who) {
    return Guarded<std::vector<HostSiteView>>(db, [&](Db& db) -> Result<std::vector<HostSiteView>> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        std::vector<HostSiteView> queue;
        for (auto& v :
             store::ParticipationsWithStatus(db, edition->id, domain::ParticipationStatus::kSubmitted, 500))
            if (auth::CanManageSite(who, v.site.id, v.site.department_code)) queue.push_back(std::move(v));
        return queue;
    });
}

Status DecideParticipation(Db& db, const auth::Principal& who, long long participation_id,
                           domain::ParticipationStatus status, const std::string& reason, const DecisionMail& mail) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto p = store::FindParticipation(db, participation_id);
        if (!p) return MakeError(ErrorCode::kNotFound, "no such registration", "inscription introuvable");
        if (!auth::CanManageSite(who, p->site.id, p->site.department_code))
            return MakeError(ErrorCode::kForbidden, "this site is outside your departments",
                             "ce site est hors de vos départements");
        const auto already_decided = [] {
            return MakeError(ErrorCode::kConflict, "this registration was already decided",
                             "cette inscription a déjà été traitée");
        };
        const std::string now = NowUtcIso();
        std::string closed;
        if (status == domain::ParticipationStatus::kRefused || status == domain::ParticipationStatus::kWithdrawn) {
            // Issue 21: a site refused (even once approved) or withdrawn closes its tours and
            // cancels their bookings, each visitor mailed, in this same transaction.
            if (!store::CloseParticipation(db, participation_id, status, now)) return already_decided();
            auto c = CloseSiteTours(db, who.user_id, p->site.id, store::ParticipationEdition(db, participation_id), now);
            if (c.tours_cancelled > 0)
                closed = " (" + std::to_string(c.tours_cancelled) + " tours and " +
                         std::to_string(c.bookings_cancelled) + " bookings cancelled)";
        } else {
            if (p->status != domain::ParticipationStatus::kSubmitted) return already_decided();
            if (!store::DecideParticipation(db, participation_id, status, now))
                return already_decided();  // by another organiser since it was read
        }
        const std::string action = "participation." + std::string(domain::ToCode(status));
        Audit(db, who.user_id, action, "participation", participation_id,
              p->site.name + (reason.empty() ? "" : ": " + reason) + closed, now);
        MailHosts(db, p->site.id, action, mail(p->site.name));
        return Ok();
    });
}

// ---- moderation of tours -------------------------------------------------------------------

Result<std::vector<PublishedTour>> ToursToReview(Db& db, const auth::Principal& who) {
    return Guarded<std::vector<PublishedTour>>(db, [&](Db& db) -> Result<std::vector<PublishedTour>> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        std::vector<PublishedTour> out;
        for (auto& t : store::PublishedTours(db, edition->id, 500))
            if (auth::CanManageSite(who, t.session.site_id, t.department_code)) out.push_back(std::move(t));
        return out;
    });
}

Status WithdrawTour(Db& db, const auth::Principal& who, long long session_id, const std::string& reason,
                    const WithdrawalMail& mail) {
    if (reason.empty() || reason.size() > 1000)
        return MakeError(ErrorCode::kInvalidArgument, "say why the tour is withdrawn (at most 1,000 characters)",
                         "indiquez pourquoi la visite est retirée (1 000 caractères au plus)");
    return db.InTransaction<Unit>([&]() -> Status {
        auto tour = store::FindTourSite(db, session_id);
        if (!tour) return MakeError(ErrorCode::kNotFound, "no such tour", "visite introuvable");
        if (!auth::CanManageSite(who, tour->site_id, tour->department_code))
            return MakeError(ErrorCode::kForbidden, "this tour is outside your departments",
                             "cette visite est hors de vos départements");
        if (!store::WithdrawUnbookedSession(db, session_id))
            return MakeError(ErrorCode::kConflict, "this tour has bookings or is cancelled already: contact its host",
                             "cette visite a des réservations ou est déjà annulée : contactez son hôte");
        Audit(db, who.user_id, "session.withdraw", "session", session_id,
              tour->site_name + ", " + tour->day_date + " " + tour->starts_at + ": " + reason);
        MailHosts(db, tour->site_id, "session.withdraw", mail(tour->site_name, tour->day_date, tour->starts_at));
        return Ok();
    });
}

}  // namespace juo::services

// The host space: register a factory (it waits for the organiser's approval), see one's sites,
// publish a site's tours (with "copy this tour" for repeated visits); and the organiser's (or a
// relay's, for their departments) moderation queue: approve, ask for changes, refuse, the host
// told by e-mail with the reason.
#include <algorithm>
#include <cstdio>

#include "auth/authorisation.h"
#include "common/clock.h"
#include "domain/group_request.h"
#include "http/router.h"
#include "importer/imports.h"
#include "refdata/geocoder.h"
#include "refdata/refdata.h"
#include "report/tables.h"
#include "store/audit_log.h"
#include "store/edition_repository.h"
#include "store/host_queries.h"
#include "store/outbox.h"
#include "store/session_repository.h"
#include "web/people_page_kit.h"
#include "web/people_pages.h"

namespace juo::web {
namespace {

constexpr const char* kRegister = "/usine/inscription";
constexpr const char* kMySites = "/usine";
constexpr const char* kTours = "/usine/{id}/visites";
constexpr const char* kModeration = "/organisation/moderation";
constexpr const char* kVisitors = "/usine/{id}/visiteurs";

std::string StatusLabel(domain::ParticipationStatus s, Lang lang) {
    return MsgString(lang, "participation_" + std::string(domain::ToCode(s)));
}

std::string SectorLabel(std::string_view division, Lang lang) {
    const auto* s = refdata::FindSector(division);
    if (!s) return std::string(division);
    return lang == Lang::kFr || s->short_en.empty() ? (s->short_fr.empty() ? s->label_fr : s->short_fr) : s->short_en;
}

std::string AudienceName(domain::Audience a, Lang lang) { return MsgString(lang, "aud_" + std::string(domain::ToCode(a))); }

PageData SiteItem(const store::HostSiteView& v, Lang lang) {
    PageData item;
    item.set("id", std::to_string(v.site.id));
    item.set("participation", std::to_string(v.participation_id));
    item.set("status", std::string(domain::ToCode(v.status)));
    item.set("status_label", StatusLabel(v.status, lang));
    item.set("name", v.site.name);
    item.set("place", v.site.address + ", " + v.site.postcode + " " + v.site.commune_name);
    item.set("sector", SectorLabel(v.site.naf_division, lang));
    item.set("sessions_label", MsgCount(lang, "tours_count", v.sessions));
    return item;
}

// A list of sites (host_sites.mustache): the host's factories or the moderation queue.
http::Response SitesPage(const http::Request& req, int status, std::string_view heading_key, std::string_view intro_key,
                         PageData items, const std::string& notice, const std::string& error, const std::string& new_url) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, MsgString(lang, heading_key));
    d.set("heading", MsgString(lang, heading_key));
    d.set("intro", MsgString(lang, intro_key));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    if (!new_url.empty()) d.set("new_url", new_url);
    d.set("sites", std::move(items));
    return PageResponse(req, status, RenderInLayout("host_sites", d));
}

// ---- registering a factory ----------------------------------------------------------------

http::Response RegisterForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                            const Form& form, const std::string& error, const std::string& field) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "register_title"), PageLink(req, kRegister),
                          ctx.csrf->SessionToken(caller.session_id), MsgString(lang, "register_submit"));
    d.set("intro", MsgString(lang, "register_intro"));
    PageData fields(PageData::type::list);
    fields.push_back(InputField("company", MsgString(lang, "field_company"), "text", form.Get("company"), "organization"));
    PageData siret = InputField("siret", MsgString(lang, "field_siret"), "text", form.Get("siret"));
    siret.set("hint", MsgString(lang, "field_siret_hint"));
    fields.push_back(siret);
    fields.push_back(InputField("name", MsgString(lang, "field_site_name"), "text", form.Get("name")));
    PageData sectors(PageData::type::list);
    const std::string division = form.Get("division");
    for (const auto& s : refdata::Sectors())
        if (s.industrial)
            sectors.push_back(OptionData(s.division, s.division + " — " + SectorLabel(s.division, lang), division == s.division));
    fields.push_back(SelectField("division", MsgString(lang, "field_sector"), sectors));
    PageData naf = InputField("naf", MsgString(lang, "field_naf"), "text", form.Get("naf"));
    naf.set("hint", MsgString(lang, "field_naf_hint"));
    fields.push_back(naf);
    fields.push_back(InputField("address", MsgString(lang, "field_address"), "text", form.Get("address"), "street-address"));
    PageData place = InputField("place", MsgString(lang, "field_site_place"), "text", form.Get("place"), "postal-code");
    place.set("hint", MsgString(lang, "field_site_place_hint"));
    fields.push_back(place);
    fields.push_back(CheckboxField("wheelchair", MsgString(lang, "field_wheelchair"), form.Has("wheelchair")));
    fields.push_back(CheckboxField("hearing", MsgString(lang, "field_hearing"), form.Has("hearing")));
    fields.push_back(InputField("min_age", MsgString(lang, "field_min_age"), "number", form.Get("min_age")));
    fields.push_back(TextareaField("safety", MsgString(lang, "field_safety"), form.Get("safety"), 2000));
    fields.push_back(TextareaField("description", MsgString(lang, "field_description"), form.Get("description"), 4000));
    d.set("fields", fields);
    if (!error.empty()) SetFormError(d, error, field);
    return FormPage(req, status, d);
}

struct Registration {
    domain::Organisation organisation;
    domain::Site site;
};

std::variant<Registration, std::pair<Error, std::string>> ReadRegistration(const Form& form) {
    auto bad = [](std::string en, std::string fr, std::string field) {
        return std::pair<Error, std::string>{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)),
                                             std::move(field)};
    };
    Registration r;
    r.organisation.name = form.Get("company");
    if (r.organisation.name.empty() || r.organisation.name.size() > 200)
        return bad("give the company's name", "indiquez le nom de l'entreprise", "company");
    std::string siret;
    for (char c : form.Get("siret"))
        if (c != ' ') siret += c;
    if (!siret.empty() && !domain::IsValidSiret(siret))
        return bad("SIRET " + siret + " is not 14 digits with a valid checksum",
                   "le SIRET " + siret + " n'a pas 14 chiffres avec une clé valide", "siret");
    r.organisation.siret = siret;
    r.site.siret = siret;
    r.site.name = form.Get("name");
    if (r.site.name.empty()) r.site.name = r.organisation.name;
    const std::string division = form.Get("division");
    const auto* sector = refdata::FindSector(division);
    if (!sector || !sector->industrial) return bad("choose the sector", "choisissez le secteur", "division");
    std::string naf = form.Get("naf");
    std::transform(naf.begin(), naf.end(), naf.begin(), [](unsigned char c) { return std::toupper(c); });
    if (naf.empty()) naf = division + ".00Z";
    if (naf.substr(0, 2) != division)
        return bad("NAF code " + naf + " is not in sector " + division,
                   "le code NAF " + naf + " n'est pas dans le secteur " + division, "naf");
    r.site.naf_code = naf;
    r.site.naf_division = division;
    r.site.address = form.Get("address");
    if (r.site.address.empty() || r.site.address.size() > 300)
        return bad("give the site's street address", "indiquez l'adresse du site", "address");
    auto where = refdata::Geocoder::Default().Geocode(form.Get("place"));
    if (!where.ok()) return std::pair<Error, std::string>{where.error(), "place"};
    const auto& commune = *where->commune;
    const std::string place = form.Get("place");
    r.site.postcode = place.size() == 5 && std::all_of(place.begin(), place.end(), ::isdigit)
                          ? place
                          : (commune.postcodes.empty() ? std::string() : commune.postcodes.front());
    importer::PlaceAtCommune(r.site, *where);
    r.site.wheelchair_access = form.Has("wheelchair");
    r.site.hearing_access = form.Has("hearing");
    if (const std::string age = form.Get("min_age"); !age.empty()) {
        auto n = age == "0" ? std::optional<long long>(0) : ParsePositiveId(age);
        if (!n || *n > 25) return bad("minimum age: 0 to 25", "âge minimum : de 0 à 25 ans", "min_age");
        r.site.min_age = static_cast<int>(*n);
    }
    r.site.safety_rules = form.Get("safety");
    r.site.description = form.Get("description");
    if (r.site.safety_rules.size() > 2000 || r.site.description.size() > 4000)
        return bad("the texts are too long", "les textes sont trop longs", "description");
    return r;
}

// ---- a site's tours ------------------------------------------------------------------------

struct SiteAccess {
    store::HostSiteView view;
    domain::Edition edition;
};

// The site of the route for `who` (404 unknown, 403 not theirs).
Result<SiteAccess> RouteSite(store::Database& db, const http::Request& req, const auth::Principal& who) {
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id) return MakeError(ErrorCode::kNotFound, "no such site", "site introuvable");
    auto edition = CurrentEdition(db);
    if (!edition.ok()) return edition.error();
    auto sites = store::HostSites(db, {*id}, edition->id, 1);
    if (sites.empty())
        return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(*id), "aucun site n°" + std::to_string(*id));
    if (!auth::CanManageSite(who, *id, sites.front().site.department_code))
        return MakeError(ErrorCode::kForbidden, "this is not one of your sites", "ce site n'est pas l'un des vôtres");
    return SiteAccess{sites.front(), *edition};
}

http::Response ToursPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                         const SiteAccess& access, store::Database& db, int status, const Form& form,
                         const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const auto& site = access.view.site;
    PageData d = CommonPageData(req, MsgFormat(lang, "tours_page_title", {site.name}));
    d.set("heading", MsgFormat(lang, "tours_page_title", {site.name}));
    d.set("status_label", StatusLabel(access.view.status, lang) +
                              (access.view.status == domain::ParticipationStatus::kApproved ? ""
                                                                                            : " — " + MsgString(lang, "tours_wait_approval")));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    const std::string action = PageLink(req, "/usine/" + std::to_string(site.id) + "/visites");
    d.set("csrf", csrf);
    d.set("action", action);
    d.set("back_url", PageLink(req, kMySites));
    d.set("visitors_csv", PageLink(req, "/usine/" + std::to_string(site.id) + "/visiteurs", {{"format", "csv"}}));
    d.set("visitors_xlsx", PageLink(req, "/usine/" + std::to_string(site.id) + "/visiteurs", {{"format", "xlsx"}}));
    PageData tours(PageData::type::list);
    for (const auto& s : store::SiteSessions(db, site.id, access.edition.id)) {
        PageData t;
        t.set("id", std::to_string(s.id));
        t.set("when", TourWhen(s.day_date, s.starts_at, s.ends_at, lang));
        std::string audiences;
        for (auto a : s.audiences) audiences += (audiences.empty() ? "" : ", ") + AudienceName(a, lang);
        t.set("audiences", audiences);
        t.set("capacity", MsgCount(lang, "places_left", s.places_left()) +
                              (s.capacity_groups > 0 ? ", " + MsgCount(lang, "groups_left", s.groups_left()) : ""));
        t.set("csrf", csrf);
        t.set("action", action);
        tours.push_back(t);
    }
    d.set("tours", tours);
    const std::string day = form.Get("day");
    PageData days(PageData::type::list);
    for (const auto& ed : access.edition.days) {
        std::string audiences;
        for (auto a : ed.audiences) audiences += (audiences.empty() ? "" : ", ") + AudienceName(a, lang);
        days.push_back(OptionData(ed.date, FormatDate(ed.date, lang) + " (" + audiences + ")", day == ed.date));
    }
    d.set("days", days);
    PageData audiences(PageData::type::list);
    for (auto a : {domain::Audience::kPublic, domain::Audience::kSchool, domain::Audience::kJobSeekers}) {
        PageData o;
        o.set("value", std::string(domain::ToCode(a)));
        o.set("label", AudienceName(a, lang));
        bool checked = false;
        for (const auto& [k, v] : form.fields)
            if (k == "audience" && v == domain::ToCode(a)) checked = true;
        o.set("checked", checked);
        audiences.push_back(o);
    }
    d.set("audiences", audiences);
    PageData levels(PageData::type::list);
    const std::string level = form.Get("min_level");
    levels.push_back(OptionData("", MsgString(lang, "tour_no_min_level"), level.empty()));
    for (auto l : domain::kLevels) levels.push_back(OptionData(std::string(l), std::string(l), level == l));
    d.set("levels", levels);
    PageData values;
    values.set("starts", form.Has("starts") ? form.Get("starts") : "09:30");
    values.set("ends", form.Has("ends") ? form.Get("ends") : "11:00");
    values.set("capacity", form.Has("capacity") ? form.Get("capacity") : "20");
    values.set("groups", form.Has("groups") ? form.Get("groups") : "0");
    d.set("form", values);
    return PageResponse(req, status, RenderInLayout("site_tours", d));
}

// "HH:MM" plus `minutes`, or "" past midnight.
std::string AddMinutes(const std::string& hh_mm, int minutes) {
    int h = 0, m = 0;
    if (std::sscanf(hh_mm.c_str(), "%d:%d", &h, &m) != 2) return "";
    int total = h * 60 + m + minutes;
    if (total >= 24 * 60) return "";
    char text[6];
    std::snprintf(text, sizeof text, "%02d:%02d", total / 60, total % 60);
    return text;
}

int Minutes(const std::string& hh_mm) {
    int h = 0, m = 0;
    return std::sscanf(hh_mm.c_str(), "%d:%d", &h, &m) == 2 ? h * 60 + m : 0;
}

// The tour the form describes, or its error.
Result<domain::Session> ReadTour(const Form& form, const SiteAccess& access) {
    auto bad = [](std::string en, std::string fr) { return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)); };
    domain::Session s;
    s.edition_id = access.edition.id;
    s.site_id = access.view.site.id;
    s.day_date = form.Get("day");
    const auto day = std::find_if(access.edition.days.begin(), access.edition.days.end(),
                                  [&](const auto& d) { return d.date == s.day_date; });
    if (day == access.edition.days.end()) return bad("choose one of the edition's days", "choisissez l'un des jours de l'édition");
    s.starts_at = form.Get("starts");
    s.ends_at = form.Get("ends");
    auto capacity = ParsePositiveId(form.Get("capacity"));
    if (!capacity || *capacity > 10000) return bad("capacity: 1 to 10,000 people", "capacité : de 1 à 10 000 personnes");
    s.capacity_people = static_cast<int>(*capacity);
    const std::string groups = form.Get("groups");
    auto group_count = groups.empty() || groups == "0" ? std::optional<long long>(0) : ParsePositiveId(groups);
    if (!group_count || *group_count > 100) return bad("groups: 0 to 100", "groupes : de 0 à 100");
    s.capacity_groups = static_cast<int>(*group_count);
    for (const auto& [k, v] : form.fields) {
        if (k != "audience") continue;
        auto a = domain::ParseAudience(v);
        if (!a) return bad("unknown audience", "public inconnu");
        if (std::find(day->audiences.begin(), day->audiences.end(), *a) == day->audiences.end())
            return bad("this day is not open to that audience", "ce jour n'est pas ouvert à ce public");
        s.audiences.push_back(*a);
    }
    s.min_level = form.Get("min_level");
    if (!s.min_level.empty() && domain::LevelRank(s.min_level) < 0) return bad("unknown level", "niveau inconnu");
    s.min_age = access.view.site.min_age;
    s.status = domain::SessionStatus::kOpen;
    JUO_TRY(domain::ValidateSession(s));
    return s;
}

// ---- moderation ----------------------------------------------------------------------------

std::string ParticipationMailText(Lang lang, const std::string& site, domain::ParticipationStatus status,
                                  const std::string& reason, const std::string& base_url) {
    std::string text = MsgFormat(lang, "moderation_mail_" + std::string(domain::ToCode(status)), {site});
    if (!reason.empty()) text += "\n\n" + MsgString(lang, "moderation_mail_reason") + " " + reason;
    return text + "\n\n" + base_url + kMySites + "\n";
}

http::Response ModerationPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                              const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const auth::Principal& who = *caller.principal;
    auto db = ctx.db->Get();
    PageData items(PageData::type::list);
    if (db.ok()) {
        try {
            auto edition = store::CurrentEdition(**db);
            if (edition.ok()) {
                const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
                for (const auto& v : store::ParticipationsWithStatus(**db, edition->id,
                                                                    domain::ParticipationStatus::kSubmitted, 500)) {
                    if (!auth::CanManageSite(who, v.site.id, v.site.department_code)) continue;
                    PageData item = SiteItem(v, lang);
                    PageData details(PageData::type::list);
                    if (!v.site.siret.empty()) details.push_back("SIRET " + v.site.siret);
                    details.push_back("NAF " + v.site.naf_code);
                    if (!v.site.description.empty()) details.push_back(v.site.description);
                    item.set("details", details);
                    item.set("decidable", true);
                    item.set("csrf", csrf);
                    item.set("action", PageLink(req, kModeration));
                    items.push_back(item);
                }
            }
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    }
    return SitesPage(req, status, "moderation_title", "moderation_intro", items, notice, error, "");
}

// The site's visitor list as a table (CSV and XLSX share it), French column titles.
report::Table VisitorTable(const std::vector<store::VisitorRow>& rows) {
    report::Table t;
    t.code = "visiteurs";
    t.title_fr = "Visiteurs";
    t.columns = {{"day", "Jour"},        {"starts_at", "Heure"},   {"ticket", "Billet"},
                 {"name", "Nom"},        {"email", "E-mail"},      {"kind", "Type"},
                 {"status", "Statut"},   {"people", "Personnes"},  {"attended", "Présents"}};
    for (const auto& v : rows)
        t.rows.push_back({v.day_date, v.starts_at, v.ticket_code, v.name, v.email,
                          std::string(v.kind == "group" ? "groupe" : "réservation"),
                          std::string(v.status == "confirmed" ? "confirmée" : "annulée"),
                          static_cast<long long>(v.people),
                          v.attended ? report::Cell(static_cast<long long>(*v.attended)) : report::Cell(std::string())});
    return t;
}

}  // namespace

void RegisterHostPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kRegister, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kRegister);
        if (a.refusal) return *a.refusal;
        return RegisterForm(ctx, req, *a.caller, 200, Form{}, "", "");
    });
    router.Add("POST", kRegister, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kRegister, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto read = ReadRegistration(form);
        if (auto* problem = std::get_if<std::pair<Error, std::string>>(&read))
            return RegisterForm(ctx, req, *a.caller, PageStatus(problem->first), form, ErrorText(problem->first, lang),
                                problem->second);
        auto& reg = std::get<Registration>(read);
        auto db = ctx.db->Get();
        if (!db.ok()) return RegisterForm(ctx, req, *a.caller, 503, form, ErrorText(db.error(), lang), "");
        const long long user = a.caller->principal->user_id;
        auto stored = (*db)->InTransaction<long long>([&]() -> Result<long long> {
            auto edition = store::CurrentEdition(**db);
            if (!edition.ok()) return edition.error();
            const std::string now = NowUtcIso();
            JUO_TRY(store::RegisterSite(**db, user, edition->id, reg.organisation, reg.site, now));
            domain::AuditEntry e;
            e.at = now;
            e.actor_user_id = user;
            e.actor_label = "user:" + std::to_string(user);
            e.action = "site.register";
            e.entity = "site";
            e.entity_id = reg.site.id;
            e.detail = reg.site.name + ", submitted for " + std::to_string(edition->year);
            store::AppendAudit(**db, e);
            return reg.site.id;
        });
        if (!stored.ok())
            return RegisterForm(ctx, req, *a.caller, PageStatus(stored.error()), form, ErrorText(stored.error(), lang),
                                stored.error().code == ErrorCode::kConflict ? "siret" : "");
        ctx.sessions->ForgetUser(user);  // the new host grant shows on the next request
        return http::Response::Redirect(PageLink(req, kMySites, {{"inscrit", std::to_string(*stored)}}));
    });

    router.Add("GET", kMySites, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kMySites);
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        PageData items(PageData::type::list);
        try {
            auto edition = store::CurrentEdition(**db);
            if (!edition.ok())
                return RefusalPage(req, edition.error());
            std::vector<long long> sites;
            for (const auto& g : a.caller->principal->roles)
                if (g.role == domain::Role::kHost && g.site_id) sites.push_back(*g.site_id);
            for (const auto& v : store::HostSites(**db, sites, edition->id, 200)) {
                PageData item = SiteItem(v, lang);
                item.set("manage_url", PageLink(req, "/usine/" + std::to_string(v.site.id) + "/visites"));
                if (v.status == domain::ParticipationStatus::kApproved)
                    item.set("public_url", PageLink(req, "/usines/" + std::to_string(v.site.id)));
                items.push_back(item);
            }
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
        return SitesPage(req, 200, "host_my_sites", "host_my_sites_intro", items,
                         req.Query("inscrit") ? MsgString(lang, "register_done") : "", "", PageLink(req, kRegister));
    });

    router.Add("GET", kTours, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kTours);
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        try {
            auto access = RouteSite(**db, req, *a.caller->principal);
            if (!access.ok())
                return RefusalPage(req, access.error());
            const std::string* done = req.Query("fait");
            return ToursPage(ctx, req, *a.caller, *access, **db, 200, Form{}, done ? MsgString(lang, "tour_published") : "", "");
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });
    router.Add("POST", kTours, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kTours, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        try {
            auto access = RouteSite(**db, req, *a.caller->principal);
            if (!access.ok())
                return RefusalPage(req, access.error());
            Result<domain::Session> tour = MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue");
            if (form.Get("action") == "add") {
                tour = ReadTour(form, *access);
            } else if (form.Get("action") == "copy") {
                auto id = ParsePositiveId(form.Get("tour"));
                auto sessions = store::SiteSessions(**db, access->view.site.id, access->edition.id);
                auto it = std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return id && s.id == *id; });
                if (it == sessions.end()) {
                    tour = MakeError(ErrorCode::kNotFound, "no such tour at this site", "aucune visite de ce site");
                } else {
                    // The same tour right after this one, on the same day.
                    domain::Session copy = *it;
                    const int length = Minutes(copy.ends_at) - Minutes(copy.starts_at);
                    copy.id = 0;
                    copy.places_taken = copy.groups_taken = 0;
                    copy.starts_at = copy.ends_at;
                    copy.ends_at = AddMinutes(copy.ends_at, length);
                    tour = copy.ends_at.empty() ? Result<domain::Session>(MakeError(ErrorCode::kInvalidArgument,
                                                                                     "the copy would end after midnight",
                                                                                     "la copie finirait après minuit"))
                                                : Result<domain::Session>(copy);
                }
            }
            if (!tour.ok())
                return ToursPage(ctx, req, *a.caller, *access, **db, PageStatus(tour.error()), form, "",
                                 ErrorText(tour.error(), lang));
            const long long user = a.caller->principal->user_id;
            auto stored = (*db)->InTransaction<long long>([&]() -> Result<long long> {
                JUO_TRY(store::InsertSessions(**db, std::span<domain::Session>(&*tour, 1)));
                domain::AuditEntry e;
                e.actor_user_id = user;
                e.actor_label = "user:" + std::to_string(user);
                e.action = "session.publish";
                e.entity = "session";
                e.entity_id = tour->id;
                e.detail = tour->day_date + " " + tour->starts_at + "-" + tour->ends_at + ", " +
                           std::to_string(tour->capacity_people) + " places";
                store::AppendAudit(**db, e);
                return tour->id;
            });
            if (!stored.ok())
                return ToursPage(ctx, req, *a.caller, *access, **db, PageStatus(stored.error()), form, "",
                                 ErrorText(stored.error(), lang));
            return http::Response::Redirect(
                PageLink(req, "/usine/" + std::to_string(access->view.site.id) + "/visites", {{"fait", std::to_string(*stored)}}));
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });

    router.Add("GET", kVisitors, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kVisitors);
        if (a.refusal) return *a.refusal;
        const std::string* format = req.Query("format");
        const std::string kind = format ? *format : "csv";
        if (kind != "csv" && kind != "xlsx")
            return RefusalPage(req, MakeError(ErrorCode::kInvalidArgument, "format is csv or xlsx", "format : csv ou xlsx"));
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        try {
            auto access = RouteSite(**db, req, *a.caller->principal);
            if (!access.ok()) return RefusalPage(req, access.error());
            const auto table = VisitorTable(store::SiteVisitors(**db, access->view.site.id, access->edition.id));
            const std::string name = "visiteurs-site-" + std::to_string(access->view.site.id) + "-" +
                                     std::to_string(access->edition.year);
            http::Response r;
            if (kind == "csv") {
                r = http::Response::Text(200, report::TableCsv(table));
                r.content_type = "text/csv; charset=utf-8";
            } else {
                auto bytes = report::TablesXlsx({table});
                if (!bytes.ok()) return RefusalPage(req, bytes.error());
                r = http::Response::Text(200, std::move(*bytes));
                r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            r.AddHeader("Content-Disposition", "attachment; filename=\"" + name + "." + kind + "\"");
            r.AddHeader("Cache-Control", "no-store");
            return r;
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });

    router.Add("GET", kModeration, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kModeration);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const std::string* done = req.Query("fait");
        return ModerationPage(ctx, req, *a.caller, 200, done ? MsgString(lang, "moderation_done") : "", "");
    });
    router.Add("POST", kModeration, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kModeration, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(form.Get("participation"));
        const std::string decision = form.Get("decision"), reason = form.Get("reason");
        const auto status = decision == "approve"   ? domain::ParticipationStatus::kApproved
                            : decision == "changes" ? domain::ParticipationStatus::kChangesRequested
                                                    : domain::ParticipationStatus::kRefused;
        if (!id || (decision != "approve" && decision != "changes" && decision != "refuse") || reason.size() > 1000)
            return ModerationPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        if (status != domain::ParticipationStatus::kApproved && reason.empty())
            return ModerationPage(ctx, req, *a.caller, 400, "", MsgString(lang, "moderation_reason_needed"));
        auto db = ctx.db->Get();
        if (!db.ok()) return ModerationPage(ctx, req, *a.caller, 503, "", ErrorText(db.error(), lang));
        const auth::Principal who = *a.caller->principal;
        auto decided = (*db)->InTransaction<Unit>([&]() -> Status {
            auto p = store::FindParticipation(**db, *id);
            if (!p) return MakeError(ErrorCode::kNotFound, "no such registration", "inscription introuvable");
            if (!auth::CanManageSite(who, p->site.id, p->site.department_code))
                return MakeError(ErrorCode::kForbidden, "this site is outside your departments",
                                 "ce site est hors de vos départements");
            if (p->status != domain::ParticipationStatus::kSubmitted)
                return MakeError(ErrorCode::kConflict, "this registration was already decided",
                                 "cette inscription a déjà été traitée");
            const std::string now = NowUtcIso();
            store::DecideParticipation(**db, *id, status, now);
            domain::AuditEntry e;
            e.at = now;
            e.actor_user_id = who.user_id;
            e.actor_label = "user:" + std::to_string(who.user_id);
            e.action = "participation." + std::string(domain::ToCode(status));
            e.entity = "participation";
            e.entity_id = *id;
            e.detail = p->site.name + (reason.empty() ? "" : ": " + reason);
            store::AppendAudit(**db, e);
            store::OutboxWriter outbox(**db);
            for (const auto& [email, name] : store::SiteHostContacts(**db, p->site.id)) {
                store::OutgoingEmail m;
                m.kind = "participation." + std::string(domain::ToCode(status));
                m.to_address = email;
                m.subject = MsgFormat(Lang::kFr, "moderation_mail_subject", {p->site.name});
                m.body_text = ParticipationMailText(Lang::kFr, p->site.name, status, reason, ctx.public_url) +
                              "\n---\n\n" + ParticipationMailText(Lang::kEn, p->site.name, status, reason, ctx.public_url);
                outbox.Enqueue(m);
            }
            return Ok();
        });
        if (!decided.ok())
            return ModerationPage(ctx, req, *a.caller, PageStatus(decided.error()), "", ErrorText(decided.error(), lang));
        return http::Response::Redirect(PageLink(req, kModeration, {{"fait", decision}}));
    });
}

}  // namespace juo::web

// See host_pages.h.
#include "web/host/host_pages.h"

#include "domain/group_request.h"
#include "http/router.h"
#include "report/tables.h"
#include "common/clock.h"
#include "services/host_day.h"
#include "services/host_digest.h"
#include "refdata/refdata.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kRegister = "/usine/inscription";
constexpr const char* kMySites = "/usine";
constexpr const char* kTours = "/usine/{id}/visites";
constexpr const char* kModeration = "/organisation/moderation";
constexpr const char* kVisitors = "/usine/{id}/visiteurs";
constexpr const char* kMailChoice = "/usine/courriels";

std::string StatusLabel(domain::ParticipationStatus s, Lang lang) {
    return MsgString(lang, "participation_" + std::string(domain::ToCode(s)));
}

std::string SectorLabel(std::string_view division, Lang lang) {
    const auto* s = refdata::FindSector(division);
    if (!s) return std::string(division);
    return lang == Lang::kFr || s->short_en.empty() ? (s->short_fr.empty() ? s->label_fr : s->short_fr) : s->short_en;
}

std::string AudienceName(domain::Audience a, Lang lang) { return MsgString(lang, "aud_" + std::string(domain::ToCode(a))); }

PageData SiteItem(const services::HostSiteView& v, Lang lang) {
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
    fields.push_back(CheckboxField("visual", MsgString(lang, "field_visual"), form.Has("visual")));
    fields.push_back(CheckboxField("mental", MsgString(lang, "field_mental"), form.Has("mental")));
    fields.push_back(CheckboxField("psychic", MsgString(lang, "field_psychic"), form.Has("psychic")));
    fields.push_back(InputField("min_age", MsgString(lang, "field_min_age"), "number", form.Get("min_age")));
    fields.push_back(TextareaField("safety", MsgString(lang, "field_safety"), form.Get("safety"), 2000));
    fields.push_back(TextareaField("description", MsgString(lang, "field_description"), form.Get("description"), 4000));
    d.set("fields", fields);
    if (!error.empty()) SetFormError(d, error, field);
    return FormPage(req, status, d);
}

services::RegistrationInput RegistrationFromForm(const Form& form) {
    services::RegistrationInput in;
    in.company = form.Get("company");
    in.siret = form.Get("siret");
    in.name = form.Get("name");
    in.division = form.Get("division");
    in.naf = form.Get("naf");
    in.address = form.Get("address");
    in.place = form.Get("place");
    in.min_age = form.Get("min_age");
    in.safety = form.Get("safety");
    in.description = form.Get("description");
    in.wheelchair = form.Has("wheelchair");
    in.hearing = form.Has("hearing");
    in.visual = form.Has("visual");
    in.mental = form.Has("mental");
    in.psychic = form.Has("psychic");
    return in;
}

// ---- a site's tours ------------------------------------------------------------------------

http::Response ToursPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                         const services::SiteAccess& access, services::Db& db, int status, const Form& form,
                         const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto sessions = services::SiteTours(db, access);
    if (!sessions.ok()) return RefusalPage(req, sessions.error());
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
    d.set("visitors_csv_excel", PageLink(req, "/usine/" + std::to_string(site.id) + "/visiteurs",
                                         {{"format", std::string(report::kCsvExcelFormat)}}));
    PageData tours(PageData::type::list);
    for (const auto& s : *sessions) {
        if (s.status == domain::SessionStatus::kCancelled) continue;  // deleted, or withdrawn by moderation
        PageData t;
        t.set("id", std::to_string(s.id));
        const std::string tour_base = "/usine/" + std::to_string(site.id) + "/visites/" + std::to_string(s.id);
        t.set("edit_url", PageLink(req, tour_base + "/modifier"));
        t.set("delete_url", PageLink(req, tour_base + "/supprimer"));
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
    SetTourFields(d, access, form, lang);
    return PageResponse(req, status, RenderInLayout("site_tours", d));
}

// ---- moderation ----------------------------------------------------------------------------

http::Response ModerationPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                              const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    PageData items(PageData::type::list);
    if (db.ok()) {
        auto queue = services::ModerationQueue(**db, *caller.principal);
        if (queue.ok()) {
            const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
            for (const auto& v : *queue) {
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
        } else if (queue.error().code == ErrorCode::kUnavailable) {  // the database failed (not: no edition yet)
            return RefusalPage(req, queue.error());
        }
    }
    return SitesPage(req, status, "moderation_title", "moderation_intro", items, notice, error, "");
}

// ---- the host's dashboard ------------------------------------------------------------------

PageData DashboardTour(const services::DayTourRow& t, Lang lang) {
    PageData row;
    row.set("id", std::to_string(t.session_id));
    row.set("time", FormatTime(t.starts_at, lang) + " – " + FormatTime(t.ends_at, lang));
    row.set("booked", MsgCount(lang, "people_count", t.booked_people));
    row.set("bookings", MsgCount(lang, "checkin_bookings", t.bookings));
    row.set("arrived", MsgCount(lang, "people_count", t.arrived_people));
    row.set("checked_in", MsgCount(lang, "checkin_bookings", t.checked_in));
    row.set("capacity", MsgCount(lang, "dashboard_capacity", t.capacity_people));
    return row;
}

PageData DashboardSite(const http::Request& req, const services::SiteDashboard& s, const std::string& csrf,
                       const domain::Edition& edition, Lang lang) {
    PageData item = SiteItem(s.view, lang);
    const std::string base = "/usine/" + std::to_string(s.view.site.id);
    if (s.view.participation_id == 0) {
        // Not in this edition yet: re-enrol it with last year's data.
        item.set("reenrol_url", PageLink(req, base + "/reinscription"));
        item.set("reenrol_label", MsgFormat(lang, "host_reenrol", {std::to_string(edition.year)}));
        item.set("csrf", csrf);
        return item;
    }
    item.set("state_text", MsgString(lang, "dashboard_state_" + std::string(domain::ToCode(s.view.status))));
    item.set("manage_url", PageLink(req, base + "/visites"));
    item.set("profile_url", PageLink(req, base + "/fiche"));
    item.set("internships_url", PageLink(req, base + "/stages"));
    item.set("visitors_csv", PageLink(req, base + "/visiteurs", {{"format", "csv"}}));
    item.set("visitors_xlsx", PageLink(req, base + "/visiteurs", {{"format", "xlsx"}}));
    // Its public address: the factory's page once approved, its state for its hosts before.
    item.set("public_url", PageLink(req, "/usines/" + std::to_string(s.view.site.id)));
    item.set("public_label", MsgString(lang, s.view.status == domain::ParticipationStatus::kApproved
                                                 ? "host_public_page"
                                                 : "dashboard_public_page_pending"));
    const auto& f = s.figures;
    item.set("requests_count", std::to_string(f.requests_to_decide));
    item.set("requests_label", MsgCount(lang, "dashboard_requests", f.requests_to_decide));
    item.set("groups_count", std::to_string(f.groups_accepted));
    item.set("groups_label", MsgCount(lang, "dashboard_groups", f.groups_accepted) +
                                 (f.groups_accepted ? " (" + MsgCount(lang, "people_count", f.group_people) + ")" : ""));
    item.set("internships_count", std::to_string(f.internships));
    item.set("internships_label", MsgCount(lang, "dashboard_internships", f.internships));
    if (!s.day.empty()) {
        const std::string date = FormatDate(s.day, lang, false);
        item.set("day_label", s.is_today ? MsgFormat(lang, "checkin_today", {date}) : MsgFormat(lang, "checkin_next_day", {date}));
        PageData tours(PageData::type::list);
        for (const auto& t : s.tours) tours.push_back(DashboardTour(t, lang));
        item.set("tours", tours);
        item.set("has_tours", !s.tours.empty());
    } else {
        item.set("day_label", MsgString(lang, "dashboard_no_day"));
    }
    return item;
}

http::Response DashboardPage(const http::Request& req, const services::HostDashboardView& board, const std::string& csrf,
                             const std::string& notice, bool digest) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, MsgString(lang, "host_my_sites"));
    d.set("heading", MsgString(lang, "host_my_sites"));
    d.set("intro", MsgString(lang, "host_my_sites_intro"));
    if (!notice.empty()) d.set("notice", notice);
    d.set("new_url", PageLink(req, kRegister));
    d.set("checkin_url", PageLink(req, "/accueil/pointage"));
    d.set("csrf", csrf);
    d.set("mail_action", PageLink(req, kMailChoice));
    d.set("digest", digest);
    d.set("requests_url", PageLink(req, "/accueil/demandes"));
    d.set("requests_button", MsgCount(lang, "dashboard_requests_button", board.requests_to_decide));
    d.set("has_requests", board.requests_to_decide > 0);
    PageData sites(PageData::type::list);
    for (const auto& s : board.sites) sites.push_back(DashboardSite(req, s, csrf, board.edition, lang));
    d.set("sites", sites);
    d.set("has_sites", !board.sites.empty());
    return PageResponse(req, 200, RenderInLayout("host_dashboard", d));
}

}  // namespace

std::optional<http::Response> UnlistedSitePage(const PeopleContext& ctx, const http::Request& req, long long site_id) {
    auto caller = Identify(ctx, req);
    if (!caller.ok() || !caller->principal) return std::nullopt;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return std::nullopt;
    auto access = services::ManagedSite(**db, std::to_string(site_id), *caller->principal);
    if (!access.ok()) return std::nullopt;
    const Lang lang = PageLang(req);
    const auto status = access->view.status;
    const std::string state =
        access->view.participation_id == 0
            ? MsgString(lang, "site_unlisted_not_enrolled")
            : status == domain::ParticipationStatus::kApproved
                  ? MsgString(lang, "site_unlisted_approved")
                  : MsgFormat(lang, "site_unlisted_state",
                              {StatusLabel(status, lang), MsgString(lang, "dashboard_state_" +
                                                                               std::string(domain::ToCode(status)))});
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kMySites), MsgString(lang, "host_my_sites"), true));
    http::Response page = NoticePage(req, 200, access->view.site.name, {MsgString(lang, "site_unlisted_intro"), state}, links);
    KeepPagePrivate(req, page);  // one person's view of a public address
    return page;
}

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
        auto read = services::ReadRegistration(RegistrationFromForm(form));
        if (auto* problem = std::get_if<services::FieldError>(&read))
            return RegisterForm(ctx, req, *a.caller, PageStatus(problem->error), form, ErrorText(problem->error, lang),
                                problem->field);
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RegisterForm(ctx, req, *a.caller, 503, form, ErrorText(db.error(), lang), "");
        auto stored = services::RegisterFactory(**db, *ctx.sessions, a.caller->principal->user_id,
                                                std::get<services::Registration>(read));
        if (!stored.ok())
            return RegisterForm(ctx, req, *a.caller, PageStatus(stored.error()), form, ErrorText(stored.error(), lang),
                                stored.error().code == ErrorCode::kConflict ? "siret" : "");
        return http::Response::Redirect(PageLink(req, kMySites, {{"inscrit", std::to_string(*stored)}}));
    });

    // Issue 19: the host's home, a dashboard per site (host_dashboard.mustache).
    router.Add("GET", kMySites, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kMySites);
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto board = services::HostDashboard(**db, *a.caller->principal, NowUtcIso());
        if (!board.ok()) return RefusalPage(req, board.error());
        const std::string csrf = ctx.csrf->SessionToken(a.caller->session_id);
        const std::string* reenrolled = req.Query("reinscrit");
        const std::string* mail = req.Query("courriels");
        const std::string notice = req.Query("inscrit")  ? MsgString(lang, "register_done")
                                   : reenrolled ? MsgCount(lang, "host_reenrolled", ParsePositiveId(*reenrolled).value_or(0))
                                   : mail ? MsgString(lang, *mail == "resume" ? "host_mail_saved_digest" : "host_mail_saved_each")
                                                         : "";
        auto digest = services::HostMailDigestOf(**db, *a.caller->principal);
        return DashboardPage(req, *board, csrf, notice, digest.ok() && *digest);
    });

    // Issue 19: one e-mail per event, or one digest a day (services/host_digest.h).
    router.Add("POST", kMailChoice, [ctx](const http::Request& req) {
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kMailChoice, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        const std::string choice = form.Get("digest");
        if (choice != "0" && choice != "1")
            return RefusalPage(req, MakeError(ErrorCode::kInvalidArgument, "choose one e-mail per event or a digest",
                                              "choisissez un e-mail par événement ou un résumé"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto chosen = services::ChooseHostMailDigest(**db, *a.caller->principal, choice == "1", NowUtcIso());
        if (!chosen.ok()) return RefusalPage(req, chosen.error());
        return http::Response::Redirect(PageLink(req, kMySites, {{"courriels", choice == "1" ? "resume" : "chacun"}}));
    });

    router.Add("GET", kTours, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kTours, nullptr, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const Lang lang = PageLang(req);
            const std::string* done = req.Query("fait");
            const std::string* edited = req.Query("modifie");  // people e-mailed, or -1: the time did not change
            const std::string* deleted = req.Query("supprime");  // bookings cancelled
            std::string notice = done ? MsgString(lang, "tour_published") : "";
            if (edited) {
                const auto mailed = ParsePositiveId(*edited);
                notice = mailed ? MsgCount(lang, "tour_edited_mailed", *mailed) : MsgString(lang, "tour_edited");
            }
            if (deleted) notice = MsgCount(lang, "tour_deleted", ParsePositiveId(*deleted).value_or(0));
            return ToursPage(ctx, req, caller, access, db, 200, Form{}, notice, "");
        });
    });
    router.Add("POST", kTours, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        return WithSite(ctx, req, kTours, &form, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            Result<domain::Session> tour =
                MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue");
            if (form.Get("action") == "add")
                tour = services::ReadTour(TourInputOf(form), access);
            else if (form.Get("action") == "copy")
                tour = services::CopyTour(db, access, ParsePositiveId(form.Get("tour")));
            if (!tour.ok())
                return ToursPage(ctx, req, caller, access, db, PageStatus(tour.error()), form, "",
                                 ErrorText(tour.error(), lang));
            auto stored = services::PublishTour(db, caller.principal->user_id, *tour);
            if (!stored.ok())
                return ToursPage(ctx, req, caller, access, db, PageStatus(stored.error()), form, "",
                                 ErrorText(stored.error(), lang));
            return http::Response::Redirect(PageLink(req, "/usine/" + std::to_string(access.view.site.id) + "/visites",
                                                     {{"fait", std::to_string(*stored)}}));
        });
    });

    router.Add("GET", kVisitors, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kVisitors, nullptr, [&](const Caller&, const services::SiteAccess& access,
                                                         services::Db& db) {
            const std::string* format = req.Query("format");
            auto file = services::VisitorListFile(db, access, format ? *format : "csv");
            if (!file.ok()) return RefusalPage(req, file.error());
            return VisitorFileResponse(std::move(*file));
        });
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
        auto status = ReadDecision(decision, reason);
        if (!id || !status.ok())
            return ModerationPage(ctx, req, *a.caller, 400, "", !id ? MsgString(lang, "bad_form") : ErrorText(status.error(), lang));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ModerationPage(ctx, req, *a.caller, 503, "", ErrorText(db.error(), lang));
        auto decided = services::DecideParticipation(**db, *a.caller->principal, *id, *status, reason,
                                                     DecisionMailText(ctx.public_url, *status, reason));
        if (!decided.ok())
            return ModerationPage(ctx, req, *a.caller, PageStatus(decided.error()), "", ErrorText(decided.error(), lang));
        return http::Response::Redirect(PageLink(req, kModeration, {{"fait", decision}}));
    });
}

}  // namespace juo::web

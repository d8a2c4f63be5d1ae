// See edition_pages.h.
#include "web/backoffice/edition_pages.h"

#include <algorithm>

#include "http/router.h"
#include "services/editions.h"
#include "services/group_requests.h"  // [block: friday requests, issue 18]
#include "web/kit/back_office_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kEditions = "/organisation/editions";
constexpr const char* kClone = "/organisation/editions/clone";
constexpr const char* kEdition = "/organisation/editions/{id}";
constexpr const char* kInvite = "/organisation/editions/{id}/invitations";
// Day rows of the form: the edition's days and one empty row to add a day.
constexpr int kMaxDayRows = 32;
constexpr domain::Audience kAudiences[] = {domain::Audience::kSchool, domain::Audience::kJobSeekers,
                                           domain::Audience::kPublic};

std::string EditionPath(long long id) { return std::string(kEditions) + "/" + std::to_string(id); }

std::string AudienceList(const std::vector<domain::Audience>& audiences, Lang lang) {
    std::string out;
    for (auto a : audiences)
        out += (out.empty() ? "" : ", ") + MsgString(lang, "aud_" + std::string(domain::ToCode(a)));
    return out;
}

std::string StatusLabel(domain::EditionStatus s, Lang lang) {
    return MsgString(lang, "editions_status_" + std::string(domain::ToCode(s)));
}

// "n / target" or "n" when there is no target.
std::string Progress(long long n, const std::optional<int>& target, Lang lang) {
    return FormatNumber(n, lang) + (target ? " / " + FormatNumber(*target, lang) : "");
}

std::string Window(const domain::Edition& e, Lang lang) {
    const std::string opens = services::ParisDateOf(e.registration_opens_at),
                      closes = services::ParisDateOf(e.registration_closes_at);
    auto day = [&](const std::string& d) {
        return d.empty() ? MsgString(lang, "editions_no_date") : FormatDate(d, lang);
    };
    if (opens.empty() && closes.empty()) return MsgString(lang, "editions_window_unset");
    return MsgFormat(lang, "editions_window", {day(opens), day(closes)});
}

// ---- the list -------------------------------------------------------------------------------

http::Response EditionsPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                            int status, const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto listed = services::ListEditions(**db);
    if (!listed.ok()) return RefusalPage(req, listed.error());
    const std::vector<services::EditionProgress>& editions = *listed;
    PageData d = CommonPageData(req, MsgString(lang, "editions_title"));
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    d.set("csrf", csrf);
    if (!editions.empty()) {
        const int latest = editions.front().edition.year;
        d.set("clone_action", PageLink(req, kClone));
        d.set("clone_from", std::to_string(latest));
        d.set("clone_label",
              MsgFormat(lang, "editions_clone", {std::to_string(latest + 1), std::to_string(latest)}));
    }
    PageData items(PageData::type::list);
    for (size_t i = 0; i < editions.size(); ++i) {
        const auto& p = editions[i];
        const auto& e = p.edition;
        PageData item;
        item.set("id", std::to_string(e.id));
        item.set("year", std::to_string(e.year));
        item.set("name", e.name);
        item.set("status", std::string(domain::ToCode(e.status)));
        item.set("status_label", StatusLabel(e.status, lang));
        PageData days(PageData::type::list);
        for (const auto& day : e.days) {
            PageData row;
            row.set("date", FormatDate(day.date, lang));
            row.set("audiences", AudienceList(day.audiences, lang));
            days.push_back(row);
        }
        item.set("days", days);
        item.set("window", Window(e, lang));
        item.set("sites",
                 MsgFormat(lang, "editions_sites", {Progress(p.approved_sites, e.target_sites, lang)}));
        item.set("visitors", MsgFormat(lang, "editions_visitors",
                                       {Progress(p.booked_visitors, e.target_visitors, lang),
                                        FormatNumber(p.bookings, lang)}));
        item.set("edit_url", PageLink(req, EditionPath(e.id)));
        // Hosts enrol into the latest edition: only it invites, when an edition came before it.
        const bool invites =
            i == 0 && editions.size() > 1 &&
            (e.status == domain::EditionStatus::kDraft || e.status == domain::EditionStatus::kOpen);
        if (invites) {
            item.set("invite_action", PageLink(req, EditionPath(e.id) + "/invitations"));
            item.set("invite_label",
                     MsgFormat(lang, "editions_invite", {std::to_string(editions[1].edition.year)}));
            item.set("csrf", csrf);
        }
        items.push_back(item);
    }
    d.set("editions", items);
    return PageResponse(req, status, RenderInLayout("editions", d));
}

// ---- the edit form --------------------------------------------------------------------------

std::string DayField(int row, std::string_view suffix = {}) {
    return "day_" + std::to_string(row) + (suffix.empty() ? "" : "_" + std::string(suffix));
}

// The form's fields for an edition as stored (so that one rendering serves GET and a refused POST).
Form FormOf(const domain::Edition& e) {
    const services::EditionEdit edit = services::EditOf(e);
    Form f;
    f.fields = {{"version", services::EditionVersion(e)},
                {"name", edit.name},
                {"target_sites", edit.target_sites ? std::to_string(*edit.target_sites) : ""},
                {"target_visitors", edit.target_visitors ? std::to_string(*edit.target_visitors) : ""},
                {"opens", edit.registration_opens_on},
                {"closes", edit.registration_closes_on},
                {"max_party_size", std::to_string(edit.max_party_size)},
                {"status", std::string(domain::ToCode(edit.status))}};
    for (size_t i = 0; i < edit.days.size(); ++i) {
        const int row = static_cast<int>(i);
        f.fields.emplace_back(DayField(row), edit.days[i].date);
        for (auto a : edit.days[i].audiences) f.fields.emplace_back(DayField(row, domain::ToCode(a)), "1");
    }
    return f;
}

http::Response EditionForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                           const domain::Edition& edition, const Form& form, int status,
                           const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const std::string heading = MsgFormat(lang, "editions_edit_title", {std::to_string(edition.year)});
    PageData d = CommonPageData(req, heading);
    d.set("heading", heading);
    d.set("action", PageLink(req, EditionPath(edition.id)));
    d.set("back_url", PageLink(req, kEditions));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    d.set("year", std::to_string(edition.year));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    PageData values;
    for (const char* name :
         {"version", "name", "target_sites", "target_visitors", "opens", "closes", "max_party_size"})
        values.set(name, form.Get(name));
    // [block: friday requests, issue 18] The request deadline, a separate form (ADR 0018).
    if (auto db = services::ThreadDb(*ctx.db); db.ok())
        if (auto phase = services::PhaseOf(**db, edition.id); phase.ok()) {
            d.set("deadline_action", PageLink(req, EditionPath(edition.id) + "/date-limite-demandes"));
            d.set("request_deadline", phase->deadline.empty() ? "" : services::ParisDateOf(phase->deadline));
        }
    // [end of block: friday requests]
    values.set("min_date", std::to_string(edition.year) + "-01-01");
    values.set("max_date", std::to_string(edition.year) + "-12-31");
    d.set("form", values);
    PageData statuses(PageData::type::list);
    for (auto s : {domain::EditionStatus::kDraft, domain::EditionStatus::kOpen,
                   domain::EditionStatus::kClosed, domain::EditionStatus::kArchived})
        statuses.push_back(OptionData(std::string(domain::ToCode(s)), StatusLabel(s, lang),
                                      form.Get("status") == domain::ToCode(s)));
    d.set("statuses", statuses);
    PageData days(PageData::type::list);
    auto add_row = [&](int row, const std::string& date) {
        PageData r;
        r.set("field", DayField(row));
        r.set("date", date);
        r.set("existing", !date.empty());
        r.set("remove_field", DayField(row, "remove"));
        r.set("remove", form.Has(DayField(row, "remove")));
        r.set("legend", date.empty() ? MsgString(lang, "editions_new_day") : FormatDate(date, lang));
        PageData audiences(PageData::type::list);
        for (auto a : kAudiences) {
            PageData box;
            box.set("name", DayField(row, domain::ToCode(a)));
            box.set("label", MsgString(lang, "aud_" + std::string(domain::ToCode(a))));
            box.set("checked", form.Has(DayField(row, domain::ToCode(a))));
            audiences.push_back(box);
        }
        r.set("audiences", audiences);
        days.push_back(r);
    };
    // The rows keep their numbers, so that a refused form comes back as it was sent; one empty
    // row follows, to add a day.
    int next = 0;
    bool empty_row = false;
    for (int row = 0; row < kMaxDayRows; ++row) {
        if (!form.Has(DayField(row))) continue;
        next = row + 1;
        const std::string date = form.Get(DayField(row));
        const bool ticked = std::any_of(std::begin(kAudiences), std::end(kAudiences),
                                        [&](auto a) { return form.Has(DayField(row, domain::ToCode(a))); });
        if (date.empty() && !ticked) continue;
        add_row(row, date);
        empty_row = empty_row || date.empty();
    }
    if (!empty_row && next < kMaxDayRows) add_row(next, "");
    d.set("days", days);
    return PageResponse(req, status, RenderInLayout("edition", d));
}

// A whole number ≥ 0 from a field, nullopt when empty; kInvalidArgument otherwise.
Result<std::optional<int>> OptionalCount(const Form& form, const char* field, std::string_view en,
                                         std::string_view fr) {
    const std::string text = form.Get(field);
    if (text.empty()) return std::optional<int>();
    auto n = text == "0" ? std::optional<long long>(0) : ParsePositiveId(text);
    if (!n || *n > 10000000)
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(en) + " must be a whole number from 0 to 10,000,000",
                         std::string(fr) + " doit être un nombre entier de 0 à 10 000 000");
    return std::optional<int>(static_cast<int>(*n));
}

// The edit the form describes; errors name the field to mark.
std::variant<services::EditionEdit, std::pair<Error, std::string>> ReadEditionForm(const Form& form) {
    auto bad = [](Error e, std::string field) {
        return std::pair<Error, std::string>{std::move(e), std::move(field)};
    };
    if (form.malformed || !form.Has("name"))
        return bad(MakeError(ErrorCode::kInvalidArgument, "the form is incomplete: reload the page",
                             "le formulaire est incomplet : rechargez la page"),
                   "");
    services::EditionEdit edit;
    edit.seen_version = form.Get("version");  // the edition as the form showed it
    edit.name = form.Get("name");
    auto sites = OptionalCount(form, "target_sites", "the target of factories", "l'objectif d'usines");
    if (!sites.ok()) return bad(sites.error(), "target_sites");
    edit.target_sites = *sites;
    auto visitors =
        OptionalCount(form, "target_visitors", "the target of visitors", "l'objectif de visiteurs");
    if (!visitors.ok()) return bad(visitors.error(), "target_visitors");
    edit.target_visitors = *visitors;
    edit.registration_opens_on = form.Get("opens");
    edit.registration_closes_on = form.Get("closes");
    auto party = ParsePositiveId(form.Get("max_party_size"));
    if (!party || *party > 50)
        return bad(MakeError(ErrorCode::kInvalidArgument, "the largest party is 1 to 50 people",
                             "la taille maximale d'un groupe est de 1 à 50 personnes"),
                   "max_party_size");
    edit.max_party_size = static_cast<int>(*party);
    auto status = domain::ParseEditionStatus(form.Get("status"));
    if (!status)
        return bad(MakeError(ErrorCode::kInvalidArgument, "choose a status", "choisissez un statut"),
                   "status");
    edit.status = *status;
    for (int row = 0; row < kMaxDayRows; ++row) {
        if (!form.Has(DayField(row)) || form.Has(DayField(row, "remove"))) continue;
        domain::EditionDay day;
        day.date = form.Get(DayField(row));
        for (auto a : kAudiences)
            if (form.Has(DayField(row, domain::ToCode(a)))) day.audiences.push_back(a);
        if (day.date.empty()) {
            if (day.audiences.empty()) continue;  // the empty row left empty
            return bad(MakeError(ErrorCode::kInvalidArgument, "give the new day's date",
                                 "indiquez la date du nouveau jour"),
                       DayField(row));
        }
        edit.days.push_back(std::move(day));
    }
    return edit;
}

// The edition of the route and this thread's connection, or the page to answer instead (404 for
// an unknown or malformed id).
struct EditionRoute {
    services::Db* db = nullptr;
    domain::Edition edition;
};
std::variant<EditionRoute, http::Response> RouteEdition(const PeopleContext& ctx, const http::Request& req) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id)
        return RefusalPage(req, MakeError(ErrorCode::kNotFound, "no such edition", "édition introuvable"));
    auto edition = services::FindEdition(**db, *id);
    if (!edition.ok()) return RefusalPage(req, edition.error());
    return EditionRoute{*db, std::move(*edition)};
}

}  // namespace

void RegisterEditionPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kEditions, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kEditions);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        std::string notice;
        if (const std::string* invited = req.Query("invites")) {
            const std::string* before = req.Query("deja");
            notice = MsgFormat(lang, "editions_invited", {*invited, before ? *before : "0"});
        }
        return EditionsPage(ctx, req, *a.caller, 200, notice, "");
    });

    router.Add("POST", kClone, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kClone, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto year = domain::ParseEditionYear(form.Get("from_year"));
        if (!year.ok()) return EditionsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto clone = services::CloneEdition(**db, *year, a.caller->principal->user_id);
        if (!clone.ok())
            return EditionsPage(ctx, req, *a.caller, PageStatus(clone.error()), "",
                                ErrorText(clone.error(), lang));
        return http::Response::Redirect(PageLink(req, EditionPath(clone->id), {{"cree", "1"}}));
    });

    router.Add("GET", kEdition, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kEdition);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        auto route = RouteEdition(ctx, req);
        if (auto* page = std::get_if<http::Response>(&route)) return *page;
        const auto& [db, edition] = std::get<EditionRoute>(route);
        std::string notice;
        if (req.Query("cree")) notice = MsgString(lang, "editions_created");
        if (req.Query("fait")) notice = MsgString(lang, "editions_saved");
        return EditionForm(ctx, req, *a.caller, edition, FormOf(edition), 200, notice, "");
    });

    router.Add("POST", kEdition, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kEdition, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto route = RouteEdition(ctx, req);
        if (auto* page = std::get_if<http::Response>(&route)) return *page;
        const auto& [db, edition] = std::get<EditionRoute>(route);
        auto read = ReadEditionForm(form);
        if (auto* problem = std::get_if<std::pair<Error, std::string>>(&read))
            return EditionForm(ctx, req, *a.caller, edition, form, PageStatus(problem->first), "",
                               ErrorText(problem->first, lang));
        auto updated = services::UpdateEdition(*db, edition.id, std::get<services::EditionEdit>(read),
                                               a.caller->principal->user_id);
        if (!updated.ok() && updated.error().code == ErrorCode::kStale) {
            // Another organiser saved meanwhile: the form comes back with the edition as saved
            // (and its version), never with this one's values over it — saved again, those would
            // undo the other's changes without anyone seeing them.
            auto now = services::FindEdition(*db, edition.id);
            if (!now.ok()) return RefusalPage(req, now.error());
            return EditionForm(ctx, req, *a.caller, *now, FormOf(*now), PageStatus(updated.error()), "",
                               MsgString(lang, "editions_stale"));
        }
        if (!updated.ok())
            return EditionForm(ctx, req, *a.caller, edition, form, PageStatus(updated.error()), "",
                               ErrorText(updated.error(), lang));
        return http::Response::Redirect(PageLink(req, EditionPath(edition.id), {{"fait", "1"}}));
    });

    router.Add("POST", kInvite, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kInvite, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto route = RouteEdition(ctx, req);
        if (auto* page = std::get_if<http::Response>(&route)) return *page;
        const auto& [db, edition] = std::get<EditionRoute>(route);
        auto outcome = services::InvitePreviousHosts(*db, edition.id, a.caller->principal->user_id,
                                                     InvitationMail(ctx.public_url));
        if (!outcome.ok())
            return EditionsPage(ctx, req, *a.caller, PageStatus(outcome.error()), "",
                                ErrorText(outcome.error(), lang));
        return http::Response::Redirect(PageLink(req, kEditions,
                                                 {{"invites", std::to_string(outcome->invited)},
                                                  {"deja", std::to_string(outcome->already_invited)}}));
    });
}

}  // namespace juo::web

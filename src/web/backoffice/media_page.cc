// See media_page.h.
#include "web/backoffice/media_page.h"

#include <algorithm>
#include <cctype>

#include "http/router.h"
#include "services/exports.h"
#include "services/imports.h"
#include "services/media.h"
#include "web/backoffice/import_reports.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kMedia = "/organisation/medias";
constexpr int kPageSize = 50;

// What the page shows besides the lists: a notice, an error, the import's problems, and the
// values of the form that failed (or of the mention being edited).
struct MediaView {
    int status = 200;
    std::string notice, error;
    const services::ImportReport* report = nullptr;
    const Form* form = nullptr;                     // the form sent, to show again
    std::optional<domain::MediaMention> editing;    // ?modifier=ID
    int page = 1;
};

// The on-screen name of a network code ("LinkedIn", "X", "Autre" / "Other"); the text itself for
// anything else (older rows).
std::string NetworkLabel(const std::string& network, bool french) {
    std::string code = network;
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::tolower(c); });
    if (code == "linkedin") return "LinkedIn";
    if (code == "facebook") return "Facebook";
    if (code == "instagram") return "Instagram";
    if (code == "x") return "X";
    if (code == "youtube") return "YouTube";
    if (code == "tiktok") return "TikTok";
    if (code == "other") return french ? "Autre" : "Other";
    return network;
}

// The mention form's values: the form sent again after an error, else the mention edited.
void SetMentionForm(PageData& d, const http::Request& req, const MediaView& v, Lang lang) {
    const bool resent = v.form && (v.form->Get("do") == "mention_add" || v.form->Get("do") == "mention_edit");
    std::string id, kind = "print", outlet, title, date, url, department;
    if (resent) {
        if (v.form->Get("do") == "mention_edit") id = v.form->Get("id");
        kind = v.form->Get("kind");
        outlet = v.form->Get("outlet");
        title = v.form->Get("title");
        date = v.form->Get("published_on");
        url = v.form->Get("url");
        department = v.form->Get("department");
    } else if (v.editing) {
        id = std::to_string(v.editing->id);
        kind = std::string(domain::ToCode(v.editing->kind));
        outlet = v.editing->outlet;
        title = v.editing->title;
        date = v.editing->published_on;
        url = v.editing->url;
        department = v.editing->department_code;
    }
    const bool edit = !id.empty();
    d.set("mention_heading", MsgString(lang, edit ? "media_edit_title" : "media_add_title"));
    d.set("mention_submit", MsgString(lang, edit ? "media_save" : "media_add"));
    d.set("mention_do", std::string(edit ? "mention_edit" : "mention_add"));
    if (edit) {
        d.set("mention_id", id);
        d.set("cancel_url", PageLink(req, kMedia));
    }
    PageData kinds(PageData::type::list);
    for (const auto& [k, code] : domain::kMediaKindCodes) {
        (void)k;
        kinds.push_back(OptionData(std::string(code), MsgString(lang, "media_kind_" + std::string(code)), kind == code));
    }
    d.set("kinds", kinds);
    d.set("mention_outlet", outlet);
    d.set("mention_title", title);
    d.set("mention_date", date);
    d.set("mention_url", url);
    d.set("mention_department", department);
}

void SetSocialForm(PageData& d, const MediaView& v, Lang lang) {
    const bool resent = v.form && v.form->Get("do") == "social_add";
    const std::string network = resent ? v.form->Get("network") : "linkedin";
    PageData networks(PageData::type::list);
    for (auto n : domain::kSocialNetworks)
        networks.push_back(OptionData(std::string(n), NetworkLabel(std::string(n), lang == Lang::kFr), network == n));
    d.set("networks", networks);
    d.set("social_start", resent ? v.form->Get("period_start") : "");
    d.set("social_end", resent ? v.form->Get("period_end") : "");
    d.set("social_mentions_value", resent ? v.form->Get("mentions") : "");
}

http::Response MediaPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, const MediaView& v) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "media_title"));
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    auto overview = services::ReadMediaOverview(**db, v.page, kPageSize);
    if (!overview.ok()) return RefusalPage(req, overview.error());
    const domain::Edition& edition = overview->edition;
    d.set("edition_label", edition.name + " (" + std::to_string(edition.year) + ")");
    PageData counts(PageData::type::list);
    for (const auto& [kind, n] : overview->counts_by_kind) {
        PageData row;
        row.set("kind", kind);
        row.set("label", MsgString(lang, "media_kind_" + kind));
        row.set("count", FormatNumber(n, lang));
        counts.push_back(row);
    }
    d.set("counts", counts);

    const long long total = overview->mentions.total;
    d.set("mentions_heading", MsgFormat(lang, "media_list_title", {FormatNumber(total, lang)}));
    PageData mentions(PageData::type::list);
    for (const auto& m : overview->mentions.mentions) {
        PageData item;
        item.set("id", std::to_string(m.id));
        item.set("outlet", m.outlet);
        item.set("has_url", !m.url.empty());
        item.set("link", m.url);
        item.set("when", FormatDate(m.published_on, lang));
        item.set("kind_label", MsgString(lang, "media_kind_" + std::string(domain::ToCode(m.kind))));
        item.set("has_department", !m.department_code.empty());
        item.set("department", m.department_code);
        item.set("has_title", !m.title.empty());
        item.set("headline", m.title);
        item.set("edit_url", PageLink(req, kMedia, {{"modifier", std::to_string(m.id)}}) + "#retombee");
        mentions.push_back(item);
    }
    d.set("has_mentions", !mentions.is_empty_list());
    d.set("mentions", mentions);
    const bool newer = v.page > 1, older = static_cast<long long>(v.page) * kPageSize < total;
    d.set("has_pages", newer || older);
    if (newer) d.set("prev_url", PageLink(req, kMedia, {{"page", std::to_string(v.page - 1)}}));
    if (older) d.set("next_url", PageLink(req, kMedia, {{"page", std::to_string(v.page + 1)}}));

    PageData social(PageData::type::list);
    long long social_total = 0;
    for (const auto& s : overview->social) {
        PageData row;
        row.set("id", std::to_string(s.id));
        row.set("network", NetworkLabel(s.network, lang == Lang::kFr));
        row.set("period", FormatDate(s.period_start, lang) + " – " + FormatDate(s.period_end, lang));
        row.set("mentions", FormatNumber(s.mentions, lang));
        social.push_back(row);
        social_total += s.mentions;
    }
    d.set("has_social", !social.is_empty_list());
    d.set("social", social);
    d.set("social_total", MsgFormat(lang, "social_total", {FormatNumber(social_total, lang)}));
    d.set("action", PageLink(req, kMedia));
    d.set("import_action", PageLink(req, kMedia));
    d.set("exports_url", PageLink(req, "/organisation/exports"));
    d.set("csrf", csrf);
    if (!v.notice.empty()) d.set("notice", v.notice);
    if (!v.error.empty()) d.set("error", v.error);
    SetMentionForm(d, req, v, lang);
    SetSocialForm(d, v, lang);
    if (v.report && v.form) SetImportProblems(d, *v.report, *v.form, lang);
    return PageResponse(req, v.status, RenderInLayout("media", d));
}

// The notice of a change done (the redirection's ?fait=…).
std::string DoneNotice(const std::string& done, Lang lang) {
    for (const char* key : {"mention_added", "mention_saved", "mention_deleted", "social_added", "social_deleted"})
        if (done == key) return MsgString(lang, "media_done_" + done);
    return "";
}

}  // namespace

void RegisterMediaPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kMedia, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kMedia);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        MediaView v;
        if (const std::string* done = req.Query("importees")) v.notice = MsgFormat(lang, "media_imported", {*done});
        if (const std::string* done = req.Query("fait")) v.notice = DoneNotice(*done, lang);
        if (const std::string* page = req.Query("page")) {
            auto n = ParsePositiveId(*page);
            if (!n || *n > services::kMaxMediaPage)
                return RefusalPage(req, MakeError(ErrorCode::kInvalidArgument, "page is a positive number",
                                                  "la page est un nombre positif"));
            v.page = static_cast<int>(*n);
        }
        if (const std::string* id = req.Query("modifier")) {
            auto n = ParsePositiveId(*id);
            auto db = services::ThreadDb(*ctx.db);
            if (!db.ok()) return RefusalPage(req, db.error());
            if (n) {
                auto found = services::FindMediaMention(**db, *n);
                if (!found.ok()) return RefusalPage(req, found.error());
                v.editing = std::move(*found);
            }
            if (!v.editing)
                return RefusalPage(req, MakeError(ErrorCode::kNotFound, "no such media mention", "retombée introuvable"));
        }
        return MediaPage(ctx, req, *a.caller, v);
    });
    router.Add("POST", kMedia, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kMedia, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto edition = services::RequestedEdition(**db, "");  // the current edition
        if (!edition.ok()) return RefusalPage(req, edition.error());
        const long long user = a.caller->principal->user_id;
        const std::string what = form.Has("do") ? form.Get("do") : "import";
        MediaView v;
        v.form = &form;
        auto failed = [&](const Error& e) {
            v.status = PageStatus(e);
            v.error = ErrorText(e, lang);
            return MediaPage(ctx, req, *a.caller, v);
        };
        auto done = [&](const char* notice) { return http::Response::Redirect(PageLink(req, kMedia, {{"fait", notice}})); };

        if (what == "import") {
            const bool dry_run = form.Has("dry_run");
            auto report = services::ImportMedia(**db, edition->year, PastedCsv(form), dry_run, user);
            if (!report.ok()) return RefusalPage(req, report.error());
            if (!report->problems.empty()) {
                v.status = 400;
                v.report = &*report;
                return MediaPage(ctx, req, *a.caller, v);
            }
            if (dry_run) {
                v.notice = MsgFormat(lang, "media_dry_run_ok", {std::to_string(report->rows)});
                v.form = nullptr;
                return MediaPage(ctx, req, *a.caller, v);
            }
            return http::Response::Redirect(PageLink(req, kMedia, {{"importees", std::to_string(report->imported)}}));
        }
        if (what == "mention_add" || what == "mention_edit") {
            auto mention = services::ReadMediaMention({form.Get("kind"), form.Get("outlet"), form.Get("title"),
                                             form.Get("published_on"), form.Get("url"), form.Get("department")},
                                            edition->id);
            if (!mention.ok()) return failed(mention.error());
            if (what == "mention_add") {
                auto added = services::AddMediaMention(**db, user, *mention);
                return added.ok() ? done("mention_added") : failed(added.error());
            }
            auto id = ParsePositiveId(form.Get("id"));
            if (!id) return failed(MakeError(ErrorCode::kInvalidArgument, "no mention to edit", "aucune retombée à modifier"));
            mention->id = *id;
            auto saved = services::EditMediaMention(**db, user, *mention);
            return saved.ok() ? done("mention_saved") : failed(saved.error());
        }
        if (what == "mention_delete" || what == "social_delete") {
            auto id = ParsePositiveId(form.Get("id"));
            if (!id) return failed(MakeError(ErrorCode::kInvalidArgument, "nothing to delete", "rien à supprimer"));
            auto removed = what == "mention_delete" ? services::RemoveMediaMention(**db, user, *id)
                                                    : services::RemoveSocialMentions(**db, user, *id);
            if (!removed.ok()) return failed(removed.error());
            return done(what == "mention_delete" ? "mention_deleted" : "social_deleted");
        }
        if (what == "social_add") {
            auto counts = services::ReadSocialMentions(
                {form.Get("network"), form.Get("period_start"), form.Get("period_end"), form.Get("mentions")},
                edition->id);
            if (!counts.ok()) return failed(counts.error());
            auto added = services::AddSocialMentions(**db, user, *counts);
            return added.ok() ? done("social_added") : failed(added.error());
        }
        return failed(MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue"));
    });
}

}  // namespace juo::web

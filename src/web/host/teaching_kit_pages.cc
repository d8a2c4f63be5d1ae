// See teaching_kit_pages.h.
#include "web/host/teaching_kit_pages.h"

#include "domain/teaching_kit.h"
#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kKitAdmin = "/organisation/kit";
constexpr const char* kKit = "/kit";
constexpr const char* kKitFile = "/kit/{id}";

PageData DocumentItem(const http::Request& req, const domain::TeachingKitDocument& doc, Lang lang) {
    PageData item;
    item.set("id", std::to_string(doc.id));
    item.set("title", doc.title);
    item.set("audience", MsgString(lang, "kit_audience_" + doc.audience));
    item.set("pages", MsgCount(lang, "kit_pages", doc.pages));
    item.set("downloads", MsgCount(lang, "kit_downloads", doc.downloads));
    item.set("published", doc.published);
    if (doc.file_id) item.set("url", PageLink(req, "/kit/" + std::to_string(doc.id)));
    return item;
}

http::Response KitAdminPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                            const std::string& notice, const std::string& error, const Form& form) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "kit_admin_title"));
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    auto kit = services::TeachingKit(**db, false);
    if (!kit.ok()) return RefusalPage(req, kit.error());
    d.set("edition_label", kit->edition.name + " (" + std::to_string(kit->edition.year) + ")");
    PageData docs(PageData::type::list);
    for (const auto& doc : kit->documents) {
        PageData item = DocumentItem(req, doc, lang);
        item.set("csrf", csrf);
        item.set("action", PageLink(req, kKitAdmin));
        docs.push_back(item);
    }
    d.set("documents", docs);
    d.set("action", PageLink(req, kKitAdmin));
    d.set("public_url", PageLink(req, kKit));
    d.set("csrf", csrf);
    d.set("form_title", form.Get("title"));
    PageData audiences(PageData::type::list);
    const std::string chosen = form.Has("audience") ? form.Get("audience") : "both";
    for (const char* a : {"both", "teachers", "pupils"})
        audiences.push_back(OptionData(a, MsgString(lang, std::string("kit_audience_") + a), chosen == a));
    d.set("audiences", audiences);
    d.set("form_pages", form.Get("pages"));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    return PageResponse(req, status, RenderInLayout("teaching_kit_admin", d));
}

}  // namespace

void RegisterTeachingKitPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kKitAdmin, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kKitAdmin);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const std::string* done = req.Query("fait");
        return KitAdminPage(ctx, req, *a.caller, 200, done ? MsgString(lang, "kit_done_" + *done) : "", "", Form{});
    });
    router.Add("POST", kKitAdmin, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kKitAdmin, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const long long user = a.caller->principal->user_id;
        const std::string action = form.Get("action");
        Status done = Ok();
        if (action == "upload") {
            auto id = services::UploadKitDocument(**db, user, KitDocumentInputOf(form));
            done = id.ok() ? Ok() : Status(id.error());
        } else if (action == "publish" || action == "withdraw") {
            done = services::PublishKitDocument(**db, ParsePositiveId(form.Get("document")), action == "publish", user);
        } else {
            done = MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue");
        }
        if (!done.ok()) return KitAdminPage(ctx, req, *a.caller, PageStatus(done.error()), "", ErrorText(done.error(), lang), form);
        return http::Response::Redirect(PageLink(req, kKitAdmin, {{"fait", action}}));
    });

    router.Add("GET", kKit, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        PageData d = CommonPageData(req, MsgString(lang, "kit_title"));
        auto kit = services::TeachingKit(**db, true);
        if (!kit.ok()) return RefusalPage(req, kit.error());
        PageData docs(PageData::type::list);
        for (const auto& doc : kit->documents)
            if (doc.file_id) docs.push_back(DocumentItem(req, doc, lang));
        d.set("documents", docs);
        return PageResponse(req, 200, RenderInLayout("teaching_kit", d));
    });

    router.Add("GET", kKitFile, [ctx](const http::Request& req) {
        auto id = ParsePositiveId(req.PathParam("id"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const Error missing = MakeError(ErrorCode::kNotFound, "no such document", "document introuvable");
        auto found = id ? services::FindKitDocument(**db, *id)
                        : Result<std::optional<domain::TeachingKitDocument>>(std::nullopt);
        if (!found.ok()) return RefusalPage(req, found.error());
        const auto& doc = *found;
        if (!doc || !doc->file_id) return RefusalPage(req, missing);
        if (!doc->published) {
            // Before publication, only the organiser sees it (to check the upload).
            auto caller = Identify(ctx, req);
            if (!caller.ok() || !caller->principal || !caller->principal->Has(domain::Role::kOrganiser))
                return RefusalPage(req, missing);
        }
        auto file = services::DownloadKitDocument(**db, *doc);
        if (!file.ok()) return RefusalPage(req, file.error());
        return FileResponse(std::move(file->bytes), file->mime_type, "kit-" + std::to_string(doc->id) + ".pdf", false);
    });
}

}  // namespace juo::web

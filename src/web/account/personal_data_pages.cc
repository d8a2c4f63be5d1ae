// See personal_data_pages.h.
#include "web/account/personal_data_pages.h"

#include "auth/cookies.h"
#include "common/text.h"
#include "http/router.h"
#include "services/personal_data.h"
#include "web/kit/account_erasure.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kData = "/compte/donnees";
constexpr const char* kErase = "/compte/supprimer";

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string Trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

http::Response DataPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    const long long me = caller.principal->user_id;
    auto data = services::ExportPersonalData(**db, me, me);
    if (!data.ok()) return RefusalPage(req, data.error());
    PageData d = CommonPageData(req, MsgString(lang, "mydata_title"));
    PageData items(PageData::type::list);
    auto count = [&](const char* key, size_t n) { items.push_back(MsgFormat(lang, key, {std::to_string(n)})); };
    items.push_back(MsgString(lang, "mydata_item_account"));
    count("mydata_item_bookings", data->bookings.size());
    count("mydata_item_waitlist", data->waitlist.size());
    count("mydata_item_requests", data->group_requests.size());
    count("mydata_item_surveys", data->survey_answers.size());
    count("mydata_item_sessions", data->sessions.size());
    count("mydata_item_audit", data->audit.size());
    count("mydata_item_emails", data->emails.size());
    d.set("items", items);
    d.set("export_url", std::string("/api/v1/me/export"));
    d.set("erase_url", PageLink(req, kErase));
    d.set("home_link", PageLink(req, HomePathOf(*caller.principal)));
    d.set("home_label", MsgString(lang, "nav_account"));
    return PageResponse(req, 200, RenderInLayout("personal_data", d));
}

http::Response EraseForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                         const std::string& typed, const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "mydata_erase_title"), PageLink(req, kErase),
                          ctx.csrf->SessionToken(caller.session_id), MsgString(lang, "mydata_erase_submit"));
    d.set("intro", MsgString(lang, "mydata_erase_intro"));
    PageData details(PageData::type::list);
    details.push_back(MsgString(lang, "mydata_erase_future"));
    details.push_back(MsgString(lang, "mydata_erase_past"));
    d.set("details", details);
    PageData fields(PageData::type::list);
    fields.push_back(InputField("email", MsgString(lang, "mydata_erase_field"), "email", typed, "off"));
    d.set("fields", fields);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kData), MsgString(lang, "mydata_back")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, "email");
    return FormPage(req, status, d);
}

}  // namespace

void RegisterPersonalDataPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kData, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kData);
        if (a.refusal) return *a.refusal;
        return DataPage(ctx, req, *a.caller);
    });
    router.Add("GET", kErase, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kErase);
        if (a.refusal) return *a.refusal;
        return EraseForm(ctx, req, *a.caller, 200, "", "");
    });
    // Asynchronous: the future bookings are cancelled by the engine before the erasure's
    // transaction (web/kit/account_erasure.h); no handler thread waits for them.
    router.AddAsync(
        "POST", kErase,
        [ctx](const http::Request& req, http::Reply reply) {
            const Lang lang = PageLang(req);
            Form form = ReadForm(req);
            auto a = AdmitPage(ctx, req, kErase, form.Get("csrf"));
            if (a.refusal) return reply(*a.refusal);
            const Caller caller = *a.caller;
            const std::string typed = Trimmed(form.Get("email"));
            if (typed.empty() || Lower(typed) != Lower(caller.principal->email))
                return reply(EraseForm(ctx, req, caller, 400, typed, MsgString(lang, "mydata_erase_mismatch")));
            const long long me = caller.principal->user_id;
            EraseAccountThroughEngine(ctx, me, me, [ctx, req, caller, typed, lang, reply](auto r) {
                if (!r.ok())
                    return reply(EraseForm(ctx, req, caller, PageStatus(r.error()), typed, ErrorText(r.error(), lang)));
                PageData links(PageData::type::list);
                links.push_back(LinkData(PageLink(req, "/"), MsgString(lang, "nav_home"), true));
                http::Response done = NoticePage(req, 200, MsgString(lang, "mydata_erased_title"),
                                                 {MsgString(lang, "mydata_erased_text")}, links);
                done.AddHeader("Set-Cookie", auth::ClearSessionCookie(ctx.secure_cookies));
                reply(std::move(done));
            });
        },
        http::Execution::kPool);
}

}  // namespace juo::web

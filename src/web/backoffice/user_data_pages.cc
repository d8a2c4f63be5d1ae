// See user_data_pages.h.
#include "web/backoffice/user_data_pages.h"

#include "http/router.h"
#include "services/personal_data.h"
#include "services/users.h"
#include "web/kit/account_erasure.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kExport = "/organisation/utilisateurs/{id}/donnees";
constexpr const char* kErase = "/organisation/utilisateurs/{id}/supprimer";

std::string UserPath(long long id) { return "/organisation/utilisateurs/" + std::to_string(id); }

std::string Lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

Error NoSuchUser() { return MakeError(ErrorCode::kNotFound, "no such user", "utilisateur introuvable"); }

// The live user of the route, or the page to answer instead.
std::variant<services::UserView, http::Response> RouteUser(const PeopleContext& ctx, const http::Request& req) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id) return RefusalPage(req, NoSuchUser());
    auto found = services::FindUserView(**db, *id);
    if (!found.ok()) return RefusalPage(req, found.error());
    if (!*found) return RefusalPage(req, NoSuchUser());
    return std::move(**found);
}

http::Response EraseForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                         const services::UserView& u, int status, const std::string& typed, const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgFormat(lang, "users_erase_title", {u.display_name}),
                          PageLink(req, UserPath(u.id) + "/supprimer"), ctx.csrf->SessionToken(caller.session_id),
                          MsgString(lang, "users_data_erase"));
    d.set("intro", MsgString(lang, "users_erase_intro"));
    PageData details(PageData::type::list);
    details.push_back(u.email);
    d.set("details", details);
    PageData fields(PageData::type::list);
    fields.push_back(InputField("email", MsgString(lang, "users_erase_field"), "email", typed, "off"));
    d.set("fields", fields);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, UserPath(u.id)), MsgString(lang, "users_back")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, "email");
    return FormPage(req, status, d);
}

}  // namespace

void RegisterUserDataPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kExport, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kExport);
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(req.PathParam("id"));
        if (!id) return RefusalPage(req, NoSuchUser());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto data = services::ExportPersonalData(**db, *id, a.caller->principal->user_id);
        if (!data.ok()) return RefusalPage(req, data.error());
        return PersonalDataDownload(*data);
    });
    router.Add("GET", kErase, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kErase);
        if (a.refusal) return *a.refusal;
        auto user = RouteUser(ctx, req);
        if (auto* page = std::get_if<http::Response>(&user)) return *page;
        return EraseForm(ctx, req, *a.caller, std::get<services::UserView>(user), 200, "", "");
    });
    router.AddAsync(
        "POST", kErase,
        [ctx](const http::Request& req, http::Reply reply) {
            const Lang lang = PageLang(req);
            Form form = ReadForm(req);
            auto a = AdmitPage(ctx, req, kErase, form.Get("csrf"));
            if (a.refusal) return reply(*a.refusal);
            auto found = RouteUser(ctx, req);
            if (auto* page = std::get_if<http::Response>(&found)) return reply(*page);
            const services::UserView u = std::get<services::UserView>(found);
            const Caller caller = *a.caller;
            const std::string typed = form.Get("email");
            if (typed.empty() || Lower(typed) != Lower(u.email))
                return reply(EraseForm(ctx, req, caller, u, 400, typed, MsgString(lang, "mydata_erase_mismatch")));
            EraseAccountThroughEngine(ctx, u.id, caller.principal->user_id,
                                      [ctx, req, caller, u, typed, lang, reply](auto r) {
                                          if (!r.ok())
                                              return reply(EraseForm(ctx, req, caller, u, PageStatus(r.error()), typed,
                                                                     ErrorText(r.error(), lang)));
                                          PageData links(PageData::type::list);
                                          links.push_back(LinkData(PageLink(req, "/organisation/utilisateurs"),
                                                                   MsgString(lang, "users_back"), true));
                                          reply(NoticePage(req, 200, MsgString(lang, "users_erased_title"),
                                                           {MsgFormat(lang, "users_erased_text",
                                                                      {std::to_string(u.id)})},
                                                           links));
                                      });
        },
        http::Execution::kPool);
}

}  // namespace juo::web

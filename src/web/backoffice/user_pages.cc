// See user_pages.h.
#include "web/backoffice/user_pages.h"

#include "http/router.h"
#include "refdata/refdata.h"
#include "services/users.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kUsers = "/organisation/utilisateurs";
constexpr const char* kUser = "/organisation/utilisateurs/{id}";
constexpr int kPageSize = 50;
constexpr domain::Role kRoles[] = {domain::Role::kVisitor, domain::Role::kTeacher, domain::Role::kAdviser,
                                   domain::Role::kHost,    domain::Role::kRelay,   domain::Role::kOrganiser};

std::string UserPath(long long id) { return std::string(kUsers) + "/" + std::to_string(id); }

std::string RoleName(domain::Role role, Lang lang) {
    return MsgString(lang, "users_role_" + std::string(domain::ToCode(role)));
}

// "Relais régional (69)", "Hôte (Forge de Lyon, n°12)", "Organisateur".
std::string GrantLabel(const services::GrantView& g, Lang lang) {
    std::string label = RoleName(g.grant.role, lang);
    if (!g.grant.department_code.empty()) label += " (" + g.grant.department_code + ")";
    if (g.grant.site_id) label += " (" + g.site_name + ", n°" + std::to_string(*g.grant.site_id) + ")";
    return label;
}

http::Response UsersPage(const PeopleContext& ctx, const http::Request& req) {
    const Lang lang = PageLang(req);
    const std::string* q = req.Query("q");
    const std::string query = q ? std::string(q->substr(0, 100)) : "";
    int page = 1;
    if (const std::string* p = req.Query("page"); p && !p->empty()) {
        auto n = ParsePositiveId(*p);
        if (!n || *n > 100000)
            return RefusalPage(req, MakeError(ErrorCode::kInvalidArgument, "page is a positive number",
                                              "la page est un nombre positif"));
        page = static_cast<int>(*n);
    }
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto searched = services::SearchUsers(**db, query, page, kPageSize);
    if (!searched.ok()) return RefusalPage(req, searched.error());
    const services::UserSearchPage& found = *searched;
    PageData d = CommonPageData(req, MsgString(lang, "users_title"));
    d.set("action", PageLink(req, kUsers));
    if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
    d.set("q", query);
    PageData users(PageData::type::list);
    for (const auto& u : found.users) {
        PageData item;
        item.set("id", std::to_string(u.id));
        item.set("name", u.display_name);
        item.set("email", u.email);
        item.set("url", PageLink(req, UserPath(u.id)));
        std::string roles;
        for (const auto& g : u.grants) roles += (roles.empty() ? "" : ", ") + GrantLabel(g, lang);
        item.set("roles", roles.empty() ? MsgString(lang, "users_no_role") : roles);
        users.push_back(item);
    }
    d.set("users", users);
    d.set("has_users", !found.users.empty());
    if (page > 1)
        d.set("previous_url", PageLink(req, kUsers, {{"q", query}, {"page", std::to_string(page - 1)}}));
    if (found.more)
        d.set("next_url", PageLink(req, kUsers, {{"q", query}, {"page", std::to_string(page + 1)}}));
    return PageResponse(req, 200, RenderInLayout("users", d));
}

http::Response UserPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                        const services::UserView& u, int status, const Form& form, const std::string& notice,
                        const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, u.display_name);
    d.set("heading", u.display_name);
    d.set("email", u.email);
    d.set("confirmed",
          u.email_confirmed ? MsgString(lang, "users_confirmed") : MsgString(lang, "users_unconfirmed"));
    d.set("action", PageLink(req, UserPath(u.id)));
    d.set("back_url", PageLink(req, kUsers));
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    d.set("csrf", csrf);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    PageData grants(PageData::type::list);
    for (const auto& g : u.grants) {
        PageData item;
        item.set("id", std::to_string(g.id));
        item.set("role", std::string(domain::ToCode(g.grant.role)));
        item.set("label", GrantLabel(g, lang));
        grants.push_back(item);
    }
    d.set("grants", grants);
    PageData roles(PageData::type::list);
    const std::string role = form.Get("role");
    for (auto r : kRoles)
        roles.push_back(
            OptionData(std::string(domain::ToCode(r)), RoleName(r, lang), role == domain::ToCode(r)));
    d.set("roles", roles);
    PageData departments(PageData::type::list);
    const std::string department = form.Get("department");
    departments.push_back(OptionData("", MsgString(lang, "users_no_department"), department.empty()));
    for (const auto& dep : refdata::Departments())
        departments.push_back(OptionData(dep.code, dep.code + " — " + dep.name, department == dep.code));
    d.set("departments", departments);
    d.set("site", form.Get("site"));
    return PageResponse(req, status, RenderInLayout("user", d));
}

// The user of the route and this thread's connection, or the page to answer instead.
struct UserRoute {
    services::Db* db = nullptr;
    services::UserView user;
};
std::variant<UserRoute, http::Response> RouteUser(const PeopleContext& ctx, const http::Request& req) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto id = ParsePositiveId(req.PathParam("id"));
    std::optional<services::UserView> user;
    if (id) {
        auto found = services::FindUserView(**db, *id);
        if (!found.ok()) return RefusalPage(req, found.error());
        user = std::move(*found);
    }
    if (!user)
        return RefusalPage(req, MakeError(ErrorCode::kNotFound, "no such user", "utilisateur introuvable"));
    return UserRoute{*db, std::move(*user)};
}

// The change a POSTed form asks for: a grant or a revocation.
Status ApplyForm(const PeopleContext& ctx, services::Db& db, const Form& form, const services::UserView& user,
                 long long actor) {
    const std::string action = form.Get("action");
    if (action == "revoke") {
        auto grant = ParsePositiveId(form.Get("grant"));
        if (!grant)
            return MakeError(ErrorCode::kInvalidArgument, "choose a role to revoke",
                             "choisissez un rôle à retirer");
        return services::RevokeRole(db, *ctx.sessions, user.id, *grant, actor);
    }
    if (action != "grant")
        return MakeError(ErrorCode::kInvalidArgument, "the form is incomplete: reload the page",
                         "le formulaire est incomplet : rechargez la page");
    std::optional<long long> site;
    if (const std::string text = form.Get("site"); !text.empty()) {
        site = ParsePositiveId(text);
        if (!site)
            return MakeError(ErrorCode::kInvalidArgument, "the site is a number", "le site est un numéro");
    }
    auto grant = services::ReadGrant(form.Get("role"), form.Get("department"), site);
    if (!grant.ok()) return grant.error();
    auto id = services::GrantRole(db, *ctx.sessions, user.id, *grant, actor);
    if (!id.ok()) return id.error();
    return Ok();
}

}  // namespace

void RegisterUserPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kUsers, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kUsers);
        if (a.refusal) return *a.refusal;
        return UsersPage(ctx, req);
    });

    router.Add("GET", kUser, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kUser);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        auto route = RouteUser(ctx, req);
        if (auto* page = std::get_if<http::Response>(&route)) return *page;
        const auto& [db, u] = std::get<UserRoute>(route);
        const std::string* done = req.Query("fait");
        const std::string notice =
            done && (*done == "grant" || *done == "revoke") ? MsgString(lang, "users_done_" + *done) : "";
        return UserPage(ctx, req, *a.caller, u, 200, Form{}, notice, "");
    });

    router.Add("POST", kUser, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kUser, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto route = RouteUser(ctx, req);
        if (auto* page = std::get_if<http::Response>(&route)) return *page;
        const auto& [db, u] = std::get<UserRoute>(route);
        auto applied = ApplyForm(ctx, *db, form, u, a.caller->principal->user_id);
        if (!applied.ok())
            return UserPage(ctx, req, *a.caller, u, PageStatus(applied.error()), form, "",
                            ErrorText(applied.error(), lang));
        return http::Response::Redirect(PageLink(req, UserPath(u.id), {{"fait", form.Get("action")}}));
    });
}

}  // namespace juo::web

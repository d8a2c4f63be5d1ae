// See account_pages.h.
#include "web/account/account_pages.h"

#include "auth/cookies.h"
#include "auth/limited_login.h"
#include "http/router.h"
#include "services/accounts.h"
#include "web/kit/hashing_work.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kSignUp = "/compte/inscription";
constexpr const char* kConfirm = "/compte/confirmation";
constexpr const char* kSignIn = "/compte/connexion";
constexpr const char* kSignOut = "/compte/deconnexion";
constexpr const char* kForgot = "/compte/mot-de-passe-oublie";
constexpr const char* kNewPassword = "/compte/nouveau-mot-de-passe";
constexpr const char* kAfterSignIn = "/compte/reservations";

// A path inside the site to return to, as a link parameter (none when empty).
http::ParamList NextParam(const std::string& next) {
    http::ParamList params;
    if (!next.empty()) params.emplace_back("next", next);
    return params;
}

http::Response SignUpForm(const PeopleContext& ctx, const http::Request& req, int status, const Form& form,
                          const std::string& error, const std::string& field, const std::string& next = {}) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "signup_title"), PageLink(req, kSignUp), AnonymousFormToken(ctx),
                          MsgString(lang, "signup_submit"));
    d.set("intro", MsgString(lang, "signup_intro"));
    PageData fields(PageData::type::list);
    fields.push_back(InputField("display_name", MsgString(lang, "field_display_name"), "text", form.Get("display_name"),
                                "name"));
    fields.push_back(InputField("email", MsgString(lang, "field_email"), "email", form.Get("email"), "email"));
    PageData password = InputField("password", MsgString(lang, "field_password"), "password", "", "new-password");
    password.set("hint", MsgString(lang, "field_password_hint"));
    fields.push_back(password);
    const std::string role = form.Get("role");
    PageData roles(PageData::type::list);
    roles.push_back(OptionData("visitor", MsgString(lang, "role_visitor"), role.empty() || role == "visitor"));
    roles.push_back(OptionData("teacher", MsgString(lang, "role_teacher"), role == "teacher"));
    roles.push_back(OptionData("adviser", MsgString(lang, "role_adviser"), role == "adviser"));
    roles.push_back(OptionData("host", MsgString(lang, "role_host"), role == "host"));
    fields.push_back(SelectField("role", MsgString(lang, "field_role"), roles));
    d.set("fields", fields);
    PageData hidden(PageData::type::list);
    if (!next.empty()) hidden.push_back(HiddenField("next", next));
    d.set("hidden", hidden);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kSignIn, NextParam(next)), MsgString(lang, "signup_have_account")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, field);
    return FormPage(req, status, d);
}

// The form field an account error is about, from its English message.
std::string FieldOf(const Error& e) {
    const std::string& m = e.message;
    if (m.find("assword") != std::string::npos) return "password";
    if (m.find("name") != std::string::npos) return "display_name";
    if (m.find("mail") != std::string::npos || m.find("address") != std::string::npos) return "email";
    return {};
}

http::Response SignInForm(const PeopleContext& ctx, const http::Request& req, int status, const Form& form,
                          const std::string& next, const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "signin_title"), PageLink(req, kSignIn), AnonymousFormToken(ctx),
                          MsgString(lang, "signin_submit"));
    PageData fields(PageData::type::list);
    fields.push_back(InputField("email", MsgString(lang, "field_email"), "email", form.Get("email"), "username"));
    fields.push_back(InputField("password", MsgString(lang, "field_password"), "password", "", "current-password"));
    d.set("fields", fields);
    PageData hidden(PageData::type::list);
    if (!next.empty()) hidden.push_back(HiddenField("next", next));
    d.set("hidden", hidden);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kForgot), MsgString(lang, "signin_forgot")));
    // A sign-up started here (from a booking) comes back to it (issue 17).
    links.push_back(LinkData(PageLink(req, kSignUp, NextParam(next)), MsgString(lang, "signin_no_account")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, "email");
    return FormPage(req, status, d);
}

http::Response EmailForm(const PeopleContext& ctx, const http::Request& req, int status, const Form& form,
                         const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "forgot_title"), PageLink(req, kForgot), AnonymousFormToken(ctx),
                          MsgString(lang, "forgot_submit"));
    d.set("intro", MsgString(lang, "forgot_intro"));
    PageData fields(PageData::type::list);
    fields.push_back(InputField("email", MsgString(lang, "field_email"), "email", form.Get("email"), "email"));
    d.set("fields", fields);
    if (!error.empty()) SetFormError(d, error, "email");
    return FormPage(req, status, d);
}

http::Response NewPasswordForm(const PeopleContext& ctx, const http::Request& req, int status,
                               const std::string& token, const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "new_password_title"), PageLink(req, kNewPassword),
                          AnonymousFormToken(ctx), MsgString(lang, "new_password_submit"));
    PageData fields(PageData::type::list);
    PageData password = InputField("password", MsgString(lang, "field_new_password"), "password", "", "new-password");
    password.set("hint", MsgString(lang, "field_password_hint"));
    fields.push_back(password);
    d.set("fields", fields);
    PageData hidden(PageData::type::list);
    hidden.push_back(HiddenField("jeton", token));
    d.set("hidden", hidden);
    if (!error.empty()) SetFormError(d, error, "password");
    return FormPage(req, status, d);
}

PageData SignInLink(const http::Request& req, Lang lang) {
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kSignIn), MsgString(lang, "signin_title"), true));
    return links;
}

}  // namespace

void RegisterAccountPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kSignUp, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kSignUp); a.refusal) return *a.refusal;
        const std::string* next = req.Query("next");
        // The manage page's account offer names the guest's address (?email=): the form starts with it.
        Form prefilled;
        if (const std::string* email = req.Query("email"); email && email->size() <= 254)
            prefilled.fields.emplace_back("email", *email);
        return SignUpForm(ctx, req, 200, prefilled, "", "", next ? SafeNext(*next, "") : "");
    });
    // Asynchronous (issue 17): the form is read here, the throttle and the hash run on the hashing
    // pool, the short write on the write steps' thread, which answers.
    router.AddAsync("POST", kSignUp, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        const std::string next = SafeNext(form.Get("next"), "");
        if (auto a = AdmitPage(ctx, req, kSignUp); a.refusal) return reply(*a.refusal);
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return reply(SignUpForm(ctx, req, 403, form, ErrorText(t.error(), lang), "", next));
        auth::SignUpRequest request{form.Get("email"), form.Get("display_name"), form.Get("password"),
                                    domain::Role::kVisitor, std::string(LangCode(lang))};
        const std::string role = form.Get("role");
        if (role == "teacher")
            request.role = domain::Role::kTeacher;
        else if (role == "adviser")
            request.role = domain::Role::kAdviser;
        else if (role == "host")
            request.role = domain::Role::kHost;
        else if (!role.empty() && role != "visitor")
            return reply(SignUpForm(ctx, req, 400, form, MsgString(lang, "signup_bad_role"), "role", next));
        auto busy = [ctx, req, form, next, lang](const Error& e) {
            return SignUpForm(ctx, req, 503, form, ErrorText(e, lang), "", next);
        };
        // The throttle and the hash on the hashing pool; the account's short write (a durable
        // commit) on the write steps' thread, which answers.
        OnHashingPoolWithReply(
            ctx, std::move(reply),
            [ctx, req, form, request, next, lang, busy](http::Reply reply) {
                if (long long wait = ThrottleWait(ctx, ctx.signup_throttle, request.email, req.remote_address)) {
                    http::Response r = SignUpForm(ctx, req, 429, form,
                                                  ErrorText(ctx.signup_throttle->TooMany(wait), lang), "", next);
                    SetRetryAfter(r, wait);
                    return reply(std::move(r));
                }
                auto prepared = services::PrepareSignUp(*ctx.accounts, request);
                if (!prepared.ok())
                    return reply(SignUpForm(ctx, req, PageStatus(prepared.error()), form,
                                            ErrorText(prepared.error(), lang), FieldOf(prepared.error()), next));
                ThenWrite(
                    ctx, std::move(reply),
                    [ctx, req, form, next, lang, p = *prepared]() -> http::Response {
                        auto token = services::CompleteSignUp(*ctx.db, *ctx.accounts, p, ctx.public_url, next);
                        if (!token.ok())
                            return SignUpForm(ctx, req, PageStatus(token.error()), form,
                                              ErrorText(token.error(), lang), FieldOf(token.error()), next);
                        return NoticePage(req, 201, MsgString(lang, "signup_done_title"),
                                          {MsgFormat(lang, "signup_done_text", {token->email})},
                                          PageData(PageData::type::list));
                    },
                    busy);
            },
            busy);
    }, http::Execution::kPool);

    // Following the link confirms the address and signs the person in (issue 17), then goes
    // back to where the sign-up started (`next`: the booking), else to their home.
    router.Add("GET", kConfirm, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        if (auto a = AdmitPage(ctx, req, kConfirm); a.refusal) return *a.refusal;
        const std::string* token = req.Query("jeton");
        const std::string* next_param = req.Query("next");
        const std::string next = next_param ? SafeNext(*next_param, "") : "";
        auto session = services::ConfirmAddressAndSignIn(*ctx.db, *ctx.accounts, *ctx.sessions,
                                                         token ? *token : std::string(), req.Header("user-agent"));
        if (!session.ok())
            return NoticePage(req, PageStatus(session.error()), MsgString(lang, "confirm_failed_title"),
                              {ErrorText(session.error(), lang)}, SignInLink(req, lang));
        std::string home = kAfterSignIn;
        if (auto db = services::ThreadDb(*ctx.db); db.ok())
            if (auto who = ctx.sessions->Lookup(**db, *session); who.ok() && *who) home = HomePathOf(**who);
        http::Response r = http::Response::Redirect(next.empty() ? PageLink(req, home) : next);
        r.AddHeader("Set-Cookie",
                    auth::SessionCookie(*session, ctx.sessions->config().idle_seconds, ctx.secure_cookies));
        return r;
    });

    router.Add("GET", kSignIn, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kSignIn); a.refusal) return *a.refusal;
        const std::string* next = req.Query("next");
        return SignInForm(ctx, req, 200, Form{}, next ? SafeNext(*next, "") : "", "");
    });
    // Asynchronous: the password check (argon2id) runs on the hashing pool.
    router.AddAsync("POST", kSignIn, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        const std::string next = SafeNext(form.Get("next"), "");
        if (auto a = AdmitPage(ctx, req, kSignIn); a.refusal) return reply(*a.refusal);
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return reply(SignInForm(ctx, req, 403, form, next, ErrorText(t.error(), lang)));
        OnHashingPool(
            ctx, std::move(reply),
            [ctx, req, form, next, lang]() -> http::Response {
                auto db = services::ThreadDb(*ctx.db);
                if (!db.ok()) return SignInForm(ctx, req, 503, form, next, ErrorText(db.error(), lang));
                auto user = auth::LimitedLogin(*ctx.accounts, *ctx.limiter, **db, form.Get("email"),
                                               form.Get("password"), req.remote_address);
                if (!user.ok())
                    return SignInForm(ctx, req, PageStatus(user.error()), form, next, ErrorText(user.error(), lang));
                auto session = ctx.sessions->Create(**db, *user, req.Header("user-agent"));
                if (!session.ok())
                    return SignInForm(ctx, req, 503, form, next, ErrorText(session.error(), lang));
                std::string home = kAfterSignIn;
                if (auto who = ctx.sessions->Lookup(**db, *session); who.ok() && *who) home = HomePathOf(**who);
                http::Response r = http::Response::Redirect(next.empty() ? PageLink(req, home) : next);
                r.AddHeader("Set-Cookie", auth::SessionCookie(*session, ctx.sessions->config().idle_seconds,
                                                              ctx.secure_cookies));
                return r;
            },
            [ctx, req, form, next, lang](const Error& busy) {
                return SignInForm(ctx, req, 503, form, next, ErrorText(busy, lang));
            });
    }, http::Execution::kPool);

    router.Add("GET", kSignOut, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kSignOut);
        if (a.refusal) return *a.refusal;
        PageData d = FormData(req, MsgString(lang, "signout_title"), PageLink(req, kSignOut),
                              ctx.csrf->SessionToken(a.caller->session_id), MsgString(lang, "sign_out"));
        return FormPage(req, 200, d);
    });
    router.Add("POST", kSignOut, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kSignOut, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (db.ok()) (void)ctx.sessions->Logout(**db, a.caller->session_id);
        // Issue 19: signed_out.js removes what the check-in page kept on the phone about visitors.
        PageData d = CommonPageData(req, MsgString(lang, "signout_done_title"));
        d.set("heading", MsgString(lang, "signout_done_title"));
        PageData paragraphs(PageData::type::list);
        paragraphs.push_back(MsgString(lang, "signout_done_text"));
        d.set("paragraphs", paragraphs);
        d.set("links", SignInLink(req, lang));
        d.set("page_script", std::string("signed_out.js"));
        http::Response r = PageResponse(req, 200, RenderInLayout("notice", d));
        r.AddHeader("Set-Cookie", auth::ClearSessionCookie(ctx.secure_cookies));
        return r;
    });

    // "My space" in the navigation: one's home when signed in, else the sign-in page.
    router.Add("GET", "/compte", [ctx](const http::Request& req) {
        auto caller = Identify(ctx, req);
        if (caller.ok() && caller->principal) return http::Response::Redirect(PageLink(req, HomePathOf(*caller->principal)));
        return http::Response::Redirect(PageLink(req, kSignIn));
    });

    router.Add("GET", kForgot, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kForgot); a.refusal) return *a.refusal;
        return EmailForm(ctx, req, 200, Form{}, "");
    });
    router.Add("POST", kForgot, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        if (auto a = AdmitPage(ctx, req, kForgot); a.refusal) return *a.refusal;
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return EmailForm(ctx, req, 403, form, ErrorText(t.error(), lang));
        if (long long wait = ThrottleWait(ctx, ctx.reset_throttle, form.Get("email"), req.remote_address)) {
            http::Response r = EmailForm(ctx, req, 429, form, ErrorText(ctx.reset_throttle->TooMany(wait), lang));
            SetRetryAfter(r, wait);
            return r;
        }
        auto sent = services::MailPasswordReset(*ctx.db, *ctx.accounts, form.Get("email"), ctx.public_url);
        if (!sent.ok()) return EmailForm(ctx, req, PageStatus(sent.error()), form, ErrorText(sent.error(), lang));
        // The same answer whether the address has an account or not.
        return NoticePage(req, 200, MsgString(lang, "forgot_done_title"), {MsgString(lang, "forgot_done_text")},
                          PageData(PageData::type::list));
    });

    router.Add("GET", kNewPassword, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kNewPassword); a.refusal) return *a.refusal;
        const std::string* token = req.Query("jeton");
        return NewPasswordForm(ctx, req, 200, token ? *token : "", "");
    });
    // Asynchronous: the new password's hash runs on the hashing pool, before the short write.
    router.AddAsync("POST", kNewPassword, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        const std::string token = form.Get("jeton");
        if (auto a = AdmitPage(ctx, req, kNewPassword); a.refusal) return reply(*a.refusal);
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return reply(NewPasswordForm(ctx, req, 403, token, ErrorText(t.error(), lang)));
        OnHashingPool(
            ctx, std::move(reply),
            [ctx, req, form, token, lang]() -> http::Response {
                auto user =
                    services::ResetPassword(*ctx.db, *ctx.accounts, *ctx.sessions, token, form.Get("password"));
                if (!user.ok())
                    return NewPasswordForm(ctx, req, PageStatus(user.error()), token, ErrorText(user.error(), lang));
                return NoticePage(req, 200, MsgString(lang, "new_password_done_title"),
                                  {MsgString(lang, "new_password_done_text")}, SignInLink(req, lang));
            },
            [ctx, req, token, lang](const Error& busy) {
                return NewPasswordForm(ctx, req, 503, token, ErrorText(busy, lang));
            });
    }, http::Execution::kPool);
}


}  // namespace juo::web

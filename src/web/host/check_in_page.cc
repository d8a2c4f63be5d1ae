// See check_in_page.h.
#include "web/host/check_in_page.h"

#include "auth/authorisation.h"
#include "domain/booking.h"
#include "http/router.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kCheckIn = "/accueil/pointage";

http::Response CheckInPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const std::string& done, const std::string& error, const Form& form) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, std::string(Msg(lang, "checkin_title")));
    d.set("page_script", std::string("checkin.js"));
    d.set("action", PageLink(req, kCheckIn));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!done.empty()) d.set("done", done);
    if (!error.empty()) {
        d.set("error", error);
        d.set("code", form.Get("code"));
        d.set("attended", form.Get("attended"));
    }
    return PageResponse(req, status, RenderInLayout("check_in", d));
}

}  // namespace

void RegisterCheckInPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kCheckIn, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kCheckIn);
        if (a.refusal) return *a.refusal;
        return CheckInPage(ctx, req, *a.caller, 200, "", "", Form{});
    });
    router.Add("POST", kCheckIn, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kCheckIn, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        const std::string code = domain::NormaliseTicketCode(form.Get("code"));
        if (code.empty() || code.size() > 40)
            return CheckInPage(ctx, req, *a.caller, 400, "", std::string(Msg(lang, "checkin_bad_code")), form);
        int attended = booking::kEveryoneBooked;
        if (const std::string text = form.Get("attended"); !text.empty()) {
            auto n = text == "0" ? std::optional<long long>(0) : ParsePositiveId(text);
            if (!n || *n > 1000)
                return CheckInPage(ctx, req, *a.caller, 400, "", std::string(Msg(lang, "checkin_bad_attended")), form);
            attended = static_cast<int>(*n);
        }
        const auth::Principal who = *a.caller->principal;
        auto outcome = ctx.engine->Call(booking::CheckIn{
            code, attended, who.user_id, [who](long long site) { return auth::CanActOnSite(who, site); }});
        if (!outcome.ok())
            return CheckInPage(ctx, req, *a.caller, PageStatus(outcome.error()), "", ErrorText(outcome.error(), lang),
                               form);
        return CheckInPage(ctx, req, *a.caller, 201,
                           MsgFormat(lang, "checkin_done", {code, MsgCount(lang, "people_count", outcome->attended)}),
                           "", Form{});
    });
}

}  // namespace juo::web

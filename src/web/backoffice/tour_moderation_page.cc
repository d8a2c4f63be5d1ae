// See tour_moderation_page.h.
#include "web/backoffice/tour_moderation_page.h"

#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kTours = "/organisation/moderation/visites";

http::Response ToursPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                         const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "tour_review_title"));
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    auto tours = services::ToursToReview(**db, *caller.principal);
    if (!tours.ok()) return RefusalPage(req, tours.error());
    PageData items(PageData::type::list);
    for (const auto& t : *tours) {
        PageData item;
        item.set("id", std::to_string(t.session.id));
        item.set("site", t.site_name);
        item.set("site_url", PageLink(req, "/usines/" + std::to_string(t.session.site_id)));
        item.set("when", TourWhen(t.session.day_date, t.session.starts_at, t.session.ends_at, lang));
        item.set("capacity", MsgCount(lang, "places_left", t.session.places_left()));
        item.set("booked", t.session.places_taken > 0 || t.session.groups_taken > 0);
        item.set("published", MsgFormat(lang, "tour_review_published", {FormatDate(t.published_at.substr(0, 10), lang)}));
        item.set("csrf", csrf);
        item.set("action", PageLink(req, kTours));
        items.push_back(item);
    }
    d.set("tours", items);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    d.set("sites_url", PageLink(req, "/organisation/moderation"));
    return PageResponse(req, status, RenderInLayout("tour_review", d));
}

}  // namespace

void RegisterTourModerationPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kTours, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kTours);
        if (a.refusal) return *a.refusal;
        return ToursPage(ctx, req, *a.caller, 200, req.Query("fait") ? MsgString(PageLang(req), "tour_review_done") : "", "");
    });
    router.Add("POST", kTours, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kTours, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(form.Get("tour"));
        if (!id) return ToursPage(ctx, req, *a.caller, 400, "", MsgString(PageLang(req), "bad_form"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const std::string reason = form.Get("reason");
        Status done = services::WithdrawTour(**db, *a.caller->principal, *id, reason,
                                             WithdrawalMailText(ctx.public_url, reason));
        if (!done.ok()) return ToursPage(ctx, req, *a.caller, PageStatus(done.error()), "", ErrorText(done.error(), PageLang(req)));
        return http::Response::Redirect(PageLink(req, kTours, {{"fait", std::to_string(*id)}}));
    });
}

}  // namespace juo::web

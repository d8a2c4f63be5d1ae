// See tour_edit_pages.h.
#include "web/host/tour_edit_pages.h"

#include "common/clock.h"
#include "common/text.h"
#include "http/router.h"
#include "services/tour_changes.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kEdit = "/usine/{id}/visites/{tour}/modifier";
constexpr const char* kDelete = "/usine/{id}/visites/{tour}/supprimer";

std::string ToursPath(const services::SiteAccess& access) {
    return "/usine/" + std::to_string(access.view.site.id) + "/visites";
}

std::string TourPath(const services::SiteAccess& access, long long tour, const char* step) {
    return ToursPath(access) + "/" + std::to_string(tour) + "/" + step;
}

std::string When(const domain::Session& tour, Lang lang) {
    return TourWhen(tour.day_date, tour.starts_at, tour.ends_at, lang);
}

http::Response EditPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                        const services::SiteAccess& access, const domain::Session& tour, int status,
                        const Form& form, const std::string& error) {
    const Lang lang = PageLang(req);
    const std::string title = MsgFormat(lang, "tour_edit_title", {When(tour, lang)});
    PageData d = CommonPageData(req, title);
    d.set("heading", title);
    d.set("intro", MsgString(lang, "tour_edit_intro"));
    if (tour.places_taken > 0) d.set("booked_note", MsgCount(lang, "tour_edit_booked", tour.places_taken));
    if (!error.empty()) d.set("error", error);
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    d.set("action", PageLink(req, TourPath(access, tour.id, "modifier")));
    d.set("back_url", PageLink(req, ToursPath(access)));
    SetTourFields(d, access, form, lang);
    return PageResponse(req, status, RenderInLayout("tour_edit", d));
}

http::Response DeletePage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                          const services::SiteAccess& access, const services::TourDeletionPreview& p, int status,
                          const std::string& error) {
    const Lang lang = PageLang(req);
    const std::string title = MsgFormat(lang, "tour_delete_title", {When(p.tour, lang)});
    PageData d = CommonPageData(req, title);
    d.set("heading", title);
    d.set("when", access.view.site.name);
    d.set("capacity", MsgCount(lang, "places_left", p.tour.places_left()));
    if (!error.empty()) d.set("error", error);
    d.set("took_place", p.took_place);
    std::string consequence;
    if (p.bookings == 0) {
        consequence = MsgString(lang, "tour_delete_nobody");
    } else {
        consequence = MsgFormat(lang, p.bookings == 1 ? "tour_delete_bookings_one" : "tour_delete_bookings_other",
                                {FormatNumber(p.bookings, lang), MsgCount(lang, "people_count", p.people)});
    }
    if (p.waiting > 0) consequence += " " + MsgCount(lang, "tour_delete_waiting", p.waiting);
    if (p.bookings > 0 || p.waiting > 0) consequence += " " + MsgString(lang, "tour_delete_mailed");
    d.set("consequence", consequence);
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    d.set("action", PageLink(req, TourPath(access, p.tour.id, "supprimer")));
    d.set("back_url", PageLink(req, ToursPath(access)));
    return PageResponse(req, status, RenderInLayout("tour_delete", d));
}

}  // namespace

void RegisterTourEditPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kEdit, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kEdit, nullptr, [&](const Caller& caller, const services::SiteAccess& access,
                                                      services::Db& db) {
            auto tour = services::SiteTour(db, access, ParsePositiveId(req.PathParam("tour")));
            if (!tour.ok()) return RefusalPage(req, tour.error());
            return EditPage(ctx, req, caller, access, *tour, 200, TourForm(*tour), "");
        });
    });
    router.Add("POST", kEdit, [ctx](const http::Request& req) {
        Form form = ReadForm(req);
        return WithSite(ctx, req, kEdit, &form, [&](const Caller& caller, const services::SiteAccess& access,
                                                    services::Db& db) {
            const Lang lang = PageLang(req);
            const auto id = ParsePositiveId(req.PathParam("tour"));
            auto edit = services::EditTour(db, access, caller.principal->user_id, id, TourInputOf(form), NowUtcIso(),
                                           {ctx.public_url, ctx.manage}, ctx.engine);
            if (!edit.ok()) {
                auto tour = services::SiteTour(db, access, id);
                if (!tour.ok()) return RefusalPage(req, edit.error());
                return EditPage(ctx, req, caller, access, *tour, PageStatus(edit.error()), form,
                                ErrorText(edit.error(), lang));
            }
            const int mailed = edit->bookings_mailed + edit->waiting_mailed;
            return http::Response::Redirect(
                PageLink(req, ToursPath(access), {{"modifie", std::to_string(edit->moved ? mailed : -1)}}));
        });
    });
    router.Add("GET", kDelete, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kDelete, nullptr, [&](const Caller& caller, const services::SiteAccess& access,
                                                        services::Db& db) {
            auto preview =
                services::PreviewTourDeletion(db, access, ParsePositiveId(req.PathParam("tour")), NowUtcIso());
            if (!preview.ok()) return RefusalPage(req, preview.error());
            return DeletePage(ctx, req, caller, access, *preview, 200, "");
        });
    });
    router.Add("POST", kDelete, [ctx](const http::Request& req) {
        Form form = ReadForm(req);
        return WithSite(ctx, req, kDelete, &form, [&](const Caller& caller, const services::SiteAccess& access,
                                                      services::Db& db) {
            const auto id = ParsePositiveId(req.PathParam("tour"));
            const std::string now = NowUtcIso();
            auto gone = services::DeleteTour(db, access, caller.principal->user_id, id, now);
            if (!gone.ok()) {
                auto preview = services::PreviewTourDeletion(db, access, id, now);
                if (!preview.ok()) return RefusalPage(req, gone.error());
                return DeletePage(ctx, req, caller, access, *preview, PageStatus(gone.error()),
                                  ErrorText(gone.error(), PageLang(req)));
            }
            return http::Response::Redirect(
                PageLink(req, ToursPath(access), {{"supprime", std::to_string(gone->bookings_cancelled)}}));
        });
    });
}

}  // namespace juo::web

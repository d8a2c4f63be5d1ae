// See offer_pages.h.
#include "web/account/offer_pages.h"

#include <memory>

#include "common/clock.h"
#include "http/router.h"
#include "services/guest_bookings.h"
#include "web/account/manage_booking_pages.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kOffer = "/liste-attente/offre/{id}";

std::string OfferPath(long long id) { return "/liste-attente/offre/" + std::to_string(id); }

// The token is in the page's address: no page of this route tells another site where it was.
http::Response NoReferrer(http::Response r) {
    r.AddHeader("Referrer-Policy", "no-referrer");
    return r;
}

PageData SearchLinks(const http::Request& req, Lang lang) {
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, "/recherche"), MsgString(lang, "nav_search")));
    return links;
}

// The one answer to a wrong, absent or unknown link (403: it does not say whether the entry exists).
http::Response BadLink(const http::Request& req) {
    const Lang lang = PageLang(req);
    return NoReferrer(NoticePage(req, 403, MsgString(lang, "offer_title"),
                                 {MsgString(lang, "offer_bad_link")}, SearchLinks(req, lang)));
}

// The entry of the route's {id} when `token` opens it; else BadLink (or the database's refusal).
struct Opened {
    std::optional<services::WaitlistOffer> offer;
    std::optional<http::Response> refusal;
};
Opened Open(const PeopleContext& ctx, const http::Request& req, const std::string& token) {
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id || !ctx.manage || token.empty() || token.size() > 100) return {std::nullopt, BadLink(req)};
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return {std::nullopt, RefusalPage(req, db.error())};
    auto offer = services::WaitlistOfferToAccept(**db, *id);
    if (!offer.ok())
        return {std::nullopt,
                offer.error().code == ErrorCode::kNotFound ? BadLink(req) : RefusalPage(req, offer.error())};
    const auto& e = offer->view.entry;
    if (!e.user_id || !ctx.manage->CheckOffer(e.id, e.created_at, token)) return {std::nullopt, BadLink(req)};
    return {std::move(*offer), std::nullopt};
}

// The offer with its "Accepter ces places" form while it holds; else the sentence of its state.
http::Response OfferPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                         const services::WaitlistOffer& offer, const std::string& token, int status,
                         const std::string& error) {
    const Lang lang = PageLang(req);
    const auto& e = offer.view.entry;
    const auto& t = offer.view.tour;
    const std::string heading = MsgString(lang, "offer_title");
    const std::string when = TourWhen(t.day_date, t.starts_at, t.ends_at, lang);
    const bool expired = e.status == domain::WaitlistStatus::kExpired ||
                         (e.status == domain::WaitlistStatus::kOffered && e.offer_expires_at < NowUtcIso());
    PageData links = SearchLinks(req, lang);
    if (expired)
        return NoReferrer(NoticePage(req, 410, heading,
                                     {t.site_name + ", " + when, MsgString(lang, "offer_expired")}, links));
    switch (e.status) {
        case domain::WaitlistStatus::kOffered:
            break;
        case domain::WaitlistStatus::kAccepted: {
            PageData to_booking(PageData::type::list);
            if (offer.booking_id)
                to_booking.push_back(LinkData(ManagePageLink(ctx, req, offer.booking_id, offer.ticket_code),
                                              MsgString(lang, "offer_see_booking"), true));
            return NoReferrer(NoticePage(req, 409, heading,
                                         {t.site_name + ", " + when, MsgString(lang, "offer_accepted")},
                                         to_booking));
        }
        case domain::WaitlistStatus::kWaiting:
            return NoReferrer(NoticePage(
                req, 409, heading, {t.site_name + ", " + when, MsgString(lang, "offer_not_yet")}, links));
        default:  // left
            return NoReferrer(NoticePage(req, 410, heading,
                                         {t.site_name + ", " + when, MsgString(lang, "offer_left")}, links));
    }
    // A signed-in visitor's form carries their session's token; a guest's, the anonymous one.
    const std::string csrf = caller.principal && caller.via_cookie ? ctx.csrf->SessionToken(caller.session_id)
                                                                   : AnonymousFormToken(ctx);
    PageData d =
        FormData(req, heading, PageLink(req, OfferPath(e.id)), csrf, MsgString(lang, "offer_accept"));
    // The deadline first, then what happens without an answer; the tour and its address below.
    d.set("intro", MsgFormat(lang, "offer_held",
                             {MsgCount(lang, "people_count", e.people),
                              FormatParisInstant(e.offer_expires_at, lang)}) +
                       " " + MsgString(lang, "offer_hint"));
    PageData details(PageData::type::list);
    details.push_back(t.site_name + ", " + when);
    details.push_back(offer.site_address + (offer.site_address.empty() ? "" : ", ") + offer.site_postcode +
                      " " + t.commune);
    d.set("details", details);
    d.set("fields", PageData(PageData::type::list));
    PageData hidden(PageData::type::list);
    hidden.push_back(HiddenField("jeton", token));
    d.set("hidden", hidden);
    PageData more(PageData::type::list);
    more.push_back(LinkData(PageLink(req, "/usines/" + std::to_string(t.site_id)),
                            MsgString(lang, "book_back_to_site")));
    d.set("links", more);
    if (!error.empty()) SetFormError(d, error);
    return NoReferrer(FormPage(req, status, d));
}

}  // namespace

void RegisterOfferPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kOffer, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kOffer);
        if (a.refusal) return *a.refusal;
        const std::string* token = req.Query("jeton");
        auto opened = Open(ctx, req, token ? *token : "");
        if (opened.refusal) return *opened.refusal;
        return OfferPage(ctx, req, *a.caller, *opened.offer, *token, 200, "");
    });
    // Asynchronous: the handler checks the form and hands AcceptOffer (with the link's token,
    // which the engine checks against the entry it reads) to the engine; the answer comes from
    // its callback: the booking's manage page (the confirmation), or the refusal.
    router.AddAsync(
        "POST", kOffer,
        [ctx](const http::Request& req, http::Reply reply) {
            const Lang lang = PageLang(req);
            Form form = ReadForm(req);
            auto a = AdmitPage(ctx, req, kOffer, form.Get("csrf"));  // a cookie session's token
            if (a.refusal) return reply(*a.refusal);
            auto id = ParsePositiveId(req.PathParam("id"));
            const std::string token = form.Get("jeton");
            if (!id || !ctx.manage || token.empty() || token.size() > 100) return reply(BadLink(req));
            // Back to the offer, which says where it stands (accepted meanwhile, expired…).
            PageData back(PageData::type::list);
            back.push_back(LinkData(PageLink(req, OfferPath(*id), {{"jeton", token}}),
                                    MsgString(lang, "offer_back"), true));
            if (!a.caller->principal)
                if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
                    return reply(NoticePage(req, 403, MsgString(lang, "offer_title"),
                                            {ErrorText(t.error(), lang)}, back));
            auto held = std::make_shared<const http::Request>(req);
            ctx.engine->Submit(booking::AcceptOffer{0, *id, token},
                               [ctx, held, back, reply](Result<booking::Outcome> outcome) {
                                   const Lang lang = PageLang(*held);
                                   if (!outcome.ok()) {
                                       if (outcome.error().code == ErrorCode::kForbidden)
                                           return reply(BadLink(*held));
                                       return reply(NoticePage(*held, PageStatus(outcome.error()),
                                                               MsgString(lang, "offer_title"),
                                                               {ErrorText(outcome.error(), lang)}, back));
                                   }
                                   const auto& b = *outcome->booking;
                                   reply(http::Response::Redirect(ManagePageLink(
                                       ctx, *held, b.id, b.ticket_code, {{"fait", "reservee"}})));
                               });
        },
        http::Execution::kPool);
}

}  // namespace juo::web

// See manage_booking_pages.h.
#include "web/account/manage_booking_pages.h"

#include <cstdio>
#include <memory>

#include "common/clock.h"
#include "http/router.h"
#include "services/bookings.h"
#include "services/guest_bookings.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kManage = "/reservation/{id}";
constexpr const char* kIcs = "/reservation/{id}/agenda.ics";

std::string PeopleLabel(int people, Lang lang) { return MsgCount(lang, "people_count", people); }

std::string Coordinate(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.5f", v);
    return text;
}

std::string Path(long long id, const char* suffix = "") { return "/reservation/" + std::to_string(id) + suffix; }

// The booking of the route's {id} when `token` opens it; else the one refusal for every wrong,
// absent or unknown link (403: it does not say whether the booking exists).
struct Opened {
    std::optional<services::ManagedBooking> booking;
    std::optional<http::Response> refusal;
};
Opened Open(const PeopleContext& ctx, const http::Request& req, const std::string& token) {
    const Lang lang = PageLang(req);
    auto refused = [&] {
        PageData links(PageData::type::list);
        links.push_back(LinkData(PageLink(req, "/compte/reservations"), MsgString(lang, "manage_my_bookings")));
        return Opened{std::nullopt, NoticePage(req, 403, MsgString(lang, "manage_title"),
                                               {MsgString(lang, "manage_bad_link")}, links)};
    };
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id || !ctx.manage || token.empty() || token.size() > 100) return refused();
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return Opened{std::nullopt, RefusalPage(req, db.error())};
    auto b = services::BookingToManage(**db, *id);
    if (!b.ok()) {
        if (b.error().code == ErrorCode::kNotFound) return refused();
        return Opened{std::nullopt, RefusalPage(req, b.error())};
    }
    if (!ctx.manage->Check(b->view.booking.id, b->view.booking.ticket_code, token)) return refused();
    return Opened{std::move(*b), std::nullopt};
}

std::string QueryOr(const http::Request& req, std::string_view name) {
    const std::string* v = req.Query(name);
    return v ? *v : "";
}

// The manage page (booking_manage.mustache). `confirm_cancel`: the cancel step's question instead
// of the forms.
http::Response ManagePage(const PeopleContext& ctx, const http::Request& req, const services::ManagedBooking& m,
                          const std::string& token, int status, const std::string& notice, const std::string& error,
                          bool confirm_cancel) {
    const Lang lang = PageLang(req);
    const auto& b = m.view.booking;
    const auto& t = m.view.tour;
    auto caller = Identify(ctx, req);
    const bool owner_signed_in =
        caller.ok() && caller->principal && b.user_id && caller->principal->user_id == *b.user_id;
    PageData d = CommonPageData(req, MsgString(lang, "manage_title"));
    // Right after booking, the page says so first (the e-mail tells the rest).
    d.set("heading", MsgString(lang, notice == MsgString(lang, "manage_booked") ? "book_done_title" : "manage_title"));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    const bool confirmed = b.status == domain::BookingStatus::kConfirmed;
    d.set("confirmed", confirmed);
    if (!confirmed) d.set("cancelled_text", MsgString(lang, "manage_status_cancelled"));
    d.set("code", b.ticket_code);
    d.set("site_name", t.site_name);
    d.set("site_url", PageLink(req, "/usines/" + std::to_string(t.site_id)));
    d.set("when", TourWhen(t.day_date, t.starts_at, t.ends_at, lang));
    d.set("address", m.site_address + ", " + m.site_postcode + " " + t.commune);
    const std::string lat = Coordinate(m.latitude), lon = Coordinate(m.longitude);
    d.set("map_url", "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=16/" + lat + "/" + lon);
    d.set("people_label", PeopleLabel(b.people, lang));
    if (confirmed) {
        // Inline (a data: URI), so the token travels in no other address.
        if (auto qr = services::TicketQrDataUri(b.ticket_code); qr.ok()) d.set("qr_url", *qr);
        d.set("qr_alt", MsgFormat(lang, "manage_qr_alt", {b.ticket_code}));
        d.set("ics_url", PageLink(req, Path(b.id, "/agenda.ics"), {{"jeton", token}}));
    }
    PageData safety(PageData::type::list);
    const std::string rules = m.safety_rules.empty() ? MsgString(lang, "manage_safety_default") : m.safety_rules;
    size_t start = 0;
    while (start <= rules.size()) {
        size_t end = rules.find('\n', start);
        std::string line = rules.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!Trim(line).empty()) safety.push_back(std::string(Trim(line)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    d.set("safety", safety);
    const std::string manage_path = ManagePageLink(ctx, req, b.id, b.ticket_code);
    d.set("manage_url", ctx.public_url + manage_path);
    // Other bookings are shown to the guest's link (a guest has only what its links give) or to
    // the owner signed in; never an account's other data to someone holding one link.
    if (confirmed && b.user_id && (!m.user_has_password || owner_signed_in)) {
        auto db = services::ThreadDb(*ctx.db);
        if (db.ok()) {
            auto overlaps = services::OverlappingBookings(**db, *b.user_id, t.session_id);
            PageData list(PageData::type::list);
            if (overlaps.ok())
                for (const auto& o : *overlaps)
                    list.push_back(MsgFormat(lang, "manage_overlap",
                                             {o.tour.site_name + " (" + TourWhen(o.tour.day_date, o.tour.starts_at,
                                                                                 o.tour.ends_at, lang) + ")"}));
            d.set("overlaps", list);
        }
    }
    const bool changeable = confirmed && !m.view.attended && b.kind == domain::BookingKind::kParty;
    const std::string action = PageLink(req, Path(b.id));
    const std::string csrf = AnonymousFormToken(ctx);
    if (changeable && !confirm_cancel) {
        d.set("changeable", true);
        d.set("action", action);
        d.set("csrf", csrf);
        d.set("jeton", token);
        d.set("people", std::to_string(b.people));
        d.set("max_people", std::to_string(std::max(b.people, m.max_party_size)));
        d.set("people_hint", MsgFormat(lang, "field_people_hint", {std::to_string(m.max_party_size)}));
        d.set("cancel_url", ManagePageLink(ctx, req, b.id, b.ticket_code, {{"annuler", "1"}}));
    }
    if (changeable && confirm_cancel) {
        d.set("confirm_cancel", true);
        d.set("action", action);
        d.set("csrf", csrf);
        d.set("jeton", token);
        d.set("cancel_question", MsgFormat(lang, "manage_cancel_confirm_text",
                                           {PeopleLabel(b.people, lang), t.site_name,
                                            TourWhen(t.day_date, t.starts_at, t.ends_at, lang)}));
        d.set("keep_url", manage_path);
    }
    if (owner_signed_in) {
        d.set("my_bookings_url", PageLink(req, "/compte/reservations"));
    } else if (!m.user_has_password && !(caller.ok() && caller->principal)) {
        d.set("offer_account_url",
              PageLink(req, "/compte/inscription", {{"email", m.user_email}, {"next", Path(b.id) + "?jeton=" + token}}));
    }
    http::Response r = PageResponse(req, status, RenderInLayout("booking_manage", d));
    // The token is in the address: the page must not leak it to another site.
    r.AddHeader("Referrer-Policy", "no-referrer");
    return r;
}

// The answer to a change or a cancellation: back to the page with its notice, or the error.
void AnswerChange(const PeopleContext& ctx, std::shared_ptr<const http::Request> req, long long id,
                  std::string code, std::string done, Result<booking::Outcome> outcome, http::Reply reply) {
    const Lang lang = PageLang(*req);
    if (!outcome.ok()) {
        PageData links(PageData::type::list);
        links.push_back(LinkData(ManagePageLink(ctx, *req, id, code), MsgString(lang, "manage_title"), true));
        return reply(NoticePage(*req, PageStatus(outcome.error()), MsgString(lang, "manage_title"),
                                {ErrorText(outcome.error(), lang)}, links));
    }
    reply(http::Response::Redirect(ManagePageLink(ctx, *req, id, code, {{"fait", done}})));
}

}  // namespace

std::string ManagePageLink(const PeopleContext& ctx, const http::Request& req, long long id, const std::string& code,
                           http::ParamList params) {
    params.insert(params.begin(), {"jeton", ctx.manage->Token(id, code)});
    return PageLink(req, Path(id), std::move(params));
}

void RegisterManageBookingPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kManage, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kManage); a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const std::string token = QueryOr(req, "jeton");
        auto opened = Open(ctx, req, token);
        if (opened.refusal) return *opened.refusal;
        const std::string done = QueryOr(req, "fait");
        std::string notice;
        if (done == "reservee") notice = MsgString(lang, "manage_booked");
        if (done == "modifiee") notice = MsgString(lang, "manage_changed");
        if (done == "annulee") notice = MsgString(lang, "manage_cancelled");
        return ManagePage(ctx, req, *opened.booking, token, 200, notice, "", QueryOr(req, "annuler") == "1");
    });
    router.AddAsync("POST", kManage, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        if (auto a = AdmitPage(ctx, req, kManage); a.refusal) return reply(*a.refusal);
        const std::string token = form.Get("jeton");
        auto opened = Open(ctx, req, token);
        if (opened.refusal) return reply(*opened.refusal);
        const auto& m = *opened.booking;
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return reply(ManagePage(ctx, req, m, token, 403, "", ErrorText(t.error(), lang), false));
        const long long owner = m.view.booking.user_id.value_or(0);
        const std::string action = form.Get("action");
        booking::Command command;
        std::string done;
        if (action == "cancel") {
            if (form.Get("confirm") != "1") return reply(ManagePage(ctx, req, m, token, 200, "", "", true));
            command = booking::Cancel{owner, m.view.booking.id, false};
            done = "annulee";
        } else if (action == "change") {
            auto people = ParsePositiveId(form.Get("people"));
            if (!people || *people > 1000)
                return reply(ManagePage(ctx, req, m, token, 400, "", MsgString(lang, "book_bad_people"), false));
            command = booking::ChangePeople{owner, m.view.booking.id, static_cast<int>(*people)};
            done = "modifiee";
        } else {
            return reply(ManagePage(ctx, req, m, token, 400, "", MsgString(lang, "bad_form"), false));
        }
        auto held = std::make_shared<const http::Request>(req);
        ctx.engine->Submit(std::move(command), [ctx, held, id = m.view.booking.id, code = m.view.booking.ticket_code,
                                                done, reply](Result<booking::Outcome> outcome) {
            AnswerChange(ctx, held, id, code, done, std::move(outcome), reply);
        });
    }, http::Execution::kPool);
    router.Add("GET", kIcs, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kIcs); a.refusal) return *a.refusal;
        auto opened = Open(ctx, req, QueryOr(req, "jeton"));
        if (opened.refusal) return *opened.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto ics = services::BookingCalendar(**db, opened.booking->view.booking.id, std::nullopt, NowUtcIso());
        if (!ics.ok()) return RefusalPage(req, ics.error());
        return FileResponse(std::move(ics->text), ics->content_type, ics->filename, true);
    });
}

}  // namespace juo::web

// See booking_pages.h.
#include "web/account/booking_pages.h"

#include "auth/crypto.h"
#include "http/router.h"
#include "services/bookings.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kBookPattern = "/reserver/{session_id}";
constexpr const char* kMyBookings = "/compte/reservations";
constexpr const char* kLeaveByLink = "/liste-attente/quitter";

std::string PeopleLabel(int people, Lang lang) { return MsgCount(lang, "people_count", people); }

// The booking form of `session` with the form's values and an error.
http::Response BookForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                        const services::SessionForBooking& s, int status, const Form& form,
                        const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgFormat(lang, "book_title", {s.site_name}),
                          PageLink(req, "/reserver/" + std::to_string(s.id)),
                          ctx.csrf->SessionToken(caller.session_id), MsgString(lang, "book_submit"));
    PageData details(PageData::type::list);
    details.push_back(TourWhen(s.day_date, s.starts_at, s.ends_at, lang));
    details.push_back(s.site_name + (s.site_address.empty() ? "" : ", " + s.site_address) + ", " +
                      s.site_postcode + " " + s.site_commune);
    details.push_back(MsgCount(lang, "places_left", std::max(0, s.capacity_people - s.places_taken)));
    d.set("details", details);
    PageData fields(PageData::type::list);
    PageData people = InputField("people", MsgString(lang, "field_people"), "number",
                                 form.Has("people") ? form.Get("people") : "1");
    people.set("min", "1");
    people.set("max", std::to_string(std::max(1, s.max_party_size)));
    people.set("hint", MsgFormat(lang, "field_people_hint", {std::to_string(s.max_party_size)}));
    fields.push_back(people);
    fields.push_back(CheckboxField("waitlist", MsgString(lang, "field_waitlist"), !form.Has("csrf") || form.Has("waitlist")));
    d.set("fields", fields);
    PageData hidden(PageData::type::list);
    // A submitted form keeps its key: submitting it again answers the first booking.
    hidden.push_back(HiddenField("form_key", form.Has("form_key") ? form.Get("form_key") : auth::NewToken()));
    d.set("hidden", hidden);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, "/usines/" + std::to_string(s.site_id)), MsgString(lang, "book_back_to_site")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, status == 400 ? "people" : "");
    return FormPage(req, status, d);
}

Result<services::SessionForBooking> LoadTour(const PeopleContext& ctx, long long id) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    return services::TourForBooking(**db, id);
}

// The tour of the route's {session_id}.
Result<services::SessionForBooking> RouteTour(const PeopleContext& ctx, const http::Request& req) {
    auto id = ParsePositiveId(req.PathParam("session_id"));
    if (!id) return MakeError(ErrorCode::kNotFound, "no such tour", "visite introuvable");
    return LoadTour(ctx, *id);
}

http::Response MyBookingsPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                              int status, const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    services::UserPlaces places;
    if (db.ok()) {
        auto mine = services::UserBookingsAndWaitlist(**db, caller.principal->user_id);
        if (!mine.ok()) return RefusalPage(req, mine.error());
        places = std::move(*mine);
    }
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    const std::string action = PageLink(req, kMyBookings);
    PageData d = CommonPageData(req, MsgString(lang, "my_bookings_title"));
    d.set("user_name", caller.principal->display_name);
    d.set("user_email", caller.principal->email);
    d.set("logout_url", PageLink(req, "/compte/deconnexion"));
    d.set("csrf", csrf);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    PageData list(PageData::type::list);
    for (const auto& v : places.bookings) {
        PageData b;
        b.set("id", std::to_string(v.booking.id));
        b.set("status", std::string(domain::ToCode(v.booking.status)));
        b.set("site_name", v.tour.site_name);
        b.set("site_url", PageLink(req, "/usines/" + std::to_string(v.tour.site_id)));
        b.set("commune", v.tour.commune);
        b.set("when", TourWhen(v.tour.day_date, v.tour.starts_at, v.tour.ends_at, lang));
        b.set("people_label", PeopleLabel(v.booking.people, lang));
        const bool confirmed = v.booking.status == domain::BookingStatus::kConfirmed;
        b.set("status_label", MsgString(lang, confirmed ? "booking_confirmed" : "booking_cancelled"));
        if (confirmed) b.set("code", v.booking.ticket_code);
        b.set("cancellable", confirmed && !v.attended && v.booking.kind == domain::BookingKind::kParty);
        b.set("csrf", csrf);
        b.set("action", action);
        list.push_back(b);
    }
    d.set("bookings", list);
    PageData offers(PageData::type::list), queued(PageData::type::list);
    bool has_offers = false, has_waiting = false;
    for (const auto& v : places.waiting) {
        PageData w;
        w.set("id", std::to_string(v.entry.id));
        w.set("site_name", v.tour.site_name);
        w.set("when", TourWhen(v.tour.day_date, v.tour.starts_at, v.tour.ends_at, lang));
        w.set("people_label", PeopleLabel(v.entry.people, lang));
        w.set("csrf", csrf);
        w.set("action", action);
        if (v.entry.status == domain::WaitlistStatus::kOffered) {
            w.set("expires", v.entry.offer_expires_at);
            offers.push_back(w);
            has_offers = true;
        } else {
            queued.push_back(w);
            has_waiting = true;
        }
    }
    d.set("offers", offers);
    d.set("has_offers", has_offers);
    d.set("waiting", queued);
    d.set("has_waiting", has_waiting);
    for (const auto& g : caller.principal->roles) {
        if (g.role == domain::Role::kTeacher || g.role == domain::Role::kAdviser)
            d.set("requests_url", PageLink(req, "/compte/demandes"));
        if (g.role == domain::Role::kHost || g.role == domain::Role::kRelay || g.role == domain::Role::kOrganiser)
            d.set("host_url", PageLink(req, "/accueil/demandes"));
    }
    return PageResponse(req, status, RenderInLayout("my_bookings", d));
}

http::Response LeaveForm(const PeopleContext& ctx, const http::Request& req, int status, const std::string& token,
                         const std::string& error) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "leave_title"), PageLink(req, kLeaveByLink), AnonymousFormToken(ctx),
                          MsgString(lang, "waitlist_leave"));
    d.set("intro", MsgString(lang, "leave_intro"));
    PageData hidden(PageData::type::list);
    hidden.push_back(HiddenField("jeton", token));
    d.set("hidden", hidden);
    if (!error.empty()) SetFormError(d, error);
    return FormPage(req, status, d);
}

}  // namespace

void RegisterBookingPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kBookPattern, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kBookPattern);
        if (a.refusal) return *a.refusal;
        auto tour = RouteTour(ctx, req);
        if (!tour.ok())
            return RefusalPage(req, tour.error());
        return BookForm(ctx, req, *a.caller, *tour, 200, Form{}, "");
    });
    router.Add("POST", kBookPattern, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kBookPattern, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto tour = RouteTour(ctx, req);
        if (!tour.ok())
            return RefusalPage(req, tour.error());
        auto people = ParsePositiveId(form.Get("people"));
        if (!people || *people > 1000)
            return BookForm(ctx, req, *a.caller, *tour, 400, form, MsgString(lang, "book_bad_people"));
        const std::string key = form.Get("form_key");
        if (key.empty() || key.size() > 100)
            return BookForm(ctx, req, *a.caller, *tour, 400, form, MsgString(lang, "book_reload"));
        booking::Book command;
        command.user_id = a.caller->principal->user_id;
        command.session_id = tour->id;
        command.people = static_cast<int>(*people);
        command.idempotency_key = "form-" + key;
        command.waitlist_if_full = form.Has("waitlist");
        auto outcome = ctx.engine->Call(command);
        if (!outcome.ok())
            return BookForm(ctx, req, *a.caller, *tour, PageStatus(outcome.error()), form,
                            ErrorText(outcome.error(), lang));
        PageData links(PageData::type::list);
        links.push_back(LinkData(PageLink(req, kMyBookings), MsgString(lang, "my_bookings_title"), true));
        const std::string when = TourWhen(tour->day_date, tour->starts_at, tour->ends_at, lang);
        if (outcome->kind == booking::Outcome::Kind::kWaitlisted)
            return NoticePage(req, 202, MsgString(lang, "book_waitlisted_title"),
                              {MsgFormat(lang, "book_waitlisted_text",
                                         {PeopleLabel(command.people, lang), tour->site_name, when})},
                              links);
        return NoticePage(req, outcome->replayed ? 200 : 201, MsgString(lang, "book_done_title"),
                          {MsgFormat(lang, "book_done_text", {PeopleLabel(outcome->booking->people, lang),
                                                              tour->site_name, when}),
                           MsgString(lang, "book_done_email")},
                          links, outcome->booking->ticket_code);
    });

    router.Add("GET", kMyBookings, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kMyBookings);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        std::string notice;
        if (const auto* done = req.Query("fait")) {
            if (*done == "annulee") notice = MsgString(lang, "done_cancelled");
            if (*done == "acceptee") notice = MsgString(lang, "done_accepted");
            if (*done == "quittee") notice = MsgString(lang, "done_left");
        }
        return MyBookingsPage(ctx, req, *a.caller, 200, notice, "");
    });
    router.Add("POST", kMyBookings, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kMyBookings, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        const long long user = a.caller->principal->user_id;
        const std::string action = form.Get("action");
        booking::Command command;
        std::string done;
        if (action == "cancel") {
            auto id = ParsePositiveId(form.Get("booking"));
            if (!id) return MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
            command = booking::Cancel{user, *id, false};
            done = "annulee";
        } else if (action == "accept" || action == "leave") {
            auto id = ParsePositiveId(form.Get("entry"));
            if (!id) return MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
            if (action == "accept")
                command = booking::AcceptOffer{user, *id};
            else
                command = booking::LeaveWaitlist{"", user, *id};
            done = action == "accept" ? "acceptee" : "quittee";
        } else {
            return MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        }
        auto outcome = ctx.engine->Call(std::move(command));
        if (!outcome.ok())
            return MyBookingsPage(ctx, req, *a.caller, PageStatus(outcome.error()), "",
                                  ErrorText(outcome.error(), lang));
        return http::Response::Redirect(PageLink(req, kMyBookings, {{"fait", done}}));
    });

    router.Add("GET", kLeaveByLink, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kLeaveByLink); a.refusal) return *a.refusal;
        const std::string* token = req.Query("jeton");
        return LeaveForm(ctx, req, 200, token ? *token : "", "");
    });
    router.Add("POST", kLeaveByLink, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        if (auto a = AdmitPage(ctx, req, kLeaveByLink); a.refusal) return *a.refusal;
        const std::string token = form.Get("jeton");
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return LeaveForm(ctx, req, 403, token, ErrorText(t.error(), lang));
        if (token.empty() || token.size() > 100)
            return LeaveForm(ctx, req, 400, token, MsgString(lang, "leave_bad_link"));
        auto outcome = ctx.engine->Call(booking::LeaveWaitlist{token, 0, 0});
        if (!outcome.ok())
            return LeaveForm(ctx, req, PageStatus(outcome.error()), token, ErrorText(outcome.error(), lang));
        return NoticePage(req, 200, MsgString(lang, "leave_done_title"), {MsgString(lang, "leave_done_text")},
                          PageData(PageData::type::list));
    });
}

}  // namespace juo::web

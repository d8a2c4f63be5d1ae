// See booking_pages.h.
#include "web/account/booking_pages.h"

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "auth/crypto.h"
#include "auth/email.h"
#include "auth/hashing_pool.h"
#include "common/clock.h"
#include "http/router.h"
#include "services/bookings.h"
#include "services/guest_bookings.h"
#include "services/guest_intake.h"
#include "web/account/manage_booking_pages.h"
#include "web/account/tour_state.h"
#include "web/kit/people_page_kit.h"
#include "web/public/waiting_room_pages.h"

namespace juo::web {
namespace {

constexpr const char* kBookPattern = "/reserver/{session_id}";
constexpr const char* kMyBookings = "/compte/reservations";
constexpr const char* kLeaveByLink = "/liste-attente/quitter";

std::string PeopleLabel(int people, Lang lang) { return MsgCount(lang, "people_count", people); }

PageData TourDetails(const services::SessionForBooking& s, Lang lang) {
    PageData details(PageData::type::list);
    details.push_back(TourWhen(s.day_date, s.starts_at, s.ends_at, lang));
    details.push_back(s.site_name + (s.site_address.empty() ? "" : ", " + s.site_address) + ", " +
                      s.site_postcode + " " + s.site_commune);
    details.push_back(MsgCount(lang, "places_left", std::max(0, s.capacity_people - s.places_taken)));
    return details;
}

// The booking form of `session`: a signed-in visitor's (people, waiting list) or, for
// `caller` == nullptr, a guest's (e-mail and name too, an anonymous form token). A full tour
// offers the waiting list only.
http::Response BookForm(const PeopleContext& ctx, const http::Request& req, const Caller* caller,
                        const services::SessionForBooking& s, int status, const Form& form,
                        const std::string& error, const std::string& error_field = "people") {
    const Lang lang = PageLang(req);
    const bool full = StateOf(s, NowUtcIso()) == TourState::kFull;
    const std::string token = caller ? ctx.csrf->SessionToken(caller->session_id) : AnonymousFormToken(ctx);
    PageData d = FormData(req, MsgFormat(lang, "book_title", {s.site_name}),
                          PageLink(req, "/reserver/" + std::to_string(s.id)), token,
                          MsgString(lang, full ? "book_waitlist_submit" : "book_submit"));
    d.set("details", TourDetails(s, lang));
    if (full)
        d.set("intro", MsgString(lang, "tour_state_full"));
    else if (!caller)
        d.set("intro", MsgString(lang, "book_guest_intro"));
    PageData fields(PageData::type::list);
    if (!caller) {
        PageData email = InputField("email", MsgString(lang, "field_email"), "email", form.Get("email"), "email");
        email.set("maxlength", "254");
        fields.push_back(email);
        PageData name =
            InputField("display_name", MsgString(lang, "field_display_name"), "text", form.Get("display_name"), "name");
        name.set("maxlength", "100");
        fields.push_back(name);
    }
    PageData people = InputField("people", MsgString(lang, "field_people"), "number",
                                 form.Has("people") ? form.Get("people") : "1");
    people.set("min", "1");
    people.set("max", std::to_string(std::max(1, s.max_party_size)));
    people.set("hint", MsgFormat(lang, "field_people_hint", {std::to_string(s.max_party_size)}));
    fields.push_back(people);
    if (!full)
        fields.push_back(
            CheckboxField("waitlist", MsgString(lang, "field_waitlist"), !form.Has("csrf") || form.Has("waitlist")));
    d.set("fields", fields);
    PageData hidden(PageData::type::list);
    // A submitted form keeps its key: submitting it again answers the first booking.
    hidden.push_back(HiddenField("form_key", form.Has("form_key") ? form.Get("form_key") : auth::NewToken()));
    if (full) hidden.push_back(HiddenField("waitlist", "1"));
    d.set("hidden", hidden);
    PageData links(PageData::type::list);
    if (!caller)
        links.push_back(LinkData(PageLink(req, "/compte/connexion", {{"next", "/reserver/" + std::to_string(s.id)}}),
                                 MsgString(lang, "book_guest_sign_in")));
    links.push_back(LinkData(PageLink(req, "/usines/" + std::to_string(s.site_id)), MsgString(lang, "book_back_to_site")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, error_field);
    return FormPage(req, status, d);
}

// A tour that cannot be booked: its details and the sentence saying why, no form.
http::Response StatePage(const http::Request& req, const services::SessionForBooking& s, TourState state,
                         int status) {
    const Lang lang = PageLang(req);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, "/usines/" + std::to_string(s.site_id)), MsgString(lang, "book_back_to_site"),
                             true));
    links.push_back(LinkData(PageLink(req, "/recherche"), MsgString(lang, "nav_search")));
    return NoticePage(req, status, MsgFormat(lang, "book_title", {s.site_name}),
                      {TourWhen(s.day_date, s.starts_at, s.ends_at, lang), StateSentence(state, s, lang)}, links);
}

// The tours the booking form read lately, by id, reused for PeopleContext::tour_reuse_ms (a
// second in `juo serve`): a rush on a few tours costs the form one query per tour and second,
// not one per request. What it shows (places left, the tour's state) is then at most that old;
// the engine decides on the database's state.
// Thread-safety: guarded by its mutex.
struct RecentTours {
    static constexpr size_t kMostTours = 100'000;  // beyond: start again (a crawl over every tour)
    std::mutex mutex;
    std::unordered_map<long long, std::pair<long long, services::SessionForBooking>> tours;  // id → (read at, tour)
};
RecentTours recent_tours;

long long NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Result<services::SessionForBooking> LoadTour(const PeopleContext& ctx, long long id) {
    const long long now = NowMs();
    {
        std::lock_guard lock(recent_tours.mutex);
        if (auto it = recent_tours.tours.find(id);
            it != recent_tours.tours.end() && now - it->second.first < ctx.tour_reuse_ms)
            return it->second.second;
    }
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    auto tour = services::TourForBookingPage(**db, id);  // one query, no statements to prepare
    if (tour.ok() && ctx.tour_reuse_ms > 0) {
        std::lock_guard lock(recent_tours.mutex);
        if (recent_tours.tours.size() >= RecentTours::kMostTours) recent_tours.tours.clear();
        recent_tours.tours[id] = {now, *tour};
    }
    return tour;
}

// The tour of the route's {session_id}.
Result<services::SessionForBooking> RouteTour(const PeopleContext& ctx, const http::Request& req) {
    auto id = ParsePositiveId(req.PathParam("session_id"));
    if (!id) return MakeError(ErrorCode::kNotFound, "no tour", "visite introuvable");
    return LoadTour(ctx, *id);
}

std::string ConfirmationUrl(const PeopleContext& ctx, const http::Request& req, const domain::Booking& b) {
    if (!ctx.manage) return PageLink(req, kMyBookings, {{"fait", "reservee"}});
    return ManagePageLink(ctx, req, b.id, b.ticket_code, {{"fait", "reservee"}});
}

// The answer to a booking submitted from the form: the confirmation page (the booking's manage
// page) for a booking, a notice for the waiting list, the form again with the error.
void AnswerBooking(const PeopleContext& ctx, std::shared_ptr<const http::Request> req, bool signed_in,
                   std::shared_ptr<const Caller> caller, services::SessionForBooking tour, Form form, int people,
                   Result<booking::Outcome> outcome, http::Reply reply) {
    const Lang lang = PageLang(*req);
    if (!outcome.ok())
        return reply(BookForm(ctx, *req, signed_in ? caller.get() : nullptr, tour, PageStatus(outcome.error()), form,
                              ErrorText(outcome.error(), lang)));
    if (outcome->kind == booking::Outcome::Kind::kWaitlisted) {
        PageData links(PageData::type::list);
        if (signed_in) links.push_back(LinkData(PageLink(*req, kMyBookings), MsgString(lang, "my_bookings_title"), true));
        const std::string when = TourWhen(tour.day_date, tour.starts_at, tour.ends_at, lang);
        return reply(NoticePage(*req, 202, MsgString(lang, "book_waitlisted_title"),
                                {MsgFormat(lang, "book_waitlisted_text", {PeopleLabel(people, lang), tour.site_name, when})},
                                links));
    }
    reply(http::Response::Redirect(ConfirmationUrl(ctx, *req, *outcome->booking)));
}

// The guest limits' clock.
long long UnixNow() { return static_cast<long long>(std::time(nullptr)); }

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
        b.set("people", std::to_string(v.booking.people));
        const bool confirmed = v.booking.status == domain::BookingStatus::kConfirmed;
        b.set("status_label", MsgString(lang, confirmed ? "booking_confirmed" : "booking_cancelled"));
        if (confirmed) b.set("code", v.booking.ticket_code);
        const bool changeable = confirmed && !v.attended && v.booking.kind == domain::BookingKind::kParty;
        b.set("cancellable", changeable);
        b.set("changeable", changeable);
        if (confirmed && ctx.manage) b.set("manage_url", ManagePageLink(ctx, req, v.booking.id, v.booking.ticket_code));
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

// The confirmation step of cancelling booking `id` from "my bookings".
http::Response CancelConfirmPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                                 long long id) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto mine = services::UserBookingsAndWaitlist(**db, caller.principal->user_id);
    if (!mine.ok()) return RefusalPage(req, mine.error());
    for (const auto& v : mine->bookings) {
        if (v.booking.id != id) continue;
        PageData d = FormData(req, MsgString(lang, "manage_cancel_confirm_title"), PageLink(req, kMyBookings),
                              ctx.csrf->SessionToken(caller.session_id), MsgString(lang, "manage_cancel_yes"));
        d.set("intro", MsgFormat(lang, "manage_cancel_confirm_text",
                                 {PeopleLabel(v.booking.people, lang), v.tour.site_name,
                                  TourWhen(v.tour.day_date, v.tour.starts_at, v.tour.ends_at, lang)}));
        PageData hidden(PageData::type::list);
        hidden.push_back(HiddenField("action", "cancel"));
        hidden.push_back(HiddenField("booking", std::to_string(id)));
        hidden.push_back(HiddenField("confirm", "1"));
        d.set("hidden", hidden);
        d.set("fields", PageData(PageData::type::list));
        PageData links(PageData::type::list);
        links.push_back(LinkData(PageLink(req, kMyBookings), MsgString(lang, "manage_cancel_no")));
        d.set("links", links);
        return FormPage(req, 200, d);
    }
    return MyBookingsPage(ctx, req, caller, 404, "", MsgString(lang, "bad_form"));
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
    // Anyone may book: a signed-in visitor as today, a guest with an e-mail and a name.
    router.Add("GET", kBookPattern, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kBookPattern);
        if (a.refusal) return *a.refusal;
        if (auto wait = WaitingRoomGate(ctx, req)) return *wait;  // a registration opening's queue
        auto tour = RouteTour(ctx, req);
        if (!tour.ok()) return RefusalPage(req, tour.error());
        const TourState state = StateOf(*tour, NowUtcIso());
        if (state != TourState::kBookable && state != TourState::kFull) return StatePage(req, *tour, state, 200);
        const Caller* caller = a.caller->principal ? &*a.caller : nullptr;
        return BookForm(ctx, req, caller, *tour, 200, Form{}, "");
    });
    // Asynchronous: the handler thread reads the tour (one indexed query), checks the form and,
    // for a guest, the limits, then hands the Book command to the engine and is free; the answer
    // is sent from the engine's callback.
    router.AddAsync("POST", kBookPattern, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kBookPattern, form.Get("csrf"));
        if (a.refusal) return reply(*a.refusal);
        if (auto wait = WaitingRoomGate(ctx, req)) return reply(*wait);
        const bool signed_in = a.caller->principal.has_value();
        const Caller* caller = signed_in ? &*a.caller : nullptr;
        auto tour = RouteTour(ctx, req);
        if (!tour.ok()) return reply(RefusalPage(req, tour.error()));
        const TourState state = StateOf(*tour, NowUtcIso());
        if (state != TourState::kBookable && state != TourState::kFull)
            return reply(StatePage(req, *tour, state, 409));
        if (!signed_in)
            if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
                return reply(BookForm(ctx, req, nullptr, *tour, 403, Form{}, ErrorText(t.error(), lang), ""));
        auto people = ParsePositiveId(form.Get("people"));
        if (!people || *people > 1000)
            return reply(BookForm(ctx, req, caller, *tour, 400, form, MsgString(lang, "book_bad_people")));
        const std::string key = form.Get("form_key");
        if (key.empty() || key.size() > 100)
            return reply(BookForm(ctx, req, caller, *tour, 400, form, MsgString(lang, "book_reload"), ""));
        booking::Book command;
        command.session_id = tour->id;
        command.people = static_cast<int>(*people);
        command.idempotency_key = "form-" + key;
        command.waitlist_if_full = form.Has("waitlist");
        auto held = std::make_shared<const http::Request>(req);
        auto who = std::make_shared<const Caller>(*a.caller);
        // Hands the command to the engine; the answer is sent from its callback.
        auto book = [ctx, held, who, signed_in, t = *tour, form, reply](booking::Book command) {
            const int n = command.people;
            ctx.engine->Submit(std::move(command), [ctx, held, who, signed_in, t, form, n,
                                                    reply](Result<booking::Outcome> outcome) {
                AnswerBooking(ctx, held, signed_in, who, t, form, n, std::move(outcome), reply);
            });
        };
        if (signed_in) {
            command.user_id = a.caller->principal->user_id;
            return book(std::move(command));
        }
        // A guest: the write step (find or create the guest, count the client's attempts) on the
        // guest intake's thread, grouped with the other guests waiting, then the engine.
        services::GuestRequest guest;
        guest.email = form.Get("email");
        guest.display_name = form.Get("display_name");
        guest.locale = lang == Lang::kEn ? "en" : "fr";
        guest.client_ip = req.remote_address;
        guest.edition_id = tour->edition_id;
        auto prepared = [ctx, held, t = *tour, form, email = guest.email, lang, command, book,
                         reply](Result<long long> user) mutable {
            if (!user.ok()) {
                // The e-mail is checked before the name: a refused valid address is the name's fault.
                const bool email_ok = auth::NormaliseEmail(email).ok();
                const std::string field = user.error().code != ErrorCode::kInvalidArgument ? ""
                                          : email_ok                                       ? "display_name"
                                                                                           : "email";
                return reply(BookForm(ctx, *held, nullptr, t, PageStatus(user.error()), form,
                                      ErrorText(user.error(), lang), field));
            }
            command.user_id = *user;
            book(std::move(command));
        };
        if (!ctx.guest_intake) {
            auto db = services::ThreadDb(*ctx.db);
            if (!db.ok()) return reply(RefusalPage(req, db.error()));
            return prepared(services::PrepareGuestBooking(**db, guest, ctx.guest_limits, UnixNow()));
        }
        if (Status queued = ctx.guest_intake->Submit(std::move(guest), prepared); !queued.ok())
            return reply(BookForm(ctx, req, nullptr, *tour, 503, form, ErrorText(queued.error(), lang), ""));
    }, http::Execution::kPool);

    router.Add("GET", kMyBookings, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kMyBookings);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        std::string notice;
        if (const auto* done = req.Query("fait")) {
            if (*done == "annulee") notice = MsgString(lang, "done_cancelled");
            if (*done == "acceptee") notice = MsgString(lang, "done_accepted");
            if (*done == "quittee") notice = MsgString(lang, "done_left");
            if (*done == "modifiee") notice = MsgString(lang, "manage_changed");
            if (*done == "reservee") notice = MsgString(lang, "book_done_title");
        }
        return MyBookingsPage(ctx, req, *a.caller, 200, notice, "");
    });
    router.AddAsync("POST", kMyBookings, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kMyBookings, form.Get("csrf"));
        if (a.refusal) return reply(*a.refusal);
        const long long user = a.caller->principal->user_id;
        const std::string action = form.Get("action");
        booking::Command command;
        std::string done;
        if (action == "cancel" || action == "change") {
            auto id = ParsePositiveId(form.Get("booking"));
            if (!id) return reply(MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form")));
            if (action == "cancel") {
                // Cancelling asks first: the button shows the confirmation step, which confirms.
                if (form.Get("confirm") != "1") return reply(CancelConfirmPage(ctx, req, *a.caller, *id));
                command = booking::Cancel{user, *id, false};
                done = "annulee";
            } else {
                auto people = ParsePositiveId(form.Get("people"));
                if (!people || *people > 1000)
                    return reply(MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "book_bad_people")));
                command = booking::ChangePeople{user, *id, static_cast<int>(*people)};
                done = "modifiee";
            }
        } else if (action == "accept" || action == "leave") {
            auto id = ParsePositiveId(form.Get("entry"));
            if (!id) return reply(MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form")));
            if (action == "accept")
                command = booking::AcceptOffer{user, *id};
            else
                command = booking::LeaveWaitlist{"", user, *id};
            done = action == "accept" ? "acceptee" : "quittee";
        } else {
            return reply(MyBookingsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form")));
        }
        auto held = std::make_shared<const http::Request>(req);
        auto who = std::make_shared<const Caller>(*a.caller);
        ctx.engine->Submit(std::move(command), [ctx, held, who, done, reply](Result<booking::Outcome> outcome) {
            // The page with the error reads the user's places: rare, and on the writer's callback
            // only for a refused change (a full tour, a booking cancelled meanwhile).
            if (!outcome.ok())
                return reply(MyBookingsPage(ctx, *held, *who, PageStatus(outcome.error()), "",
                                            ErrorText(outcome.error(), PageLang(*held))));
            reply(http::Response::Redirect(PageLink(*held, kMyBookings, {{"fait", done}})));
        });
    }, http::Execution::kPool);

    router.Add("GET", kLeaveByLink, [ctx](const http::Request& req) {
        if (auto a = AdmitPage(ctx, req, kLeaveByLink); a.refusal) return *a.refusal;
        const std::string* token = req.Query("jeton");
        return LeaveForm(ctx, req, 200, token ? *token : "", "");
    });
    router.AddAsync("POST", kLeaveByLink, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        if (auto a = AdmitPage(ctx, req, kLeaveByLink); a.refusal) return reply(*a.refusal);
        const std::string token = form.Get("jeton");
        if (Status t = CheckAnonymousFormToken(ctx, form.Get("csrf")); !t.ok())
            return reply(LeaveForm(ctx, req, 403, token, ErrorText(t.error(), lang)));
        if (token.empty() || token.size() > 100)
            return reply(LeaveForm(ctx, req, 400, token, MsgString(lang, "leave_bad_link")));
        auto held = std::make_shared<const http::Request>(req);
        ctx.engine->Submit(booking::LeaveWaitlist{token, 0, 0}, [ctx, held, token, reply](Result<booking::Outcome> o) {
            const Lang lang = PageLang(*held);
            if (!o.ok()) return reply(LeaveForm(ctx, *held, PageStatus(o.error()), token, ErrorText(o.error(), lang)));
            reply(NoticePage(*held, 200, MsgString(lang, "leave_done_title"), {MsgString(lang, "leave_done_text")},
                             PageData(PageData::type::list)));
        });
    }, http::Execution::kPool);
}

}  // namespace juo::web

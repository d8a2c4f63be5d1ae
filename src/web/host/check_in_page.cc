// See check_in_page.h.
#include "web/host/check_in_page.h"

#include <memory>

#include "auth/authorisation.h"
#include "common/clock.h"
#include "domain/booking.h"
#include "http/router.h"
#include "services/host_day.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kCheckIn = "/accueil/pointage";

// "8Q4A-33JD-X2": a code as people read it, in groups of four.
std::string SpacedCode(const std::string& code) {
    std::string out;
    for (size_t i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += code[i];
    }
    return out;
}

PageData ArrivalItem(const services::Arrival& a, const std::string& csrf, const std::string& action,
                     const std::string& query, Lang lang) {
    PageData item;
    const auto& r = a.row;
    item.set("booking", std::to_string(r.booking_id));
    item.set("code", r.ticket_code);
    item.set("code_label", SpacedCode(r.ticket_code));
    item.set("name", a.name.empty() ? MsgString(lang, "checkin_no_name") : a.name);
    item.set("kind_label", MsgString(lang, a.group ? "checkin_kind_group" : "checkin_kind_party"));
    item.set("group", a.group);
    item.set("when", FormatTime(r.starts_at, lang) + " – " + FormatTime(r.ends_at, lang) + " · " + a.site_name);
    item.set("people", std::to_string(r.people));
    item.set("people_label", MsgCount(lang, "people_count", r.people));
    item.set("search", a.name + " " + r.ticket_code + " " + a.site_name);
    item.set("csrf", csrf);
    item.set("action", action);
    item.set("q", query);
    if (r.attended) {
        item.set("arrived", true);
        item.set("arrived_label", MsgFormat(lang, "checkin_arrived_line", {MsgCount(lang, "people_count", *r.attended)}));
        item.set("state", std::string("arrived"));
    } else if (a.no_show()) {
        item.set("no_show", true);
        item.set("state", std::string("no-show"));
    } else {
        item.set("state", std::string("expected"));
    }
    return item;
}

// The page with the day's list as `day` holds it (read by the caller: on the handler thread).
http::Response CheckInPage(const http::Request& req, long long user_id, const std::string& csrf,
                           const services::CheckInDay* day, int status, const std::string& done,
                           const std::string& error, const Form& form) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, MsgString(lang, "checkin_title"));
    d.set("page_script", std::string("checkin.js"));
    // Issue 19 (3): installed as an app from this page (its own manifest, start_url this page),
    // and the offline script keeps the day's list and the queue per user on the phone.
    d.set("page_manifest", std::string("/static/checkin.webmanifest"));
    d.set("checkin_user", std::to_string(user_id));
    d.set("checkin_lang", std::string(lang == Lang::kFr ? "fr" : "en"));
    const std::string action = PageLink(req, kCheckIn);
    d.set("action", action);
    d.set("csrf", csrf);
    d.set("dashboard_url", PageLink(req, "/usine"));
    if (!done.empty()) d.set("done", done);
    if (!error.empty()) {
        d.set("error", error);
        d.set("code", form.Get("code"));
        d.set("attended", form.Get("attended"));
    }
    if (day) {
        d.set("query", day->query);
        if (day->day.empty()) {
            d.set("day_label", MsgString(lang, "checkin_no_day"));
        } else {
            const std::string date = FormatDate(day->day, lang, false);
            d.set("day_label", day->day == day->today ? MsgFormat(lang, "checkin_today", {date})
                                                      : MsgFormat(lang, "checkin_next_day", {date}));
            const auto& t = day->totals;
            d.set("total_booked", std::to_string(t.booked_people));
            d.set("total_booked_label", MsgCount(lang, "checkin_bookings", t.bookings));
            d.set("total_arrived", std::to_string(t.arrived_people));
            d.set("total_arrived_label", MsgCount(lang, "checkin_bookings", t.arrived));
            d.set("total_no_show", std::to_string(t.no_show_people));
            d.set("total_no_show_label", MsgCount(lang, "checkin_bookings", t.no_shows));
            d.set("has_day", true);
        }
        PageData items(PageData::type::list);
        for (const auto& a : day->arrivals) items.push_back(ArrivalItem(a, csrf, action, day->query, lang));
        d.set("arrivals", items);
        if (day->arrivals.empty() && !day->day.empty())
            d.set("empty_label", MsgString(lang, day->query.empty() ? "checkin_nobody" : "checkin_no_match"));
        if (!day->query.empty()) d.set("clear_url", action);
    }
    return PageResponse(req, status, RenderInLayout("check_in", d));
}

// The notice after a check-in or an undo (the redirect's parameters).
std::string DoneNotice(const http::Request& req, Lang lang) {
    const std::string* done = req.Query("fait");
    const std::string* code = req.Query("code");
    if (!done || !code) return "";
    const std::string ticket = domain::NormaliseTicketCode(*code);
    if (ticket.empty() || ticket.size() > 40) return "";
    const std::string* n = req.Query("n");
    const long long people = n ? (*n == "0" ? 0 : ParsePositiveId(*n).value_or(0)) : 0;
    if (*done == "pointe") return MsgFormat(lang, "checkin_done", {SpacedCode(ticket), MsgCount(lang, "people_count", people)});
    if (*done == "annule") return MsgFormat(lang, "checkin_undone", {SpacedCode(ticket)});
    return "";
}

std::optional<int> ReadAttended(const std::string& text) {
    if (text.empty()) return booking::kEveryoneBooked;
    auto n = text == "0" ? std::optional<long long>(0) : ParsePositiveId(text);
    if (!n || *n > 1000) return std::nullopt;
    return static_cast<int>(*n);
}

}  // namespace

void RegisterCheckInPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kCheckIn, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kCheckIn);
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const std::string* q = req.Query("q");
        auto day = services::CheckInList(**db, *a.caller->principal, NowUtcIso(), q ? std::string_view(*q).substr(0, 100) : "");
        if (!day.ok()) return RefusalPage(req, day.error());
        return CheckInPage(req, a.caller->principal->user_id, ctx.csrf->SessionToken(a.caller->session_id),
                           &*day, 200, DoneNotice(req, PageLang(req)), "", Form{});
    });
    // Asynchronous: the handler thread reads the form and the day's list (for an error's page),
    // hands the command to the engine and is free; the engine's callback answers a redirect to the
    // list (its fresh totals) or the page with the refusal.
    router.AddAsync("POST", kCheckIn, [ctx](const http::Request& req, http::Reply reply) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kCheckIn, form.Get("csrf"));
        if (a.refusal) return reply(*a.refusal);
        const auth::Principal who = *a.caller->principal;
        const std::string csrf = ctx.csrf->SessionToken(a.caller->session_id);
        const std::string query = form.Get("q").substr(0, 100);
        std::shared_ptr<const services::CheckInDay> day;
        if (auto db = services::ThreadDb(*ctx.db); db.ok())
            if (auto list = services::CheckInList(**db, who, NowUtcIso(), query); list.ok())
                day = std::make_shared<const services::CheckInDay>(std::move(*list));
        auto held = std::make_shared<const http::Request>(req);
        auto refuse = [held, csrf, day, form, user = who.user_id](int status, const std::string& text) {
            return CheckInPage(*held, user, csrf, day.get(), status, "", text, form);
        };
        auto may = [who](long long site) { return auth::CanActOnSite(who, site); };
        booking::Command command;
        std::string code;
        const bool undo = form.Get("action") == "undo";
        if (undo) {
            auto booking_id = ParsePositiveId(form.Get("booking"));
            code = domain::NormaliseTicketCode(form.Get("code"));
            if (!booking_id) return reply(refuse(400, MsgString(lang, "bad_form")));
            command = booking::UndoCheckIn{*booking_id, who.user_id, may};
        } else {
            code = domain::NormaliseTicketCode(form.Get("code"));
            if (code.empty() || code.size() > 40) return reply(refuse(400, MsgString(lang, "checkin_bad_code")));
            auto attended = ReadAttended(form.Get("attended"));
            if (!attended) return reply(refuse(400, MsgString(lang, "checkin_bad_attended")));
            command = booking::CheckIn{code, *attended, who.user_id, may};
        }
        ctx.engine->Submit(std::move(command), [held, refuse, undo, query, lang, reply](Result<booking::Outcome> outcome) {
            if (!outcome.ok()) return reply(refuse(PageStatus(outcome.error()), ErrorText(outcome.error(), lang)));
            const std::string ticket = outcome->booking ? outcome->booking->ticket_code : "";
            http::ParamList params{{"fait", undo ? "annule" : "pointe"}, {"code", ticket}};
            if (!undo) params.emplace_back("n", std::to_string(outcome->attended));
            if (!query.empty()) params.emplace_back("q", query);
            reply(http::Response::Redirect(PageLink(*held, kCheckIn, params)));
        });
    }, http::Execution::kPool);
}

}  // namespace juo::web

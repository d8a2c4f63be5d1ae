// See group_pages.h.
#include "web/account/group_pages.h"

#include <algorithm>

#include "auth/authorisation.h"
#include "http/router.h"
#include "web/host/host_kit.h"  // issue 19: the e-mail of a new request
#include "services/group_requests.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

using services::FieldError;
using services::kMaxWishes;

constexpr const char* kRequestForm = "/groupes/demande";
constexpr const char* kMyRequests = "/compte/demandes";
constexpr const char* kReceived = "/accueil/demandes";

std::optional<long long> WholeNumber(std::string_view text) {
    if (text == "0") return 0;
    return ParsePositiveId(text);
}

std::string StatusLabel(domain::RequestStatus s, Lang lang) {
    return MsgString(lang, std::string("request_status_") + std::string(domain::ToCode(s)));
}

http::Response RequestForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const Form& form, const std::string& error, const std::string& field) {
    const Lang lang = PageLang(req);
    PageData d = FormData(req, MsgString(lang, "request_title"), PageLink(req, kRequestForm),
                          ctx.csrf->SessionToken(caller.session_id), MsgString(lang, "request_submit"));
    d.set("intro", MsgString(lang, "request_intro"));
    PageData fields(PageData::type::list);
    const std::string level = form.Get("level");
    PageData levels(PageData::type::list);
    for (auto l : domain::kLevels) levels.push_back(OptionData(std::string(l), std::string(l), level == l));
    fields.push_back(SelectField("level", MsgString(lang, "field_level"), levels));
    fields.push_back(InputField("pupils", MsgString(lang, "field_pupils"), "number", form.Get("pupils")));
    fields.push_back(InputField("adults", MsgString(lang, "field_adults"), "number", form.Has("adults") ? form.Get("adults") : "2"));
    PageData place = InputField("place", MsgString(lang, "field_school_place"), "text", form.Get("place"), "address-level2");
    place.set("hint", MsgString(lang, "field_school_place_hint"));
    fields.push_back(place);
    fields.push_back(CheckboxField("bus", MsgString(lang, "field_bus"), form.Has("bus")));
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        PageData wish = InputField(name, MsgFormat(lang, "field_wish", {std::to_string(i)}), "number", form.Get(name));
        if (i == 1) wish.set("hint", MsgString(lang, "field_wish_hint"));
        fields.push_back(wish);
    }
    d.set("fields", fields);
    PageData links(PageData::type::list);
    links.push_back(LinkData(PageLink(req, kMyRequests), MsgString(lang, "my_requests_title")));
    d.set("links", links);
    if (!error.empty()) SetFormError(d, error, field);
    return FormPage(req, status, d);
}

// The request the form describes (numbers that do not parse are refused with their field).
std::variant<domain::GroupRequest, FieldError> ReadRequest(services::Db& db, const Form& form,
                                                           const auth::Principal& who) {
    auto number = [&](const char* field, long long fallback_if_empty) -> std::optional<long long> {
        const std::string text = form.Get(field);
        if (text.empty()) return fallback_if_empty;
        if (text == "0") return 0;
        return ParsePositiveId(text);
    };
    services::GroupRequestInput in;
    in.level = form.Get("level");
    auto pupils = number("pupils", 0), adults = number("adults", 0);
    if (!pupils)
        return FieldError{MakeError(ErrorCode::kInvalidArgument, "the number of pupils is a whole number",
                                    "le nombre d'élèves est un nombre entier"),
                          "pupils"};
    if (!adults)
        return FieldError{MakeError(ErrorCode::kInvalidArgument, "the number of adults is a whole number",
                                    "le nombre d'accompagnateurs est un nombre entier"),
                          "adults"};
    in.pupils = *pupils;
    in.adults = *adults;
    in.bus_needed = form.Has("bus");
    in.place = form.Get("place");
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        const std::string text = form.Get(name);
        if (text.empty()) continue;
        auto id = ParsePositiveId(text);
        if (!id)
            return FieldError{MakeError(ErrorCode::kInvalidArgument, "no tour number " + text, "aucune visite n° " + text),
                              name};
        in.wishes.push_back(*id);
    }
    return services::BuildGroupRequest(db, who, in);
}

PageData RequestItem(const http::Request& req, const services::GroupRequestView& v, Lang lang) {
    PageData item;
    const auto& r = v.request;
    item.set("id", std::to_string(r.id));
    item.set("status", std::string(domain::ToCode(r.status)));
    item.set("status_label", StatusLabel(r.status, lang));
    item.set("group_label", r.level + " · " + MsgCount(lang, "people_count", r.people()));
    item.set("bus", r.bus_needed);
    PageData wishes(PageData::type::list);
    for (const auto& w : v.wishes) {
        PageData wd;
        wd.set("site_name", w.site_name);
        wd.set("commune", w.commune);
        if (w.session_id) {
            wd.set("when", TourWhen(w.day_date, w.starts_at, w.ends_at, lang));
            wd.set("places_left_label", MsgCount(lang, "places_left", w.places_left));
        }
        wishes.push_back(wd);
    }
    item.set("wishes", wishes);
    if (v.accepted_tour) {
        item.set("accepted", v.accepted_tour->site_name + ", " +
                                 TourWhen(v.accepted_tour->day_date, v.accepted_tour->starts_at,
                                          v.accepted_tour->ends_at, lang));
        item.set("code", v.ticket_code);
    }
    if (!r.message.empty()) item.set("message", r.message);
    (void)req;
    return item;
}

http::Response RequestsPage(const http::Request& req, int status, const std::string& heading, const std::string& intro,
                            PageData items, const std::string& notice, const std::string& error,
                            const std::string& new_url) {
    PageData d = CommonPageData(req, heading);
    d.set("heading", heading);
    if (!intro.empty()) d.set("intro", intro);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    if (!new_url.empty()) d.set("new_url", new_url);
    d.set("requests", std::move(items));
    return PageResponse(req, status, RenderInLayout("group_requests", d));
}

http::Response ReceivedPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                            const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const auth::Principal& who = *caller.principal;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok())
        return RefusalPage(req, db.error());
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    PageData items(PageData::type::list);
    auto requests = services::RequestsToDecide(**db, who, 200);
    if (!requests.ok()) return RefusalPage(req, requests.error());
    for (const auto& v : *requests) {
        std::vector<const services::WishView*> mine;
        for (const auto& w : v.wishes)
            if (services::MayDecide(who, w)) mine.push_back(&w);
        PageData item = RequestItem(req, v, lang);
        item.set("requester", v.requester_name + " <" + v.requester_email + ">");
        const bool open = v.request.status == domain::RequestStatus::kPending ||
                          v.request.status == domain::RequestStatus::kWaitlisted;
        if (open) {
            PageData tours(PageData::type::list);
            for (const auto* w : mine) {
                if (w->session_id) {
                    tours.push_back(OptionData(std::to_string(*w->session_id),
                                               w->site_name + " — " + TourWhen(w->day_date, w->starts_at, w->ends_at, lang) +
                                                   " (" + MsgCount(lang, "places_left", w->places_left) + ")",
                                               false));
                } else {
                    auto site_tours = services::OpenSiteTours(**db, w->site_id, v.request.audience);
                    if (!site_tours.ok()) return RefusalPage(req, site_tours.error());
                    for (const auto& t : *site_tours)
                        tours.push_back(OptionData(std::to_string(t.session_id),
                                                   t.site_name + " — " + TourWhen(t.day_date, t.starts_at, t.ends_at, lang),
                                                   false));
                }
            }
            item.set("decidable", true);
            item.set("tours", tours);
            item.set("csrf", csrf);
            item.set("action", PageLink(req, kReceived));
        }
        items.push_back(item);
    }
    return RequestsPage(req, status, MsgString(lang, "host_requests_title"), MsgString(lang, "host_requests_intro"), items, notice,
                        error, "");
}

}  // namespace

void RegisterGroupPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kRequestForm, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kRequestForm);
        if (a.refusal) return *a.refusal;
        Form prefill;
        if (const auto* tour = req.Query("visite")) prefill.fields.emplace_back("wish1", *tour);
        return RequestForm(ctx, req, *a.caller, 200, prefill, "", "");
    });
    router.Add("POST", kRequestForm, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kRequestForm, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok())
            return RequestForm(ctx, req, *a.caller, PageStatus(db.error()), form, ErrorText(db.error(), lang), "");
        auto read = ReadRequest(**db, form, *a.caller->principal);
        if (auto* problem = std::get_if<FieldError>(&read))
            return RequestForm(ctx, req, *a.caller, PageStatus(problem->error), form, ErrorText(problem->error, lang),
                               problem->field);
        auto& request = std::get<domain::GroupRequest>(read);
        auto stored = services::StoreGroupRequest(**db, request, NewRequestMailText(ctx.public_url));
        if (!stored.ok())
            return RequestForm(ctx, req, *a.caller, PageStatus(stored.error()), form, ErrorText(stored.error(), lang), "");
        return http::Response::Redirect(PageLink(req, kMyRequests, {{"envoyee", std::to_string(*stored)}}));
    });

    router.Add("GET", kMyRequests, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kMyRequests);
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok())
            return RefusalPage(req, db.error());
        auto requests = services::RequestsOf(**db, a.caller->principal->user_id);
        if (!requests.ok()) return RefusalPage(req, requests.error());
        PageData items(PageData::type::list);
        for (const auto& v : *requests) items.push_back(RequestItem(req, v, lang));
        std::string notice;
        if (const auto* sent = req.Query("envoyee")) notice = MsgFormat(lang, "request_sent", {*sent});
        return RequestsPage(req, 200, MsgString(lang, "my_requests_title"), MsgString(lang, "my_requests_intro"), items, notice, "",
                            PageLink(req, kRequestForm));
    });

    router.Add("GET", kReceived, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kReceived);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        std::string notice;
        if (const auto* done = req.Query("fait"))
            notice = MsgString(lang, *done == "acceptee" ? "done_request_accepted" : "done_request_refused");
        return ReceivedPage(ctx, req, *a.caller, 200, notice, "");
    });
    router.Add("POST", kReceived, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kReceived, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        const auth::Principal who = *a.caller->principal;
        auto id = ParsePositiveId(form.Get("request"));
        const std::string decision = form.Get("decision");
        const std::string message = form.Get("message");
        if (!id || (decision != "accept" && decision != "refuse") || message.size() > 1000)
            return ReceivedPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ReceivedPage(ctx, req, *a.caller, 503, "", ErrorText(db.error(), lang));
        auto may = services::DecisionRule(**db, who, *id);
        if (!may.ok()) return ReceivedPage(ctx, req, *a.caller, 503, "", ErrorText(may.error(), lang));
        booking::Command command;
        if (decision == "accept") {
            auto session = ParsePositiveId(form.Get("session"));
            if (!session) return ReceivedPage(ctx, req, *a.caller, 400, "", MsgString(lang, "request_choose_tour"));
            command = booking::AcceptGroupRequest{*id, *session, who.user_id, message, *may};
        } else {
            command = booking::RefuseGroupRequest{*id, who.user_id, message, *may};
        }
        auto outcome = ctx.engine->Call(std::move(command));
        if (!outcome.ok())
            return ReceivedPage(ctx, req, *a.caller, PageStatus(outcome.error()), "", ErrorText(outcome.error(), lang));
        return http::Response::Redirect(
            PageLink(req, kReceived, {{"fait", decision == "accept" ? "acceptee" : "refusee"}}));
    });
}

}  // namespace juo::web

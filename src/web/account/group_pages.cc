// See group_pages.h.
#include "web/account/group_pages.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "auth/authorisation.h"
#include "common/geo.h"
#include "http/router.h"
#include "refdata/refdata.h"
#include "services/group_requests.h"
#include "web/account/group_request_mail.h"
#include "web/host/host_kit.h"  // issue 19: the e-mail of a new request
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

using services::FieldError;
using services::FieldErrors;
using services::kMaxWishes;

constexpr const char* kRequestForm = "/groupes/demande";
constexpr const char* kEditForm = "/groupes/demande/{id}";
constexpr const char* kCancel = "/groupes/demande/{id}/annuler";
constexpr const char* kMyRequests = "/compte/demandes";
constexpr const char* kReceived = "/accueil/demandes";
// The tours listed near a known school: the nearest, at most this many.
constexpr size_t kNearTours = 20;
// Without a school or town, every tour is listed up to this many (a regional edition); beyond, none
// until the requester gives one (at national scale, 26,000 tours would make a page nobody can use).
constexpr size_t kAllToursMax = 300;

std::string StatusLabel(domain::RequestStatus s, Lang lang) {
    return MsgString(lang, std::string("request_status_") + std::string(domain::ToCode(s)));
}

std::string EditPath(long long id) { return "/groupes/demande/" + std::to_string(id); }

std::string SchoolFlags(const domain::School& s, Lang lang) {
    std::string flags;
    if (s.priority_education == domain::PriorityEducation::kRepPlus) flags = "REP+";
    if (s.priority_education == domain::PriorityEducation::kRep) flags = "REP";
    if (s.rural) flags += (flags.empty() ? "" : ", ") + MsgString(lang, "school_rural");
    if (s.to_check) flags += (flags.empty() ? "" : ", ") + MsgString(lang, "school_to_check");
    return flags;
}

PageData SchoolData(const domain::School& s, Lang lang) {
    PageData d;
    d.set("id", std::to_string(s.id));
    d.set("name", s.name);
    d.set("commune", s.commune_name);
    d.set("department", s.department_code);
    if (!s.uai.empty()) d.set("uai", s.uai);
    const std::string flags = SchoolFlags(s, lang);
    if (!flags.empty()) d.set("flags", flags);
    return d;
}

// The field a form error is shown beside, as the template names it.
std::string ErrorField(const std::string& field) {
    if (field == "sectors") return "radius_km";
    return field;
}

// The Friday process in five steps, the deadline in the first (ADR 0018).
// Sets `process` and `process_ordered` in `d`: with no deadline (first come, first served) the
// process is one sentence, shown as a paragraph rather than a numbered list of one; `extra`, when
// given, is a last sentence of the page's own.
void SetProcess(PageData& d, const services::FridayPhase& phase, Lang lang, const std::string& extra = "") {
    PageData steps(PageData::type::list);
    const bool ordered = !phase.deadline.empty();
    if (ordered) {
        steps.push_back(MsgFormat(lang, "friday_process_1", {FormatParisInstant(phase.deadline, lang)}));
        for (const char* key : {"friday_process_2", "friday_process_3", "friday_process_4", "friday_process_5"})
            steps.push_back(MsgString(lang, key));
    } else {
        steps.push_back(MsgString(lang, "friday_process_no_deadline"));
    }
    if (!extra.empty()) steps.push_back(extra);
    d.set("process", steps);
    d.set("process_ordered", ordered);
}

// What the form shows: its values (typed or prefilled), its errors, a notice.
struct FormState {
    Form form;
    FieldErrors errors;
    std::string notice;
    std::optional<long long> edit_id;  // editing this request
};

http::Response RequestForm(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const FormState& state) {
    const Lang lang = PageLang(req);
    const Form& form = state.form;
    const auth::Principal& who = *caller.principal;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    const domain::Audience audience = services::RequesterAudience(who);
    auto choices = services::RequestChoices(**db, audience);
    if (!choices.ok()) return RefusalPage(req, choices.error());

    const std::string heading = MsgString(lang, state.edit_id ? "request_edit_title" : "request_title");
    PageData d = CommonPageData(req, heading);
    d.set("heading", heading);
    SetProcess(d, choices->phase, lang);
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    d.set("action", PageLink(req, state.edit_id ? EditPath(*state.edit_id) : std::string(kRequestForm)));
    d.set("submit", MsgString(lang, state.edit_id ? "request_save" : "request_submit"));
    d.set("my_requests_url", PageLink(req, kMyRequests));
    if (state.edit_id) d.set("cancel_action", PageLink(req, EditPath(*state.edit_id) + "/annuler"));
    if (!state.notice.empty()) d.set("notice", state.notice);
    if (!choices->phase.deadline.empty())
        d.set("deadline_label", MsgFormat(lang, choices->phase.collecting ? "request_deadline" : "request_deadline_passed",
                                          {FormatParisInstant(choices->phase.deadline, lang)}));

    // Errors: all of them in the summary in the form's order, each beside its field.
    static const std::vector<std::string> kOrder = {"",       "school", "new_school_name", "new_school_place",
                                                    "new_school_uai", "new_school_kind", "place", "level",
                                                    "pupils", "adults", "wish1", "wish2", "wish3", "radius_km",
                                                    "sectors"};
    auto position = [](const std::string& field) {
        return std::find(kOrder.begin(), kOrder.end(), field) - kOrder.begin();
    };
    FieldErrors ordered = state.errors;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const FieldError& a, const FieldError& b) { return position(a.field) < position(b.field); });
    PageData errors(PageData::type::list), err;
    std::map<std::string, std::string> field_errors;
    for (const auto& e : ordered) {
        PageData item;
        const std::string field = ErrorField(e.field);
        const std::string text = ErrorText(e.error, lang);
        if (!field.empty()) item.set("field", field == "school" ? "school_q" : field);
        item.set("text", text);
        errors.push_back(item);
        if (!field.empty() && !field_errors.count(field)) {
            err.set(field, text);
            field_errors[field] = text;
        }
    }
    d.set("has_errors", !state.errors.empty());
    d.set("errors", errors);
    d.set("err", err);

    // Values.
    PageData v;
    for (const char* name : {"school_q", "new_school_name", "new_school_place", "new_school_uai", "place", "pupils",
                             "radius_km"})
        v.set(name, form.Get(name));
    v.set("adults", form.Has("adults") ? form.Get("adults") : "2");
    v.set("bus", form.Has("bus"));
    v.set("radius_on", form.Has("radius_on"));
    v.set("new_school_rural", form.Has("new_school_rural"));
    d.set("v", v);

    // Where the group leaves from: its school (teachers) or a place (advisers).
    std::optional<LatLon> origin;
    if (audience == domain::Audience::kSchool) {
        d.set("school_section", true);
        std::optional<domain::School> chosen;
        if (auto id = ParsePositiveId(form.Get("school_id"))) {
            auto school = services::SchoolById(**db, *id);
            if (!school.ok()) return RefusalPage(req, school.error());
            chosen = *school;
        }
        if (chosen) {
            d.set("school_chosen", SchoolData(*chosen, lang));
            origin = chosen->position;
        } else {
            const std::string q = form.Get("school_q");
            if (!q.empty()) {
                auto matches = services::FindSchools(**db, q, 10);
                if (!matches.ok()) return RefusalPage(req, matches.error());
                PageData list(PageData::type::list);
                for (const auto& s : *matches) {
                    PageData m = SchoolData(s, lang);
                    m.set("checked", matches->size() == 1);
                    list.push_back(m);
                }
                d.set("school_matches", list);
                d.set("school_no_match", matches->empty());
            }
            d.set("new_school_open", !form.Get("new_school_name").empty() || std::any_of(state.errors.begin(), state.errors.end(), [](const FieldError& e) {
                                   return e.field.rfind("new_school_", 0) == 0;
                               }));
            PageData kinds(PageData::type::list);
            const std::string kind = form.Get("new_school_kind");
            for (const auto& [k, code] : domain::kSchoolKindCodes)
                kinds.push_back(OptionData(std::string(code), MsgString(lang, "school_kind_" + std::string(code)),
                                           kind == code));
            d.set("kinds", kinds);
            PageData priorities(PageData::type::list);
            const std::string priority = form.Has("new_school_priority") ? form.Get("new_school_priority") : "none";
            for (const char* p : {"none", "rep", "rep_plus"})
                priorities.push_back(OptionData(p, MsgString(lang, std::string("school_priority_") + p), priority == p));
            d.set("priorities", priorities);
        }
    } else {
        d.set("place_section", true);
    }

    // The group.
    const std::string level = form.Get("level");
    PageData levels(PageData::type::list);
    levels.push_back(OptionData("", MsgString(lang, "request_level_choose"), level.empty()));
    for (auto l : domain::kLevels) {
        PageData o = OptionData(std::string(l), std::string(l), level == l);
        o.set("rank", std::to_string(domain::LevelRank(l)));
        levels.push_back(o);
    }
    d.set("levels", levels);
    long long people = 0;
    if (auto p = ParsePositiveId(form.Get("pupils"))) people += *p;
    if (auto a = ParsePositiveId(form.Has("adults") ? form.Get("adults") : "2")) people += *a;

    // The tours: near the school (the nearest kNearTours), else all, by department; never one
    // above the chosen level.
    struct Listed {
        const services::FridayTour* tour;
        double km;
    };
    std::vector<Listed> listed;
    const int level_rank = domain::LevelRank(level);
    for (const auto& t : choices->tours) {
        if (level_rank >= 0 && !t.min_level.empty() && level_rank < domain::LevelRank(t.min_level)) continue;
        listed.push_back({&t, origin ? HaversineKm(*origin, LatLon{t.lat, t.lon}) : -1});
    }
    if (origin) {
        std::stable_sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) { return a.km < b.km; });
        if (listed.size() > kNearTours) listed.resize(kNearTours);
        d.set("center", std::to_string(origin->lat) + "," + std::to_string(origin->lon));
        d.set("tours_hint", MsgFormat(lang, "request_tours_near", {std::to_string(listed.size())}));
    } else if (listed.size() > kAllToursMax) {
        listed.clear();
        d.set("tours_hint", MsgString(lang, "request_tours_place_first"));
    } else {
        d.set("tours_hint", MsgString(lang, "request_tours_all"));
    }
    std::vector<long long> chosen_wishes;
    for (int i = 1; i <= kMaxWishes; ++i) chosen_wishes.push_back(ParsePositiveId(form.Get("wish" + std::to_string(i))).value_or(0));
    auto label_of = [&](const services::FridayTour& t) {
        return t.site_name + " — " + t.commune + " — " + TourWhen(t.day_date, t.starts_at, t.ends_at, lang);
    };
    PageData tours(PageData::type::list);
    std::vector<std::string> divisions;
    for (const auto& [t, km] : listed) {
        PageData row;
        row.set("id", std::to_string(t->session_id));
        row.set("site", t->site_name);
        row.set("commune", t->commune);
        row.set("department", t->department_code);
        row.set("lat", std::to_string(t->lat));
        row.set("lon", std::to_string(t->lon));
        row.set("places", std::to_string(t->places_left));
        row.set("groups", std::to_string(t->groups_left));
        row.set("min_rank", std::to_string(t->min_level.empty() ? -1 : domain::LevelRank(t->min_level)));
        if (km >= 0) row.set("km", std::to_string(static_cast<int>(std::lround(km))));
        const refdata::Sector* sector = refdata::FindSector(t->naf_division);
        row.set("sector", sector ? (lang == Lang::kFr ? sector->short_fr : sector->short_en) : t->naf_division);
        row.set("when", TourWhen(t->day_date, t->starts_at, t->ends_at, lang));
        row.set("places_label", MsgCount(lang, "places_left", t->places_left));
        row.set("groups_label", MsgCount(lang, "request_group_slots", t->groups_left));
        row.set("pick_label", MsgFormat(lang, "request_pick_label", {label_of(*t)}));
        tours.push_back(row);
        if (std::find(divisions.begin(), divisions.end(), t->naf_division) == divisions.end())
            divisions.push_back(t->naf_division);
    }
    if (!listed.empty()) d.set("tours", tours);
    d.set("list_open", origin.has_value());
    // The wish selects list the same tours, and any tour already chosen beyond them.
    PageData wishes(PageData::type::list);
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        PageData w;
        w.set("name", name);
        w.set("label", MsgFormat(lang, "request_wish_label", {std::to_string(i)}));
        if (field_errors.count(name)) w.set("error", field_errors[name]);
        PageData options(PageData::type::list);
        const long long picked = chosen_wishes[i - 1];
        bool seen = false;
        auto option = [&](const services::FridayTour& t) {
            PageData o;
            o.set("id", std::to_string(t.session_id));
            o.set("places", std::to_string(t.places_left));
            o.set("groups", std::to_string(t.groups_left));
            o.set("label", label_of(t));
            o.set("selected", t.session_id == picked);
            if (t.session_id == picked) {
                seen = true;
                // The warning, also without JavaScript: no group slot, or fewer places than people.
                if (t.groups_left <= 0)
                    w.set("warning", MsgString(lang, "request_warn_no_slot_text"));
                else if (people > 0 && t.places_left < people)
                    w.set("warning", MsgFormat(lang, "request_warn_places_text",
                                               {std::to_string(t.places_left), std::to_string(people)}));
            }
            options.push_back(o);
        };
        for (const auto& l : listed) option(*l.tour);
        if (picked && !seen)
            for (const auto& t : choices->tours)
                if (t.session_id == picked) option(t);
        w.set("options", options);
        wishes.push_back(w);
    }
    d.set("wishes", wishes);
    // Sectors of the radius option: those of the listed tours, then any checked.
    std::vector<std::string> checked;
    for (const auto& [k, value] : form.fields)
        if (k == "sectors") checked.push_back(value);
    for (const auto& c : checked)
        if (std::find(divisions.begin(), divisions.end(), c) == divisions.end()) divisions.push_back(c);
    std::sort(divisions.begin(), divisions.end());
    PageData sectors(PageData::type::list);
    for (const auto& code : divisions) {
        const refdata::Sector* sector = refdata::FindSector(code);
        if (!sector) continue;
        PageData s;
        s.set("code", code);
        s.set("label", lang == Lang::kFr ? (sector->short_fr.empty() ? sector->label_fr : sector->short_fr)
                                         : (sector->short_en.empty() ? sector->label_fr : sector->short_en));
        s.set("checked", std::find(checked.begin(), checked.end(), code) != checked.end());
        sectors.push_back(s);
    }
    d.set("sectors", sectors);
    if (!ctx.tile_url.empty()) {
        d.set("has_map", true);
        d.set("tile_url", ctx.tile_url);
        d.set("tile_attribution", ctx.tile_attribution);
    }
    d.set("page_script", "request_form.js");
    return PageResponse(req, status, RenderInLayout("group_request_form", d));
}

// The input the form describes, with the errors of what does not parse (each with its field).
services::GroupRequestInput InputOf(const Form& form, FieldErrors& errors) {
    auto bad = [&](std::string en, std::string fr, std::string field) {
        errors.push_back(FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)});
    };
    auto number = [&](const std::string& field, long long fallback_if_empty) -> std::optional<long long> {
        const std::string text = form.Get(field);
        if (text.empty()) return fallback_if_empty;
        if (text == "0") return 0;
        return ParsePositiveId(text);
    };
    services::GroupRequestInput in;
    in.level = form.Get("level");
    auto pupils = number("pupils", 0), adults = number("adults", 0);
    if (!pupils) bad("the number of pupils is a whole number", "le nombre d'élèves est un nombre entier", "pupils");
    if (!adults)
        bad("the number of adults is a whole number", "le nombre d'accompagnateurs est un nombre entier", "adults");
    in.pupils = pupils.value_or(1);
    in.adults = adults.value_or(0);
    in.bus_needed = form.Has("bus");
    in.place = form.Get("place");
    if (auto school = ParsePositiveId(form.Get("school_id"))) {
        in.school_id = *school;
    } else if (!form.Get("new_school_name").empty() || !form.Get("new_school_place").empty()) {
        services::NewSchoolInput n;
        n.name = form.Get("new_school_name");
        n.place = form.Get("new_school_place");
        n.uai = form.Get("new_school_uai");
        n.kind = form.Get("new_school_kind");
        n.priority = form.Get("new_school_priority");
        n.rural = form.Has("new_school_rural");
        in.new_school = n;
    }
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        const std::string text = form.Get(name);
        if (text.empty()) continue;
        auto id = ParsePositiveId(text);
        if (!id) {
            bad("no tour number " + text, "aucune visite n° " + text, name);
            continue;
        }
        in.wishes.push_back(*id);
    }
    if (form.Has("radius_on")) {
        auto km = number("radius_km", -1);
        if (!km || *km < 0)
            bad("give the distance in km, 1 to 300", "indiquez la distance en km, de 1 à 300", "radius_km");
        else
            in.radius_km = static_cast<double>(*km);
        for (const auto& [k, value] : form.fields)
            if (k == "sectors" && in.sectors.size() < 20) in.sectors.push_back(value);
    }
    return in;
}

// The errors of the input and of the request it builds: the parse errors first; a field refused
// while parsing is not refused again by the service.
FieldErrors Merge(FieldErrors parse, const FieldErrors& built) {
    for (const auto& e : built) {
        const bool again = std::any_of(parse.begin(), parse.end(), [&](const FieldError& p) {
            return !p.field.empty() && p.field == e.field;
        });
        if (!again) parse.push_back(e);
    }
    return parse;
}

// The form's own buttons that only re-show it: search the school, change it, add a tour from the
// list (to the first free wish). Returns whether the form was such a step (and updates it).
bool FormStep(Form& form, Lang lang, std::string& notice) {
    const std::string action = form.Get("action");
    if (action == "search" || action == "school") return true;
    if (action == "change_school") {
        std::erase_if(form.fields, [](const auto& f) { return f.first == "school_id"; });
        return true;
    }
    const std::string add = form.Get("add");
    if (add.empty()) return false;
    if (!ParsePositiveId(add)) return true;
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        if (form.Get(name) == add) return true;
    }
    for (int i = 1; i <= kMaxWishes; ++i) {
        const std::string name = "wish" + std::to_string(i);
        if (!form.Get(name).empty()) continue;
        std::erase_if(form.fields, [&](const auto& f) { return f.first == name; });
        form.fields.emplace_back(name, add);
        notice = MsgFormat(lang, "request_added", {std::to_string(i)});
        return true;
    }
    notice = MsgString(lang, "request_wishes_full");
    return true;
}

// The form of stored request `v` (to edit it).
Form FormOf(const services::GroupRequestView& v) {
    Form form;
    const auto& r = v.request;
    form.fields.emplace_back("level", r.level);
    form.fields.emplace_back("pupils", std::to_string(r.pupils));
    form.fields.emplace_back("adults", std::to_string(r.adults));
    if (r.bus_needed) form.fields.emplace_back("bus", "1");
    if (r.school_id) form.fields.emplace_back("school_id", std::to_string(*r.school_id));
    int i = 0;
    for (const auto& w : v.wishes)
        if (w.session_id && i < kMaxWishes) form.fields.emplace_back("wish" + std::to_string(++i), std::to_string(*w.session_id));
    if (r.radius_km) {
        form.fields.emplace_back("radius_on", "1");
        form.fields.emplace_back("radius_km", std::to_string(static_cast<int>(*r.radius_km)));
        for (const auto& d : r.sector_divisions) form.fields.emplace_back("sectors", d);
    }
    return form;
}

PageData RequestItem(const services::GroupRequestView& v, Lang lang) {
    PageData item;
    const auto& r = v.request;
    item.set("id", std::to_string(r.id));
    item.set("status", std::string(domain::ToCode(r.status)));
    item.set("status_label", StatusLabel(r.status, lang));
    item.set("group_label", r.level + " · " + MsgCount(lang, "people_count", r.people()));
    item.set("bus", r.bus_needed);
    if (!v.school_name.empty())
        item.set("school", v.school_name + (v.school_to_check ? " (" + MsgString(lang, "school_to_check") + ")" : ""));
    PageData wishes(PageData::type::list);
    for (const auto& w : v.wishes) {
        PageData wd;
        wd.set("rank", std::to_string(w.rank));
        wd.set("site_name", w.site_name);
        wd.set("commune", w.commune);
        if (w.session_id) {
            wd.set("when", TourWhen(w.day_date, w.starts_at, w.ends_at, lang));
            wd.set("places_left_label", MsgCount(lang, "places_left", w.places_left));
        }
        if (w.unavailable) wd.set("unavailable", MsgString(lang, "request_wish_unavailable"));
        wishes.push_back(wd);
    }
    item.set("wishes", wishes);
    if (r.radius_km) {
        std::string sectors;
        for (const auto& d : r.sector_divisions) {
            const refdata::Sector* s = refdata::FindSector(d);
            sectors += (sectors.empty() ? "" : ", ") + (s ? (lang == Lang::kFr ? s->short_fr : s->short_en) : d);
        }
        item.set("radius", MsgFormat(lang, sectors.empty() ? "request_radius_any" : "request_radius_in",
                                     {std::to_string(static_cast<int>(*r.radius_km)), sectors}));
    }
    if (v.accepted_tour) {
        item.set("accepted", v.accepted_tour->site_name + ", " +
                                 TourWhen(v.accepted_tour->day_date, v.accepted_tour->starts_at,
                                          v.accepted_tour->ends_at, lang));
        item.set("code", v.ticket_code);
    }
    if (!r.message.empty()) item.set("message", r.message);
    return item;
}

// `process_extra`: the page's own last sentence of the Friday process (SetProcess).
http::Response RequestsPage(const http::Request& req, int status, const std::string& heading,
                            const services::FridayPhase& phase, const std::string& process_extra, PageData items,
                            const std::string& notice, const std::string& error, const std::string& new_url) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, heading);
    d.set("heading", heading);
    SetProcess(d, phase, lang, process_extra);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    if (!new_url.empty()) d.set("new_url", new_url);
    d.set("requests", std::move(items));
    return PageResponse(req, status, RenderInLayout("group_requests", d));
}

// `sent`: the number of a request just sent (?envoyee=), said in a notice that depends on the
// phase: the round will place it, or (first come, first served) the factories will answer.
http::Response MyRequestsPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                              std::string notice, const std::string* sent) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto requests = services::RequestsOf(**db, caller.principal->user_id);
    if (!requests.ok()) return RefusalPage(req, requests.error());
    auto phase = services::PhaseOf(**db, 0);
    if (!phase.ok()) return RefusalPage(req, phase.error());
    if (sent)
        notice = MsgFormat(lang, phase->deadline.empty() ? "request_sent_first_come" : "request_sent", {*sent});
    PageData items(PageData::type::list);
    for (const auto& v : *requests) {
        PageData item = RequestItem(v, lang);
        PageData warnings(PageData::type::list);
        if (v.request.status == domain::RequestStatus::kPending) {
            for (const auto& w : services::CapacityWarnings(v)) warnings.push_back(ErrorText(w.error, lang));
            auto edition_phase = v.request.edition_id == phase->edition_id ? phase : services::PhaseOf(**db, v.request.edition_id);
            if (edition_phase.ok() && edition_phase->collecting) item.set("edit_url", PageLink(req, EditPath(v.request.id)));
        }
        item.set("warnings", warnings);
        items.push_back(item);
    }
    return RequestsPage(req, 200, MsgString(lang, "my_requests_title"), *phase, "", items, notice, "",
                        PageLink(req, kRequestForm));
}

http::Response ReceivedPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                            const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const auth::Principal& who = *caller.principal;
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    PageData items(PageData::type::list);
    auto requests = services::RequestsToDecide(**db, who, 200);
    if (!requests.ok()) return RefusalPage(req, requests.error());
    auto phase = services::PhaseOf(**db, 0);
    if (!phase.ok()) return RefusalPage(req, phase.error());
    // ADR 0018: with a request deadline, the round decides; hosts mark the wishes their tour
    // cannot take, and decide first-come (late requests) once the round is published.
    const bool first_come = phase->deadline.empty() || phase->published;
    for (const auto& v : *requests) {
        std::vector<const services::WishView*> mine;
        for (const auto& w : v.wishes)
            if (services::MayDecide(who, w)) mine.push_back(&w);
        PageData item = RequestItem(v, lang);
        item.set("requester", v.requester_name + " <" + v.requester_email + ">");
        const bool open = v.request.status == domain::RequestStatus::kPending ||
                          v.request.status == domain::RequestStatus::kWaitlisted;
        if (open) {
            item.set("csrf", csrf);
            item.set("action", PageLink(req, kReceived));
            // Each of the host's wishes can be marked unavailable: the request stays open.
            PageData markable(PageData::type::list);
            for (const auto* w : mine) {
                if (w->unavailable) continue;
                PageData m;
                m.set("rank", std::to_string(w->rank));
                m.set("label", MsgFormat(lang, "request_mark_unavailable", {std::to_string(w->rank), w->site_name}));
                markable.push_back(m);
            }
            item.set("markable", markable);
        }
        if (open && first_come) {
            PageData tours(PageData::type::list);
            for (const auto* w : mine) {
                if (w->unavailable) continue;
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
        }
        items.push_back(item);
    }
    return RequestsPage(req, status, MsgString(lang, "host_requests_title"), *phase,
                        MsgString(lang, first_come ? "host_requests_first_come" : "host_requests_round"), items,
                        notice, error, "");
}

// A request `id` of the caller to edit (kNotFound for another's, shown as such).
Result<services::GroupRequestView> OwnRequest(services::Db& db, const Caller& caller, long long id) {
    auto view = services::FindGroupRequest(db, id);
    if (!view.ok()) return view.error();
    if (!*view || (*view)->request.requester_user_id != caller.principal->user_id)
        return MakeError(ErrorCode::kNotFound, "no request " + std::to_string(id), "aucune demande n° " + std::to_string(id));
    return std::move(**view);
}

// The caller's request of the route ({id}): kNotFound for a bad id or another's request.
Result<services::GroupRequestView> RouteRequest(const PeopleContext& ctx, const http::Request& req,
                                                const Caller& caller) {
    auto id = ParsePositiveId(req.PathParam("id"));
    if (!id) return MakeError(ErrorCode::kNotFound, "no such request", "demande introuvable");
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    return OwnRequest(**db, caller, *id);
}

}  // namespace

void RegisterGroupPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kRequestForm, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kRequestForm);
        if (a.refusal) return *a.refusal;
        FormState state;
        if (const auto* tour = req.Query("visite")) state.form.fields.emplace_back("wish1", *tour);
        if (const auto* q = req.Query("ecole")) state.form.fields.emplace_back("school_q", *q);
        return RequestForm(ctx, req, *a.caller, 200, state);
    });
    router.Add("POST", kRequestForm, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        FormState state;
        state.form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kRequestForm, state.form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        if (FormStep(state.form, lang, state.notice)) return RequestForm(ctx, req, *a.caller, 200, state);
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        FieldErrors parse;
        auto input = InputOf(state.form, parse);
        auto built = services::BuildGroupRequest(**db, *a.caller->principal, input);
        if (auto* errors = std::get_if<FieldErrors>(&built); errors || !parse.empty()) {
            state.errors = Merge(parse, errors ? *errors : FieldErrors{});
            return RequestForm(ctx, req, *a.caller, 400, state);
        }
        auto& request = std::get<services::BuiltRequest>(built);
        auto stored = services::StoreGroupRequest(**db, request, NewRequestMailText(ctx.public_url),
                                                  RequestAckMailText(ctx.public_url));
        if (!stored.ok()) {
            state.errors = {FieldError{stored.error(), ""}};
            return RequestForm(ctx, req, *a.caller, PageStatus(stored.error()), state);
        }
        return http::Response::Redirect(PageLink(req, kMyRequests, {{"envoyee", std::to_string(*stored)}}));
    });

    // Issue 18: edit or cancel until the deadline.
    router.Add("GET", kEditForm, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kEditForm);
        if (a.refusal) return *a.refusal;
        auto view = RouteRequest(ctx, req, *a.caller);
        if (!view.ok()) return RefusalPage(req, view.error());
        FormState state;
        state.form = FormOf(*view);
        state.edit_id = view->request.id;
        return RequestForm(ctx, req, *a.caller, 200, state);
    });
    router.Add("POST", kEditForm, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        FormState state;
        state.form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kEditForm, state.form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto view = RouteRequest(ctx, req, *a.caller);
        if (!view.ok()) return RefusalPage(req, view.error());
        const long long id = view->request.id;
        state.edit_id = id;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        if (FormStep(state.form, lang, state.notice)) return RequestForm(ctx, req, *a.caller, 200, state);
        FieldErrors parse;
        auto input = InputOf(state.form, parse);
        if (!parse.empty()) {
            auto built = services::BuildGroupRequest(**db, *a.caller->principal, input);
            auto* errors = std::get_if<FieldErrors>(&built);
            state.errors = Merge(parse, errors ? *errors : FieldErrors{});
            return RequestForm(ctx, req, *a.caller, 400, state);
        }
        auto errors = services::EditGroupRequest(**db, *a.caller->principal, id, input);
        if (!errors.empty()) {
            state.errors = errors;
            const bool whole = errors.size() == 1 && errors[0].field.empty();
            return RequestForm(ctx, req, *a.caller, whole ? PageStatus(errors[0].error) : 400, state);
        }
        return http::Response::Redirect(PageLink(req, kMyRequests, {{"modifiee", std::to_string(id)}}));
    });
    router.Add("POST", kCancel, [ctx](const http::Request& req) {
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kCancel, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(req.PathParam("id"));
        if (!id) return RefusalPage(req, MakeError(ErrorCode::kNotFound, "no such request", "demande introuvable"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto done = services::CancelGroupRequest(**db, *a.caller->principal, *id);
        if (!done.ok()) return RefusalPage(req, done.error());
        return http::Response::Redirect(PageLink(req, kMyRequests, {{"annulee", std::to_string(*id)}}));
    });

    router.Add("GET", kMyRequests, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kMyRequests);
        if (a.refusal) return *a.refusal;
        std::string notice;
        const std::string* sent = req.Query("envoyee");
        if (const auto* changed = req.Query("modifiee")) notice = MsgFormat(lang, "request_changed", {*changed});
        if (const auto* cancelled = req.Query("annulee")) notice = MsgFormat(lang, "request_cancelled", {*cancelled});
        return MyRequestsPage(ctx, req, *a.caller, notice, notice.empty() ? sent : nullptr);
    });

    router.Add("GET", kReceived, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kReceived);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        std::string notice;
        if (const auto* done = req.Query("fait"))
            notice = MsgString(lang, *done == "acceptee"      ? "done_request_accepted"
                                     : *done == "indisponible" ? "done_wish_unavailable"
                                                               : "done_request_refused");
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
        if (!id || (decision != "accept" && decision != "refuse" && decision != "unavailable") || message.size() > 1000)
            return ReceivedPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ReceivedPage(ctx, req, *a.caller, 503, "", ErrorText(db.error(), lang));
        if (decision == "unavailable") {
            auto rank = ParsePositiveId(form.Get("rank"));
            if (!rank || *rank > kMaxWishes) return ReceivedPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
            auto done = services::MarkWishUnavailable(**db, who, *id, static_cast<int>(*rank));
            if (!done.ok()) return ReceivedPage(ctx, req, *a.caller, PageStatus(done.error()), "", ErrorText(done.error(), lang));
            return http::Response::Redirect(PageLink(req, kReceived, {{"fait", "indisponible"}}));
        }
        if (auto allowed = services::FirstComeDecisionAllowed(**db, *id); !allowed.ok())
            return ReceivedPage(ctx, req, *a.caller, PageStatus(allowed.error()), "", ErrorText(allowed.error(), lang));
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

// See unsubscribe_pages.h.
#include "web/account/unsubscribe_pages.h"

#include <functional>
#include <utility>

#include "common/clock.h"
#include "http/router.h"
#include "services/mail_opt_outs.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

struct LinkParts {
    std::string list, address, token;
};

// The link's parts: from the query string (the List-Unsubscribe URL, as the one-click POST sends
// it), else from the form's fields.
LinkParts PartsOf(const http::Request& req, const Form* form) {
    auto get = [&](std::string_view name) {
        if (const std::string* v = req.Query(name)) return *v;
        return form ? form->Get(name) : std::string();
    };
    return {get("liste"), get("adresse"), get("jeton")};
}

// What the list is called in a sentence, in `lang`.
std::string ListName(const std::string& list, Lang lang) {
    return MsgString(lang, list == mail::kSurveyList ? "unsub_list_survey" : "unsub_list_reminder");
}

// A section of the page in one language: a heading and paragraphs.
PageData Section(Lang lang, bool first, std::initializer_list<std::string> paragraphs) {
    PageData s;
    s.set("lang", std::string(LangCode(lang)));
    s.set("first", first);
    s.set("heading", MsgString(lang, "unsub_title"));
    PageData list(PageData::type::list);
    for (const auto& p : paragraphs) list.push_back(p);
    s.set("paragraphs", list);
    return s;
}

// The page: French first, English second (the reader comes from an e-mail in both), the form when
// `action` is not empty.
http::Response Page(const http::Request& req, int status, PageData sections, const std::string& action) {
    PageData d = CommonPageData(req, MsgString(Lang::kFr, "unsub_title") + " / " + MsgString(Lang::kEn, "unsub_title"));
    d.set("sections", sections);
    if (!action.empty()) {
        d.set("action", action);
        d.set("submit_fr", MsgString(Lang::kFr, "unsub_submit"));
        d.set("submit_en", MsgString(Lang::kEn, "unsub_submit"));
    }
    http::Response r = PageResponse(req, status, RenderInLayout("unsubscribe", d));
    // The address and the token are in the URL: no other site learns them, no search engine lists it.
    r.AddHeader("Referrer-Policy", "no-referrer");
    r.AddHeader("X-Robots-Tag", "noindex");
    return r;
}

// Both languages of message `key` with its two arguments as each language gives them.
PageData Bilingual(std::string_view key, const std::function<std::pair<std::string, std::string>(Lang)>& args,
                   std::string_view note_key = {}) {
    PageData sections(PageData::type::list);
    for (Lang lang : {Lang::kFr, Lang::kEn}) {
        const auto [a, b] = args(lang);
        const std::string text = MsgFormat(lang, key, {a, b});
        if (note_key.empty())
            sections.push_back(Section(lang, lang == Lang::kFr, {text}));
        else
            sections.push_back(Section(lang, lang == Lang::kFr, {text, MsgString(lang, note_key)}));
    }
    return sections;
}

http::Response Refusal(const http::Request& req, const Error& e) {
    PageData sections(PageData::type::list);
    for (Lang lang : {Lang::kFr, Lang::kEn}) sections.push_back(Section(lang, lang == Lang::kFr, {ErrorText(e, lang)}));
    return Page(req, PageStatus(e), sections, "");
}

}  // namespace

void RegisterUnsubscribePages(http::Router& router, const PeopleContext& ctx) {
    static const mail::UnsubscribeLinks kNoSecret("");  // without ctx.unsubscribe: refuses every token
    router.Add("GET", kUnsubscribePath, [ctx](const http::Request& req) {
        // Reads only: the link checked, whether it was used already. Nothing is recorded here.
        const LinkParts p = PartsOf(req, nullptr);
        const auto& links = ctx.unsubscribe ? *ctx.unsubscribe : kNoSecret;
        auto link = services::CheckUnsubscribeLink(links, p.list, p.address, ctx.unsubscribe ? p.token : "");
        if (!link.ok()) return Refusal(req, link.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return Refusal(req, db.error());
        auto done = services::HasUnsubscribed(**db, *link);
        if (!done.ok()) return Refusal(req, done.error());
        const std::string address = link->address;
        const std::string list = link->list;
        if (*done)
            return Page(req, 200, Bilingual("unsub_already", [&](Lang l) {
                            return std::pair{address, ListName(list, l)};
                        }), "");
        // The form posts to this very URL (the token in its query), as a mail client's one-click
        // POST does, with the same body.
        const std::string action = WithQuery(kUnsubscribePath, {{"liste", list}, {"adresse", address}, {"jeton", p.token}});
        return Page(req, 200, Bilingual("unsub_question", [&](Lang l) {
                        return std::pair{ListName(list, l), address};
                    }, "unsub_note"),
                    action);
    });
    // No Admit and no CSRF token, on purpose: see unsubscribe_pages.h.
    router.Add("POST", kUnsubscribePath, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        const LinkParts p = PartsOf(req, form.malformed ? nullptr : &form);
        const auto& links = ctx.unsubscribe ? *ctx.unsubscribe : kNoSecret;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return Refusal(req, db.error());
        auto added = services::Unsubscribe(**db, links, p.list, p.address, ctx.unsubscribe ? p.token : "", NowUtcIso());
        if (!added.ok()) return Refusal(req, added.error());
        const std::string address = mail::NormaliseAddress(p.address);
        const std::string list = p.list;
        return Page(req, 200, Bilingual("unsub_done", [&](Lang l) {
                        return std::pair{address, ListName(list, l)};
                    }, "unsub_note"),
                    "");
    });
}

}  // namespace juo::web

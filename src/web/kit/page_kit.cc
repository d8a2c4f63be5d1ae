// The page kit (page_kit.h): templates → layout → HTML response, with the data every page has.
#include "web/kit/page_kit.h"

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "http/errors.h"
#include "web/templates.h"

namespace juo::web {
namespace {

namespace mus = kainjow::mustache;

std::atomic<bool> demo_banner{false};

// ---- Templates ----------------------------------------------------------------------------

std::string_view TemplateText(std::string_view name) {
    for (const auto& entry : templates::kAll)
        if (entry.name == name) return entry.text;
    throw std::logic_error("no template named " + std::string(name));
}

// The layout with `page` and the partials (templates whose name starts with '_') written in
// where their tags `{{> name}}` stand. Our partials are plain includes (no delimiter changes),
// so writing them in renders the same as Mustache's partial look-up, and the whole page can be
// parsed once instead of on every request (docs/perf.md).
std::string PageTemplateText(std::string_view page) {
    std::string text(TemplateText("layout"));
    for (int includes = 0;; ++includes) {
        auto open = text.find("{{>");
        if (open == std::string::npos) return text;
        auto close = text.find("}}", open);
        if (close == std::string::npos || includes > 64)
            throw std::logic_error("template " + std::string(page) + ": unclosed or recursive partial");
        std::string name = text.substr(open + 3, close - open - 3);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        std::string_view included = name == "page" ? TemplateText(page) : TemplateText(name);
        text.replace(open, close + 2 - open, included);
    }
}

// Every message in one language, as the template object `t` ({{t.nav_home}}).
const PageData& MessagesData(Lang lang) {
    static const std::array<PageData, 2> data = [] {
        PageData fr, en;
        for (const auto& m : Messages()) {
            fr.set(std::string(m.key), std::string(Msg(Lang::kFr, m.key)));
            en.set(std::string(m.key), std::string(Msg(Lang::kEn, m.key)));
        }
        return std::array<PageData, 2>{std::move(fr), std::move(en)};
    }();
    return data[lang == Lang::kFr ? 0 : 1];
}

// ---- URLs ---------------------------------------------------------------------------------

std::string UrlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// The raw path of the request as a safe same-site link: "//host" would leave the site.
std::string SafeRawPath(const http::Request& request) {
    std::string_view raw = request.target.empty() ? std::string_view(request.path) : request.target;
    raw = raw.substr(0, raw.find('?'));
    if (raw.empty() || raw[0] != '/') return "/";
    size_t slashes = raw.find_first_not_of('/');
    if (slashes == std::string_view::npos) return "/";
    return "/" + std::string(raw.substr(slashes));
}

// The current URL in the other language, every other parameter kept.
std::string SwitchUrl(const PageRequest& page) {
    http::ParamList params;
    for (const auto& [k, v] : page.request().query)
        if (k != "lang") params.emplace_back(k, v);
    params.emplace_back("lang", std::string(LangCode(OtherLang(page.lang()))));
    return WithQuery(SafeRawPath(page.request()), params);
}

// ---- Errors -------------------------------------------------------------------------------

// The messages of a status: "error_<key>_title" and "error_<key>_text".
std::string ErrorKey(int status) {
    switch (status) {
        case 400:
        case 404:
        case 405:
        case 413:
        case 431:
        case 500:
        case 503:
            return std::to_string(status);
        default:
            return "other";
    }
}

}  // namespace

// ---- Requests and links -------------------------------------------------------------------

std::string PageRequest::Link(std::string_view path, http::ParamList params) const {
    if (lang() == Lang::kEn) params.emplace_back("lang", "en");
    return WithQuery(path, params);
}

Lang PageLang(const http::Request& request) { return ChooseLang(request).lang; }

std::string WithQuery(std::string_view path, const http::ParamList& params) {
    std::string url(path);
    char sep = '?';
    for (const auto& [k, v] : params) {
        url += sep;
        url += UrlEncode(k) + "=" + UrlEncode(v);
        sep = '&';
    }
    return url;
}

std::string PageLink(const http::Request& request, std::string_view path, http::ParamList params) {
    return PageRequest(request).Link(path, std::move(params));
}

// ---- Common page data ---------------------------------------------------------------------

void SetDemoBanner(bool on) { demo_banner.store(on, std::memory_order_relaxed); }
bool DemoBanner() { return demo_banner.load(std::memory_order_relaxed); }

PageData CommonPageData(const PageRequest& page, const std::string& title, PageNav nav, const TileCredit* tiles) {
    Lang lang = page.lang();
    PageData d;
    // The messages, `t`, are not copied in: RenderInLayout's context reads them from the
    // language's one object (a copy cost a page render as much as the rest of it).
    d.set("lang", std::string(LangCode(lang)));
    d.set("other_lang", std::string(LangCode(OtherLang(lang))));
    d.set("title", title);
    d.set("home_url", page.Link(kHomePath));
    d.set("search_url", page.Link(kSearchPath));
    d.set("about_url", page.Link(kAboutPath));
    d.set("kit_url", page.Link("/kit"));
    d.set("account_url", page.Link("/compte"));
    d.set("mydata_url", page.Link("/compte/donnees"));  // issue 21: "Mes données", beside each home's sign-out
    d.set("switch_url", SwitchUrl(page));
    d.set("switch_label", std::string(Msg(lang, "lang_switch")));
    d.set("nav_home", nav == PageNav::kHome);
    d.set("nav_search", nav == PageNav::kSearch);
    d.set("nav_about", nav == PageNav::kAbout);
    if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
    if (DemoBanner()) {
        d.set("demo_banner", true);
        d.set("demo_url", page.Link("/demo/courriels"));
    }
    if (tiles) {
        // Set only when not empty: in Mustache an empty string is still "true".
        if (!tiles->attribution.empty()) d.set("tile_credit", std::string(tiles->attribution));
        d.set("osm_tiles", tiles->tile_url.find("openstreetmap.org") != std::string_view::npos);
    }
    return d;
}

PageData CommonPageData(const http::Request& request, const std::string& title) {
    return CommonPageData(PageRequest(request), title);
}

// ---- Rendering and responses --------------------------------------------------------------

namespace {

// The template's look-up: `t` and `t.key` from the page language's messages (MessagesData, built
// once), every other name from the page's data as Mustache looks it up.
class PageContext : public mus::basic_context<std::string> {
 public:
    PageContext(const PageData* data, const PageData* messages) : inner_(data), messages_(messages) {}
    void push(const PageData* data) override { inner_.push(data); }
    void pop() override { inner_.pop(); }
    const PageData* get(const std::string& name) const override {
        if (messages_ && name.size() > 2 && name[0] == 't' && name[1] == '.' &&
            name.find('.', 2) == std::string::npos)
            return messages_->get(name.substr(2));
        if (messages_ && name == "t") return messages_;
        return inner_.get(name);
    }
    const PageData* get_partial(const std::string& name) const override { return inner_.get_partial(name); }

 private:
    mus::context<std::string> inner_;
    const PageData* messages_;
};

// The messages of the page's language: its data's "lang" (CommonPageData sets it); none without.
const PageData* PageMessages(const PageData& data) {
    const PageData* lang = data.get("lang");
    if (!lang || !lang->is_string()) return nullptr;
    return &MessagesData(lang->string_value() == "en" ? Lang::kEn : Lang::kFr);
}

}  // namespace

// Each thread parses each page once and keeps it (a parsed template is not safe to render from
// two threads at once).
std::string RenderInLayout(std::string_view page, PageData& data) {
    thread_local std::map<std::string, std::unique_ptr<mus::mustache>, std::less<>> parsed;
    auto it = parsed.find(page);
    if (it == parsed.end())
        it = parsed.emplace(std::string(page), std::make_unique<mus::mustache>(PageTemplateText(page))).first;
    mus::mustache& tmpl = *it->second;
    if (!tmpl.is_valid()) throw std::logic_error("template " + std::string(page) + ": " + tmpl.error_message());
    PageContext context(&data, PageMessages(data));
    std::string html = tmpl.render(context);
    if (!tmpl.is_valid()) {
        std::string message = "template " + std::string(page) + ": " + tmpl.error_message();
        parsed.erase(it);  // parse afresh next time rather than keep the error state
        throw std::logic_error(message);
    }
    return html;
}

http::Response PageResponse(const PageRequest& page, int status, std::string html) {
    auto response = http::Response::Html(status, std::move(html));
    // The catalogue changes (places are booked): browsers and proxies must revalidate.
    response.AddHeader("Cache-Control", "no-cache");
    response.AddHeader("Vary", "Cookie");
    response.AddHeader("Content-Language", std::string(LangCode(page.lang())));
    if (!page.set_cookie().empty()) response.AddHeader("Set-Cookie", page.set_cookie());
    return response;
}

http::Response PageResponse(const http::Request& request, int status, std::string html) {
    return PageResponse(PageRequest(request), status, std::move(html));
}

// ---- Error pages --------------------------------------------------------------------------

http::Response ErrorPage(const PageRequest& page, int status, std::string_view text_key, const TileCredit* tiles) {
    Lang lang = page.lang();
    std::string key = ErrorKey(status);
    std::string heading(Msg(lang, "error_" + key + "_title"));
    PageData d = CommonPageData(page, heading, PageNav::kNone, tiles);
    d.set("heading", heading);
    d.set("code_label", MsgFormat(lang, "error_code", {std::to_string(status)}));
    d.set("explanation",
          std::string(Msg(lang, text_key.empty() ? "error_" + key + "_text" : std::string(text_key))));
    return PageResponse(page, status, RenderInLayout("error", d));
}

http::Response RenderErrorPage(int status, const http::Request& request) {
    if (http::WantsJson(request)) return http::DefaultErrorResponse(status, request);
    try {
        return ErrorPage(PageRequest(request), status);
    } catch (const std::exception&) {
        return http::DefaultErrorResponse(status, request);
    }
}

}  // namespace juo::web

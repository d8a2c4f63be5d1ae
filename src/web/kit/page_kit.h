// The page kit: what every HTML page of the site is made with. The page templates (web/templates,
// embedded in the binary) rendered inside the layout; the data every page has (messages, language,
// navigation, language switch, footer credits, the demo banner); links that keep the page's language; the HTML
// response with its headers; and the error pages, RenderErrorPage among them, which `juo serve`
// uses for every error status produced outside a handler (unknown path, 405, 413, 500...).
//
// Thread-safety: every function may run on any number of threads at once (SetDemoBanner: at
// start-up, before the server runs; it is an atomic all the same). Each thread parses
// each page template once and keeps it (a parsed template is not safe to render from two threads
// at once); the messages' template data is built once, on first use, and only read after.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

#include "http/message.h"
#include "web/kit/i18n.h"

namespace juo::web {

using PageData = kainjow::mustache::data;

// The addresses the navigation links to (the public pages answer them).
inline constexpr std::string_view kHomePath = "/";
inline constexpr std::string_view kSearchPath = "/recherche";
inline constexpr std::string_view kAboutPath = "/a-propos";

// A request as a page sees it: the request and its language, chosen once (ChooseLang). Holds a
// pointer to `request`, which must outlive it. Immutable: safe to share between threads.
class PageRequest {
public:
    explicit PageRequest(const http::Request& request) : request_(&request), choice_(ChooseLang(request)) {}

    const http::Request& request() const { return *request_; }
    Lang lang() const { return choice_.lang; }
    // The Set-Cookie that remembers the language `?lang=` chose, or "" (see LangChoice).
    const std::string& set_cookie() const { return choice_.set_cookie; }

    // A link inside the site in the page's language: English links carry lang=en so that the
    // language holds even without the cookie.
    std::string Link(std::string_view path, http::ParamList params = {}) const;

private:
    const http::Request* request_;
    LangChoice choice_;
};

// Which link of the navigation is the current page (marked as such in the layout).
enum class PageNav { kNone, kHome, kSearch, kAbout };

// The map tiles a page shows, credited in the footer: the attribution (plain text, escaped; none
// when empty) and, for OpenStreetMap tiles (a `tile_url` on openstreetmap.org), a link to their
// licence. The views must outlive the call they are passed to.
struct TileCredit {
    std::string_view tile_url;     // "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    std::string_view attribution;  // "© les contributeurs d'OpenStreetMap"
};

// Demo mode's banner (`juo serve --demo`, issue 22): when on, every page built with
// CommonPageData — the error pages included — says "Mode démonstration — les courriels ne partent
// pas : voir /demo/courriels" at its top. Process-wide, off by default; RegisterRoutes turns it on
// with the demo mailbox's routes, so the banner shows exactly when /demo/courriels exists.
void SetDemoBanner(bool on);
bool DemoBanner();

// The language of the request (?lang=, then the cookie, then French).
Lang PageLang(const http::Request& request);

// `path` with `params` as its query ("/recherche?near=Lyon&page=2"), keys and values
// percent-encoded (all but ALPHA / DIGIT / "-" / "_" / "." / "~"); `path` alone when none.
std::string WithQuery(std::string_view path, const http::ParamList& params);

// The data every page has: `title`, t = messages, lang, navigation links (with `nav` current),
// the language switch (the same URL in the other language) and, when `tiles` is given, the
// footer's credit for the map tiles; `demo_banner` and `demo_url` in demo mode (SetDemoBanner).
PageData CommonPageData(const PageRequest& page, const std::string& title, PageNav nav = PageNav::kNone,
                        const TileCredit* tiles = nullptr);
// The same for a plain request: no current link, no tile credit.
PageData CommonPageData(const http::Request& request, const std::string& title);

// `page` (a template of web/templates) rendered inside the layout. A template that does not
// parse or render is a bug: throws std::logic_error (the server answers 500).
std::string RenderInLayout(std::string_view page, PageData& data);

// The HTML response: no-cache, Vary: Cookie, Content-Language, the language cookie when it changed.
http::Response PageResponse(const PageRequest& page, int status, std::string html);
http::Response PageResponse(const http::Request& request, int status, std::string html);

// A link inside the site in the request's language (adds lang=en in English).
std::string PageLink(const http::Request& request, std::string_view path, http::ParamList params = {});

// The error page for `status` (error.mustache): its title, the code and an explanation (the
// message `text_key`, or the status's own when empty), with links to the home page and the
// search; `tiles` as in CommonPageData.
http::Response ErrorPage(const PageRequest& page, int status, std::string_view text_key = {},
                         const TileCredit* tiles = nullptr);

// The page for an error status produced outside the page handlers (404 for an unknown path, 405,
// 400, 413, 431, 500...): ErrorPage in the request's language, with `status` as its status.
// Requests under /api/ get the JSON error of http::DefaultErrorResponse instead, as does any
// request whose page cannot be rendered. Never throws for a status in 100..599.
http::Response RenderErrorPage(int status, const http::Request& request);

}  // namespace juo::web

// What the page modules share (pages.cc, bilan_pages.cc): the layout with the common data of
// every page (messages, language, navigation), the HTML response with its headers, and links
// that keep the page's language.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

#include "http/message.h"
#include "web/kit/i18n.h"

namespace juo::web {

using PageData = kainjow::mustache::data;

// The language of the request (?lang=, then the cookie, then French).
Lang PageLang(const http::Request& request);

// The data every page has (t = messages, lang, navigation links, language switch), with `title`.
PageData CommonPageData(const http::Request& request, const std::string& title);

// `page` (a template of web/templates) rendered inside the layout.
std::string RenderInLayout(std::string_view page, PageData& data);

// The HTML response: no-cache, Content-Language, the language cookie when it changed.
http::Response PageResponse(const http::Request& request, int status, std::string html);

// A link inside the site in the request's language (adds lang=en in English).
std::string PageLink(const http::Request& request, std::string_view path, http::ParamList params = {});

}  // namespace juo::web

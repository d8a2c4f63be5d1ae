// The site's files: robots.txt, sitemap.xml, the web app manifest and the favicon.
#include "web/public/site_files.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "common/text.h"
#include "http/message.h"
#include "http/router.h"
#include "web/favicon_ico.h"
#include "web/kit/i18n.h"
#include "web/kit/page_kit.h"

namespace juo::web {
namespace {

// The sitemap protocol's limit of addresses in one file (sitemaps.org).
constexpr size_t kMaxSitemapUrls = 50000;

// The public pages besides the factories', as the public/ files register them.
constexpr std::string_view kListedPages[] = {kHomePath, kSearchPath, kAboutPath, "/bilan", "/presse"};

// Paths no crawler needs: the signed-in spaces (account, host, back office, check-in), the JSON
// API and the demo mailbox. "/usine" (the host space) is a prefix of "/usines/…" (the public
// factory pages), so those are allowed again: the longest matching rule wins (RFC 9309 §2.2.2).
constexpr std::string_view kDisallowed[] = {"/compte", "/usine", "/organisation", "/accueil", "/api/", "/demo/"};

// The logo's colours (web/static/img/favicon.svg): navy on amber.
constexpr std::string_view kThemeColor = "#14213d";
constexpr std::string_view kBackgroundColor = "#ffffff";

// `text` with &, <, >, " and ' as XML entities.
std::string XmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string JsonString(std::string_view text) {
    std::string out;
    AppendJsonString(out, text);
    return out;
}

struct Shared {
    const services::Catalogue* catalogue;
    std::string base;  // the public URL without a trailing '/'
    std::string robots;
    std::string manifest;
};

std::string RobotsTxt(const std::string& base) {
    std::string out = "User-agent: *\nAllow: /\n";
    for (auto path : kDisallowed) out += "Disallow: " + std::string(path) + "\n";
    out += "Allow: /usines/\n";
    out += "\nSitemap: " + base + "/sitemap.xml\n";
    return out;
}

std::string Manifest() {
    const std::string name(Msg(Lang::kFr, "brand_name"));
    const std::string short_name(Msg(Lang::kFr, "brand_short"));
    const std::string description(Msg(Lang::kFr, "meta_description"));
    std::string out = "{\n";
    out += "  \"name\": " + JsonString(name) + ",\n";
    out += "  \"short_name\": " + JsonString(short_name) + ",\n";
    out += "  \"description\": " + JsonString(description) + ",\n";
    out += "  \"lang\": \"fr\",\n";
    out += "  \"start_url\": \"/\",\n";
    out += "  \"scope\": \"/\",\n";
    out += "  \"display\": \"standalone\",\n";
    out += "  \"theme_color\": \"" + std::string(kThemeColor) + "\",\n";
    out += "  \"background_color\": \"" + std::string(kBackgroundColor) + "\",\n";
    out += "  \"icons\": [\n";
    out += "    {\"src\": \"/static/img/icon-192.png\", \"sizes\": \"192x192\", \"type\": \"image/png\"},\n";
    out += "    {\"src\": \"/static/img/icon-512.png\", \"sizes\": \"512x512\", \"type\": \"image/png\"},\n";
    out += "    {\"src\": \"/static/img/favicon.svg\", \"sizes\": \"any\", \"type\": \"image/svg+xml\"}\n";
    out += "  ]\n}\n";
    return out;
}

void AppendUrl(std::string& out, const std::string& base, std::string_view path) {
    out += "  <url><loc>";
    out += XmlEscape(base);
    out += XmlEscape(path);
    out += "</loc></url>\n";
}

// Built on every request from the current index: a few thousand short lines, microseconds.
http::Response Sitemap(const Shared& s) {
    auto index = s.catalogue->Current();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    size_t count = 0;
    for (auto path : kListedPages) {
        AppendUrl(out, s.base, path);
        ++count;
    }
    for (const auto& site : index->sites()) {
        if (count++ >= kMaxSitemapUrls) break;
        AppendUrl(out, s.base, "/usines/" + std::to_string(site.id));
    }
    out += "</urlset>\n";
    http::Response r;
    r.content_type = "application/xml; charset=utf-8";
    r.body = std::move(out);
    r.AddHeader("Cache-Control", "public, max-age=600");
    return r;
}

http::Response Fixed(std::string content_type, const std::string& body, std::string cache_control) {
    http::Response r;
    r.content_type = std::move(content_type);
    r.body = body;
    r.AddHeader("Cache-Control", std::move(cache_control));
    return r;
}

}  // namespace

void RegisterSiteFiles(http::Router& router, SiteFilesContext context) {
    if (!context.catalogue) throw std::invalid_argument("RegisterSiteFiles: the catalogue is required");
    std::string base = std::move(context.public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (!base.starts_with("http://") && !base.starts_with("https://"))
        throw std::invalid_argument("RegisterSiteFiles: the public URL must start with http:// or https://");
    auto shared = std::make_shared<Shared>();
    shared->catalogue = context.catalogue;
    shared->base = std::move(base);
    shared->robots = RobotsTxt(shared->base);
    shared->manifest = Manifest();
    std::shared_ptr<const Shared> s = std::move(shared);

    router.Get("/robots.txt", [s](const http::Request&) {
        return Fixed("text/plain; charset=utf-8", s->robots, "public, max-age=3600");
    });
    router.Get("/sitemap.xml", [s](const http::Request&) { return Sitemap(*s); });
    router.Get("/manifest.webmanifest", [s](const http::Request&) {
        return Fixed("application/manifest+json", s->manifest, "public, max-age=3600");
    });
    router.Get("/favicon.ico", [](const http::Request&) {
        static const std::string kIcon(reinterpret_cast<const char*>(embedded::kFaviconIco),
                                       sizeof embedded::kFaviconIco);
        return Fixed("image/x-icon", kIcon, "public, max-age=86400");
    });
}

}  // namespace juo::web

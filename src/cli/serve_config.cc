// Serve configuration parsing (toml++).
#include "cli/serve_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/text.h"
#include "http/client_address.h"

namespace juo::cli {
namespace {

Error Bad(const std::string& what, const std::string& why) {
    return MakeError(ErrorCode::kInvalidArgument, what + ": " + why);
}

Result<long long> ParseInteger(const std::string& name, const std::string& text, long long lo, long long hi) {
    long long v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || v < lo || v > hi)
        return Bad(name, "'" + text + "' is not a whole number from " + std::to_string(lo) + " to " +
                             std::to_string(hi));
    return v;
}

// The waiting room's rate, visitors let through per second: a decimal number, in the TOML file
// and in JUO_WAITING_ROOM_RATE alike.
constexpr double kMinRate = 0.1, kMaxRate = 100'000;
constexpr const char* kRateRange = "a number from 0.1 to 100000";
bool ValidRate(double v) { return v >= kMinRate && v <= kMaxRate; }  // false for NaN

Result<double> ParseRate(const std::string& name, const std::string& text) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !ValidRate(v))
        return Bad(name, "'" + text + "' is not " + kRateRange);
    return v;
}

}  // namespace

Status ParseListen(std::string_view text, ServeConfig* c) {
    std::string host, port;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return Bad("listen", "'" + std::string(text) + "' is not [IPv6]:PORT");
        host = std::string(text.substr(1, close - 1));
        port = std::string(text.substr(close + 2));
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return Bad("listen", "'" + std::string(text) + "' is not HOST:PORT");
        host = std::string(text.substr(0, colon));
        port = std::string(text.substr(colon + 1));
        if (host.find(':') != std::string::npos)
            return Bad("listen", "write an IPv6 host in brackets: [::1]:8080");
    }
    auto p = ParseInteger("listen", port, 0, 65535);
    if (!p.ok()) return p.error();
    c->host = host.empty() ? "127.0.0.1" : host;
    c->port = static_cast<unsigned short>(*p);
    return Ok();
}

Status ApplyToml(std::string_view text, ServeConfig* c) {
    toml::table t;
    try {
        t = toml::parse(text);
    } catch (const toml::parse_error& e) {
        return Bad("config",
                   std::string(e.description()) + " at line " + std::to_string(e.source().begin.line));
    }
    auto str = [&](const toml::node_view<toml::node>& n, const char* key, std::string* out) -> Status {
        if (!n) return Ok();
        if (auto v = n.value<std::string>()) {
            *out = *v;
            return Ok();
        }
        return Bad(std::string("config key '") + key + "'", "must be a string");
    };
    auto integer = [&](const toml::node_view<toml::node>& n, const char* key, long long lo, long long hi,
                       auto* out) -> Status {
        if (!n) return Ok();
        auto v = n.value<long long>();
        if (!v || *v < lo || *v > hi)
            return Bad(std::string("config key '") + key + "'",
                       "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
        *out = static_cast<std::remove_pointer_t<decltype(out)>>(*v);
        return Ok();
    };
    // Every key and section is known, or the file is refused naming it: a misspelt key, or a key
    // written under the wrong [section] (TOML puts every key after a header into that section),
    // would otherwise be ignored without a word.
    static const std::map<std::string_view, std::vector<std::string_view>> kSections = {
        {"map", {"tile_url", "tile_attribution"}},
        {"limits", {"max_body_bytes", "read_timeout_seconds", "max_queued_requests", "retry_after_seconds"}},
        {"mail", {"maildir", "smtp_url", "smtp_user", "from"}},
        {"security", {"secret", "secure_cookies", "trusted_proxies"}},
        {"bookings", {"durable", "offer_ttl_hours", "guest_per_address", "guest_per_client", "max_queue"}},
        {"waiting_room",
         {"enabled", "rate_per_second", "engine_queue_threshold", "admitted_minutes", "refresh_seconds"}},
        {"retention", {"months"}},
    };
    static const std::vector<std::string_view> kTopLevel = {
        "db",           "listen",          "static_dir", "io_threads", "handler_threads",
        "hash_threads", "refresh_seconds", "public_url", "demo"};
    for (auto&& [key, value] : t) {
        const std::string_view name = key.str();
        if (auto section = kSections.find(name); section != kSections.end()) {
            const toml::table* table = value.as_table();
            if (!table)
                return Bad("config key '" + std::string(name) + "'",
                           "must be a table ([" + std::string(name) + "])");
            for (auto&& [inner, unused] : *table) {
                const auto& known = section->second;
                if (std::find(known.begin(), known.end(), inner.str()) == known.end())
                    return Bad("config",
                               "unknown key '" + std::string(name) + "." + std::string(inner.str()) + "'");
            }
        } else if (std::find(kTopLevel.begin(), kTopLevel.end(), name) == kTopLevel.end()) {
            return Bad("config", "unknown key '" + std::string(name) + "'");
        }
    }
    JUO_TRY(str(t["db"], "db", &c->db));
    std::string listen;
    JUO_TRY(str(t["listen"], "listen", &listen));
    if (!listen.empty()) JUO_TRY(ParseListen(listen, c));
    JUO_TRY(str(t["static_dir"], "static_dir", &c->static_dir));
    JUO_TRY(integer(t["io_threads"], "io_threads", 1, 64, &c->io_threads));
    JUO_TRY(integer(t["handler_threads"], "handler_threads", 1, 64, &c->handler_threads));
    JUO_TRY(integer(t["hash_threads"], "hash_threads", 1, 64, &c->hash_threads));
    JUO_TRY(integer(t["refresh_seconds"], "refresh_seconds", 1, 3600, &c->refresh_seconds));
    JUO_TRY(str(t["map"]["tile_url"], "map.tile_url", &c->tile_url));
    JUO_TRY(str(t["map"]["tile_attribution"], "map.tile_attribution", &c->tile_attribution));
    JUO_TRY(integer(t["limits"]["max_body_bytes"], "limits.max_body_bytes", 1024, 64LL << 20,
                    &c->max_body_bytes));
    JUO_TRY(integer(t["limits"]["read_timeout_seconds"], "limits.read_timeout_seconds", 1, 600,
                    &c->read_timeout_seconds));
    JUO_TRY(str(t["public_url"], "public_url", &c->public_url));
    JUO_TRY(str(t["mail"]["maildir"], "mail.maildir", &c->maildir));
    JUO_TRY(str(t["mail"]["smtp_url"], "mail.smtp_url", &c->smtp_url));
    JUO_TRY(str(t["mail"]["smtp_user"], "mail.smtp_user", &c->smtp_user));
    JUO_TRY(str(t["mail"]["from"], "mail.from", &c->mail_from));
    JUO_TRY(str(t["security"]["secret"], "security.secret", &c->secret_hex));
    auto boolean = [&](const toml::node_view<toml::node>& n, const char* key, bool* out) -> Status {
        if (!n) return Ok();
        if (auto v = n.value<bool>()) {
            *out = *v;
            return Ok();
        }
        return Bad(std::string("config key '") + key + "'", "must be true or false");
    };
    JUO_TRY(boolean(t["security"]["secure_cookies"], "security.secure_cookies", &c->secure_cookies));
    if (auto proxies = t["security"]["trusted_proxies"]; proxies) {
        const auto* list = proxies.as_array();
        if (!list) return Bad("config key 'security.trusted_proxies'", "must be a list of IP addresses");
        c->trusted_proxies.clear();
        for (const auto& item : *list) {
            auto address = item.value<std::string>();
            if (!address)
                return Bad("config key 'security.trusted_proxies'", "must be a list of IP addresses");
            c->trusted_proxies.push_back(*address);
        }
    }
    JUO_TRY(boolean(t["bookings"]["durable"], "bookings.durable", &c->durable));
    JUO_TRY(integer(t["bookings"]["offer_ttl_hours"], "bookings.offer_ttl_hours", 1, 24 * 14,
                    &c->offer_ttl_hours));
    JUO_TRY(integer(t["bookings"]["guest_per_address"], "bookings.guest_per_address", 1, 100,
                    &c->guest_per_address));
    JUO_TRY(integer(t["bookings"]["guest_per_client"], "bookings.guest_per_client", 1, 1000000000,
                    &c->guest_per_client));
    JUO_TRY(boolean(t["demo"], "demo", &c->demo));
    // [block: bounded queues and waiting room (issue 17)]
    JUO_TRY(integer(t["limits"]["max_queued_requests"], "limits.max_queued_requests", 0, 1'000'000,
                    &c->max_queued_requests));
    JUO_TRY(integer(t["limits"]["retry_after_seconds"], "limits.retry_after_seconds", 1, 3600,
                    &c->retry_after_seconds));
    JUO_TRY(integer(t["bookings"]["max_queue"], "bookings.max_queue", 1, 1'000'000, &c->booking_max_queue));
    JUO_TRY(boolean(t["waiting_room"]["enabled"], "waiting_room.enabled", &c->waiting_room));
    if (auto rate = t["waiting_room"]["rate_per_second"]; rate) {
        auto v = rate.value<double>();
        if (!v || !ValidRate(*v))
            return Bad("config key 'waiting_room.rate_per_second'", std::string("must be ") + kRateRange);
        c->waiting_room_rate = *v;
    }
    JUO_TRY(integer(t["waiting_room"]["engine_queue_threshold"], "waiting_room.engine_queue_threshold", 0,
                    1'000'000, &c->waiting_room_engine_queue));
    JUO_TRY(integer(t["waiting_room"]["admitted_minutes"], "waiting_room.admitted_minutes", 1, 24 * 60,
                    &c->waiting_room_admitted_minutes));
    JUO_TRY(integer(t["waiting_room"]["refresh_seconds"], "waiting_room.refresh_seconds", 5, 300,
                    &c->waiting_room_refresh_seconds));
    // [end of block: bounded queues and waiting room]
    // [block: retention (issue 21)]
    JUO_TRY(integer(t["retention"]["months"], "retention.months", 0, 1200, &c->retention_months));
    // [end of block: retention]
    return Ok();
}

Status ApplyEnvironment(const std::map<std::string, std::string>& env, ServeConfig* c) {
    auto get = [&](const char* name) -> const std::string* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : &it->second;
    };
    if (auto* v = get("JUO_DB")) c->db = *v;
    if (auto* v = get("JUO_LISTEN")) JUO_TRY(ParseListen(*v, c));
    if (auto* v = get("JUO_STATIC_DIR")) c->static_dir = *v;
    if (auto* v = get("JUO_TILE_URL")) c->tile_url = *v;
    if (auto* v = get("JUO_TILE_ATTRIBUTION")) c->tile_attribution = *v;
    if (auto* v = get("JUO_IO_THREADS")) {
        auto n = ParseInteger("JUO_IO_THREADS", *v, 1, 64);
        if (!n.ok()) return n.error();
        c->io_threads = static_cast<int>(*n);
    }
    if (auto* v = get("JUO_HANDLER_THREADS")) {
        auto n = ParseInteger("JUO_HANDLER_THREADS", *v, 1, 64);
        if (!n.ok()) return n.error();
        c->handler_threads = static_cast<int>(*n);
    }
    if (auto* v = get("JUO_HASH_THREADS")) {
        auto n = ParseInteger("JUO_HASH_THREADS", *v, 1, 64);
        if (!n.ok()) return n.error();
        c->hash_threads = static_cast<int>(*n);
    }
    if (auto* v = get("JUO_REFRESH_SECONDS")) {
        auto n = ParseInteger("JUO_REFRESH_SECONDS", *v, 1, 3600);
        if (!n.ok()) return n.error();
        c->refresh_seconds = static_cast<int>(*n);
    }
    if (auto* v = get("JUO_MAX_BODY_BYTES")) {
        auto n = ParseInteger("JUO_MAX_BODY_BYTES", *v, 1024, 64LL << 20);
        if (!n.ok()) return n.error();
        c->max_body_bytes = *n;
    }
    if (auto* v = get("JUO_PUBLIC_URL")) c->public_url = *v;
    if (auto* v = get("JUO_MAILDIR")) c->maildir = *v;
    if (auto* v = get("JUO_SMTP_URL")) c->smtp_url = *v;
    if (auto* v = get("JUO_SMTP_USER")) c->smtp_user = *v;
    if (auto* v = get("JUO_SMTP_PASSWORD")) c->smtp_password = *v;
    if (auto* v = get("JUO_MAIL_FROM")) c->mail_from = *v;
    if (auto* v = get("JUO_SECRET")) c->secret_hex = *v;
    auto flag = [&](const char* name, bool* out) -> Status {
        if (auto* v = get(name)) {
            if (*v != "0" && *v != "1") return Bad(name, "'" + *v + "' must be 0 or 1");
            *out = *v == "1";
        }
        return Ok();
    };
    JUO_TRY(flag("JUO_SECURE_COOKIES", &c->secure_cookies));
    if (auto* v = get("JUO_TRUSTED_PROXIES")) {  // comma-separated
        c->trusted_proxies.clear();
        std::string_view rest = *v;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string_view item = Trim(rest.substr(0, comma));
            if (!item.empty()) c->trusted_proxies.emplace_back(item);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    JUO_TRY(flag("JUO_DURABLE", &c->durable));
    JUO_TRY(flag("JUO_DEMO", &c->demo));
    if (auto* v = get("JUO_OFFER_TTL_HOURS")) {
        auto n = ParseInteger("JUO_OFFER_TTL_HOURS", *v, 1, 24 * 14);
        if (!n.ok()) return n.error();
        c->offer_ttl_hours = static_cast<int>(*n);
    }
    // [block: bounded queues and waiting room (issue 17)]
    auto whole = [&](const char* name, long long lo, long long hi, int* out) -> Status {
        if (auto* v = get(name)) {
            auto n = ParseInteger(name, *v, lo, hi);
            if (!n.ok()) return n.error();
            *out = static_cast<int>(*n);
        }
        return Ok();
    };
    JUO_TRY(whole("JUO_MAX_QUEUED_REQUESTS", 0, 1'000'000, &c->max_queued_requests));
    JUO_TRY(whole("JUO_RETRY_AFTER_SECONDS", 1, 3600, &c->retry_after_seconds));
    JUO_TRY(whole("JUO_BOOKING_MAX_QUEUE", 1, 1'000'000, &c->booking_max_queue));
    JUO_TRY(flag("JUO_WAITING_ROOM", &c->waiting_room));
    JUO_TRY(whole("JUO_WAITING_ROOM_ENGINE_QUEUE", 0, 1'000'000, &c->waiting_room_engine_queue));
    if (auto* v = get("JUO_WAITING_ROOM_RATE")) {  // decimals, as the TOML key
        auto n = ParseRate("JUO_WAITING_ROOM_RATE", *v);
        if (!n.ok()) return n.error();
        c->waiting_room_rate = *n;
    }
    // [end of block: bounded queues and waiting room]
    if (auto* v = get("JUO_GUEST_PER_CLIENT")) {
        auto n = ParseInteger("JUO_GUEST_PER_CLIENT", *v, 1, 1000000000);
        if (!n.ok()) return n.error();
        c->guest_per_client = static_cast<int>(*n);
    }
    // [block: retention (issue 21)]
    if (auto* v = get("JUO_RETENTION_MONTHS")) {
        auto n = ParseInteger("JUO_RETENTION_MONTHS", *v, 0, 1200);
        if (!n.ok()) return n.error();
        c->retention_months = static_cast<int>(*n);
    }
    // [end of block: retention]
    if (auto* v = get("JUO_READ_TIMEOUT_SECONDS")) {
        auto n = ParseInteger("JUO_READ_TIMEOUT_SECONDS", *v, 1, 600);
        if (!n.ok()) return n.error();
        c->read_timeout_seconds = static_cast<int>(*n);
    }
    return Ok();
}

Status ValidateServeConfig(const ServeConfig& c) {
    if (c.db.empty()) return Bad("db", "is empty");
    if (c.tile_url.rfind("https://", 0) != 0 && c.tile_url.rfind("http://", 0) != 0)
        return Bad("map.tile_url", "'" + c.tile_url + "' must start with http:// or https://");
    for (const char* part : {"{z}", "{x}", "{y}"})
        if (c.tile_url.find(part) == std::string::npos)
            return Bad("map.tile_url", "'" + c.tile_url + "' must contain {z}, {x} and {y}");
    for (char ch : c.tile_url + c.tile_attribution)
        if (ch == '\r' || ch == '\n' || ch == '"' || ch == ';')
            return Bad("map", "tile URL or attribution holds a forbidden character");
    if (c.public_url.rfind("https://", 0) != 0 && c.public_url.rfind("http://", 0) != 0)
        return Bad("public_url", "'" + c.public_url + "' must start with http:// or https://");
    if (!c.public_url.empty() && c.public_url.back() == '/')
        return Bad("public_url", "'" + c.public_url + "' must not end with '/'");
    if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0)
        return Bad("mail.smtp_url", "'" + c.smtp_url + "' must start with smtp:// or smtps://");
    for (const auto& proxy : c.trusted_proxies)
        if (!http::IsIpAddress(proxy))
            return Bad("security.trusted_proxies", "'" + proxy + "' is not an IP address");
    // The demo shows every e-mail of the outbox to anyone: never a shared production database.
    if (c.demo && (c.db.rfind("postgresql://", 0) == 0 || c.db.rfind("postgres://", 0) == 0))
        return Bad("demo", "demo mode is for a local SQLite demo, not a PostgreSQL database (--db " +
                               std::string(c.db.substr(0, c.db.find(':'))) + "://…)");
    if (!c.secret_hex.empty()) {
        bool hex = c.secret_hex.size() == 64;
        for (char ch : c.secret_hex) hex = hex && std::isxdigit(static_cast<unsigned char>(ch));
        if (!hex) return Bad("security.secret", "must be 64 hexadecimal digits (32 bytes)");
    }
    return Ok();
}

std::string TileOrigin(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    auto end = url.find('/', scheme + 3);
    std::string origin = url.substr(0, end);
    // Tile servers with subdomains ("{s}.tile.example.org") need a wildcard in the CSP.
    if (auto s = origin.find("{s}."); s != std::string::npos) origin.replace(s, 3, "*");
    return origin;
}

}  // namespace juo::cli

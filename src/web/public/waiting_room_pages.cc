// The waiting room's gate and page (waiting_room_pages.h).
#include "web/public/waiting_room_pages.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

#include "booking/engine.h"
#include "common/paris_time.h"
#include "http/router.h"
#include "web/kit/i18n.h"
#include "web/kit/page_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

std::mutex config_mutex;
WaitingRoomConfig config;  // guarded by config_mutex (written at start-up, copied on use)

WaitingRoomConfig Config() {
    std::lock_guard lock(config_mutex);
    return config;
}

std::string TicketCookie(const std::string& token, const WaitingRoomConfig& c, bool secure) {
    // Long enough for the hour before the opening, the queue and the admission after it.
    const long long max_age = c.options.opens_before_seconds + c.options.admitted_seconds + 6 * 3600;
    return std::string(kWaitingRoomCookie) + "=" + token + "; Path=/; Max-Age=" + std::to_string(max_age) +
           "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

Result<services::WaitingPlace> Place(const PeopleContext& ctx, const http::Request& request,
                                     const WaitingRoomConfig& c) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    const bool overloaded = c.engine_queue_threshold > 0 && ctx.engine != nullptr &&
                            ctx.engine->queue_depth() > c.engine_queue_threshold;
    return services::ArriveAtWaitingRoom(**db, c.options, request.Cookie(kWaitingRoomCookie).value_or(""),
                                         static_cast<long long>(std::time(nullptr)), overloaded);
}

std::string RoomUrl(const http::Request& request, const std::string& suite) {
    return PageLink(request, kWaitingRoomPath, {{"suite", suite}});
}

std::string WaitText(long long seconds, Lang lang) {
    if (seconds < 60) return MsgString(lang, "waiting_room_wait_less_than_a_minute");
    const long long minutes = (seconds + 59) / 60;
    if (minutes < 120) return MsgFormat(lang, "waiting_room_wait_minutes", {FormatNumber(minutes, lang)});
    return MsgFormat(lang, "waiting_room_wait_hours", {FormatNumber((minutes + 59) / 60, lang)});
}

http::Response RoomPage(const PeopleContext& ctx, const http::Request& request) {
    const WaitingRoomConfig c = Config();
    const std::string* asked = request.Query("suite");
    const std::string suite = SafeNext(asked ? *asked : std::string(), "/");
    if (!c.enabled) return http::Response::Redirect(suite);
    auto place = Place(ctx, request, c);
    if (!place.ok()) return RefusalPage(request, place.error());
    if (place->pass) {
        http::Response go = http::Response::Redirect(suite);
        if (!place->new_token.empty()) go.AddHeader("Set-Cookie", TicketCookie(place->new_token, c, ctx.secure_cookies));
        return go;
    }
    const PageRequest page(request);
    const Lang lang = page.lang();
    PageData d = CommonPageData(page, MsgString(lang, "waiting_room_title"));
    d.set("opening", FormatParisInstant(place->opening, lang));
    if (place->before_opening) {
        d.set("before_opening", true);
        d.set("draw_text", MsgFormat(lang, "waiting_room_draw", {FormatParisInstant(place->opening, lang)}));
        d.set("waiting_text", MsgCount(lang, "waiting_room_others", place->waiting));
    } else {
        d.set("position_text", MsgCount(lang, "waiting_room_position", place->ahead));
        d.set("rank_text", MsgFormat(lang, "waiting_room_rank", {FormatNumber(place->rank, lang)}));
        d.set("wait_text", WaitText(place->wait_seconds, lang));
    }
    d.set("refresh_text", MsgFormat(lang, "waiting_room_refresh", {std::to_string(c.options.refresh_seconds)}));
    const std::string self = RoomUrl(request, suite);
    d.set("self_url", self);
    http::Response response = PageResponse(page, 200, RenderInLayout("waiting_room", d));
    // Reloads itself without JavaScript; never kept by a cache (the place changes).
    response.AddHeader("Refresh", std::to_string(c.options.refresh_seconds) + "; url=" + self);
    std::erase_if(response.headers, [](const auto& h) { return h.first == "Cache-Control"; });
    response.AddHeader("Cache-Control", "no-store");
    if (!place->new_token.empty())
        response.AddHeader("Set-Cookie", TicketCookie(place->new_token, c, ctx.secure_cookies));
    return response;
}

}  // namespace

void ConfigureWaitingRoom(const WaitingRoomConfig& c) {
    std::lock_guard lock(config_mutex);
    config = c;
}

namespace {

// The last time (steady clock, ms) a visitor without a ticket was let through with none taken:
// the room was not engaged then. For WaitingRoomConfig::quiet_reuse_ms after it, visitors without
// a ticket pass without asking the database again, unless the engine is behind (the room then
// engages at once). So a rush of page bookings costs the gate no query; an opening seen by
// another app server engages here at most that much later.
std::atomic<long long> room_quiet_at_ms{-1'000'000'000};

long long SteadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::optional<http::Response> WaitingRoomGate(const PeopleContext& ctx, const http::Request& request) {
    const WaitingRoomConfig c = Config();
    if (!c.enabled) return std::nullopt;
    const bool has_ticket = request.Cookie(kWaitingRoomCookie).has_value();
    const bool overloaded = c.engine_queue_threshold > 0 && ctx.engine != nullptr &&
                            ctx.engine->queue_depth() > c.engine_queue_threshold;
    if (!has_ticket && !overloaded && c.quiet_reuse_ms > 0 &&
        SteadyMs() - room_quiet_at_ms.load(std::memory_order_relaxed) < c.quiet_reuse_ms)
        return std::nullopt;
    auto place = Place(ctx, request, c);
    if (place.ok() && !has_ticket && place->pass && place->new_token.empty())
        room_quiet_at_ms.store(SteadyMs(), std::memory_order_relaxed);
    if (!place.ok()) {
        spdlog::warn("waiting room: {}", place.error().message);
        return std::nullopt;
    }
    const std::string here = SafeNext(request.target, "/");
    if (place->pass && place->new_token.empty()) return std::nullopt;
    // Let through at once with a ticket just taken (the server is behind but this rank's turn has
    // come): back to the page with the cookie, so that the admission holds for the next requests.
    http::Response go = http::Response::Redirect(place->pass ? here : RoomUrl(request, here));
    if (!place->new_token.empty()) go.AddHeader("Set-Cookie", TicketCookie(place->new_token, c, ctx.secure_cookies));
    go.AddHeader("Cache-Control", "no-store");
    return go;
}

void RegisterWaitingRoomPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", std::string(kWaitingRoomPath), [ctx](const http::Request& req) { return RoomPage(ctx, req); });
}

}  // namespace juo::web

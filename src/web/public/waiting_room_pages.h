// The waiting room's web side (issue 17, docs/adr/0010; the logic is services/waiting_room.h):
//
//   GET /file-d-attente?suite=/reserver/42   the room: the visitor's place in line and an
//                                            estimated wait, reloaded every few seconds by the
//                                            Refresh header (no JavaScript); once let through,
//                                            303 to `suite` (a local path only, as SafeNext)
//
// and WaitingRoomGate, the check a gated page (the booking form, GET and POST /reserver/{id})
// calls first: nullopt lets the request through; otherwise the answer to send, a 303 to the room
// (with the ticket's cookie when one was just taken). The ticket lives in the cookie juo_file
// (HttpOnly, SameSite=Lax; only its hash is stored).
//
// Thread-safety: ConfigureWaitingRoom at start-up, before the server runs; the gate and the
// page run on any handler thread, on this thread's connection (services::ThreadDb).
#pragma once

#include <optional>
#include <string_view>

#include "http/message.h"
#include "services/waiting_room.h"
#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

inline constexpr std::string_view kWaitingRoomPath = "/file-d-attente";
inline constexpr std::string_view kWaitingRoomCookie = "juo_file";

struct WaitingRoomConfig {
    bool enabled = true;  // false: the gate always lets through
    services::WaitingRoomOptions options;
    // The room engages for newcomers after the opening too when this many booking commands wait
    // for the engine (the server no longer confirms in time); 0: never for that reason.
    int engine_queue_threshold = 512;
    // Once the room let a visitor without a ticket through without taking one (not engaged),
    // others without a ticket pass this long (milliseconds) without a query, unless the engine
    // is behind. 0: ask every time (tests); `juo serve`: a second.
    long long quiet_reuse_ms = 0;
};

// The process's waiting room settings (defaults until called). Call before the server runs.
void ConfigureWaitingRoom(const WaitingRoomConfig& config);

// The gate of a page behind the waiting room: nullopt to go on, else the answer (a 303 to the
// room, `suite` being this request's target). A database failure lets the request through (the
// page itself then says what is wrong). While the room is quiet, visitors without a ticket pass
// without a query (WaitingRoomConfig::quiet_reuse_ms).
std::optional<http::Response> WaitingRoomGate(const PeopleContext& ctx, const http::Request& request);

// Adds GET /file-d-attente. Throws std::invalid_argument when the route is taken.
void RegisterWaitingRoomPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

// The check-in page of hosts at the door (phone first, issue 19): the day's expected parties and
// groups at the host's sites with the live totals (booked, arrived, no-show), a search by name or
// code (a plain GET; static/js/checkin.js filters as one types), a "check in" per line with the
// headcount (a group's is typed), an undo per checked-in line, and the code box (scan the QR code
// with the camera where the browser can, or type the code: any case, dashes and spaces ignored).
// Every check-in and undo goes through the capacity engine and feeds the bilan's attended counts.
// Issue 19 (3), ADR 0022: the page links its own manifest (/static/checkin.webmanifest: installed
// as an app that opens here) and its script registers a service worker (/static/js/checkin-sw.js)
// and works offline against the day's list kept on the phone (api/api_check_ins.h).
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext; the POST hands its command
// to the engine and answers from the engine's callback (a redirect, or the page read before).
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterCheckInPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

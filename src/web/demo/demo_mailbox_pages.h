// Demo mode's mailbox (issue 22), registered only by `juo serve --demo` (RoutesContext::demo):
//
//   GET /demo/courriels                    the e-mails of the outbox, newest first, 50 a page
//                                          (?page=2…): recipient, subject, date, status (sent,
//                                          pending), the text escaped with its links clickable,
//                                          the QR ticket shown and every attachment downloadable
//   GET /demo/courriels/{id}/pieces/{n}    attachment n (from 1) of e-mail id, with its type:
//                                          the QR PNG inline, the .ics (text/calendar) to download
//
// Anyone may read them (auth/authorisation.cc): a demo database holds demo people only, and
// without --demo the routes do not exist (404). The use case is services/demo_mailbox.h.
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

inline constexpr std::string_view kDemoMailboxPath = "/demo/courriels";

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterDemoMailboxPages(http::Router& router, const PeopleContext& ctx);

// A piece of an e-mail's text: plain text, or an http(s) link (the URL as written).
struct TextPiece {
    std::string text;
    bool link = false;
};
// `text` cut into plain pieces and links: a link starts with "http://" or "https://" and runs to
// the next space or control character, without a final . , ; : ! ? ) ] or quote. Joining the
// pieces gives `text` back.
std::vector<TextPiece> SplitLinks(std::string_view text);

}  // namespace juo::web

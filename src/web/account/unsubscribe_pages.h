// Leaving the tour reminders or the surveys by the List-Unsubscribe link of their e-mails (issue 20,
// ADR 0014; services/mail_opt_outs.h): /desabonnement?liste=…&adresse=…&jeton=…
//   - GET shows a small page, French then English, asking to confirm with a button. It changes
//     nothing: mail scanners and link previews fetch links, and must not unsubscribe anyone.
//   - POST records the opt-out: the page's button, or the mail client's one-click POST (RFC 8058,
//     body "List-Unsubscribe=One-Click", sent to the URL of the List-Unsubscribe header). The
//     link's parts come from the query string (the header's URL), or else from the form.
// The POST is exempt from the CSRF token on purpose: a mail client's one-click POST cannot carry
// one (it has no page and no cookie), and the link's own HMAC token already does what a CSRF token
// would: only the holder of the e-mail can make the request, for that address and list only. So
// the POST does not go through Admit (which asks a cookie's caller for the session's CSRF token);
// its rule in auth/authorisation.cc is "everyone".
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// The page's path.
inline constexpr const char* kUnsubscribePath = "/desabonnement";

// Adds the GET and POST routes to `router` (their rules: auth/authorisation.cc). Without
// ctx.unsubscribe every link is refused (403). Throws std::invalid_argument when a route is taken.
void RegisterUnsubscribePages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web

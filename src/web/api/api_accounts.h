// The JSON API of accounts: sign-up (the confirmation link goes out by e-mail, written in the
// same transaction), address confirmation, login (rate-limited; answers the session id for API
// clients and sets the session cookie for browsers, with the CSRF token to send back), logout,
// password reset request and confirmation, and "me". Routes that hash passwords run on the
// handler pool (argon2id takes tens of milliseconds).
//
// Thread-safety: handlers only use the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterAccountApi(http::Router& router, const PeopleContext& context);

}  // namespace juo::web

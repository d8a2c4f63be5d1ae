// E-mail addresses as accounts store them: one spelling per address, so that "  Anne@Ex.FR "
// and "anne@ex.fr" are the same account (sign-up, login, reset, rate limiting).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace juo::auth {

// Trims ASCII white space and lowercases ASCII letters, then checks the address: one '@', a
// local part of 1–64 bytes, a dotted domain, no spaces or control characters, at most 254 bytes
// (domain::IsPlausibleEmail plus those limits). Fails with kInvalidArgument, in English and
// French, naming the problem.
Result<std::string> NormaliseEmail(std::string_view raw);

}  // namespace juo::auth

// Account steps that hash a password, off the HTTP handler threads (issue 17): an asynchronous
// route decodes its request on the I/O thread, then OnHashingPool runs the step — throttle
// check, hash, short write, the response — on the hashing pool (auth/hashing_pool.h), which
// replies. When the pool's queue is full the route answers at once with 503 and Retry-After;
// a throttle's refusal is a 429 with Retry-After.
//
// Thread-safety: as PeopleContext's services. `work` runs on a pool thread, with that thread's
// own database connection (services::ThreadDb).
#pragma once

#include <functional>

#include "common/result.h"
#include "http/message.h"
#include "web/kit/caller.h"

namespace juo::web {

// Runs `work` on ctx.hashing (on the calling thread when there is no pool) and replies with its
// response. When the pool refuses (queue full, or stopping), replies `busy(error)` at once with
// a Retry-After header added (auth::HashingPool::kRetryAfterSeconds).
void OnHashingPool(const PeopleContext& ctx, http::Reply reply, std::function<http::Response()> work,
                   std::function<http::Response(const Error&)> busy);

// As OnHashingPool, for a step whose write runs elsewhere: `work` gets the reply and answers
// through it, now or later (after ThenWrite).
void OnHashingPoolWithReply(const PeopleContext& ctx, http::Reply reply, std::function<void(http::Reply)> work,
                            std::function<http::Response(const Error&)> busy);

// Runs `write` on ctx.write_steps (on the calling thread when there is none) and replies with its
// response; when that queue is full, replies `busy(error)` with Retry-After. For a hashed step's
// short write, so that its durable commit never holds a hashing thread.
void ThenWrite(const PeopleContext& ctx, http::Reply reply, std::function<http::Response()> write,
               std::function<http::Response(const Error&)> busy);

// The seconds to wait when `throttle` refuses one more request for `email` from `client_ip`
// (0: admitted, and counted). No throttle: 0. On this thread's connection when shared.
long long ThrottleWait(const PeopleContext& ctx, auth::RequestThrottle* throttle, std::string_view email,
                       std::string_view client_ip);

// Sets Retry-After to `seconds` (at least 1).
void SetRetryAfter(http::Response& response, long long seconds);

}  // namespace juo::web

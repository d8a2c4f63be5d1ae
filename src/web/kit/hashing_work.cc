// Account steps on the hashing pool (see hashing_work.h).
#include "web/kit/hashing_work.h"

#include <algorithm>
#include <memory>

namespace juo::web {

void SetRetryAfter(http::Response& response, long long seconds) {
    response.AddHeader("Retry-After", std::to_string(std::max<long long>(1, seconds)));
}

void OnHashingPool(const PeopleContext& ctx, http::Reply reply, std::function<http::Response()> work,
                   std::function<http::Response(const Error&)> busy) {
    if (ctx.hashing == nullptr) {
        reply(work());
        return;
    }
    // The reply is shared: if Submit refuses, the job (and its copy) is dropped unrun.
    auto shared_reply = std::make_shared<http::Reply>(std::move(reply));
    Status queued = ctx.hashing->Submit([shared_reply, work = std::move(work)] { (*shared_reply)(work()); });
    if (!queued.ok()) {
        http::Response r = busy(queued.error());
        SetRetryAfter(r, auth::HashingPool::kRetryAfterSeconds);
        (*shared_reply)(std::move(r));
    }
}

void OnHashingPoolWithReply(const PeopleContext& ctx, http::Reply reply, std::function<void(http::Reply)> work,
                            std::function<http::Response(const Error&)> busy) {
    if (ctx.hashing == nullptr) {
        work(std::move(reply));
        return;
    }
    auto shared_reply = std::make_shared<http::Reply>(std::move(reply));
    Status queued = ctx.hashing->Submit([shared_reply, work = std::move(work)] { work(*shared_reply); });
    if (!queued.ok()) {
        http::Response r = busy(queued.error());
        SetRetryAfter(r, auth::HashingPool::kRetryAfterSeconds);
        (*shared_reply)(std::move(r));
    }
}

void ThenWrite(const PeopleContext& ctx, http::Reply reply, std::function<http::Response()> write,
               std::function<http::Response(const Error&)> busy) {
    if (ctx.write_steps == nullptr) {
        reply(write());
        return;
    }
    auto shared_reply = std::make_shared<http::Reply>(std::move(reply));
    Status queued = ctx.write_steps->Submit([shared_reply, write = std::move(write)] { (*shared_reply)(write()); });
    if (!queued.ok()) {
        http::Response r = busy(queued.error());
        SetRetryAfter(r, auth::HashingPool::kRetryAfterSeconds);
        (*shared_reply)(std::move(r));
    }
}

long long ThrottleWait(const PeopleContext& ctx, auth::RequestThrottle* throttle, std::string_view email,
                       std::string_view client_ip) {
    if (throttle == nullptr) return 0;
    services::Db* db = nullptr;
    if (throttle->config().shared) {
        auto thread_db = services::ThreadDb(*ctx.db);
        if (thread_db.ok()) db = *thread_db;
    }
    return throttle->Take(email, client_ip, db);
}

}  // namespace juo::web

// Long reads and writes of whole allocation runs (issue 18: 51,366 decisions each at scale 75)
// off the HTTP handler threads: RunAside hands `work` to one of the round runner's aside threads
// (services::RoundRunner::RunAside: a few, each with its database connection, and a bounded
// queue), and the route answers from `work` — with a 503 when `work` gets kUnavailable (the queue
// is full, the server is stopping, or no connection). Without a runner (tests that build a context
// without one), `work` runs on the calling thread with that thread's connection
// (services::ThreadDb).
//
// Thread-safety: as PeopleContext's services; `work` runs once, on one thread.
#pragma once

#include <functional>

#include "common/result.h"
#include "services/db.h"
#include "web/kit/caller.h"

namespace juo::web {

void RunAside(const PeopleContext& ctx, std::function<void(Result<services::Db*>)> work);

}  // namespace juo::web

// RunAside: the round runner's thread, or the caller's without one.
#include "web/kit/run_aside.h"

#include "services/allocation_rounds.h"

namespace juo::web {

void RunAside(const PeopleContext& ctx, std::function<void(Result<services::Db*>)> work) {
    if (!ctx.rounds) return work(services::ThreadDb(*ctx.db));
    ctx.rounds->RunAside(std::move(work));
}

}  // namespace juo::web

// Thread names and priorities (see this_thread.h).
#include "common/this_thread.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace juo {

void NameThisThread(std::string_view name) {
    const std::string kept(name.substr(0, 15));
    pthread_setname_np(pthread_self(), kept.c_str());
}

bool LowerThisThreadsPriority(int steps) {
    if (steps <= 0) return true;
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    errno = 0;
    const int now = getpriority(PRIO_PROCESS, tid);
    if (now == -1 && errno != 0) return false;
    return setpriority(PRIO_PROCESS, tid, std::clamp(now + steps, -20, 19)) == 0;
}

}  // namespace juo

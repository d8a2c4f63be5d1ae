#include "common/this_thread.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <thread>

namespace juo {
namespace {

std::string CurrentName() {
    char name[16] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    return name;
}

int CurrentNiceness() { return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))); }

TEST(ThisThread, NamesTheThreadWithinTheKernelsFifteenBytes) {
    std::thread([] {
        NameThisThread("juo-mail");
        EXPECT_EQ(CurrentName(), "juo-mail");
        NameThisThread("juo-a-very-long-thread-name");
        EXPECT_EQ(CurrentName(), "juo-a-very-long");
    }).join();
}

TEST(ThisThread, LowersOnlyTheCallingThreadsPriority) {
    const int before = CurrentNiceness();
    int inside = 0;
    std::thread([&] {
        EXPECT_TRUE(LowerThisThreadsPriority(3));
        inside = CurrentNiceness();
        EXPECT_TRUE(LowerThisThreadsPriority(100));  // clamped
        EXPECT_EQ(CurrentNiceness(), 19);
    }).join();
    EXPECT_EQ(inside, std::min(before + 3, 19));
    EXPECT_EQ(CurrentNiceness(), before);  // this thread untouched
}

}  // namespace
}  // namespace juo

// Tests of the hashing pool: the bound on running jobs, the refusal when the queue is full,
// results delivered, and a clean stop that runs what was queued.
#include "auth/hashing_pool.h"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <vector>

#include "auth/password.h"

namespace juo::auth {
namespace {

// A gate the test opens: jobs wait on it so that the queue fills.
struct Gate {
    std::promise<void> open;
    std::shared_future<void> opened = open.get_future().share();
};

TEST(HashingPoolTest, RunsAtMostItsThreadsAtOnce) {
    HashingPool pool({2, 64});
    EXPECT_EQ(pool.threads(), 2);
    std::atomic<int> running{0}, peak{0}, done{0};
    for (int i = 0; i < 20; ++i)
        ASSERT_TRUE(pool.Submit([&] {
                        int now = ++running;
                        int seen = peak.load();
                        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
                        }
                        (void)HashPassword("un long mot de passe", PasswordCost::ForTests());
                        std::this_thread::sleep_for(std::chrono::milliseconds(2));
                        --running;
                        ++done;
                    }).ok());
    pool.Stop();
    EXPECT_EQ(done.load(), 20);
    EXPECT_LE(peak.load(), 2);
    EXPECT_LE(pool.peak_running(), 2);
}

TEST(HashingPoolTest, DefaultsToOneThreadPerCore) {
    HashingPool pool;
    EXPECT_GE(pool.threads(), 1);
    EXPECT_EQ(pool.queue_capacity(), 64u);
}

TEST(HashingPoolTest, RefusesAtOnceWhenTheQueueIsFull) {
    HashingPool pool({1, 3});
    Gate gate;
    std::atomic<int> ran{0};
    std::promise<void> started;
    // The one thread takes the first job and waits on the gate...
    ASSERT_TRUE(pool.Submit([&] {
                    started.set_value();
                    gate.opened.wait();
                    ++ran;
                }).ok());
    started.get_future().wait();
    // ...three more fill the queue, and the fifth is refused without waiting.
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(pool.Submit([&] { ++ran; }).ok()) << i;
    EXPECT_EQ(pool.queued(), 3u);
    auto refused = pool.Submit([&] { ran += 100; });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE(refused.error().message_fr.empty());
    gate.open.set_value();
    pool.Stop();
    EXPECT_EQ(ran.load(), 4);  // the refused job never ran
}

TEST(HashingPoolTest, DeliversResults) {
    HashingPool pool({2, 8});
    std::promise<Result<std::string>> hashed;
    ASSERT_TRUE(pool.Submit([&] { hashed.set_value(HashPassword("un long mot de passe", PasswordCost::ForTests())); })
                    .ok());
    auto hash = hashed.get_future().get();
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(VerifyPassword(*hash, "un long mot de passe"));
}

// Hashes run below the other threads: the pool's threads are `nice` steps nicer than the process
// (capped at 19, the nicest).
TEST(HashingPoolTest, ItsThreadsRunAtALowerPriority) {
    const int process = getpriority(PRIO_PROCESS, 0);
    HashingPool pool({1, 8, 10});
    std::promise<int> seen;
    ASSERT_TRUE(pool.Submit([&] { seen.set_value(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)))); })
                    .ok());
    EXPECT_EQ(seen.get_future().get(), std::min(19, process + 10));
    EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))), process) << "the caller's is unchanged";
}

TEST(HashingPoolTest, StopRunsWhatIsQueuedThenRefuses) {
    std::atomic<int> ran{0};
    HashingPool pool({1, 16});
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(pool.Submit([&] { ++ran; }).ok());
    pool.Stop();
    EXPECT_EQ(ran.load(), 10);
    EXPECT_FALSE(pool.Submit([&] { ++ran; }).ok());
    pool.Stop();  // idempotent
    EXPECT_EQ(ran.load(), 10);
}

TEST(HashingPoolTest, AThrowingJobDoesNotStopThePool) {
    HashingPool pool({1, 4});
    std::promise<void> after;
    ASSERT_TRUE(pool.Submit([] { throw std::runtime_error("bug"); }).ok());
    ASSERT_TRUE(pool.Submit([&] { after.set_value(); }).ok());
    EXPECT_EQ(after.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

// Issue 17: during a booking rush the threads rest as long as each job took (at most half of
// their time hashing); with no rush they do not rest at all.
TEST(HashingPoolTest, InABookingRushItsThreadsRestAsLongAsEachJobTook) {
    std::atomic<bool> rush{false};
    std::mutex m;
    std::vector<std::chrono::steady_clock::duration> rests;
    HashingPoolOptions options{1, 16};
    options.busy = [&] { return rush.load(); };
    options.rest = [&](std::chrono::steady_clock::duration d) {
        std::lock_guard lock(m);
        rests.push_back(d);
    };
    const auto job = std::chrono::milliseconds(5);
    {
        HashingPool pool(options);
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(pool.Submit([&] { std::this_thread::sleep_for(job); }).ok());
        pool.Stop();
    }
    EXPECT_TRUE(rests.empty());  // no rush: no rest
    rush = true;
    {
        HashingPool pool(options);
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(pool.Submit([&] { std::this_thread::sleep_for(job); }).ok());
        pool.Stop();
    }
    ASSERT_EQ(rests.size(), 3u);
    for (auto d : rests) EXPECT_GE(d, job);  // as long as the job took, at least
}

}  // namespace
}  // namespace juo::auth

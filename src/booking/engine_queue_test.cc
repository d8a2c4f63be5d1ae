// The booking engine's bounded queue (issue 17): past max_queue waiting commands, Submit answers
// kUnavailable at once (the API and pages turn it into 503 + Retry-After) and counts the refusal;
// the commands already queued are executed as usual.
#include <future>
#include <thread>

#include "booking/booking_test_fixture.h"
#include "booking/engine_metrics.h"

namespace juo::booking {
namespace {

TEST_F(BookingTest, AFullQueueRefusesAtOnceAndExecutesWhatItHolds) {
    engine_.reset();
    EngineOptions o;
    o.db_url = url_;
    o.durable = false;
    o.sweep_every = std::chrono::hours(1);
    o.remind_every = std::chrono::hours(1);
    o.max_queue = 3;
    auto started = BookingEngine::Start(o);
    ASSERT_TRUE(started.ok()) << started.error().message;
    engine_ = std::move(*started);

    // The first command's answer holds the writer thread until the test lets it go, so that the
    // next ones stay queued.
    std::promise<void> entered, release;
    auto released = release.get_future().share();
    engine_->Submit(Book{users_[0], session_, 1, domain::Audience::kPublic, "", false}, [&](Result<Outcome>) {
        entered.set_value();
        released.wait();
    });
    entered.get_future().wait();
    std::vector<std::future<Result<Outcome>>> queued;
    for (int i = 1; i <= 3; ++i) {
        auto promise = std::make_shared<std::promise<Result<Outcome>>>();
        queued.push_back(promise->get_future());
        engine_->Submit(Book{users_[i], session_, 1, domain::Audience::kPublic, "", false},
                        [promise](Result<Outcome> r) { promise->set_value(std::move(r)); });
    }
    EXPECT_EQ(engine_->queue_depth(), 3);
    std::optional<Result<Outcome>> refused;
    const auto thread = std::this_thread::get_id();
    std::thread::id answered_on;
    engine_->Submit(Book{users_[9], session_, 1, domain::Audience::kPublic, "", false}, [&](Result<Outcome> r) {
        answered_on = std::this_thread::get_id();
        refused = std::move(r);
    });
    ASSERT_TRUE(refused.has_value());  // answered at once, on the submitting thread
    EXPECT_EQ(answered_on, thread);
    ASSERT_FALSE(refused->ok());
    EXPECT_EQ(refused->error().code, ErrorCode::kUnavailable);
    EXPECT_FALSE(refused->error().message_fr.empty());
    EXPECT_EQ(engine_->stats().refused, 1);
    EXPECT_NE(RenderEngineMetrics(engine_->stats()).find("\njuo_booking_commands_refused_total 1\n"),
              std::string::npos);
    EXPECT_NE(RenderEngineMetrics(engine_->stats()).find("\njuo_booking_queue_depth 3\n"), std::string::npos);

    release.set_value();
    for (auto& f : queued) {
        auto r = f.get();
        EXPECT_TRUE(r.ok()) << r.error().message;
    }
    EXPECT_EQ(PlacesTaken(), 4);  // the first and the three queued, not the refused one
    EXPECT_EQ(engine_->queue_depth(), 0);
    EXPECT_TRUE(BookParty(users_[9], 1).ok());  // room again
}

}  // namespace
}  // namespace juo::booking

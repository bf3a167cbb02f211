// The deadline thread: order, cancel, and a callback that destroys the queue's owner.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

#include "../../src/node/timer_queue.hpp"

using rclite::detail::TimerQueue;
using namespace std::chrono_literals;

TEST(TimerQueue, RunsCallbacksInTimeOrder) {
  TimerQueue queue;
  std::vector<int> order;
  std::promise<void> done;
  const auto now = TimerQueue::Clock::now();
  queue.schedule(now + 60ms, [&] { order.push_back(3); done.set_value(); });
  queue.schedule(now + 20ms, [&] { order.push_back(1); });
  queue.schedule(now + 40ms, [&] { order.push_back(2); });
  ASSERT_EQ(done.get_future().wait_for(2s), std::future_status::ready);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(TimerQueue, CancelledCallbacksNeverRun) {
  TimerQueue queue;
  std::atomic<bool> ran{false};
  const auto id = queue.schedule(TimerQueue::Clock::now() + 50ms, [&] { ran = true; });
  EXPECT_TRUE(queue.cancel(id));
  EXPECT_FALSE(queue.cancel(id));
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(ran);
  EXPECT_EQ(queue.size(), 0u);
}

TEST(TimerQueue, ACallbackMayDestroyTheQueue) {
  auto queue = std::make_shared<TimerQueue>();
  std::promise<void> done;
  auto* raw = queue.get();
  // The callback holds the last reference: destroying the queue from its own thread must not hang.
  raw->schedule(TimerQueue::Clock::now(), [owner = std::move(queue), &done]() mutable {
    owner.reset();
    done.set_value();
  });
  EXPECT_EQ(done.get_future().wait_for(2s), std::future_status::ready);
}

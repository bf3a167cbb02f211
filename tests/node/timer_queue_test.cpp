// The deadline thread: order, cancel, and a callback that destroys the queue's owner.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "../../src/node/timer_queue.hpp"
#include "support/patience.hpp"

using rclite::detail::TimerQueue;
using namespace std::chrono_literals;
using rclite::test::kPatience;

// The queue's thread runs one callback at a time: one that waits for `gate` holds back every other
// callback until the test has scheduled (and cancelled) what it wants, however slow the machine.
std::promise<void> hold_the_queue(TimerQueue& queue) {
  std::promise<void> gate;
  queue.schedule(TimerQueue::Clock::now(), [opened = gate.get_future().share()] { opened.wait(); });
  return gate;
}

TEST(TimerQueue, RunsCallbacksInTimeOrder) {
  TimerQueue queue;
  std::vector<int> order;
  std::promise<void> done;
  auto gate = hold_the_queue(queue);
  const auto now = TimerQueue::Clock::now();
  queue.schedule(now + 60ms, [&] { order.push_back(3); done.set_value(); });
  queue.schedule(now + 20ms, [&] { order.push_back(1); });
  queue.schedule(now + 40ms, [&] { order.push_back(2); });
  gate.set_value();
  ASSERT_EQ(done.get_future().wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(TimerQueue, CancelledCallbacksNeverRun) {
  TimerQueue queue;
  std::atomic<bool> ran{false};
  std::promise<void> later;
  auto gate = hold_the_queue(queue);
  const auto now = TimerQueue::Clock::now();
  const auto id = queue.schedule(now + 50ms, [&] { ran = true; });
  queue.schedule(now + 100ms, [&] { later.set_value(); });
  EXPECT_TRUE(queue.cancel(id));
  EXPECT_FALSE(queue.cancel(id));
  gate.set_value();
  // Callbacks run in time order: once the later one has run, the cancelled one would have.
  ASSERT_EQ(later.get_future().wait_for(kPatience), std::future_status::ready);
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
  EXPECT_EQ(done.get_future().wait_for(kPatience), std::future_status::ready);
}

// The context's shutdown stops its queue: a running callback is waited for, the others never run,
// and what is scheduled afterwards neither.
TEST(TimerQueue, StopWaitsForTheRunningCallbackAndRunsNothingAfter) {
  TimerQueue queue;
  std::promise<void> entered;
  std::atomic<bool> finished{false}, later_ran{false};
  queue.schedule(TimerQueue::Clock::now(), [&] {
    entered.set_value();
    std::this_thread::sleep_for(50ms);  // stop() is called meanwhile
    finished = true;
  });
  queue.schedule(TimerQueue::Clock::now() + 10ms, [&] { later_ran = true; });
  ASSERT_EQ(entered.get_future().wait_for(kPatience), std::future_status::ready);
  queue.stop();
  EXPECT_TRUE(finished.load());
  EXPECT_EQ(queue.schedule(TimerQueue::Clock::now(), [&] { later_ran = true; }), 0u);
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_FALSE(later_ran.load());
}

// Timers on the executors, with rcl's rules: the period and its phase (also when late), cancel and
// reset from the callback, one-shot and not-autostarted timers, callback groups on a
// MultiThreadedExecutor, destruction while the callback runs. No assertion bounds how late a call
// may be: a busy machine only makes calls later (and then skips periods, which the phase checks allow).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "rclite/rclite.hpp"
#include "support/patience.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::BackgroundSpin;
using rclite::test::eventually;
using rclite::test::kPatience;

namespace {

using Timers = rclite::test::ContextTest;

// Calls seen by a timer callback, from any thread.
struct Calls {
  std::mutex mutex;
  std::vector<rclite::TimerInfo> infos;
  void add(const rclite::TimerInfo& info) {
    std::lock_guard lock(mutex);
    infos.push_back(info);
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return infos.size();
  }
  std::vector<rclite::TimerInfo> all() {
    std::lock_guard lock(mutex);
    return infos;
  }
};

std::int64_t ns(const rclite::Time& t) { return t.nanoseconds(); }

}  // namespace

TEST_F(Timers, CallsComeEveryPeriodInPhaseAndNeverEarly) {
  rclite::Node node("ticker", options());
  Calls calls;
  constexpr auto kPeriod = 20ms;
  const auto created = rclite::Time(std::chrono::steady_clock::now());
  auto timer = node.create_wall_timer(kPeriod, [&](const rclite::TimerInfo& info) { calls.add(info); });
  EXPECT_EQ(timer.get_period(), kPeriod);
  EXPECT_EQ(timer.get_clock_type(), rclite::ClockType::STEADY_TIME);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  {
    BackgroundSpin spin(executor);
    ASSERT_TRUE(eventually([&] { return calls.count() >= 6; }));
  }
  const auto infos = calls.all();
  const std::int64_t period = std::chrono::nanoseconds(kPeriod).count();
  EXPECT_GE(ns(infos[0].expected_call_time), ns(created) + period);
  for (std::size_t i = 0; i < infos.size(); ++i) {
    EXPECT_EQ(infos[i].expected_call_time.get_clock_type(), rclite::ClockType::STEADY_TIME);
    EXPECT_GE(ns(infos[i].actual_call_time), ns(infos[i].expected_call_time)) << "call " << i << " came early";
    if (i == 0) continue;
    // Due a whole number of periods after the previous one (more than one only if periods were skipped).
    const std::int64_t step = ns(infos[i].expected_call_time) - ns(infos[i - 1].expected_call_time);
    EXPECT_GT(step, 0);
    EXPECT_EQ(step % period, 0) << "call " << i << " lost the phase";
  }
}

TEST_F(Timers, ALateTimerFiresOnceThenKeepsItsPhase) {
  rclite::Node node("late", options());
  Calls calls;
  constexpr auto kPeriod = 10ms;
  auto timer = node.create_wall_timer(kPeriod, [&](const rclite::TimerInfo& info) { calls.add(info); });
  // Nobody spins while more than three periods pass.
  ASSERT_TRUE(eventually([&] { return timer.time_until_trigger() <= -35ms; }));
  EXPECT_TRUE(timer.is_ready());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  executor.spin_some();
  ASSERT_EQ(calls.count(), 1u);  // once, not once per missed period
  const auto first = calls.all()[0];
  const std::int64_t period = std::chrono::nanoseconds(kPeriod).count();
  EXPECT_GE(ns(first.actual_call_time) - ns(first.expected_call_time), 3 * period);
  // The next call is due at the next time of the phase after the late call, no later.
  const auto left = timer.time_until_trigger();
  EXPECT_LE(left, kPeriod);
  ASSERT_TRUE(eventually([&] {
    executor.spin_some();
    return calls.count() >= 2;
  }));
  const auto second = calls.all()[1];
  const std::int64_t step = ns(second.expected_call_time) - ns(first.expected_call_time);
  EXPECT_EQ(step % period, 0);
  EXPECT_GT(ns(second.expected_call_time), ns(first.actual_call_time) - period);
  EXPECT_LE(ns(second.expected_call_time), ns(first.actual_call_time) + period);
}

TEST_F(Timers, CancelAndResetFromInsideTheCallback) {
  rclite::Node node("self_control", options());
  std::atomic<int> calls{0};
  std::atomic<int> reference{0};
  rclite::Timer timer;
  timer = node.create_wall_timer(5ms, [&] {
    const int n = ++calls;
    if (n == 1) timer.reset();   // restarts its period from here
    if (n == 3) timer.cancel();  // no more calls
  });
  auto clock = node.create_wall_timer(5ms, [&] { ++reference; });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return calls.load() >= 3; }));
  EXPECT_TRUE(timer.is_canceled());
  EXPECT_EQ(timer.time_until_trigger(), std::chrono::nanoseconds::max());
  const int seen = reference.load();
  ASSERT_TRUE(eventually([&] { return reference.load() >= seen + 10; }));  // ten periods later
  EXPECT_EQ(calls.load(), 3);
  timer.reset();  // and back again
  ASSERT_TRUE(eventually([&] { return calls.load() >= 4; }));
}

TEST_F(Timers, OneShotAndNotAutostartedTimers) {
  rclite::Node node("shots", options());
  std::atomic<int> oneshot_calls{0}, idle_calls{0}, reference{0};
  auto oneshot = node.create_wall_timer(5ms, [&] { ++oneshot_calls; }, rclite::TimerOptions{nullptr, true, true});
  auto idle = node.create_wall_timer(5ms, [&] { ++idle_calls; }, nullptr, /*autostart=*/false);
  auto clock = node.create_wall_timer(5ms, [&] { ++reference; });
  EXPECT_TRUE(idle.is_canceled());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return oneshot_calls.load() == 1 && reference.load() >= 10; }));
  EXPECT_EQ(oneshot_calls.load(), 1);
  EXPECT_TRUE(oneshot.is_canceled());
  EXPECT_EQ(idle_calls.load(), 0);
  idle.reset();
  oneshot.reset();  // one more call
  ASSERT_TRUE(eventually([&] { return idle_calls.load() >= 2 && oneshot_calls.load() == 2; }));
  const int seen = reference.load();
  ASSERT_TRUE(eventually([&] { return reference.load() >= seen + 10; }));
  EXPECT_EQ(oneshot_calls.load(), 2);
}

TEST_F(Timers, BadPeriodsAndEmptyHandlesAreClearErrors) {
  rclite::Node node("bad", options());
  EXPECT_THROW(node.create_wall_timer(-1ms, [] {}), std::invalid_argument);
  rclite::Timer empty;
  EXPECT_THROW(empty.cancel(), std::logic_error);
  auto timer = node.create_wall_timer(1s, [] {});
  timer.destroy();
  EXPECT_FALSE(timer);
  EXPECT_THROW((void)timer.is_canceled(), std::logic_error);
}

// Two timers whose callbacks wait for each other: they can only both be inside at once in a
// reentrant group; a mutually exclusive group runs one at a time.
class GroupOverlap {
 public:
  void enter_and_look() {
    std::unique_lock lock(mutex_);
    ++inside_;
    max_inside_ = std::max(max_inside_, inside_);
    changed_.notify_all();
    // Wait (boundedly) for the other callback to come in too.
    changed_.wait_for(lock, wait_, [&] { return inside_ >= 2; });
    --inside_;
    ++calls_;
    changed_.notify_all();
  }
  int max_inside() {
    std::lock_guard lock(mutex_);
    return max_inside_;
  }
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  explicit GroupOverlap(std::chrono::milliseconds wait) : wait_(wait) {}

 private:
  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int inside_ = 0, max_inside_ = 0, calls_ = 0;
};

TEST_F(Timers, ReentrantGroupsRunTimersInParallelOnAMultiThreadedExecutor) {
  rclite::Node node("parallel", options());
  GroupOverlap overlap(1000ms);  // a partner that does not come in time is looked for again
  auto group = node.create_callback_group(rclite::CallbackGroupType::Reentrant);
  auto a = node.create_wall_timer(5ms, [&] { overlap.enter_and_look(); }, group);
  auto b = node.create_wall_timer(5ms, [&] { overlap.enter_and_look(); }, group);
  rclite::MultiThreadedExecutor executor(*context, 4);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return overlap.max_inside() >= 2; }));
}

TEST_F(Timers, MutuallyExclusiveGroupsRunOneTimerAtATime) {
  rclite::Node node("exclusive", options());
  GroupOverlap overlap(20ms);  // each callback waits 20 ms for a partner that must never come
  auto group = node.create_callback_group(rclite::CallbackGroupType::MutuallyExclusive);
  auto a = node.create_wall_timer(5ms, [&] { overlap.enter_and_look(); }, group);
  auto b = node.create_wall_timer(5ms, [&] { overlap.enter_and_look(); }, group);
  rclite::MultiThreadedExecutor executor(*context, 4);
  executor.add_node(node);
  {
    BackgroundSpin spin(executor);
    ASSERT_TRUE(eventually([&] { return overlap.calls() >= 10; }));
  }
  EXPECT_EQ(overlap.max_inside(), 1);
}

TEST_F(Timers, DestroyingATimerWaitsForItsRunningCallbackAndStopsIt) {
  rclite::Node node("destroyed", options());
  std::mutex mutex;
  std::condition_variable changed;
  bool inside = false, release = false;
  std::atomic<int> calls{0};
  auto timer = std::make_unique<rclite::Timer>(node.create_wall_timer(5ms, [&] {
    ++calls;
    std::unique_lock lock(mutex);
    inside = true;
    changed.notify_all();
    changed.wait(lock, [&] { return release; });
  }));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, kPatience, [&] { return inside; }));
  }
  std::atomic<bool> destroyed{false};
  std::thread destroyer([&] {
    timer.reset();  // waits for the callback
    destroyed = true;
  });
  // The destroyer cannot finish while the callback runs.
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(destroyed.load());
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  changed.notify_all();
  destroyer.join();
  EXPECT_TRUE(destroyed.load());
  const int seen = calls.load();
  auto reference_calls = std::make_shared<std::atomic<int>>(0);
  auto reference = node.create_wall_timer(5ms, [reference_calls] { ++*reference_calls; });
  ASSERT_TRUE(eventually([&] { return reference_calls->load() >= 10; }));
  EXPECT_EQ(calls.load(), seen);
}

TEST_F(Timers, ACallbackMayDestroyItsOwnTimer) {
  rclite::Node node("self_destroy", options());
  std::atomic<int> calls{0};
  rclite::Timer timer;
  timer = node.create_wall_timer(5ms, [&] {
    ++calls;
    timer.destroy();
  });
  std::atomic<int> reference{0};
  auto clock = node.create_wall_timer(5ms, [&] { ++reference; });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return calls.load() == 1 && reference.load() >= 10; }));
  EXPECT_EQ(calls.load(), 1);
  EXPECT_FALSE(timer);
}

TEST_F(Timers, AnExecutorLettingGoOfTheNodeStrandsNoTimer) {
  rclite::Node node("moved", options());
  std::atomic<int> calls{0};
  auto timer = node.create_wall_timer(5ms, [&] { ++calls; });
  for (int round = 0; round < 5; ++round) {
    const int seen = calls.load();
    rclite::SingleThreadedExecutor executor(*context);  // one executor per round, as spin_some(node) does
    executor.add_node(node);
    ASSERT_TRUE(eventually([&] {
      executor.spin_some();
      return calls.load() > seen;
    })) << "round " << round;
  }
}

TEST_F(Timers, SpinUntilFutureCompleteRunsTimersWhileItWaits) {
  rclite::Node node("waiter", options());
  std::promise<int> promise;
  auto future = promise.get_future();
  int calls = 0;
  auto timer = node.create_wall_timer(5ms, [&] {
    if (++calls == 3) promise.set_value(calls);
  });
  EXPECT_EQ(rclite::spin_until_future_complete(node, future, kPatience), rclite::FutureReturnCode::SUCCESS);
  EXPECT_EQ(future.get(), 3);
}

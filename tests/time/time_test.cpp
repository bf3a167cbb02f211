// Time, Duration and Clock with rcl's rules: no mixing of clock types, overflow is an error,
// message and std::chrono conversions, the ROS time override and its jump callbacks, sleeps that
// wake on simulated time and on shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "rclite/clock.hpp"
#include "rclite/duration.hpp"
#include "rclite/rate.hpp"
#include "rclite/time.hpp"
#include "support/patience.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::ClockChange;
using rclite::ClockType;
using rclite::Duration;
using rclite::Time;

TEST(Durations, ConvertToAndFromChronoSecondsAndMessages) {
  const Duration d = 1500ms;
  EXPECT_EQ(d.nanoseconds(), 1'500'000'000);
  EXPECT_DOUBLE_EQ(d.seconds(), 1.5);
  EXPECT_EQ(d.to_chrono<std::chrono::milliseconds>(), 1500ms);
  EXPECT_EQ(Duration(1, 500'000'000), d);
  EXPECT_EQ(Duration::from_seconds(1.5), d);
  const builtin_interfaces::msg::Duration message = d;
  EXPECT_EQ(message.sec, 1);
  EXPECT_EQ(message.nanosec, 500'000'000u);
  EXPECT_EQ(Duration(message), d);
  // Negative: a negative sec and a positive nanosec, as builtin_interfaces has it.
  const builtin_interfaces::msg::Duration negative = Duration(-1500ms);
  EXPECT_EQ(negative.sec, -2);
  EXPECT_EQ(negative.nanosec, 500'000'000u);
  EXPECT_EQ(Duration(negative), Duration(-1500ms));
}

TEST(Durations, OverflowIsAnErrorNotAWrapAround) {
  EXPECT_THROW(Duration::max() + Duration(1ns), std::overflow_error);
  EXPECT_THROW(Duration::from_nanoseconds(INT64_MIN) - Duration(1ns), std::overflow_error);
  EXPECT_THROW(-Duration::from_nanoseconds(INT64_MIN), std::overflow_error);
  EXPECT_THROW(Duration::max() * 2.0, std::overflow_error);
  EXPECT_THROW(Duration(1s) * std::numeric_limits<double>::infinity(), std::invalid_argument);
  EXPECT_THROW(Duration::from_seconds(1e12), std::overflow_error);
  EXPECT_THROW(Duration::from_seconds(std::nan("")), std::invalid_argument);
  EXPECT_THROW(Duration(std::chrono::hours(3'000'000)), std::overflow_error);  // > 292 years
  EXPECT_THROW(static_cast<builtin_interfaces::msg::Duration>(Duration::max()), std::overflow_error);
  EXPECT_EQ((Duration(3s) * 0.5).nanoseconds(), 1'500'000'000);
  EXPECT_LT(Duration(-1s), Duration(0s));
}

TEST(Times, DoNotMixClockTypes) {
  const Time ros(5, 0, ClockType::ROS_TIME);
  const Time system(5, 0, ClockType::SYSTEM_TIME);
  EXPECT_THROW((void)(ros == system), std::runtime_error);
  EXPECT_THROW((void)(ros < system), std::runtime_error);
  EXPECT_THROW((void)(ros - system), std::runtime_error);
  EXPECT_EQ(ros - Time(2, 0, ClockType::ROS_TIME), Duration(3s));
  EXPECT_EQ((ros + Duration(1s)).get_clock_type(), ClockType::ROS_TIME);
  EXPECT_EQ(ros + Duration(1s), Time(6, 0, ClockType::ROS_TIME));
  EXPECT_GT(ros + Duration(1ns), ros);
}

TEST(Times, OverflowIsAnErrorNotAWrapAround) {
  EXPECT_THROW(Time::max() + Duration(1ns), std::overflow_error);
  EXPECT_THROW(Time(INT64_MIN) - Duration(1ns), std::overflow_error);
  EXPECT_THROW(Time::max() - Time(-1), std::overflow_error);
  EXPECT_THROW(static_cast<builtin_interfaces::msg::Time>(Time::max()), std::overflow_error);
  EXPECT_THROW(Time(-1, 0), std::runtime_error);  // no negative time point from seconds
}

TEST(Times, ConvertToAndFromMessagesAndChrono) {
  builtin_interfaces::msg::Time stamp;
  stamp.sec = 1'700'000'000;
  stamp.nanosec = 123;
  const Time t(stamp);
  EXPECT_EQ(t.get_clock_type(), ClockType::ROS_TIME);  // a message's stamp is ROS time, as rclcpp
  EXPECT_EQ(t.nanoseconds(), 1'700'000'000'000'000'123);
  const builtin_interfaces::msg::Time back = t;
  EXPECT_EQ(back, stamp);

  const auto now = std::chrono::system_clock::now();
  const Time wall(now);
  EXPECT_EQ(wall.get_clock_type(), ClockType::SYSTEM_TIME);
  EXPECT_EQ(wall.to_chrono<std::chrono::system_clock>(), std::chrono::time_point_cast<std::chrono::system_clock::duration>(now));
  const auto steady_now = std::chrono::steady_clock::now();
  const Time steady(steady_now);
  EXPECT_EQ(steady.get_clock_type(), ClockType::STEADY_TIME);
  EXPECT_EQ(steady.to_chrono<std::chrono::steady_clock>(), steady_now);
  EXPECT_THROW(steady.to_chrono<std::chrono::system_clock>(), std::runtime_error);
  EXPECT_THROW(wall.to_chrono<std::chrono::steady_clock>(), std::runtime_error);
}

TEST(Clocks, EachTypeTellsItsTime) {
  rclite::Clock steady(ClockType::STEADY_TIME);
  const Time a = steady.now();
  const Time b = steady.now();
  EXPECT_EQ(a.get_clock_type(), ClockType::STEADY_TIME);
  EXPECT_LE(a, b);
  rclite::Clock system(ClockType::SYSTEM_TIME);
  const auto before = Time(std::chrono::system_clock::now());
  const auto read = system.now();
  const auto after = Time(std::chrono::system_clock::now());
  EXPECT_LE(before, read);
  EXPECT_LE(read, after);
  rclite::Clock ros(ClockType::ROS_TIME);
  EXPECT_FALSE(ros.ros_time_is_active());
  EXPECT_EQ(ros.now().get_clock_type(), ClockType::ROS_TIME);
  EXPECT_GT(ros.now().nanoseconds(), before.nanoseconds() - 1);  // system time while inactive
  EXPECT_THROW(system.enable_ros_time_override(), std::logic_error);
}

TEST(Clocks, RosTimeFollowsTheOverrideWhileActive) {
  rclite::Clock clock(ClockType::ROS_TIME);
  clock.set_ros_time_override(Time(42, 0, ClockType::ROS_TIME));  // kept until activated
  EXPECT_NE(clock.now().nanoseconds(), 42'000'000'000);
  clock.enable_ros_time_override();
  EXPECT_TRUE(clock.ros_time_is_active());
  EXPECT_EQ(clock.now(), Time(42, 0, ClockType::ROS_TIME));
  clock.set_ros_time_override(Time(43, 0, ClockType::ROS_TIME));
  EXPECT_EQ(clock.now(), Time(43, 0, ClockType::ROS_TIME));
  clock.disable_ros_time_override();
  EXPECT_GT(clock.now().nanoseconds(), 1'600'000'000'000'000'000);  // system time again
}

TEST(Clocks, JumpCallbacksFollowTheirThresholds) {
  rclite::Clock clock(ClockType::ROS_TIME);
  struct Seen {
    int pre = 0;
    std::vector<rclite::TimeJump> post;
  };
  Seen changes, forward, backward;
  auto on = [](Seen& seen) {
    return std::pair{[&seen] { ++seen.pre; }, [&seen](const rclite::TimeJump& jump) { seen.post.push_back(jump); }};
  };
  auto [c_pre, c_post] = on(changes);
  auto [f_pre, f_post] = on(forward);
  auto [b_pre, b_post] = on(backward);
  auto change_handler = clock.create_jump_callback(c_pre, c_post, {true, Duration(), Duration()});
  auto forward_handler = clock.create_jump_callback(f_pre, f_post, {false, Duration(2s), Duration()});
  auto backward_handler = clock.create_jump_callback(b_pre, b_post, {false, Duration(), Duration(-1s)});

  clock.enable_ros_time_override();  // activation: only the clock-change handler
  ASSERT_EQ(changes.post.size(), 1u);
  EXPECT_EQ(changes.pre, 1);
  EXPECT_EQ(changes.post[0].clock_change, ClockChange::ROS_TIME_ACTIVATED);
  clock.set_ros_time_override(Time(10, 0, ClockType::ROS_TIME));  // +10 s from 0
  clock.set_ros_time_override(Time(11, 0, ClockType::ROS_TIME));  // +1 s: under the forward threshold
  clock.set_ros_time_override(Time(10, 500'000'000, ClockType::ROS_TIME));  // -0.5 s: under the backward one
  clock.set_ros_time_override(Time(5, 0, ClockType::ROS_TIME));   // -5.5 s
  ASSERT_EQ(forward.post.size(), 1u);
  EXPECT_EQ(forward.pre, 1);
  EXPECT_EQ(forward.post[0].clock_change, ClockChange::ROS_TIME_NO_CHANGE);
  EXPECT_EQ(forward.post[0].delta, Duration(10s));
  ASSERT_EQ(backward.post.size(), 1u);
  EXPECT_EQ(backward.post[0].delta, Duration(-5500ms));
  EXPECT_EQ(changes.post.size(), 1u);  // jumps are no clock change
  clock.disable_ros_time_override();
  ASSERT_EQ(changes.post.size(), 2u);
  EXPECT_EQ(changes.post[1].clock_change, ClockChange::ROS_TIME_DEACTIVATED);
  forward_handler.reset();  // unregistered with its handle
  clock.enable_ros_time_override();
  clock.set_ros_time_override(Time(100, 0, ClockType::ROS_TIME));
  EXPECT_EQ(forward.post.size(), 1u);
  EXPECT_THROW((void)clock.create_jump_callback(nullptr, nullptr, {false, Duration(-1s), Duration()}),
               std::invalid_argument);
}

TEST(Clocks, ACallbackMayDropItsOwnHandler) {
  rclite::Clock clock(ClockType::ROS_TIME);
  std::shared_ptr<rclite::JumpHandler> handler;
  int calls = 0;
  handler = clock.create_jump_callback(nullptr, [&](const rclite::TimeJump&) {
    ++calls;
    handler.reset();
  }, {true, Duration(), Duration()});
  clock.enable_ros_time_override();
  clock.disable_ros_time_override();
  EXPECT_EQ(calls, 1);
}

TEST(Clocks, SleepOnSimulatedTimeWakesWhenTheTimeIsReached) {
  rclite::Clock clock(ClockType::ROS_TIME);
  clock.enable_ros_time_override();
  EXPECT_FALSE(clock.started());
  std::atomic<bool> woke{false};
  std::thread sleeper([&] { woke = clock.sleep_until(Time(10, 0, ClockType::ROS_TIME)); });
  // Simulated time moves in steps; the sleeper must not wake before 10 s of it.
  for (int second = 1; second <= 9; ++second) clock.set_ros_time_override(Time(second, 0, ClockType::ROS_TIME));
  EXPECT_FALSE(woke.load());
  clock.set_ros_time_override(Time(10, 0, ClockType::ROS_TIME));
  sleeper.join();
  EXPECT_TRUE(woke.load());
  EXPECT_TRUE(clock.started());
  EXPECT_THROW(clock.sleep_until(Time(1, 0, ClockType::SYSTEM_TIME)), std::runtime_error);
}

TEST(Clocks, SleepEndsFalseWhenRosTimeIsDeactivated) {
  rclite::Clock clock(ClockType::ROS_TIME);
  clock.enable_ros_time_override();
  std::atomic<int> result{-1};
  std::thread sleeper([&] { result = clock.sleep_until(Time::max(ClockType::ROS_TIME)) ? 1 : 0; });
  ASSERT_TRUE(rclite::test::eventually([&] {
    clock.disable_ros_time_override();  // may come before the sleep starts: then it is plain system time
    clock.enable_ros_time_override();
    return result.load() != -1;
  }));
  sleeper.join();
  EXPECT_EQ(result.load(), 0);
}

TEST(Clocks, SleepWakesAtShutdown) {
  auto context = rclite::test::make_test_context();
  rclite::Clock clock(ClockType::STEADY_TIME);
  std::atomic<int> result{-1};
  const auto start = std::chrono::steady_clock::now();
  std::thread sleeper([&] { result = clock.sleep_for(Duration(std::chrono::hours(1)), *context) ? 1 : 0; });
  context->shutdown();
  sleeper.join();
  EXPECT_EQ(result.load(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, rclite::test::kPatience);  // not the hour
}

TEST(Clocks, SteadySleepReachesItsTime) {
  rclite::Clock clock(ClockType::STEADY_TIME);
  const Time until = clock.now() + Duration(20ms);
  EXPECT_TRUE(clock.sleep_until(until));
  EXPECT_GE(clock.now(), until);
}

TEST(Rates, KeepTheirPhaseAndSayWhenTheLoopOverran) {
  rclite::WallRate rate(std::chrono::milliseconds(5));
  EXPECT_EQ(rate.period(), Duration(5ms));
  EXPECT_EQ(rate.get_type(), ClockType::STEADY_TIME);
  for (int i = 0; i < 3; ++i) rate.sleep();
  std::this_thread::sleep_for(30ms);  // the loop body overruns by several periods
  EXPECT_FALSE(rate.sleep());         // no sleep, and the phase starts anew
  EXPECT_TRUE(rate.sleep());          // a whole period from the overrun
  EXPECT_THROW(rclite::Rate(0.0), std::invalid_argument);
  EXPECT_THROW(rclite::Rate(Duration(-1s)), std::invalid_argument);
}

TEST(Rates, RunOnSimulatedTime) {
  auto clock = std::make_shared<rclite::Clock>(ClockType::ROS_TIME);
  clock->enable_ros_time_override();
  rclite::Rate rate(Duration(10s), clock);  // phase from 0 s: the first sleep ends at 10 s
  std::atomic<int> slept{-1};
  std::thread loop([&] { slept = rate.sleep() ? 1 : 0; });
  // Simulated time creeps forward (10 ms a step, a step every 10 ms of wall time): the loop is
  // asleep long before 10 simulated seconds, and wakes only when they are reached.
  std::int64_t now = 0;
  ASSERT_TRUE(rclite::test::eventually([&] {
    if (slept.load() != -1) return true;
    now += 10'000'000;
    clock->set_ros_time_override(Time(now, ClockType::ROS_TIME));
    return false;
  }));
  loop.join();
  EXPECT_EQ(slept.load(), 1);
  EXPECT_GE(now, 10'000'000'000);
}

// use_sim_time: a node's ROS clock and its timers follow /clock (rosgraph_msgs/msg/Clock) while the
// parameter is true, also when it changes at run time; timers fire on simulated time and not at all
// while /clock stands still. /clock comes from an rclite publisher with rclcpp's ClockQoS and from a
// raw DDS writer with the QoS `ros2 topic pub` uses (reliable, volatile, keep last 1).
#include <gtest/gtest.h>

#include <rcl_interfaces/srv/set_parameters.hpp>
#include <rosgraph_msgs/msg/clock.hpp>

#include <atomic>
#include <mutex>
#include <vector>

#include "../../src/dds/raw_cdr_type.hpp"
#include "rclite/rclite.hpp"
#include "support/observer.hpp"
#include "support/patience.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::BackgroundSpin;
using rclite::test::eventually;
using rosgraph_msgs::msg::Clock;

namespace {

using SimTime = rclite::test::ContextTest;

Clock clock_at(std::int32_t seconds, std::uint32_t nanoseconds = 0) {
  Clock message;
  message.clock.sec = seconds;
  message.clock.nanosec = nanoseconds;
  return message;
}

rclite::Time ros_time(std::int32_t seconds) { return rclite::Time(seconds, 0, rclite::ClockType::ROS_TIME); }

rclite::NodeOptions with_sim_time(rclite::NodeOptions options) {
  options.arguments = {"--ros-args", "-p", "use_sim_time:=true"};
  return options;
}

// Publishes /clock until the node's clock shows `seconds` + `nanoseconds`.
void drive_to(rclite::Publisher<Clock>& publisher, rclite::Node& node, std::int32_t seconds,
              std::uint32_t nanoseconds = 0) {
  const rclite::Time target(seconds, nanoseconds, rclite::ClockType::ROS_TIME);
  ASSERT_TRUE(eventually([&] {
    publisher.publish(clock_at(seconds, nanoseconds));  // best effort: sent again until it arrived
    return node.now() == target;
  })) << "the node's clock did not reach " << seconds << " s";
}

}  // namespace

TEST_F(SimTime, TheNodeClockFollowsClockAndStartsAtZero) {
  rclite::Node node("sim", with_sim_time(options()));
  auto clock = node.get_clock();
  EXPECT_EQ(clock->get_clock_type(), rclite::ClockType::ROS_TIME);
  EXPECT_TRUE(clock->ros_time_is_active());
  EXPECT_EQ(node.now(), ros_time(0));  // rclcpp: zero until the first /clock
  EXPECT_FALSE(clock->started());
  rclite::Node simulator("simulator", options());
  auto publisher = simulator.create_publisher<Clock>("/clock", rclite::QoS(1).best_effort());
  drive_to(publisher, node, 42);
  EXPECT_TRUE(clock->started());
  // No spin anywhere: /clock is handled as it arrives, as with rclcpp's clock thread.
  EXPECT_EQ(node.count_subscribers("/clock"), 1u);
}

TEST_F(SimTime, UseSimTimeSwitchesAtRunTime) {
  rclite::Node node("switch", options());
  EXPECT_FALSE(node.get_clock()->ros_time_is_active());
  const auto wall = rclite::Time(std::chrono::system_clock::now()).nanoseconds();
  EXPECT_GE(node.now().nanoseconds(), wall);
  rclite::Node simulator("simulator", options());
  auto publisher = simulator.create_publisher<Clock>("/clock", rclite::QoS(1).best_effort());
  ASSERT_TRUE(node.set_parameter(rclite::Parameter("use_sim_time", true)).successful);
  EXPECT_TRUE(node.get_clock()->ros_time_is_active());
  drive_to(publisher, node, 7);
  ASSERT_TRUE(node.set_parameter(rclite::Parameter("use_sim_time", false)).successful);
  EXPECT_FALSE(node.get_clock()->ros_time_is_active());
  EXPECT_GE(node.now().nanoseconds(), wall);
  EXPECT_TRUE(eventually([&] { return node.count_subscribers("/clock") == 0; }));  // unsubscribed
  // The parameter keeps its type: a string is rejected and changes nothing.
  EXPECT_FALSE(node.set_parameter(rclite::Parameter("use_sim_time", std::string("yes"))).successful);
  EXPECT_FALSE(node.get_clock()->ros_time_is_active());
  ASSERT_TRUE(node.set_parameter(rclite::Parameter("use_sim_time", true)).successful);
  EXPECT_EQ(node.now(), ros_time(7));  // back where /clock left it
}

TEST_F(SimTime, TimersFireOnSimulatedTimeAndNotWhileItStandsStill) {
  rclite::Node node("sim_timers", with_sim_time(options()));
  std::mutex mutex;
  std::vector<rclite::TimerInfo> calls;
  auto timer = node.create_timer(1s, [&](const rclite::TimerInfo& info) {
    std::lock_guard lock(mutex);
    calls.push_back(info);
  });
  EXPECT_EQ(timer.get_clock_type(), rclite::ClockType::ROS_TIME);
  std::atomic<int> wall_calls{0};
  auto wall = node.create_wall_timer(5ms, [&] { ++wall_calls; });
  auto count = [&] {
    std::lock_guard lock(mutex);
    return calls.size();
  };
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::Node simulator("simulator", options());
  auto publisher = simulator.create_publisher<Clock>("/clock", rclite::QoS(1).best_effort());
  drive_to(publisher, node, 0);
  // /clock stands still: many wall periods pass, the simulated timer does not fire.
  ASSERT_TRUE(eventually([&] { return wall_calls.load() >= 20; }));
  EXPECT_EQ(count(), 0u);
  drive_to(publisher, node, 1);  // created at 0 s: due at 1 s
  ASSERT_TRUE(eventually([&] { return count() == 1; }));
  drive_to(publisher, node, 2);
  ASSERT_TRUE(eventually([&] { return count() == 2; }));
  // Five and a half simulated seconds at once: one call (missed periods are skipped), in phase.
  drive_to(publisher, node, 7, 500'000'000);
  ASSERT_TRUE(eventually([&] { return count() == 3; }));
  EXPECT_EQ(timer.time_until_trigger(), 500ms);  // next at 8 s, in phase
  drive_to(publisher, node, 8);  // exactly the next due time: due at once
  ASSERT_TRUE(eventually([&] { return count() == 4; }));
  const int seen = wall_calls.load();
  ASSERT_TRUE(eventually([&] { return wall_calls.load() >= seen + 20; }));
  std::lock_guard lock(mutex);
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].expected_call_time, ros_time(1));
  EXPECT_EQ(calls[0].actual_call_time, ros_time(1));
  EXPECT_EQ(calls[1].expected_call_time, ros_time(2));
  EXPECT_EQ(calls[2].expected_call_time, ros_time(3));
  EXPECT_EQ(calls[2].actual_call_time, rclite::Time(7, 500'000'000, rclite::ClockType::ROS_TIME));
  EXPECT_EQ(calls[3].expected_call_time, ros_time(8));
  EXPECT_EQ(timer.time_until_trigger(), 1s);  // next at 9 s
}

TEST_F(SimTime, ABackwardJumpRestartsATimersPeriod) {
  rclite::Node node("rewind", with_sim_time(options()));
  std::atomic<int> calls{0};
  rclite::Node simulator("simulator", options());
  auto publisher = simulator.create_publisher<Clock>("/clock", rclite::QoS(1).best_effort());
  drive_to(publisher, node, 100);
  auto timer = node.create_timer(10s, [&] { ++calls; });  // due at 110 s
  drive_to(publisher, node, 50);                           // back past its last call (100 s)
  EXPECT_EQ(timer.time_until_trigger(), 10s);              // a whole period from 50 s
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  drive_to(publisher, node, 59);
  drive_to(publisher, node, 60);
  ASSERT_TRUE(eventually([&] { return calls.load() == 1; }));
}

TEST_F(SimTime, AWallTimerKeepsWhatWasLeftWhenSimTimeIsActivated) {
  rclite::Node node("credit", options());
  auto timer = node.create_timer(1h, [] {});  // ROS time (system time for now)
  rclite::Node simulator("simulator", options());
  auto publisher = simulator.create_publisher<Clock>("/clock", rclite::QoS(1).best_effort());
  ASSERT_TRUE(node.set_parameter(rclite::Parameter("use_sim_time", true)).successful);
  drive_to(publisher, node, 1000);
  // Activated at time 0 (no credit on an uninitialized clock, as rcl); the first /clock was then a
  // backward jump past the last call: a whole period from 1000 s.
  EXPECT_EQ(timer.time_until_trigger(), 1h);
  drive_to(publisher, node, 1000 + 1800);
  EXPECT_EQ(timer.time_until_trigger(), 30min);
  ASSERT_TRUE(node.set_parameter(rclite::Parameter("use_sim_time", false)).successful);
  // Back on system time, the half hour left is kept (not restarted, not lost).
  const auto left = timer.time_until_trigger();
  EXPECT_LE(left, 30min);
  EXPECT_GT(left, 29min);
}

TEST_F(SimTime, ARawClockWriterWithRos2TopicPubsQosDrivesTheNode) {
  rclite::Node node("raw_driven", with_sim_time(options()));
  rclite::test::Observer observer(context->domain_id());
  const dds_entity_t topic =
      rclite::dds::create_raw_topic(observer.participant, "rt/clock", "rosgraph_msgs::msg::dds_::Clock_");
  dds_qos_t* qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_MSECS(100));
  dds_qset_durability(qos, DDS_DURABILITY_VOLATILE);
  dds_qset_history(qos, DDS_HISTORY_KEEP_LAST, 1);
  const dds_entity_t writer = dds_create_writer(observer.participant, topic, qos, nullptr);
  dds_delete_qos(qos);
  ASSERT_GT(writer, 0);
  // rosgraph_msgs/msg/Clock {clock: {sec: 12, nanosec: 5}}, little-endian CDR.
  const std::vector<std::uint8_t> sample{0x00, 0x01, 0x00, 0x00, 12, 0, 0, 0, 5, 0, 0, 0};
  ASSERT_TRUE(eventually([&] {
    rclite::dds::write_raw(writer, sample);
    return node.now() == rclite::Time(12'000'000'005, rclite::ClockType::ROS_TIME);
  }));
}

// `ros2 param set /node use_sim_time true` reaches the node through its parameter services; the node
// needs no /parameter_events subscription for it (as rclpy; rclcpp's TimeSource has one).
TEST_F(SimTime, UseSimTimeSetThroughTheParameterServicesSwitchesTheClock) {
  rclite::Node node("served", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::Node asker("asker", options());
  auto set = asker.create_client<rcl_interfaces::srv::SetParameters>("/served/set_parameters");
  ASSERT_TRUE(set.wait_for_service(rclite::test::kPatience));
  rcl_interfaces::srv::SetParameters::Request request;
  request.parameters = {rclite::Parameter("use_sim_time", true).to_parameter_msg()};
  const auto results = set.call(request, rclite::test::kPatience).results;
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].successful);
  EXPECT_TRUE(node.get_clock()->ros_time_is_active());
  EXPECT_EQ(node.now(), ros_time(0));
  EXPECT_EQ(node.count_subscribers("/parameter_events"), 0u);
}

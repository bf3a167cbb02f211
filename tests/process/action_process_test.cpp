// Actions across processes on loopback: the tutorial pair (examples/fibonacci_action_*), and a goal
// whose server is killed while it runs.
#include <gtest/gtest.h>

#include <example_interfaces/action/fibonacci.hpp>

#include <atomic>

#include "harness/child_process.hpp"
#include "rclite/action_client.hpp"
#include "rclite/rclite.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using example_interfaces::action::Fibonacci;
using rclite::harness::ChildProcess;
using rclite::test::kPatience;
using rclite::test::options_in;

namespace {
const std::string kBin = RCLITE_BIN_DIR;

struct ActionProcesses : ::testing::Test {
  std::unique_ptr<rclite::Context> context = rclite::test::make_test_context();  // also sets ROS_DOMAIN_ID
};
}  // namespace

TEST_F(ActionProcesses, TheTutorialPairPrintsTheTutorialLines) {
  ChildProcess server({kBin + "/fibonacci_action_server"});
  ChildProcess client({kBin + "/fibonacci_action_client", "4"});
  EXPECT_EQ(client.wait(), 0) << client.output();
  EXPECT_NE(client.output().find("] [fibonacci_action_client]: Goal accepted by server, waiting for result"),
            std::string::npos)
      << client.output();
  EXPECT_NE(client.output().find("Next number in sequence received: 0 1 1 2 3 \n"), std::string::npos) << client.output();
  EXPECT_NE(client.output().find("Result received: 0 1 1 2 3 \n"), std::string::npos) << client.output();
  ASSERT_TRUE(server.wait_for_output("Goal succeeded", kPatience)) << server.output();
  EXPECT_NE(server.output().find("] [fibonacci_action_server]: Received goal request with order 4\n"), std::string::npos)
      << server.output();
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(), 0) << server.output();
}

// The client asks for the result as soon as the goal is accepted: that request loses its server as a
// service call does, and the result fails with ServiceUnavailableError soon after the kill.
TEST_F(ActionProcesses, AGoalFailsSoonAfterItsServerIsKilled) {
  ChildProcess server({kBin + "/fibonacci_action_server"});
  rclite::Node node("victim_action_client", options_in(*context));
  auto client = node.create_action_client<Fibonacci>("fibonacci");
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  rclite::test::BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_action_server(kPatience));
  std::atomic<int> feedback{0};
  rclite::ActionClient<Fibonacci>::SendGoalOptions options;
  options.feedback_callback = [&](auto, auto) { ++feedback; };
  Fibonacci::Goal goal;
  goal.order = 60;  // one number a second: a minute
  auto goal_handle = client.async_send_goal(goal, options);
  ASSERT_EQ(goal_handle.wait_for(kPatience), std::future_status::ready);
  ASSERT_TRUE(goal_handle.get());
  ASSERT_TRUE(rclite::test::eventually([&] { return feedback > 0; }));
  auto result = client.async_get_result(goal_handle.get());
  const auto killed = std::chrono::steady_clock::now();
  server.signal(SIGKILL);
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  const auto took = std::chrono::steady_clock::now() - killed;
  EXPECT_THROW(result.get(), rclite::ServiceUnavailableError);
  EXPECT_LT(took, 5s) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
}

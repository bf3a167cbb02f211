// The C++ twin of the ROS 2 tutorial's action client: sends one Fibonacci goal (order 10, or the
// first argument), prints the feedback and the result, and exits.
//   build/bin/fibonacci_action_client [order]
#include <example_interfaces/action/fibonacci.hpp>
#include <rclite/action_client.hpp>
#include <rclite/rclite.hpp>

#include <cstdio>
#include <string>

using namespace std::chrono_literals;
using Fibonacci = example_interfaces::action::Fibonacci;
using GoalHandle = rclite::ClientGoalHandle<Fibonacci>;

namespace {
std::string joined(const std::vector<std::int32_t>& numbers) {
  std::string text;
  for (const auto number : numbers) text += std::to_string(number) + " ";
  return text;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    const auto arguments = rclite::remove_ros_arguments(argc, argv);
    rclite::Node node("fibonacci_action_client");
    const auto& logger = node.get_logger();
    auto client = node.create_action_client<Fibonacci>("fibonacci");
    if (!client.wait_for_action_server(10s)) {
      logger.error("Action server not available after waiting");
      return 1;
    }
    Fibonacci::Goal goal;
    goal.order = arguments.size() > 1 ? std::stoi(arguments[1]) : 10;
    logger.info("Sending goal");
    rclite::ActionClient<Fibonacci>::SendGoalOptions options;
    options.goal_response_callback = [&logger](const std::shared_ptr<GoalHandle>& goal_handle) {
      if (!goal_handle) {
        logger.error("Goal was rejected by server");
      } else {
        logger.info("Goal accepted by server, waiting for result");
      }
    };
    options.feedback_callback = [&logger](std::shared_ptr<GoalHandle>, std::shared_ptr<const Fibonacci::Feedback> feedback) {
      logger.info("Next number in sequence received: {}", joined(feedback->sequence));
    };
    int exit_code = 1;
    options.result_callback = [&logger, &exit_code](const GoalHandle::WrappedResult& result) {
      switch (result.code) {
        case rclite::ResultCode::SUCCEEDED:
          logger.info("Result received: {}", joined(result.result->sequence));
          exit_code = 0;
          break;
        case rclite::ResultCode::ABORTED: logger.error("Goal was aborted"); break;
        case rclite::ResultCode::CANCELED: logger.error("Goal was canceled"); break;
        default: logger.error("Unknown result code"); break;
      }
    };
    auto goal_handle = client.async_send_goal(goal, options);
    if (rclite::spin_until_future_complete(node, goal_handle) != rclite::FutureReturnCode::SUCCESS || !goal_handle.get()) {
      return 1;
    }
    auto result = client.async_get_result(goal_handle.get());
    if (rclite::spin_until_future_complete(node, result) != rclite::FutureReturnCode::SUCCESS) return 1;
    result.get();  // throws the error that ended the goal (the server died, ...)
    rclite::shutdown();
    return exit_code;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "fibonacci_action_client: %s\n", error.what());
    return 1;
  }
}

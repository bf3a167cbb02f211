// The C++ twin of the ROS 2 tutorial's action server: computes the Fibonacci sequence up to the
// goal's order on a thread of its own, one number a second, with feedback, and honours cancels.
//   build/bin/fibonacci_action_server      (then: ros2 action send_goal /fibonacci
//                                            example_interfaces/action/Fibonacci "{order: 5}" --feedback)
#include <example_interfaces/action/fibonacci.hpp>
#include <rclite/action_server.hpp>
#include <rclite/rclite.hpp>

#include <cstdio>
#include <thread>

using Fibonacci = example_interfaces::action::Fibonacci;
using GoalHandle = rclite::ServerGoalHandle<Fibonacci>;

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    rclite::Node node("fibonacci_action_server");
    const auto& logger = node.get_logger();
    const auto execute = [&logger](const std::shared_ptr<GoalHandle>& goal_handle) {
      logger.info("Executing goal");
      rclite::Rate loop_rate(1.0);
      const auto goal = goal_handle->get_goal();
      auto feedback = std::make_shared<Fibonacci::Feedback>();
      auto& sequence = feedback->sequence;
      sequence.push_back(0);
      sequence.push_back(1);
      auto result = std::make_shared<Fibonacci::Result>();
      for (int i = 1; i < goal->order && rclite::ok(); ++i) {
        if (goal_handle->is_canceling()) {
          result->sequence = sequence;
          goal_handle->canceled(result);
          logger.info("Goal canceled");
          return;
        }
        sequence.push_back(sequence[static_cast<std::size_t>(i)] + sequence[static_cast<std::size_t>(i) - 1]);
        goal_handle->publish_feedback(feedback);
        logger.info("Publish feedback");
        loop_rate.sleep();
      }
      if (rclite::ok()) {
        result->sequence = sequence;
        goal_handle->succeed(result);
        logger.info("Goal succeeded");
      }
    };
    std::vector<std::thread> workers;
    auto server = node.create_action_server<Fibonacci>(
        "fibonacci",
        [&logger](const rclite::GoalUUID&, std::shared_ptr<const Fibonacci::Goal> goal) {
          logger.info("Received goal request with order {}", goal->order);
          return rclite::GoalResponse::ACCEPT_AND_EXECUTE;
        },
        [&logger](std::shared_ptr<GoalHandle>) {
          logger.info("Received request to cancel goal");
          return rclite::CancelResponse::ACCEPT;
        },
        [&workers, &execute](std::shared_ptr<GoalHandle> goal_handle) {
          // Returns at once, so that the executor goes on; the goal runs on its own thread.
          workers.emplace_back(execute, std::move(goal_handle));
        });
    rclite::spin(node);  // until Ctrl-C
    for (auto& worker : workers) worker.join();
    server.reset();
    rclite::shutdown();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "fibonacci_action_server: %s\n", error.what());
    return 1;
  }
  return 0;
}

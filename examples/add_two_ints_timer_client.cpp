// A node that calls a service on a timer: every second it asks /add_two_ints for n + n, without
// blocking the executor (the response arrives in a callback while the timer goes on).
//   build/bin/add_two_ints_timer_client [count] [--ros-args ...]   (default: until Ctrl-C)
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/rclite.hpp>

#include <cstdio>
#include <string>

using AddTwoInts = example_interfaces::srv::AddTwoInts;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    const auto args = rclite::remove_ros_arguments(argc, argv);
    const long count = args.size() > 1 ? std::stol(args[1]) : -1;
    rclite::Node node("add_two_ints_timer_client");
    auto client = node.create_client<AddTwoInts>("add_two_ints");
    long sent = 0, answered = 0;
    auto timer = node.create_wall_timer(1s, [&] {
      if (!client.service_is_ready()) {
        node.get_logger().info("service not available, trying again in a second...");
        return;
      }
      if (count >= 0 && sent == count) return;
      AddTwoInts::Request request;
      request.a = request.b = ++sent;
      client.async_send_request(
          request,
          [&node, &answered, count, request](std::shared_future<AddTwoInts::Response> result) {
            try {
              node.get_logger().info("{} + {} = {}", request.a, request.b, result.get().sum);
            } catch (const rclite::ServiceError& error) {
              node.get_logger().error("{} + {} failed: {}", request.a, request.b, error.what());
            }
            if (++answered == count) rclite::shutdown();
          },
          {.timeout = 5s});
    });
    rclite::spin(node);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "add_two_ints_timer_client: %s\n", error.what());
    return 1;
  }
  return 0;
}

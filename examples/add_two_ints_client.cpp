// The C++ twin of the ROS 2 tutorial's service client: asks /add_two_ints for a + b.
//   build/bin/add_two_ints_client [a b] [--ros-args ...]      (default: 41 1)
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/rclite.hpp>

#include <charconv>
#include <cstdio>
#include <string>

using AddTwoInts = example_interfaces::srv::AddTwoInts;
using namespace std::chrono_literals;

namespace {
bool parse(const std::string& text, std::int64_t& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}
}  // namespace

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    const auto args = rclite::remove_ros_arguments(argc, argv);
    AddTwoInts::Request request;
    request.a = 41;
    request.b = 1;
    if (args.size() == 3) {
      if (!parse(args[1], request.a) || !parse(args[2], request.b)) {
        std::fprintf(stderr, "usage: add_two_ints_client [a b]   (two integers)\n");
        return 2;
      }
    } else if (args.size() != 1) {
      std::fprintf(stderr, "usage: add_two_ints_client [a b]\n");
      return 2;
    }

    rclite::Node node("add_two_ints_client");
    auto client = node.create_client<AddTwoInts>("add_two_ints");
    while (!client.wait_for_service(1s)) {
      if (!rclite::ok()) {
        node.get_logger().error("Interrupted while waiting for the service. Exiting.");
        return 1;
      }
      node.get_logger().info("service not available, waiting again...");
    }

    auto result = client.async_send_request(request, {.timeout = 10s});
    if (rclite::spin_until_future_complete(node, result) != rclite::FutureReturnCode::SUCCESS) {
      node.get_logger().error("Failed to call service add_two_ints");
      return 1;
    }
    const auto response = result.get();  // throws a ServiceError on timeout or server loss
    node.get_logger().info("Result of add_two_ints: for {} + {} = {}", request.a, request.b, response.sum);
    rclite::shutdown();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "add_two_ints_client: %s\n", error.what());
    return 1;
  }
  return 0;
}

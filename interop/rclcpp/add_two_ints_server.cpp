// An rclcpp AddTwoInts server for `make interop`: prints READY once the service exists and SERVING
// when a request arrives; `--delay SECONDS` holds each answer (for the server-death check).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "example_interfaces/srv/add_two_ints.hpp"
#include "rclcpp/rclcpp.hpp"

using AddTwoInts = example_interfaces::srv::AddTwoInts;

int main(int argc, char** argv) {
  const auto args = rclcpp::init_and_remove_ros_arguments(argc, argv);
  double delay = 0;
  std::string service_name = "add_two_ints";
  for (size_t i = 1; i + 1 < args.size(); i += 2) {
    if (args[i] == "--delay") delay = std::stod(args[i + 1]);
    if (args[i] == "--service") service_name = args[i + 1];
  }
  auto node = rclcpp::Node::make_shared("add_two_ints_server");
  auto service = node->create_service<AddTwoInts>(
      service_name, [&node, delay](const std::shared_ptr<AddTwoInts::Request> request,
                                   std::shared_ptr<AddTwoInts::Response> response) {
        std::printf("SERVING\n");
        std::fflush(stdout);
        if (delay > 0) std::this_thread::sleep_for(std::chrono::duration<double>(delay));
        response->sum = request->a + request->b;
        RCLCPP_INFO(node->get_logger(), "Incoming request a: %ld b: %ld", static_cast<long>(request->a),
                    static_cast<long>(request->b));
      });
  RCLCPP_INFO(node->get_logger(), "Ready to add two ints.");
  std::printf("READY\n");
  std::fflush(stdout);
  rclcpp::spin(node);
  rclcpp::shutdown();
  return 0;
}

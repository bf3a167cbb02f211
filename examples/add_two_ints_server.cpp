// The C++ twin of the ROS 2 tutorial's service server: answers /add_two_ints with a + b.
//   build/bin/add_two_ints_server [--ros-args -r __node:=other_name -r add_two_ints:=/sum]
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/rclite.hpp>

#include <cstdio>

using AddTwoInts = example_interfaces::srv::AddTwoInts;

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    rclite::Node node("add_two_ints_server");
    auto service = node.create_service<AddTwoInts>("add_two_ints", [&node](const AddTwoInts::Request& request) {
      AddTwoInts::Response response;
      response.sum = request.a + request.b;
      node.get_logger().info("Incoming request\na: {} b: {}", request.a, request.b);
      node.get_logger().info("Sending back response: {}", response.sum);
      return response;
    });
    node.get_logger().info("Ready to add two ints.");
    rclite::spin(node);  // until Ctrl-C
    rclite::shutdown();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "add_two_ints_server: %s\n", error.what());
    return 1;
  }
  return 0;
}

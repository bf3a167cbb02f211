// The C++ twin of ROS 2's demo talker: publishes "Hello World: N" on /chatter every second, from
// a wall timer.
//   build/bin/talker [count] [--ros-args ...]      (default: until Ctrl-C)
#include <rclite/rclite.hpp>
#include <std_msgs/msg/string.hpp>

#include <cstdio>
#include <string>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    const auto args = rclite::remove_ros_arguments(argc, argv);
    const long count = args.size() > 1 ? std::stol(args[1]) : -1;
    rclite::Node node("talker");
    auto publisher = node.create_publisher<std_msgs::msg::String>("chatter", rclite::QoS(10));
    long sent = 0;
    auto timer = node.create_wall_timer(1s, [&] {
      std_msgs::msg::String message;
      message.data = "Hello World: " + std::to_string(++sent);
      node.get_logger().info("Publishing: '{}'", message.data);
      publisher.publish(message);
      if (sent == count) rclite::shutdown();
    });
    rclite::spin(node);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "talker: %s\n", error.what());
    return 1;
  }
  return 0;
}

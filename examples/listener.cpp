// The C++ twin of ROS 2's demo listener: prints what arrives on /chatter.
//   build/bin/listener [--ros-args ...]
#include <rclite/rclite.hpp>
#include <std_msgs/msg/string.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  try {
    rclite::init(argc, argv);
    rclite::Node node("listener");
    auto subscription = node.create_subscription<std_msgs::msg::String>(
        "chatter", rclite::QoS(10),
        [&node](const std_msgs::msg::String& message) { node.get_logger().info("I heard: [{}]", message.data); });
    rclite::spin(node);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "listener: %s\n", error.what());
    return 1;
  }
  return 0;
}

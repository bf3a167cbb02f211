// A server for multi-process tests: `rclite_test_server SERVICE [DELAY_MS [contents|metadata]]`.
// Prints READY on stdout once the service exists; answers AddTwoInts after DELAY_MS, publishing its
// introspection events when asked to; runs until SIGINT/SIGTERM. A slow server (DELAY_MS of a
// second or more: few requests, whose output nobody reads otherwise) prints SERVING as a request
// comes in, so that a test knows a call is in its hands.
// Its node has no parameter services, so tests see just what they made.
#include <example_interfaces/srv/add_two_ints.hpp>
#include <rclite/rclite.hpp>

#include <cstdio>
#include <string>
#include <thread>

using AddTwoInts = example_interfaces::srv::AddTwoInts;

int main(int argc, char** argv) {
  rclite::init(argc, argv);
  const auto args = rclite::remove_ros_arguments(argc, argv);
  if (args.size() < 2) {
    std::fprintf(stderr, "usage: rclite_test_server SERVICE [DELAY_MS [contents|metadata]]\n");
    return 2;
  }
  const auto delay = std::chrono::milliseconds(args.size() > 2 ? std::stoi(args[2]) : 0);
  rclite::NodeOptions options;
  options.start_parameter_services = false;
  options.start_parameter_event_publisher = false;
  rclite::Node node("test_server", options);
  auto service = node.create_service<AddTwoInts>(args[1], [delay](const AddTwoInts::Request& request) {
    if (delay >= std::chrono::seconds(1)) {
      std::printf("SERVING\n");
      std::fflush(stdout);
    }
    std::this_thread::sleep_for(delay);
    AddTwoInts::Response response;
    response.sum = request.a + request.b;
    return response;
  });
  if (args.size() > 3) {
    const auto state = args[3] == "metadata" ? rclite::IntrospectionState::Metadata : rclite::IntrospectionState::Contents;
    service.configure_introspection(rclite::ServicesQoS(), state);
  }
  std::printf("READY\n");
  std::fflush(stdout);
  rclite::spin(node);
  return 0;
}

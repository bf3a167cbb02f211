// An rclcpp AddTwoInts client for `make interop`: `A B [--count N] [--service NAME]` calls COUNT
// times with (A, B + i), checks each sum, prints `sum=<last sum>`; exits 1 with the reason otherwise.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "example_interfaces/srv/add_two_ints.hpp"
#include "rclcpp/rclcpp.hpp"

using AddTwoInts = example_interfaces::srv::AddTwoInts;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  const auto args = rclcpp::init_and_remove_ros_arguments(argc, argv);
  if (args.size() < 3) {
    std::fprintf(stderr, "usage: rclcpp_add_two_ints_client A B [--count N] [--service NAME]\n");
    return 2;
  }
  const long a = std::stol(args[1]), b = std::stol(args[2]);
  long count = 1;
  std::string service_name = "add_two_ints";
  for (size_t i = 3; i + 1 < args.size(); i += 2) {
    if (args[i] == "--count") count = std::stol(args[i + 1]);
    if (args[i] == "--service") service_name = args[i + 1];
  }
  auto node = rclcpp::Node::make_shared("add_two_ints_client");
  auto client = node->create_client<AddTwoInts>(service_name);
  int status = 0;
  if (!client->wait_for_service(30s)) {
    std::fprintf(stderr, "no service %s after 30 s\n", service_name.c_str());
    status = 1;
  }
  long sum = 0;
  for (long i = 0; status == 0 && i < count; ++i) {
    auto request = std::make_shared<AddTwoInts::Request>();
    request->a = a;
    request->b = b + i;
    auto future = client->async_send_request(request);
    if (rclcpp::spin_until_future_complete(node, future, 30s) != rclcpp::FutureReturnCode::SUCCESS) {
      std::fprintf(stderr, "call %ld not answered in 30 s\n", i);
      status = 1;
      break;
    }
    sum = future.get()->sum;
    if (sum != request->a + request->b) {
      std::fprintf(stderr, "call %ld: sum %ld, expected %ld\n", i, sum, static_cast<long>(request->a + request->b));
      status = 1;
    }
  }
  if (status == 0) std::printf("sum=%ld\n", sum);
  rclcpp::shutdown();
  return status;
}

// `rclite action send_goal NAME TYPE [GOAL] [--feedback]`: ros2action's send_goal verb, with
// runtime-typed values on rclite::GenericClient (the send_goal and get_result services) and
// rclite::GenericSubscription (the feedback topic).
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <thread>

#include <rclite/dynamic/interface_roots.hpp>
#include <rclite/dynamic/yaml.hpp>
#include <rclite/generic_client.hpp>
#include <rclite/generic_subscription.hpp>

#include <array>
#include <random>

#include "common.hpp"

namespace rclite::cli {
namespace {

// ros2action's _goal_status_to_string.
const char* status_text(std::int8_t status) {
  switch (status) {
    case 1: return "ACCEPTED";
    case 2: return "EXECUTING";
    case 3: return "CANCELING";
    case 4: return "SUCCEEDED";
    case 5: return "CANCELED";
    case 6: return "ABORTED";
    default: return "UNKNOWN";
  }
}

// A random (version 4) UUID, as rclpy's ActionClient makes goal ids.
std::array<std::uint8_t, 16> random_uuid() {
  std::random_device source;
  std::array<std::uint8_t, 16> id{};
  for (auto& byte : id) byte = static_cast<std::uint8_t>(source());
  id[6] = static_cast<std::uint8_t>((id[6] & 0x0f) | 0x40);
  id[8] = static_cast<std::uint8_t>((id[8] & 0x3f) | 0x80);
  return id;
}

}  // namespace

int action_send_goal(const std::string& action_name, const std::string& action_type, const std::string& goal_yaml,
                     bool feedback) {
  // ros2: "pkg/Name" means "pkg/action/Name".
  std::string type_text = action_type;
  if (std::count(type_text.begin(), type_text.end(), '/') == 1) type_text.insert(type_text.find('/'), "/action");
  const auto type_name = idl::parse_type_name(type_text);
  auto library = dynamic::make_interface_library();
  try {
    if (!type_name || type_name->subfolder != "action") throw std::runtime_error("not an action");
    library.action(*type_name);
  } catch (const std::exception&) {
    throw CommandError("The passed action type is invalid");
  }
  const std::string type = type_name->full();

  Session session("_ros2cli_send_goal_" + type_name->package + "_" + type_name->subfolder + "_" + type_name->name,
                  false);
  Node& node = *session.node;
  GenericClient send_goal(node, action_name + "/_action/send_goal", type + "_SendGoal", library);
  GenericClient get_result(node, action_name + "/_action/get_result", type + "_GetResult", library);

  auto request = send_goal.make_request();
  try {
    dynamic::assign_yaml(request["goal"], goal_yaml);
  } catch (const std::exception& error) {
    std::printf("Failed to populate message fields: %s\n", error.what());
    return 1;
  }
  const auto id = random_uuid();
  for (std::size_t i = 0; i < id.size(); ++i) request["goal_id"]["uuid"][i].set(id[i]);

  std::mutex print_mutex;
  bool accepted = false;  // guarded by print_mutex
  std::string early_feedback;
  GenericSubscription feedback_subscription;
  std::optional<SingleThreadedExecutor> executor;
  std::thread spinner;
  if (feedback) {
    feedback_subscription = GenericSubscription(
        node, action_name + "/_action/feedback", type + "_FeedbackMessage", library, QoS(10),
        [&](const dynamic::DynamicValue& message) {
          for (std::size_t i = 0; i < id.size(); ++i) {
            if (message["goal_id"]["uuid"][i].get<std::uint8_t>() != id[i]) return;
          }
          std::lock_guard lock(print_mutex);
          std::string text = "Feedback:\n    " + dynamic::to_yaml(message["feedback"]) + "\n";
          if (!accepted) {  // printed after "Goal accepted", as the goal's own
            early_feedback += text;
            return;
          }
          std::fputs(text.c_str(), stdout);
          std::fflush(stdout);
        });
    executor.emplace(*session.context);
    executor->add_node(node);
    spinner = std::thread([&] { executor->spin(); });
  }
  const auto stop_spinning = [&] {
    if (spinner.joinable()) {
      executor->cancel();
      spinner.join();
    }
  };

  try {
    std::printf("Waiting for an action server to become available...\n");
    std::fflush(stdout);
    if (!send_goal.wait_for_service() || !get_result.wait_for_service()) {
      stop_spinning();
      return 1;
    }
    {
      std::lock_guard lock(print_mutex);
      std::printf("Sending goal:\n     %s\n", dynamic::to_yaml(request["goal"]).c_str());
      std::fflush(stdout);
    }
    const auto response = send_goal.async_send_request(request).get();
    if (!response["accepted"].get<bool>()) {
      std::printf("Goal was rejected.\n");
      stop_spinning();
      return 0;
    }
    {
      std::lock_guard lock(print_mutex);
      std::string hex;
      static constexpr char kHex[] = "0123456789abcdef";
      for (const auto byte : id) (hex += kHex[byte >> 4]) += kHex[byte & 0xf];
      std::printf("Goal accepted with ID: %s\n\n%s", hex.c_str(), early_feedback.c_str());
      std::fflush(stdout);
      accepted = true;
    }
    auto result_request = get_result.make_request();
    for (std::size_t i = 0; i < id.size(); ++i) result_request["goal_id"]["uuid"][i].set(id[i]);
    const auto result = get_result.async_send_request(result_request).get();
    stop_spinning();
    std::printf("Result:\n    %s\n", dynamic::to_yaml(result["result"]).c_str());
    std::printf("Goal finished with status: %s\n", status_text(result["status"].get<std::int8_t>()));
  } catch (const ServiceError& error) {
    stop_spinning();
    throw CommandError(error.what());
  }
  stop_spinning();
  return 0;
}

}  // namespace rclite::cli

// Shared pieces of the `rclite` command line tool.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <rclite/dynamic/dynamic_value.hpp>
#include <rclite/rclite.hpp>

namespace rclite::cli {

// A failure reported as one line on stderr and exit code 1 (ros2cli returns such a string).
class CommandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// call_service's failure when the service does not show up in time.
class ServiceUnavailableError : public CommandError {
 public:
  using CommandError::CommandError;
};

// How long a graph command waits for discovery to complete (Node::wait_for_graph_settled).
inline constexpr std::chrono::milliseconds kMaxDiscoveryWait{1000};

// A context and a hidden node for querying the graph or calling a service.
struct Session {
  // The node is "<node_name_prefix>_<pid>", or `node_name_prefix` alone without `append_pid`.
  explicit Session(const std::string& node_name_prefix = "_rclite_cli", bool append_pid = true);
  std::unique_ptr<Context> context;
  std::unique_ptr<Node> node;
  // Waits (bounded) until discovery is complete.
  void settle() const;
};

// True if any token of `name` starts with '_' (rclpy's topic_or_service_is_hidden).
bool is_hidden_name(const std::string& name);

// --- Verbs -------------------------------------------------------------------------------------
struct ListOptions {
  bool show_types = false;
  bool count = false;
  bool include_hidden = false;
};
int service_list(const ListOptions& options);
int action_list(const ListOptions& options);
int action_type(const std::string& action_name);
int action_info(const std::string& action_name, const ListOptions& options);
int action_send_goal(const std::string& action_name, const std::string& action_type, const std::string& goal_yaml,
                     bool feedback);
int service_type(const std::string& service_name);
int service_find(const std::string& service_type, bool count, bool include_hidden);
int service_info(const std::string& service_name);
int topic_list(const ListOptions& options);
int node_list(bool all, bool count);
int node_info(const std::string& node_name, bool include_hidden);

struct CallOptions {
  std::string service_name;
  std::string service_type;
  std::string values = "{}";
  std::optional<double> rate;
  std::optional<double> timeout_seconds;
};
int service_call(const CallOptions& options);

struct EchoOptions {
  std::string service_name;
  std::string service_type;  // empty: the type the graph shows
  bool full_length = false;
  std::size_t truncate_length = 128;
  bool no_arr = false;
  bool no_str = false;
  bool flow_style = false;
};
int service_echo(const EchoOptions& options);

// Calls `service_name` of `service_type` ("pkg/srv/Name") with `fill` applied to a default
// request, waiting at most `timeout` for the service and then for the reply. Throws CommandError
// (ServiceUnavailableError when the service is not there in time).
dynamic::DynamicValue call_service(Session& session, const std::string& service_name,
                                   const std::string& service_type,
                                   const std::function<void(dynamic::DynamicValue&)>& fill,
                                   std::chrono::nanoseconds timeout);

struct ParamOptions {
  std::string node_name;
  std::string parameter_name;
  std::vector<std::string> parameter_names;  // describe
  std::string value;
  bool hide_type = false;
  bool include_hidden_nodes = false;
  double timeout_seconds = 1.0;
};
int param_list(const ParamOptions& options);
int param_get(const ParamOptions& options);
int param_set(const ParamOptions& options);
int param_describe(const ParamOptions& options);
int param_dump(const ParamOptions& options);

int interface_show(const std::string& type, bool all_comments, bool no_comments);
int interface_list(bool only_msgs, bool only_srvs, bool only_actions);
int interface_package(const std::string& package);
int interface_packages(bool only_msgs, bool only_srvs, bool only_actions);

// sros2's `ros2 security` verbs (keystore tooling, security_commands.cpp).
int security_create_keystore(const std::string& keystore);
int security_create_enclave(const std::string& keystore, const std::string& enclave);
int security_create_permission(const std::string& keystore, const std::string& enclave, const std::string& policy);
int security_generate_artifacts(const std::string& keystore, const std::vector<std::string>& enclaves,
                                const std::vector<std::string>& policy_files);
int security_list_enclaves(const std::string& keystore);

}  // namespace rclite::cli

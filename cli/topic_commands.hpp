// ros2topic's verbs beyond `list`: echo, pub, hz, info, type, find (topic_*.cpp), and what they share:
// the QoS flags (--qos-profile & co., topic_qos.cpp) and finding a topic's type in the graph.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.hpp"

namespace rclite::cli {

// ros2topic's add_qos_arguments: a preset, then overrides. Liveliness flags are not offered
// (rclite's QoS has AUTOMATIC liveliness with an infinite lease only).
struct QosFlags {
  std::string profile;  // a QoSPresetProfiles short key: "default", "sensor_data", ...
  std::optional<int> depth;
  std::string history;      // "" (not given), "keep_last", "keep_all", "system_default"
  std::string reliability;  // "", "reliable", "best_effort", "system_default", "best_available"
  std::string durability;   // "", "volatile", "transient_local", "system_default", "best_available"
  static QosFlags with_profile(std::string profile) {
    QosFlags flags;
    flags.profile = std::move(profile);
    return flags;
  }
  bool any_override() const {
    return depth.has_value() || !history.empty() || !reliability.empty() || !durability.empty();
  }
};
// The choices CLI11 checks each flag against (ros2: rclpy's short_keys()).
const std::vector<std::string>& qos_profile_choices();
const std::vector<std::string>& qos_history_choices();
const std::vector<std::string>& qos_reliability_choices();
const std::vector<std::string>& qos_durability_choices();

// The QoS `ros2 topic pub` publishes with: the preset with the overrides; "best_available" offers
// the most (RELIABLE, TRANSIENT_LOCAL), as rmw does for a publisher.
QoS publisher_qos(const QosFlags& flags);
// The QoS `ros2 topic echo` subscribes with (ros2topic's choose_qos): with no override, the preset
// with the reliability and durability every publisher of the topic offers (BEST_EFFORT / VOLATILE
// when only some do, saying so on stdout, as ros2); with overrides, the preset with the overrides
// ("best_available" decided from the publishers as rmw does).
QoS subscription_qos(const QosFlags& flags, const std::vector<TopicEndpointInfo>& publishers);

// "pkg/Name" means "pkg/msg/Name" (rosidl_runtime_py's get_message); other text is returned as is.
std::string full_message_type_name(const std::string& type);

// ros2topic's get_msg_class: the one type the graph shows for `topic` (hidden topics included).
// nullopt after printing "WARNING: topic [...] does not appear to be published yet" when it has
// none; with `wait`, keeps looking until it appears (nullopt only when interrupted). Throws
// CommandError for a topic with several types.
std::optional<std::string> topic_type_from_graph(Session& session, const std::string& topic, bool wait);

struct TopicEchoOptions {
  std::string topic_name;
  std::string message_type;  // empty: the type the graph shows
  QosFlags qos = QosFlags::with_profile("sensor_data");
  bool csv = false;
  std::string field;
  bool full_length = false;
  std::size_t truncate_length = 128;
  bool no_arr = false;
  bool no_str = false;
  bool flow_style = false;
  bool once = false;
  std::optional<double> timeout_seconds;
};
int topic_echo(const TopicEchoOptions& options);

struct TopicPubOptions {
  std::string topic_name;
  std::string message_type;
  std::string values = "{}";
  bool values_from_stdin = false;
  double rate = 1.0;
  int print_nth = 1;
  bool once = false;
  int times = 0;
  std::optional<int> wait_matching_subscriptions;
  std::optional<double> max_wait_time_seconds;
  double keep_alive_seconds = 0.1;
  std::string node_name;  // empty: the CLI's hidden node
  QosFlags qos = QosFlags::with_profile("default");
};
int topic_pub(const TopicPubOptions& options);

struct TopicHzOptions {
  std::string topic_name;
  std::size_t window_size = 10000;
};
int topic_hz(const TopicHzOptions& options);

int topic_info(const std::string& topic_name, bool verbose);
int topic_type(const std::string& topic_name, bool include_hidden);
int topic_find(const std::string& topic_type, bool count, bool include_hidden);

}  // namespace rclite::cli

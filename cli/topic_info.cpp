// `rclite topic info|type|find`: ros2topic's info, type and find verbs (ros2topic/verb/info.py,
// type.py, find.py, Jazzy); `info -v` prints each endpoint as rclpy's TopicEndpointInfo.__str__
// (rclpy/topic_endpoint_info.py).
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "topic_commands.hpp"

namespace rclite::cli {
namespace {

bool humble() {
  const char* distro = std::getenv("ROS_DISTRO");
  return distro != nullptr && std::string_view(distro) == "humble";
}

NamesAndTypes topics(Session& session, bool include_hidden) {
  session.settle();
  NamesAndTypes all = session.node->get_topic_names_and_types();
  if (include_hidden) return all;
  std::erase_if(all, [](const auto& entry) { return is_hidden_name(entry.first); });
  return all;
}

// rclpy's Duration.__str__.
std::string duration_text(std::chrono::nanoseconds value) {
  if (value == EndpointQos::kInfinite) return "Infinite";
  return std::to_string(value.count()) + " nanoseconds";
}

// The names of rclpy's QoS policy enums (rmw has no TRANSIENT or PERSISTENT durability, nor a
// MANUAL_BY_PARTICIPANT liveliness: UNKNOWN).
const char* reliability_name(EndpointQos::Reliability value) {
  switch (value) {
    case EndpointQos::Reliability::Reliable: return "RELIABLE";
    case EndpointQos::Reliability::BestEffort: return "BEST_EFFORT";
    default: return "UNKNOWN";
  }
}
const char* durability_name(EndpointQos::Durability value) {
  switch (value) {
    case EndpointQos::Durability::Volatile: return "VOLATILE";
    case EndpointQos::Durability::TransientLocal: return "TRANSIENT_LOCAL";
    default: return "UNKNOWN";
  }
}
const char* liveliness_name(EndpointQos::Liveliness value) {
  switch (value) {
    case EndpointQos::Liveliness::Automatic: return "AUTOMATIC";
    case EndpointQos::Liveliness::ManualByTopic: return "MANUAL_BY_TOPIC";
    default: return "UNKNOWN";
  }
}
std::string history_text(const EndpointQos& qos) {
  switch (qos.history) {
    case EndpointQos::History::KeepLast: return "KEEP_LAST (" + std::to_string(qos.depth) + ")";
    case EndpointQos::History::KeepAll: return "KEEP_ALL";
    default: return "UNKNOWN";
  }
}

// rmw's gid: the 16-byte GUID, padded with zeros to 24 bytes in Humble; bytes as "01.0f.a3...".
std::string gid_text(const Gid& gid) {
  std::string out;
  const std::size_t size = humble() ? 24 : gid.size();
  for (std::size_t i = 0; i < size; ++i) {
    char byte[4];
    std::snprintf(byte, sizeof byte, "%02x", i < gid.size() ? gid[i] : 0);
    if (!out.empty()) out += '.';
    out += byte;
  }
  return out;
}

void print_endpoint(const TopicEndpointInfo& info) {
  std::printf("Node name: %s\n", info.node_name.c_str());
  std::printf("Node namespace: %s\n", info.node_namespace.c_str());
  std::printf("Topic type: %s\n", info.topic_type.c_str());
  if (!humble()) std::printf("Topic type hash: %s\n", info.type_hash.empty() ? "INVALID" : info.type_hash.c_str());
  std::printf("Endpoint type: %s\n", info.kind == TopicEndpointInfo::Kind::Publisher ? "PUBLISHER" : "SUBSCRIPTION");
  std::printf("GID: %s\n", gid_text(info.gid).c_str());
  std::printf("QoS profile:\n");
  std::printf("  Reliability: %s\n", reliability_name(info.qos.reliability));
  std::printf("  History (Depth): %s\n", history_text(info.qos).c_str());
  std::printf("  Durability: %s\n", durability_name(info.qos.durability));
  std::printf("  Lifespan: %s\n", duration_text(info.qos.lifespan).c_str());
  std::printf("  Deadline: %s\n", duration_text(info.qos.deadline).c_str());
  std::printf("  Liveliness: %s\n", liveliness_name(info.qos.liveliness));
  std::printf("  Liveliness lease duration: %s\n\n", duration_text(info.qos.liveliness_lease_duration).c_str());
}

}  // namespace

int topic_info(const std::string& topic_name, bool verbose) {
  Session session;
  const auto all = topics(session, /*include_hidden=*/true);
  const auto found = all.find(topic_name);
  if (found == all.end()) throw CommandError("Unknown topic '" + topic_name + "'");
  const char* line_end = verbose ? "\n\n" : "\n";
  // One type as it is, several as the Python list they are.
  std::string types;
  if (found->second.size() == 1) {
    types = *found->second.begin();
  } else {
    for (const auto& type : found->second) types += (types.empty() ? "['" : ", '") + type + "'";
    types += "]";
  }
  const Node& node = *session.node;
  std::printf("Type: %s%s", types.c_str(), line_end);
  std::printf("Publisher count: %zu%s", node.count_publishers(topic_name), line_end);
  if (verbose) {
    for (const auto& info : node.get_publishers_info_by_topic(topic_name)) print_endpoint(info);
  }
  std::printf("Subscription count: %zu%s", node.count_subscribers(topic_name), line_end);
  if (verbose) {
    for (const auto& info : node.get_subscriptions_info_by_topic(topic_name)) print_endpoint(info);
  }
  return 0;
}

int topic_type(const std::string& topic_name, bool include_hidden) {
  Session session;
  const auto all = topics(session, include_hidden);
  const auto found = all.find(topic_name);
  // ros2 exits with 1 and prints nothing; one line on stderr says why (as `service type`).
  if (found == all.end()) throw CommandError("Unknown topic '" + topic_name + "'");
  for (const auto& type : found->second) std::printf("%s\n", type.c_str());
  return 0;
}

int topic_find(const std::string& topic_type, bool count, bool include_hidden) {
  Session session;
  std::vector<std::string> found;
  for (const auto& [name, types] : topics(session, include_hidden)) {
    if (types.contains(topic_type)) found.push_back(name);
  }
  if (count) {
    std::printf("%zu\n", found.size());
  } else {
    for (const auto& name : found) std::printf("%s\n", name.c_str());
  }
  return 0;
}

}  // namespace rclite::cli

// What the topic verbs share: ros2topic's QoS flags (ros2topic/api/__init__.py:
// add_qos_arguments, qos_profile_from_short_keys; echo.py: choose_qos) and finding a topic's type
// in the graph (api: get_msg_class).
#include <algorithm>
#include <cstdio>

#include "topic_commands.hpp"

namespace rclite::cli {
namespace {

// rclpy's QoSPresetProfiles, as rmw defines the presets (rclite/qos.hpp), but "unknown", which no
// endpoint can be created with.
QoS preset(const std::string& profile) {
  if (profile == "system_default") return SystemDefaultsQoS();
  if (profile == "sensor_data") return SensorDataQoS();
  if (profile == "services_default") return ServicesQoS();
  if (profile == "parameters") return ParametersQoS();
  if (profile == "parameter_events") return ParameterEventsQoS();
  if (profile == "action_status_default") return QoS(1).transient_local();  // rcl_action's status topic
  return QoS(10);  // "default", and "best_available" (KEEP_LAST 10, its policies resolved below)
}

struct Resolved {
  QoS qos;
  bool best_available_reliability;
  bool best_available_durability;
};

Resolved resolve(const QosFlags& flags) {
  Resolved out{preset(flags.profile), flags.profile == "best_available", flags.profile == "best_available"};
  QoS& qos = out.qos;
  // profile_configure_short_keys: history, durability, reliability, then the depth.
  if (flags.history == "keep_all") qos.keep_all();
  if (flags.history == "keep_last" || flags.history == "system_default") qos.keep_last(qos.depth());
  if (!flags.durability.empty()) {
    out.best_available_durability = flags.durability == "best_available";
    qos.durability(flags.durability == "transient_local" ? DurabilityPolicy::TransientLocal
                                                         : DurabilityPolicy::Volatile);
  }
  if (!flags.reliability.empty()) {
    out.best_available_reliability = flags.reliability == "best_available";
    // rmw_cyclonedds' system default is RELIABLE.
    qos.reliability(flags.reliability == "best_effort" ? ReliabilityPolicy::BestEffort : ReliabilityPolicy::Reliable);
  }
  // A depth of 0 (or less) is not applied; a TRANSIENT_LOCAL profile of depth 0 gets 1 (our QoS
  // has no depth 0).
  if (flags.depth && *flags.depth > 0 && qos.history() == HistoryPolicy::KeepLast) qos.keep_last(*flags.depth);
  return out;
}

struct Offered {
  std::size_t publishers = 0;
  std::size_t reliable = 0;
  std::size_t transient_local = 0;
};

Offered offered_by(const std::vector<TopicEndpointInfo>& publishers) {
  Offered offered;
  offered.publishers = publishers.size();
  for (const auto& info : publishers) {
    if (info.qos.reliability == EndpointQos::Reliability::Reliable) ++offered.reliable;
    if (info.qos.durability == EndpointQos::Durability::TransientLocal) ++offered.transient_local;
  }
  return offered;
}

}  // namespace

const std::vector<std::string>& qos_profile_choices() {
  static const std::vector<std::string> choices{"default",    "system_default",   "sensor_data",
                                                "services_default", "parameters", "parameter_events",
                                                "action_status_default", "best_available"};
  return choices;
}
const std::vector<std::string>& qos_history_choices() {
  static const std::vector<std::string> choices{"system_default", "keep_last", "keep_all"};
  return choices;
}
const std::vector<std::string>& qos_reliability_choices() {
  static const std::vector<std::string> choices{"system_default", "reliable", "best_effort", "best_available"};
  return choices;
}
const std::vector<std::string>& qos_durability_choices() {
  static const std::vector<std::string> choices{"system_default", "transient_local", "volatile", "best_available"};
  return choices;
}

QoS publisher_qos(const QosFlags& flags) {
  Resolved resolved = resolve(flags);
  if (resolved.best_available_reliability) resolved.qos.reliable();
  if (resolved.best_available_durability) resolved.qos.transient_local();
  return resolved.qos;
}

QoS subscription_qos(const QosFlags& flags, const std::vector<TopicEndpointInfo>& publishers) {
  const Offered offered = offered_by(publishers);
  Resolved resolved = resolve(flags);
  QoS& qos = resolved.qos;
  if (flags.any_override()) {
    // rmw's BEST_AVAILABLE for a subscription: the most that every publisher offers.
    if (resolved.best_available_reliability) {
      qos.reliability(offered.reliable == offered.publishers ? ReliabilityPolicy::Reliable
                                                             : ReliabilityPolicy::BestEffort);
    }
    if (resolved.best_available_durability) {
      qos.durability(offered.transient_local == offered.publishers ? DurabilityPolicy::TransientLocal
                                                                   : DurabilityPolicy::Volatile);
    }
    return qos;
  }
  if (offered.publishers == 0) return qos;  // the preset as it is
  if (offered.reliable == offered.publishers) {
    qos.reliable();
  } else {
    if (offered.reliable > 0) {
      std::printf(
          "Some, but not all, publishers are offering QoSReliabilityPolicy.RELIABLE. Falling back to "
          "QoSReliabilityPolicy.BEST_EFFORT as it will connect to all publishers\n");
    }
    qos.best_effort();
  }
  if (offered.transient_local == offered.publishers) {
    qos.transient_local();
  } else {
    if (offered.transient_local > 0) {
      std::printf(
          "Some, but not all, publishers are offering QoSDurabilityPolicy.TRANSIENT_LOCAL. Falling back to "
          "QoSDurabilityPolicy.VOLATILE as it will connect to all publishers\n");
    }
    qos.durability_volatile();
  }
  std::fflush(stdout);
  return qos;
}

std::string full_message_type_name(const std::string& type) {
  if (std::count(type.begin(), type.end(), '/') != 1) return type;
  std::string full = type;
  full.insert(full.find('/'), "/msg");
  return full;
}

std::optional<std::string> topic_type_from_graph(Session& session, const std::string& topic, bool wait) {
  std::string expanded;
  try {
    expanded = session.node->resolve_topic_name(topic);
  } catch (const std::exception& error) {
    throw CommandError(error.what());
  }
  const auto look = [&]() -> std::optional<std::string> {
    const auto all = session.node->get_topic_names_and_types();
    const auto found = all.find(expanded);
    if (found == all.end() || found->second.empty()) return std::nullopt;
    if (found->second.size() > 1) {
      std::string types;
      for (const auto& type : found->second) types += (types.empty() ? "" : ", ") + type;
      throw CommandError("Cannot echo topic '" + topic + "', as it contains more than one type: [" + types + "]");
    }
    return *found->second.begin();
  };
  session.settle();
  if (auto type = look()) return type;
  std::printf("WARNING: topic [%s] does not appear to be published yet\n", topic.c_str());
  std::fflush(stdout);
  if (!wait) return std::nullopt;
  while (session.context->ok()) {
    const std::uint64_t seen = session.node->get_graph_change_count();
    if (auto type = look()) return type;
    session.node->wait_for_graph_change(seen, std::chrono::milliseconds(100));  // also notices Ctrl-C
  }
  return std::nullopt;
}

}  // namespace rclite::cli

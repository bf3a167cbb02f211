/// @file
/// Quality of service of a publisher or subscription: what rclite maps to DDS QoS the way
/// rmw_cyclonedds' create_readwrite_qos does (spec §4.2). Only the policies ROS users set are here;
/// liveliness is always AUTOMATIC with an infinite lease, as rmw's defaults give.
///
/// @code{.unparsed}
///   node.create_publisher<std_msgs::msg::String>("chatter", rclite::QoS(10));
///   node.create_subscription<rcl_interfaces::msg::Log>("/rosout", rclite::RosoutQoS(), callback);
/// @endcode
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

namespace rclite {

/// Which samples a reader or writer keeps: the last `depth` of each instance, or all (resource limits permitting).
enum class HistoryPolicy { KeepLast, KeepAll };
/// Reliable: retransmitted until acknowledged (or dropped from history); BestEffort: sent once.
enum class ReliabilityPolicy { Reliable, BestEffort };
/// Volatile: late joiners see nothing older; TransientLocal: a writer keeps its history for them.
enum class DurabilityPolicy { Volatile, TransientLocal };

/// A QoS profile as rclcpp's: `QoS(depth)` is rclcpp's default (reliable, volatile, keep last `depth`); setters chain.
class QoS {
 public:
  /// KEEP_LAST(depth), RELIABLE, VOLATILE: rmw_qos_profile_default with this depth. A depth of 0 is
  /// taken as 1 (rmw_cyclonedds maps an unspecified depth to 1).
  explicit QoS(std::size_t depth) { keep_last(depth); }

  /// Keep the last `depth` samples.
  QoS& keep_last(std::size_t depth) {
    history_ = HistoryPolicy::KeepLast;
    depth_ = depth == 0 ? 1 : depth;
    return *this;
  }
  /// Keep every sample (bounded by the DDS resource limits).
  QoS& keep_all() {
    history_ = HistoryPolicy::KeepAll;
    return *this;
  }
  /// Sets the reliability policy.
  QoS& reliability(ReliabilityPolicy policy) {
    reliability_ = policy;
    return *this;
  }
  /// Shorthand for reliability(ReliabilityPolicy::Reliable).
  QoS& reliable() { return reliability(ReliabilityPolicy::Reliable); }
  /// Shorthand for reliability(ReliabilityPolicy::BestEffort).
  QoS& best_effort() { return reliability(ReliabilityPolicy::BestEffort); }
  /// Sets the durability policy.
  QoS& durability(DurabilityPolicy policy) {
    durability_ = policy;
    return *this;
  }
  /// Shorthand for durability(DurabilityPolicy::Volatile).
  QoS& durability_volatile() { return durability(DurabilityPolicy::Volatile); }
  /// Shorthand for durability(DurabilityPolicy::TransientLocal).
  QoS& transient_local() { return durability(DurabilityPolicy::TransientLocal); }
  /// How long a sample stays valid (writer side; DDS LIFESPAN). nullopt: not set (forever).
  /// std::chrono::nanoseconds::max() is DDS_INFINITY.
  QoS& lifespan(std::optional<std::chrono::nanoseconds> value) {
    lifespan_ = value;
    return *this;
  }
  /// The expected period between samples (DDS DEADLINE). nullopt: not set.
  /// A reader's deadline shorter than the writer's prevents matching (spec §4.3).
  QoS& deadline(std::optional<std::chrono::nanoseconds> value) {
    deadline_ = value;
    return *this;
  }

  /// The history policy.
  HistoryPolicy history() const { return history_; }
  std::size_t depth() const { return depth_; }  ///< meaningful for KeepLast
  /// The reliability policy.
  ReliabilityPolicy reliability() const { return reliability_; }
  /// The durability policy.
  DurabilityPolicy durability() const { return durability_; }
  /// The lifespan set by lifespan(value); nullopt: not set.
  std::optional<std::chrono::nanoseconds> lifespan() const { return lifespan_; }
  /// The deadline set by deadline(value); nullopt: not set.
  std::optional<std::chrono::nanoseconds> deadline() const { return deadline_; }

  /// Equal when every setting is.
  friend bool operator==(const QoS&, const QoS&) = default;

 private:
  HistoryPolicy history_ = HistoryPolicy::KeepLast;
  std::size_t depth_ = 10;
  ReliabilityPolicy reliability_ = ReliabilityPolicy::Reliable;
  DurabilityPolicy durability_ = DurabilityPolicy::Volatile;
  std::optional<std::chrono::nanoseconds> lifespan_;
  std::optional<std::chrono::nanoseconds> deadline_;
};

// The ROS profiles (spec §4.1), as rmw_cyclonedds puts them on the wire.

/// rmw_qos_profile_system_default: every policy left to the middleware, which for rmw_cyclonedds is
/// KEEP_LAST(1), RELIABLE, VOLATILE.
struct SystemDefaultsQoS : QoS {
  SystemDefaultsQoS() : QoS(1) {}
};
/// rmw_qos_profile_services_default: KEEP_LAST(10), RELIABLE, VOLATILE.
struct ServicesQoS : QoS {
  ServicesQoS() : QoS(10) {}
};
/// rmw_qos_profile_parameters: KEEP_LAST(1000), RELIABLE, VOLATILE.
struct ParametersQoS : QoS {
  ParametersQoS() : QoS(1000) {}
};
/// rmw_qos_profile_parameter_events: KEEP_LAST(1000), RELIABLE, VOLATILE.
struct ParameterEventsQoS : QoS {
  ParameterEventsQoS() : QoS(1000) {}
};
/// rcl_qos_profile_rosout_default: KEEP_LAST(1000), RELIABLE, TRANSIENT_LOCAL, lifespan 10 s.
struct RosoutQoS : QoS {
  RosoutQoS() : QoS(1000) {
    transient_local();
    lifespan(std::chrono::seconds(10));
  }
};
/// rmw_qos_profile_sensor_data: KEEP_LAST(5), BEST_EFFORT, VOLATILE.
struct SensorDataQoS : QoS {
  SensorDataQoS() : QoS(5) { best_effort(); }
};

}  // namespace rclite

/// @file
/// The ROS graph as a context sees it: nodes, topics, services and their endpoints, discovered from
/// DDS (the built-in DCPSParticipant/DCPSPublication/DCPSSubscription topics and `ros_discovery_info`).
/// Value types only; the queries are member functions of rclite::Node (rclite/node.hpp).
///
/// The semantics are rmw's (rmw_cyclonedds + rmw_dds_common), so that what rclite reports is what
/// `ros2 node list`, `ros2 service list -t`, `ros2 node info` print:
/// @code{.unparsed}
///   * names are ROS names ("/add_two_ints"), types ROS type names ("example_interfaces/srv/AddTwoInts");
///   * maps are sorted by name and every name's types are a sorted set;
///   * hidden names (a token starting with '_') are returned; filtering them is the caller's job;
///   * nodes of Jazzy (16-byte gids) and Humble (24-byte gids) peers are both understood.
/// @endcode
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace rclite {

/// A node of the graph. `ns` is the namespace ("/" for the root), `name` the node name.
struct NodeName {
  std::string ns;  ///< the namespace ("/" for the root)
  std::string name;  ///< the node name

  /// "/ns/name", or "/name" in the root namespace, as `ros2 node list` prints it.
  std::string fully_qualified() const { return ns == "/" ? "/" + name : ns + "/" + name; }
  /// Ordered by namespace, then name.
  auto operator<=>(const NodeName&) const = default;
};

/// Name -> the types seen for it, both sorted (std::map / std::set).
using NamesAndTypes = std::map<std::string, std::set<std::string>>;

/// A 16-byte DDS GUID (prefix and entity id), the identity of a reader or writer.
using Gid = std::array<std::uint8_t, 16>;

/// The QoS of a discovered endpoint as DDS discovery reports it (Cyclone fills what a peer leaves out
/// with the DDS defaults, so Unknown is rare).
struct EndpointQos {
  /// The reliability a participant announced (Unknown when not announced).
  enum class Reliability { Unknown, Reliable, BestEffort };
  /// The durability a participant announced.
  enum class Durability { Unknown, Volatile, TransientLocal, Transient, Persistent };
  /// The history a participant announced.
  enum class History { Unknown, KeepLast, KeepAll };
  /// The liveliness kind a participant announced.
  enum class Liveliness { Unknown, Automatic, ManualByParticipant, ManualByTopic };
  /// An unset duration (DDS_INFINITY).
  static constexpr std::chrono::nanoseconds kInfinite = std::chrono::nanoseconds::max();

  Reliability reliability = Reliability::Unknown;  ///< as announced by the endpoint
  Durability durability = Durability::Unknown;  ///< as announced by the endpoint
  History history = History::Unknown;  ///< as announced by the endpoint
  std::int32_t depth = 0;  ///< for KeepLast
  std::chrono::nanoseconds deadline = kInfinite;  ///< as announced by the endpoint
  std::chrono::nanoseconds lifespan = kInfinite;  ///< as announced by the endpoint
  Liveliness liveliness = Liveliness::Unknown;  ///< as announced by the endpoint
  std::chrono::nanoseconds liveliness_lease_duration = kInfinite;  ///< as announced by the endpoint

  /// Equal when every setting is.
  bool operator==(const EndpointQos&) const = default;
};

/// One publisher or subscription of a topic (`ros2 topic info -v`). An endpoint whose participant
/// never announced itself as a ROS participant belongs to node "_CREATED_BY_BARE_DDS_APP_" (namespace
/// the same); one whose participant did but lists it under no node to "_NODE_NAME_UNKNOWN_" in
/// "_NODE_NAMESPACE_UNKNOWN_" (rmw_dds_common's names).
struct TopicEndpointInfo {
  /// Which side of the topic the endpoint is.
  enum class Kind { Publisher, Subscription };
  std::string node_name;  ///< the node's name
  std::string node_namespace;  ///< the node's namespace
  std::string topic_type;  ///< demangled ("std_msgs/msg/String"), or the DDS type name of a non-ROS type
  std::string type_hash;   ///< "RIHS01_..." from the endpoint's USER_DATA (Jazzy), "" when absent
  Kind kind = Kind::Publisher;  ///< publisher or subscription
  Gid gid{};  ///< the DDS endpoint's GUID
  EndpointQos qos;  ///< its QoS as discovered
};

/// How long the graph must stay unchanged before Node::wait_for_graph_settled calls it settled, by
/// default: well above a loopback discovery round trip, well below the 300 ms a CLI command may take.
inline constexpr std::chrono::milliseconds kDefaultGraphQuietPeriod{30};

/// A by-node query named a node the graph does not contain (rmw's RMW_RET_NODE_NAME_NON_EXISTENT).
class NodeNotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rclite

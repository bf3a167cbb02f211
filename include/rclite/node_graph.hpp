/// @file
/// NodeGraph: the ROS graph as a node sees it (rcl's graph queries). Node offers these calls; they
/// live here so that node.hpp stays the short list of what a node is and makes.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rclite/graph.hpp"

namespace rclite {

namespace detail {
class NodeImpl;
}

/// The graph queries of a node (rclcpp's Node graph calls), answered from its context's view of the
/// graph: every node, endpoint and service discovered so far, this process's own included, with rmw's
/// semantics. Right after the context starts, peers may not be discovered yet: see
/// wait_for_graph_settled(). Types in rclite/graph.hpp. Node derives from it.
class NodeGraph {
 public:
  /// Every node of every participant (hidden ones too), sorted; a name used twice is listed twice.
  std::vector<NodeName> get_node_names() const;
  /// Topics (DDS "rt/..." endpoints) and services (any "rq/...Request" or "rr/...Reply" endpoint, of a
  /// server or a client) with their types.
  NamesAndTypes get_topic_names_and_types() const;
  /// Services (servers and clients) with their types.
  NamesAndTypes get_service_names_and_types() const;
  /// What one node has (`ros2 node info`); throws NodeNotFoundError if no participant lists the node.
  /// `node_namespace` is normalized ("" and "/" are the root).
  NamesAndTypes get_service_names_and_types_by_node(const std::string& node_name,
                                                    const std::string& node_namespace) const;
  /// The clients of one node.
  NamesAndTypes get_client_names_and_types_by_node(const std::string& node_name,
                                                   const std::string& node_namespace) const;
  /// The publishers of one node.
  NamesAndTypes get_publisher_names_and_types_by_node(const std::string& node_name,
                                                      const std::string& node_namespace) const;
  /// The subscriptions of one node.
  NamesAndTypes get_subscriber_names_and_types_by_node(const std::string& node_name,
                                                       const std::string& node_namespace) const;
  /// Actions (rcl_action_get_names_and_types): every topic `<action>/_action/feedback`, named
  /// `<action>`, with its types less the `_FeedbackMessage` suffix (`pkg/action/Name`).
  NamesAndTypes get_action_names_and_types() const;
  /// The action servers of one node (the feedback topics it publishes); throws NodeNotFoundError.
  NamesAndTypes get_action_server_names_and_types_by_node(const std::string& node_name,
                                                          const std::string& node_namespace) const;
  /// The action clients of one node (the feedback topics it subscribes to); throws NodeNotFoundError.
  NamesAndTypes get_action_client_names_and_types_by_node(const std::string& node_name,
                                                          const std::string& node_namespace) const;
  /// Servers (request readers) and clients (request writers) of a service, publishers and subscribers
  /// of a topic. Relative names are expanded for this node (not remapped), as rclcpp does.
  std::size_t count_services(const std::string& service_name) const;
  /// The number of clients of a service.
  std::size_t count_clients(const std::string& service_name) const;
  /// The number of publishers of a topic.
  std::size_t count_publishers(const std::string& topic_name) const;
  /// The number of subscriptions of a topic.
  std::size_t count_subscribers(const std::string& topic_name) const;
  /// Every publisher / subscription of a topic, with its node, type, type hash and QoS (`ros2 topic info -v`).
  std::vector<TopicEndpointInfo> get_publishers_info_by_topic(const std::string& topic_name) const;
  /// Every subscription of a topic, with its node, type, type hash and QoS.
  std::vector<TopicEndpointInfo> get_subscriptions_info_by_topic(const std::string& topic_name) const;

  /// A counter that grows with every change of the graph.
  std::uint64_t get_graph_change_count() const;
  /// Waits until the graph changes after this call (or after `since`, a get_graph_change_count() value,
  /// so that no change between a query and the wait is missed), for at most `timeout`. True if it
  /// changed; false on timeout or when the context is shut down.
  bool wait_for_graph_change(std::chrono::nanoseconds timeout) const;
  /// Waits until the graph changed since the get_graph_change_count() value `since`, for at most `timeout`.
  bool wait_for_graph_change(std::uint64_t since, std::chrono::nanoseconds timeout) const;
  /// Waits until discovery is complete by a rule rather than a fixed sleep (for tools that print the
  /// graph once): every ROS participant discovered so far has announced its nodes on
  /// ros_discovery_info, every reader and writer announced there has been discovered, and nothing
  /// changed for `quiet_period` (longer on a busy machine: as long as the first peer took to answer,
  /// and 0.5 s after the context's first look at the graph while no peer has answered).
  /// True when settled; false if `max_wait` passed first or the context was shut down.
  bool wait_for_graph_settled(std::chrono::nanoseconds max_wait,
                              std::chrono::nanoseconds quiet_period = kDefaultGraphQuietPeriod) const;

 protected:
  /// Empty until attach_graph(); only Node makes one.
  NodeGraph() = default;
  /// The node whose context answers the queries.
  void attach_graph(std::shared_ptr<detail::NodeImpl> node) { node_ = std::move(node); }

 private:
  std::shared_ptr<detail::NodeImpl> node_;
};

}  // namespace rclite

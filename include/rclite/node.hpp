// A node: a named participant of the ROS graph that owns services, clients, publishers and
// subscriptions.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/context.hpp"
#include "rclite/detail/entities.hpp"
#include "rclite/graph.hpp"
#include "rclite/logging.hpp"
#include "rclite/publisher.hpp"
#include "rclite/qos.hpp"
#include "rclite/service.hpp"
#include "rclite/subscription.hpp"

namespace rclite {

namespace detail {
struct NodeDefaults;
}  // namespace detail

struct NodeOptions {
  Context* context = nullptr;           // the default context when null
  std::vector<std::string> arguments;   // node-specific ROS arguments ("--ros-args", "-r", "a:=b")
  bool use_global_arguments = true;     // also apply the context's remapping rules
  bool enable_rosout = true;            // also publish the node's log lines on /rosout
  bool start_type_description_service = true;  // ~/get_type_description (Jazzy only, as rcl)
};

using ServiceOptions = detail::EndpointOptions;
using ClientOptions = detail::EndpointOptions;

class Node {
 public:
  // Throws InvalidNameError for an invalid name or namespace, ArgumentError for bad arguments.
  explicit Node(const std::string& name, const NodeOptions& options = {});
  Node(const std::string& name, const std::string& ns, const NodeOptions& options = {});
  ~Node();
  Node(Node&&) noexcept = default;
  Node& operator=(Node&&) noexcept = default;

  const std::string& get_name() const;
  const std::string& get_namespace() const;
  std::string get_fully_qualified_name() const;
  const Logger& get_logger() const;

  // The expanded and remapped name a service called `name` gets in this node.
  std::string resolve_service_name(const std::string& name) const;
  // The expanded and remapped name a topic called `name` gets in this node.
  std::string resolve_topic_name(const std::string& name) const;

  template <wire::Service Srv, class Callback>
  Service<Srv> create_service(const std::string& name, Callback&& callback, const ServiceOptions& options = {}) {
    auto handler = Service<Srv>::make_handler(std::forward<Callback>(callback), get_logger());
    return Service<Srv>(detail::create_service_core(
        impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), std::move(handler), options));
  }

  template <wire::Service Srv>
  Client<Srv> create_client(const std::string& name, const ClientOptions& options = {}) {
    return Client<Srv>(
        detail::create_client_core(impl_, name, detail::service_type_info<Srv, wire::ServiceTraits<Srv>>(), options));
  }

  // A publisher on "rt/<resolved topic>" (spec §1.1, §4.2, §5). Throws InvalidNameError for an invalid
  // topic name.
  template <wire::Message Msg>
  Publisher<Msg> create_publisher(const std::string& topic, const QoS& qos, const PublisherOptions& = {}) {
    return Publisher<Msg>(detail::create_publisher_core(impl_, topic, detail::message_type_info<Msg>(), qos));
  }

  // A subscription whose `callback`, void(const Msg&), runs on the executor spinning this node.
  template <wire::Message Msg, class Callback>
  Subscription<Msg> create_subscription(const std::string& topic, const QoS& qos, Callback&& callback,
                                        const SubscriptionOptions& options = {}) {
    auto handler = Subscription<Msg>::make_handler(std::forward<Callback>(callback), get_logger());
    return Subscription<Msg>(detail::create_subscription_core(
        impl_, topic, detail::message_type_info<Msg>(), qos, std::move(handler),
        detail::SubscriptionCoreOptions{options.callback_group, options.ignore_local_publications}));
  }

  std::shared_ptr<CallbackGroup> create_callback_group(CallbackGroupType type);
  std::shared_ptr<CallbackGroup> get_default_callback_group() const;

  // --- The ROS graph as this node's context sees it (types in rclite/graph.hpp) ---------------------
  // Every node, endpoint and service discovered so far, this process's own included; rmw's semantics.
  // Right after the context starts, peers may not be discovered yet: see wait_for_graph_settled().

  // Every node of every participant (hidden ones too), sorted; a name used twice is listed twice.
  std::vector<NodeName> get_node_names() const;
  // Topics (DDS "rt/..." endpoints) and services (any "rq/...Request" or "rr/...Reply" endpoint, of a
  // server or a client) with their types.
  NamesAndTypes get_topic_names_and_types() const;
  NamesAndTypes get_service_names_and_types() const;
  // What one node has (`ros2 node info`); throws NodeNotFoundError if no participant lists the node.
  // `node_namespace` is normalized ("" and "/" are the root).
  NamesAndTypes get_service_names_and_types_by_node(const std::string& node_name,
                                                    const std::string& node_namespace) const;
  NamesAndTypes get_client_names_and_types_by_node(const std::string& node_name,
                                                   const std::string& node_namespace) const;
  NamesAndTypes get_publisher_names_and_types_by_node(const std::string& node_name,
                                                      const std::string& node_namespace) const;
  NamesAndTypes get_subscriber_names_and_types_by_node(const std::string& node_name,
                                                       const std::string& node_namespace) const;
  // Servers (request readers) and clients (request writers) of a service, publishers and subscribers
  // of a topic. Relative names are expanded for this node (not remapped), as rclcpp does.
  std::size_t count_services(const std::string& service_name) const;
  std::size_t count_clients(const std::string& service_name) const;
  std::size_t count_publishers(const std::string& topic_name) const;
  std::size_t count_subscribers(const std::string& topic_name) const;
  // Every publisher / subscription of a topic, with its node, type, type hash and QoS (`ros2 topic info -v`).
  std::vector<TopicEndpointInfo> get_publishers_info_by_topic(const std::string& topic_name) const;
  std::vector<TopicEndpointInfo> get_subscriptions_info_by_topic(const std::string& topic_name) const;

  // A counter that grows with every change of the graph.
  std::uint64_t get_graph_change_count() const;
  // Waits until the graph changes after this call (or after `since`, a get_graph_change_count() value,
  // so that no change between a query and the wait is missed), for at most `timeout`. True if it
  // changed; false on timeout or when the context is shut down.
  bool wait_for_graph_change(std::chrono::nanoseconds timeout) const;
  bool wait_for_graph_change(std::uint64_t since, std::chrono::nanoseconds timeout) const;
  // Waits until discovery is complete by a rule rather than a fixed sleep (for tools that print the
  // graph once): every ROS participant discovered so far has announced its nodes on
  // ros_discovery_info, every reader and writer announced there has been discovered, and nothing
  // changed for `quiet_period` (counted from the context's first look at the graph at the earliest).
  // True when settled; false if `max_wait` passed first or the context was shut down.
  bool wait_for_graph_settled(std::chrono::nanoseconds max_wait,
                              std::chrono::nanoseconds quiet_period = kDefaultGraphQuietPeriod) const;

  std::shared_ptr<detail::NodeImpl> impl() const { return impl_; }

 private:
  std::shared_ptr<detail::NodeImpl> impl_;
  // The entities every node has (/rosout publisher, ~/get_type_description). After impl_, so that
  // they go first.
  std::shared_ptr<detail::NodeDefaults> defaults_;
};

}  // namespace rclite

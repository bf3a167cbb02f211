// Node's graph queries (rclite/node_graph.hpp), answered by the context's GraphCache.
#include "../graph/graph_cache.hpp"
#include "node_impl.hpp"
#include "rclite/names.hpp"
#include "rclite/node_graph.hpp"

namespace rclite {

namespace {

graph::GraphCache& cache_of(const std::shared_ptr<detail::NodeImpl>& node) { return node->context().graph_cache(); }

NamesAndTypes by_node(const std::shared_ptr<detail::NodeImpl>& node, const std::string& name, const std::string& ns,
                      std::optional<NamesAndTypes> (graph::GraphState::*query)(const NodeName&) const) {
  const NodeName wanted{normalize_namespace(ns), name};
  auto result = cache_of(node).query([&](const graph::GraphState& state) { return (state.*query)(wanted); });
  if (!result) throw NodeNotFoundError("node '" + wanted.fully_qualified() + "' not found in the graph");
  return std::move(*result);
}

// `query` of the graph about one topic or service: a relative name is expanded for this node (not
// remapped), as rclcpp does.
template <class Query>
auto about(const std::shared_ptr<detail::NodeImpl>& node, const std::string& name, Query query) {
  const std::string expanded = expand_name(name, node->name(), node->ns());
  return cache_of(node).query([&](const graph::GraphState& state) { return query(state, expanded); });
}

// rcl_action's filter (graph.c): topics named `<action>/_action/feedback` are the actions, and a
// feedback type `pkg/action/Name_FeedbackMessage` names the action type `pkg/action/Name`.
NamesAndTypes actions_of(const NamesAndTypes& topics) {
  static constexpr std::string_view kFeedback = "/_action/feedback";
  static constexpr std::string_view kFeedbackMessage = "_FeedbackMessage";
  NamesAndTypes actions;
  for (const auto& [topic, types] : topics) {
    if (!topic.ends_with(kFeedback)) continue;
    auto& action_types = actions[topic.substr(0, topic.size() - kFeedback.size())];
    for (const auto& type : types) {
      action_types.insert(type.ends_with(kFeedbackMessage) ? type.substr(0, type.size() - kFeedbackMessage.size()) : type);
    }
  }
  return actions;
}

}  // namespace

NamesAndTypes NodeGraph::get_action_names_and_types() const { return actions_of(get_topic_names_and_types()); }

NamesAndTypes NodeGraph::get_action_server_names_and_types_by_node(const std::string& node_name,
                                                              const std::string& node_namespace) const {
  return actions_of(get_publisher_names_and_types_by_node(node_name, node_namespace));
}

NamesAndTypes NodeGraph::get_action_client_names_and_types_by_node(const std::string& node_name,
                                                              const std::string& node_namespace) const {
  return actions_of(get_subscriber_names_and_types_by_node(node_name, node_namespace));
}

std::vector<NodeName> NodeGraph::get_node_names() const {
  return cache_of(node_).query([](const graph::GraphState& state) { return state.node_names(); });
}

NamesAndTypes NodeGraph::get_topic_names_and_types() const {
  return cache_of(node_).query([](const graph::GraphState& state) { return state.topic_names_and_types(); });
}

NamesAndTypes NodeGraph::get_service_names_and_types() const {
  return cache_of(node_).query([](const graph::GraphState& state) { return state.service_names_and_types(); });
}

NamesAndTypes NodeGraph::get_service_names_and_types_by_node(const std::string& node_name,
                                                        const std::string& node_namespace) const {
  return by_node(node_, node_name, node_namespace, &graph::GraphState::service_names_and_types_by_node);
}

NamesAndTypes NodeGraph::get_client_names_and_types_by_node(const std::string& node_name,
                                                       const std::string& node_namespace) const {
  return by_node(node_, node_name, node_namespace, &graph::GraphState::client_names_and_types_by_node);
}

NamesAndTypes NodeGraph::get_publisher_names_and_types_by_node(const std::string& node_name,
                                                          const std::string& node_namespace) const {
  return by_node(node_, node_name, node_namespace, &graph::GraphState::publisher_names_and_types_by_node);
}

NamesAndTypes NodeGraph::get_subscriber_names_and_types_by_node(const std::string& node_name,
                                                           const std::string& node_namespace) const {
  return by_node(node_, node_name, node_namespace, &graph::GraphState::subscriber_names_and_types_by_node);
}

std::size_t NodeGraph::count_services(const std::string& service_name) const {
  return about(node_, service_name, [](const graph::GraphState& state, const std::string& name) {
    return state.count_services(name);
  });
}

std::size_t NodeGraph::count_clients(const std::string& service_name) const {
  return about(node_, service_name, [](const graph::GraphState& state, const std::string& name) {
    return state.count_clients(name);
  });
}

std::size_t NodeGraph::count_publishers(const std::string& topic_name) const {
  return about(node_, topic_name, [](const graph::GraphState& state, const std::string& name) {
    return state.count_publishers(name);
  });
}

std::size_t NodeGraph::count_subscribers(const std::string& topic_name) const {
  return about(node_, topic_name, [](const graph::GraphState& state, const std::string& name) {
    return state.count_subscribers(name);
  });
}

std::vector<TopicEndpointInfo> NodeGraph::get_publishers_info_by_topic(const std::string& topic_name) const {
  return about(node_, topic_name, [](const graph::GraphState& state, const std::string& name) {
    return state.topic_endpoints(name, false);
  });
}

std::vector<TopicEndpointInfo> NodeGraph::get_subscriptions_info_by_topic(const std::string& topic_name) const {
  return about(node_, topic_name, [](const graph::GraphState& state, const std::string& name) {
    return state.topic_endpoints(name, true);
  });
}

std::uint64_t NodeGraph::get_graph_change_count() const { return cache_of(node_).change_count(); }

bool NodeGraph::wait_for_graph_change(std::chrono::nanoseconds timeout) const {
  auto& cache = cache_of(node_);
  return cache.wait_for_change(cache.change_count(), timeout);
}

bool NodeGraph::wait_for_graph_change(std::uint64_t since, std::chrono::nanoseconds timeout) const {
  return cache_of(node_).wait_for_change(since, timeout);
}

bool NodeGraph::wait_for_graph_settled(std::chrono::nanoseconds max_wait, std::chrono::nanoseconds quiet_period) const {
  return cache_of(node_).wait_until_settled(max_wait, quiet_period);
}

}  // namespace rclite

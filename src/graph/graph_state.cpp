#include "graph_state.hpp"

#include <algorithm>
#include <utility>

namespace rclite::graph {

// --- GraphState ------------------------------------------------------------------------------------

bool GraphState::participant_alive(const dds::Guid& participant, std::string_view user_data) {
  if (gone_.erase(participant) > 0) std::erase(gone_order_, participant);
  const auto enclave = enclave_of(user_data);
  const bool ros = enclave.has_value();
  auto& record = participants_[participant];
  const bool changed = !record.alive || record.ros != ros || (ros && record.enclave != *enclave);
  record.alive = true;
  record.ros = ros;
  record.enclave = ros ? *enclave : std::string();
  return changed;
}

bool GraphState::participant_gone(const dds::Guid& participant) {
  bool changed = participants_.erase(participant) > 0;
  changed |= std::erase_if(endpoints_, [&](const auto& entry) { return entry.second.participant == participant; }) > 0;
  bury(participant);
  return changed;
}

void GraphState::bury(const dds::Guid& participant) {
  constexpr std::size_t kRemembered = 4096;
  if (!gone_.insert(participant).second) return;
  gone_order_.push_back(participant);
  if (gone_order_.size() > kRemembered) {
    gone_.erase(gone_order_.front());
    gone_order_.pop_front();
  }
}

bool GraphState::endpoint_alive(const dds::Guid& endpoint, EndpointRecord record) {
  if (gone_.contains(record.participant)) return false;  // a late notification of a participant that left
  auto [it, inserted] = endpoints_.try_emplace(endpoint, record);
  if (inserted) return true;
  if (it->second == record) return false;
  it->second = std::move(record);
  return true;
}

bool GraphState::endpoint_gone(const dds::Guid& endpoint) { return endpoints_.erase(endpoint) > 0; }

bool GraphState::participant_entities(ParticipantEntities info) {
  if (gone_.contains(info.participant)) return false;
  auto& record = participants_[info.participant];
  if (record.has_entities && record.gid_size == info.gid_size && record.nodes == info.nodes) return false;
  record.has_entities = true;
  record.gid_size = info.gid_size;
  record.nodes = std::move(info.nodes);
  return true;
}

std::vector<NodeName> GraphState::node_names() const {
  std::vector<NodeName> names;
  for (const auto& [gid, participant] : participants_) {
    for (const auto& node : participant.nodes) names.push_back(NodeName{node.node_namespace, node.node_name});
  }
  std::sort(names.begin(), names.end());
  return names;
}

NamesAndTypes GraphState::topic_names_and_types() const {
  NamesAndTypes result;
  for (const auto& [gid, endpoint] : endpoints_) {
    std::string name = demangle_topic(endpoint.topic_name);
    if (!name.empty()) result[std::move(name)].insert(demangle_type(endpoint.type_name));
  }
  return result;
}

NamesAndTypes GraphState::service_names_and_types() const {
  NamesAndTypes result;
  for (const auto& [gid, endpoint] : endpoints_) {
    std::string name = demangle_service(endpoint.topic_name);
    if (name.empty()) continue;
    std::string type = demangle_service_type(endpoint.type_name);
    if (!type.empty()) result[std::move(name)].insert(std::move(type));
  }
  return result;
}

const DiscoveredNode* GraphState::find_node(const NodeName& node) const {
  for (const auto& [gid, participant] : participants_) {
    for (const auto& entry : participant.nodes) {
      if (entry.node_name == node.name && entry.node_namespace == node.ns) return &entry;
    }
  }
  return nullptr;
}

std::optional<NamesAndTypes> GraphState::by_node(const NodeName& node, bool readers,
                                                 std::string (*demangle_name)(std::string_view),
                                                 std::string (*demangle_types)(std::string_view)) const {
  const DiscoveredNode* entry = find_node(node);
  if (entry == nullptr) return std::nullopt;
  NamesAndTypes result;
  for (const auto& gid : readers ? entry->readers : entry->writers) {
    const auto it = endpoints_.find(gid);
    if (it == endpoints_.end() || it->second.is_reader != readers) continue;
    std::string name = demangle_name(it->second.topic_name);
    if (name.empty()) continue;
    std::string type = demangle_types(it->second.type_name);
    if (!type.empty()) result[std::move(name)].insert(std::move(type));
  }
  return result;
}

std::optional<NamesAndTypes> GraphState::service_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_service_request, &demangle_service_type);
}

std::optional<NamesAndTypes> GraphState::client_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_service_reply, &demangle_service_type);
}

std::optional<NamesAndTypes> GraphState::publisher_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, false, &demangle_topic, &demangle_type);
}

std::optional<NamesAndTypes> GraphState::subscriber_names_and_types_by_node(const NodeName& node) const {
  return by_node(node, true, &demangle_topic, &demangle_type);
}

std::size_t GraphState::count(const std::string& dds_topic, bool readers) const {
  return static_cast<std::size_t>(std::count_if(endpoints_.begin(), endpoints_.end(), [&](const auto& entry) {
    return entry.second.is_reader == readers && entry.second.topic_name == dds_topic;
  }));
}

std::size_t GraphState::count_services(std::string_view service) const {
  return count("rq" + std::string(service) + "Request", true);
}

std::size_t GraphState::count_clients(std::string_view service) const {
  return count("rq" + std::string(service) + "Request", false);
}

std::size_t GraphState::count_publishers(std::string_view topic) const { return count("rt" + std::string(topic), false); }

std::size_t GraphState::count_subscribers(std::string_view topic) const { return count("rt" + std::string(topic), true); }

std::vector<TopicEndpointInfo> GraphState::topic_endpoints(std::string_view topic, bool readers) const {
  const std::string dds_topic = "rt" + std::string(topic);
  std::vector<TopicEndpointInfo> result;
  for (const auto& [gid, endpoint] : endpoints_) {
    if (endpoint.is_reader != readers || endpoint.topic_name != dds_topic) continue;
    TopicEndpointInfo info;
    info.kind = readers ? TopicEndpointInfo::Kind::Subscription : TopicEndpointInfo::Kind::Publisher;
    info.gid = gid;
    info.topic_type = demangle_type(endpoint.type_name);
    if (auto hash = endpoint.user_data.find("typehash"); hash != endpoint.user_data.end()) info.type_hash = hash->second;
    info.qos = endpoint.qos;
    const auto participant = participants_.find(endpoint.participant);
    if (participant == participants_.end() || (!participant->second.ros && !participant->second.has_entities)) {
      info.node_name = info.node_namespace = "_CREATED_BY_BARE_DDS_APP_";
    } else {
      info.node_name = "_NODE_NAME_UNKNOWN_";
      info.node_namespace = "_NODE_NAMESPACE_UNKNOWN_";
      for (const auto& node : participant->second.nodes) {
        const auto& gids = readers ? node.readers : node.writers;
        if (std::find(gids.begin(), gids.end(), gid) != gids.end()) {
          info.node_name = node.node_name;
          info.node_namespace = node.node_namespace;
          break;
        }
      }
    }
    result.push_back(std::move(info));
  }
  return result;
}

bool GraphState::complete(std::vector<std::string>* why) const {
  bool complete = true;
  std::set<dds::Guid> with_discovery_writer;
  for (const auto& [gid, endpoint] : endpoints_) {
    if (!endpoint.is_reader && endpoint.topic_name == kDiscoveryTopic) with_discovery_writer.insert(endpoint.participant);
  }
  for (const auto& [gid, participant] : participants_) {
    if (participant.alive && !participant.has_entities && (participant.ros || with_discovery_writer.contains(gid))) {
      complete = false;
      if (why == nullptr) return false;
      why->push_back("participant " + gid_hex(gid) + ": no ros_discovery_info sample yet");
    }
    for (const auto& node : participant.nodes) {
      for (const auto* gids : {&node.readers, &node.writers}) {
        for (const auto& endpoint : *gids) {
          if (endpoints_.contains(endpoint)) continue;
          complete = false;
          if (why == nullptr) return false;
          why->push_back("node " + fully_qualified_name(node) + ": " + (gids == &node.readers ? "reader " : "writer ") +
                         gid_hex(endpoint) + " not discovered yet");
        }
      }
    }
  }
  return complete;
}

std::string GraphState::fully_qualified_name(const DiscoveredNode& node) {
  return NodeName{node.node_namespace, node.node_name}.fully_qualified();
}

// --- SettleTiming ----------------------------------------------------------------------------------

SettleTiming::Clock::time_point SettleTiming::settled_at(std::chrono::nanoseconds quiet_period) const {
  const auto quiet = std::chrono::duration_cast<Clock::duration>(std::max(quiet_period, std::chrono::nanoseconds::zero()));
  const auto first_peer_wait = std::chrono::duration_cast<Clock::duration>(kFirstPeerWait);
  // No peer yet: quiet since creation for kFirstPeerWait. A peer: quiet since the last change for
  // the quiet period, or for as long as the first peer took to answer.
  const auto quiet_since = first_peer_ ? last_change_ : std::max(created_, last_change_);
  const auto needed = std::max(quiet, first_peer_ ? std::min(*first_peer_ - created_, first_peer_wait) : first_peer_wait);
  if (needed >= Clock::time_point::max() - quiet_since) return Clock::time_point::max();
  return quiet_since + needed;
}

}  // namespace rclite::graph

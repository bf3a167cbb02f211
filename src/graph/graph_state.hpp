// The ROS graph as a model (spec §6.7), the equivalent of rmw_dds_common's GraphCache: participants,
// their endpoints and their nodes, the queries rmw answers from them, and the "discovery complete"
// rule. Pure: no DDS, no locking, no clock of its own. GraphCache (graph_cache.hpp) feeds it from
// Cyclone's listeners and guards it with a mutex; tests feed it decoded captures (tests/graph/).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../dds/guid.hpp"
#include "discovery_decoding.hpp"
#include "rclite/graph.hpp"

namespace rclite::graph {

// --- The graph's state ---------------------------------------------------------------------------

class GraphState {
 public:
  // Each update returns whether the graph changed.
  // A participant seen alive on DCPSParticipant; `user_data` is its raw USER_DATA.
  bool participant_alive(const dds::Guid& participant, std::string_view user_data);
  // A participant no longer alive: it, its nodes and its endpoints are removed. Late
  // ros_discovery_info samples of it are ignored (unless it comes back alive).
  bool participant_gone(const dds::Guid& participant);
  bool endpoint_alive(const dds::Guid& endpoint, EndpointRecord record);
  bool endpoint_gone(const dds::Guid& endpoint);
  // A ros_discovery_info sample: the complete node list of its participant.
  bool participant_entities(ParticipantEntities info);

  // rmw_get_node_names: every node of every participant, sorted; duplicates are kept.
  std::vector<NodeName> node_names() const;
  // rmw_get_topic_names_and_types (rt/ readers and writers) and rmw_get_service_names_and_types
  // (rq/...Request and rr/...Reply readers and writers, of servers and of clients alike).
  NamesAndTypes topic_names_and_types() const;
  NamesAndTypes service_names_and_types() const;
  // By node (rmw_get_*_names_and_types_by_node, spec §6.7): servers = the node's readers on
  // rq/...Request, clients = the node's readers on rr/...Reply, publishers = its writers on rt/,
  // subscribers = its readers on rt/. nullopt when no participant lists the node.
  std::optional<NamesAndTypes> service_names_and_types_by_node(const NodeName& node) const;
  std::optional<NamesAndTypes> client_names_and_types_by_node(const NodeName& node) const;
  std::optional<NamesAndTypes> publisher_names_and_types_by_node(const NodeName& node) const;
  std::optional<NamesAndTypes> subscriber_names_and_types_by_node(const NodeName& node) const;
  // rcl_count_services / rcl_count_clients: request readers / request writers of a fully qualified
  // service name; rcl_count_publishers / rcl_count_subscribers: writers / readers on rt/<topic>.
  std::size_t count_services(std::string_view service) const;
  std::size_t count_clients(std::string_view service) const;
  std::size_t count_publishers(std::string_view topic) const;
  std::size_t count_subscribers(std::string_view topic) const;
  // The writers (publishers) or readers (subscriptions) of a fully qualified ROS topic, with their nodes.
  std::vector<TopicEndpointInfo> topic_endpoints(std::string_view topic, bool readers) const;

  // The first part of the "discovery complete" rule (see GraphCache::wait_until_settled): true when
  //   (a) every alive participant that is a ROS participant (USER_DATA enclave=) or has a
  //       ros_discovery_info writer has delivered at least one ros_discovery_info sample, and
  //   (b) every reader and writer gid that any ros_discovery_info sample lists has been seen on
  //       DCPSSubscription / DCPSPublication.
  // `why`, when given, receives one line per thing still missing.
  bool complete(std::vector<std::string>* why = nullptr) const;

  std::size_t participant_count() const { return participants_.size(); }
  std::size_t endpoint_count() const { return endpoints_.size(); }

 private:
  struct ParticipantRecord {
    bool alive = false;  // seen alive on DCPSParticipant
    bool ros = false;    // USER_DATA has enclave=
    std::string enclave;
    bool has_entities = false;  // a ros_discovery_info sample arrived
    GidSize gid_size = GidSize::Jazzy;
    std::vector<DiscoveredNode> nodes;
  };

  static std::string fully_qualified_name(const DiscoveredNode& node);
  const DiscoveredNode* find_node(const NodeName& node) const;
  std::optional<NamesAndTypes> by_node(const NodeName& node, bool readers, std::string (*demangle_name)(std::string_view),
                                       std::string (*demangle_types)(std::string_view)) const;
  std::size_t count(const std::string& dds_topic, bool readers) const;
  void bury(const dds::Guid& participant);

  std::map<dds::Guid, ParticipantRecord> participants_;
  std::map<dds::Guid, EndpointRecord> endpoints_;
  // Participants seen going away (bounded): their late ros_discovery_info samples are dropped.
  std::set<dds::Guid> gone_;
  std::deque<dds::Guid> gone_order_;
};

// --- The time half of the "discovery complete" rule ---------------------------------------------------

// GraphCache::wait_until_settled returns once GraphState::complete() holds and the graph has been quiet
// long enough; this says how long. Peers not discovered at all yet are the hard part: our participant
// announces itself when created and peers answer within a round trip, whose length depends on the
// machine's load. So the graph must have been quiet since its last change for the quiet period, or for
// as long as the first peer took to answer if that is longer (a busy machine: the others answer as
// late; at most kFirstPeerWait); while no peer has answered, quiet since creation for kFirstPeerWait
// before an empty (or only local) graph counts as settled. Instants are given, not read, so that
// tests can drive it with made-up ones.
class SettleTiming {
 public:
  using Clock = std::chrono::steady_clock;
  // How long the rule waits for a first peer before a graph with none counts as settled.
  static constexpr std::chrono::milliseconds kFirstPeerWait{500};

  explicit SettleTiming(Clock::time_point created) : created_(created), last_change_(created) {}

  // The graph changed at `now`.
  void changed(Clock::time_point now) { last_change_ = now; }
  // A participant other than our own was seen at `now`; only the first one counts.
  void peer_seen(Clock::time_point now) {
    if (!first_peer_) first_peer_ = now;
  }
  // From when a complete graph counts as settled, unless it changes before then
  // (Clock::time_point::max() when that lies beyond the clock's range).
  Clock::time_point settled_at(std::chrono::nanoseconds quiet_period) const;

 private:
  Clock::time_point created_;
  Clock::time_point last_change_;
  std::optional<Clock::time_point> first_peer_;
};

}  // namespace rclite::graph

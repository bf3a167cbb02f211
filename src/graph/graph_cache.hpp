// The ROS graph cache: what a context knows of the ROS graph (spec §6.7), the equivalent of
// rmw_dds_common's GraphCache as rmw_cyclonedds fills it.
//
// Sources:
//   * DCPSParticipant (Cyclone's built-in topic): participants, and whether one is a ROS participant
//     (USER_DATA `enclave=...;`, spec §5). A participant that is no longer alive (disposed, lease
//     expired, deleted) takes its nodes and endpoints with it.
//   * DCPSPublication / DCPSSubscription: every writer and reader, local ones included, with topic
//     name, type name, participant, QoS and USER_DATA (typehash / serviceid / clientid).
//   * `ros_discovery_info`: which nodes each participant has and which readers/writers belong to each
//     node (spec §6). Read with TRANSIENT_LOCAL, RELIABLE, KEEP_ALL and without ignore-local, so the
//     nodes of this very context (and of other contexts in the process) are seen too. Jazzy (16-byte)
//     and Humble (24-byte) gids are both decoded (decode_participant_entities).
//
// Threads: Cyclone's listeners (on_data_available) take the samples and update the maps under the
// cache's mutex — nothing else, nothing blocking. Queries copy what they need under the same mutex.
// Every real change increments a counter and wakes waiters (wait_for_change, wait_until_settled).
#pragma once

#include <dds/dds.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../dds/participant.hpp"
#include "discovery_info_publisher.hpp"
#include "rclite/graph.hpp"

namespace rclite::graph {

// --- ros_discovery_info samples ------------------------------------------------------------------

struct DiscoveredNode {
  std::string node_namespace;
  std::string node_name;
  std::vector<dds::Guid> readers;  // the first 16 bytes of each gid (a Humble gid's last 8 are zero)
  std::vector<dds::Guid> writers;
  bool operator==(const DiscoveredNode&) const = default;
};

struct ParticipantEntities {
  dds::Guid participant{};
  GidSize gid_size = GidSize::Jazzy;
  std::vector<DiscoveredNode> nodes;
};

// Decodes a serialized rmw_dds_common/msg/ParticipantEntitiesInfo (encapsulation header included),
// with whichever gid size the sample has. The rule: the sample is parsed with 16-byte and with
// 24-byte gids; a parse counts only if it consumes the sample exactly — fewer than 4 bytes left,
// the XCDR1 padding to a multiple of 4 — with NUL-terminated strings of at most 256 characters, and,
// for 24-byte gids, every gid's last 8 bytes zero (Humble pads the 16-byte GUID with zeros). The two
// layouts cannot both pass: the 16-byte layout reads the node count where a 24-byte gid has its
// zero padding, so a 24-byte sample read as 16-byte has 0 nodes and at least 8 bytes left over, and a
// 16-byte sample with nodes has a non-zero count where a 24-byte gid must be zero. nullopt when
// neither layout fits (not a ParticipantEntitiesInfo, truncated, ...).
std::optional<ParticipantEntities> decode_participant_entities(std::span<const std::uint8_t> sample);

// --- Demangling (rmw_cyclonedds demangle.cpp, spec §1.1 and §2) ------------------------------------

// "rt/chatter" -> "/chatter"; "" for anything that is not a ROS topic.
std::string demangle_topic(std::string_view dds_topic);
// "rq/add_two_intsRequest" -> "/add_two_ints"; "" unless prefix "rq/" and suffix "Request" at the end.
std::string demangle_service_request(std::string_view dds_topic);
// "rr/add_two_intsReply" -> "/add_two_ints"; "" unless prefix "rr/" and suffix "Reply" at the end.
std::string demangle_service_reply(std::string_view dds_topic);
// Either of the two above.
std::string demangle_service(std::string_view dds_topic);
// "std_msgs::msg::dds_::String_" -> "std_msgs/msg/String"; other type names unchanged.
std::string demangle_type(std::string_view dds_type);
// "example_interfaces::srv::dds_::AddTwoInts_Request_" (or _Response_) -> "example_interfaces/srv/AddTwoInts";
// "" for anything else.
std::string demangle_service_type(std::string_view dds_type);

// --- The graph's state (no DDS, no locking: GraphCache feeds and guards it) -------------------------

struct EndpointRecord {
  bool is_reader = false;
  dds::Guid participant{};
  std::string topic_name;  // the DDS topic name ("rq/add_two_intsRequest")
  std::string type_name;   // the DDS type name
  std::map<std::string, std::string> user_data;
  EndpointQos qos;
  bool operator==(const EndpointRecord&) const = default;
};

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

// --- The cache -------------------------------------------------------------------------------------

class GraphCache {
 public:
  // Creates the readers on `participant` (three built-in topic readers and a ros_discovery_info
  // reader, whose USER_DATA carries the type hash when `with_type_hash`, as Jazzy's does).
  // Throws dds::DdsError.
  GraphCache(const dds::Participant& participant, bool with_type_hash);
  ~GraphCache();
  GraphCache(const GraphCache&) = delete;
  GraphCache& operator=(const GraphCache&) = delete;

  // Runs `query` on the state under the cache's lock and returns its result.
  template <class F>
  auto query(F&& query) const {
    std::lock_guard lock(mutex_);
    return query(state_);
  }

  // Increments with every change of the graph.
  std::uint64_t change_count() const;
  // Waits until change_count() > since, the timeout passes, or interrupt(). True if it changed.
  bool wait_for_change(std::uint64_t since, std::chrono::nanoseconds timeout) const;

  // The "discovery complete" rule, for tools that print the graph once (`rclite service list`) and
  // must neither print a partial graph nor sleep a fixed time. Returns true as soon as
  //   1. GraphState::complete(): every alive ROS participant (USER_DATA enclave=, or a
  //      ros_discovery_info writer) has delivered its ros_discovery_info sample, and every reader and
  //      writer those samples list has been seen on the built-in topics — so each known ROS
  //      participant's nodes and endpoints are complete; and
  //   2. nothing changed for the quiet period since the last change. Peers not discovered at all
  //      yet are the hard part: our participant announces itself when created and peers answer
  //      within a round trip, whose length depends on the machine's load. So the quiet period is
  //      `quiet_period`, or the time the first peer took to answer if longer (a busy machine: the
  //      others answer as late; at most kFirstPeerWait); and while no peer has answered, the wait
  //      goes on for kFirstPeerWait after creation before an empty (or only local) graph counts as
  //      settled.
  //      After that each new ROS participant holds the wait open through (1) until its samples are in.
  // Returns false if `max_wait` passes first (the graph is then as complete as it got) or on interrupt().
  // A non-ROS participant (bare DDS) whose endpoints arrive later than `quiet_period` after it can be
  // missed; ROS participants cannot, as long as they announce their nodes within `max_wait`.
  // How long the rule waits for a first peer before a graph with none counts as settled.
  static constexpr std::chrono::milliseconds kFirstPeerWait{500};
  bool wait_until_settled(std::chrono::nanoseconds max_wait,
                          std::chrono::nanoseconds quiet_period = kDefaultGraphQuietPeriod) const;

  // Why the graph is not complete yet (one line per missing item; empty when complete).
  std::vector<std::string> unsettled() const;

  // Wakes every waiter; later waits return false at once (context shutdown).
  void interrupt();

  // ros_discovery_info samples that could not be decoded (neither gid size fits).
  std::uint64_t rejected_samples() const;

 private:
  static void on_participants(dds_entity_t reader, void* arg);
  static void on_publications(dds_entity_t reader, void* arg);
  static void on_subscriptions(dds_entity_t reader, void* arg);
  static void on_discovery_info(dds_entity_t reader, void* arg);
  void take_participants(dds_entity_t reader);
  void take_endpoints(dds_entity_t reader, bool readers);
  void take_discovery_info(dds_entity_t reader);
  void changed_locked();
  void delete_readers() noexcept;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  GraphState state_;
  std::uint64_t changes_ = 0;
  std::uint64_t rejected_ = 0;
  bool interrupted_ = false;
  const std::chrono::steady_clock::time_point created_;
  std::chrono::steady_clock::time_point last_change_;
  dds::Guid own_{};                                                    // our participant
  std::optional<std::chrono::steady_clock::time_point> first_peer_;   // when another one was first seen
  // DCPSParticipant / DCPSPublication / DCPSSubscription instance handle -> key, to identify
  // not-alive notifications without relying on their key fields.
  std::map<dds_instance_handle_t, dds::Guid> participant_handles_;
  std::map<dds_instance_handle_t, dds::Guid> endpoint_handles_;

  dds_entity_t participants_reader_ = 0;
  dds_entity_t publications_reader_ = 0;
  dds_entity_t subscriptions_reader_ = 0;
  dds_entity_t discovery_topic_ = 0;
  dds_entity_t discovery_reader_ = 0;
};

}  // namespace rclite::graph

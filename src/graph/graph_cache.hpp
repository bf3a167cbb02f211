// The ROS graph cache: what a context knows of the ROS graph (spec §6.7), the equivalent of
// rmw_dds_common's GraphCache as rmw_cyclonedds fills it. This is the DDS-facing part only: it reads
// Cyclone's samples, decodes them (discovery_decoding.hpp) and applies them to a GraphState
// (graph_state.hpp), the pure model that holds the graph and answers the queries.
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
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "../dds/participant.hpp"
#include "graph_state.hpp"
#include "rclite/graph.hpp"

namespace rclite::graph {

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
  //   2. the graph has been quiet long enough (SettleTiming, graph_state.hpp: `quiet_period` since the
  //      last change, or as long as the first peer took to answer; kFirstPeerWait while no peer has).
  //      After that each new ROS participant holds the wait open through (1) until its samples are in.
  // Returns false if `max_wait` passes first (the graph is then as complete as it got) or on interrupt().
  // A non-ROS participant (bare DDS) whose endpoints arrive later than `quiet_period` after it can be
  // missed; ROS participants cannot, as long as they announce their nodes within `max_wait`.
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
  SettleTiming settle_;
  std::uint64_t changes_ = 0;
  std::uint64_t rejected_ = 0;
  bool interrupted_ = false;
  dds::Guid own_{};  // our participant
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

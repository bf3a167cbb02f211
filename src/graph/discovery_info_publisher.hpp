// Publishes this participant's ParticipantEntitiesInfo on `ros_discovery_info` after every change,
// so that the ROS graph (`ros2 node list`, `ros2 node info`) sees our nodes and which readers and
// writers belong to each (spec §6).
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <vector>

#include "../dds/participant.hpp"
#include "discovery_decoding.hpp"  // GidSize

namespace rclite::graph {

struct NodeEntities {
  std::string node_namespace;
  std::string node_name;
  std::vector<dds::Guid> readers;
  std::vector<dds::Guid> writers;
};

// The ParticipantEntitiesInfo sample for `participant` and `nodes`, in either gid size.
std::vector<std::uint8_t> encode_participant_entities(const dds::Guid& participant,
                                                      const std::list<NodeEntities>& nodes, GidSize gid_size);

class DiscoveryInfoPublisher {
 public:
  using NodeHandle = std::list<NodeEntities>::iterator;

  DiscoveryInfoPublisher(const dds::Participant& participant, GidSize gid_size, bool with_type_hash);
  ~DiscoveryInfoPublisher();
  DiscoveryInfoPublisher(const DiscoveryInfoPublisher&) = delete;
  DiscoveryInfoPublisher& operator=(const DiscoveryInfoPublisher&) = delete;

  NodeHandle add_node(const std::string& node_namespace, const std::string& node_name);
  void remove_node(NodeHandle node);
  void add_endpoints(NodeHandle node, const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers);
  void remove_endpoints(NodeHandle node, const std::vector<dds::Guid>& readers, const std::vector<dds::Guid>& writers);

  GidSize gid_size() const { return gid_size_; }

  // Changes made while a Batch lives are published once, when the last Batch ends: a node and its
  // default entities cost one sample instead of one per entity (every sample lists every node of
  // the participant, so this matters when a process has many nodes).
  class Batch {
   public:
    explicit Batch(DiscoveryInfoPublisher& publisher);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

   private:
    DiscoveryInfoPublisher& publisher_;
  };

 private:
  void publish_locked();
  int batches_ = 0;     // live Batch objects
  bool deferred_ = false;  // a change waits for the last Batch to end

  std::mutex mutex_;
  const dds::Guid participant_guid_;
  const GidSize gid_size_;
  std::list<NodeEntities> nodes_;
  dds_entity_t topic_ = 0;
  dds_entity_t writer_ = 0;
};

}  // namespace rclite::graph

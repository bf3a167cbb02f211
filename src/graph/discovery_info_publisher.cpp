#include "discovery_info_publisher.hpp"

#include <utility>

#include <rmw_dds_common/msg/participant_entities_info.hpp>

#include <algorithm>

#include "../dds/qos.hpp"
#include "../dds/raw_cdr_type.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::graph {

namespace {

constexpr const char* kTopic = "ros_discovery_info";
using Info = rmw_dds_common::msg::ParticipantEntitiesInfo;

void write_gid(wire::CdrWriter& writer, const dds::Guid& guid, GidSize size) {
  for (std::uint8_t byte : guid) writer.write(byte);
  for (int i = 16; i < static_cast<int>(size); ++i) writer.write(std::uint8_t{0});
}

void erase_all(std::vector<dds::Guid>& from, const std::vector<dds::Guid>& which) {
  from.erase(std::remove_if(from.begin(), from.end(),
                            [&](const dds::Guid& g) { return std::find(which.begin(), which.end(), g) != which.end(); }),
             from.end());
}

}  // namespace

std::vector<std::uint8_t> encode_participant_entities(const dds::Guid& participant,
                                                      const std::list<NodeEntities>& nodes, GidSize gid_size) {
  // The layout of rmw_dds_common/msg/ParticipantEntitiesInfo with Gid as char[16] or char[24].
  std::vector<std::uint8_t> out;
  wire::CdrWriter writer(out);
  write_gid(writer, participant, gid_size);
  writer.write_length(nodes.size());
  for (const auto& node : nodes) {
    writer.write_string(node.node_namespace);
    writer.write_string(node.node_name);
    writer.write_length(node.readers.size());
    for (const auto& gid : node.readers) write_gid(writer, gid, gid_size);
    writer.write_length(node.writers.size());
    for (const auto& gid : node.writers) write_gid(writer, gid, gid_size);
  }
  writer.finish();
  return out;
}

DiscoveryInfoPublisher::DiscoveryInfoPublisher(const dds::Participant& participant, GidSize gid_size,
                                               bool with_type_hash)
    : participant_guid_(participant.guid()), gid_size_(gid_size) {
  topic_ = dds::create_raw_topic(participant.participant(), kTopic,
                                 std::string(wire::MessageTraits<Info>::dds_type_name));
  dds::EndpointQos settings;
  settings.depth = 1;
  settings.transient_local = true;  // `ros2 node list` reads with TRANSIENT_LOCAL (spec §6.1)
  if (with_type_hash) settings.user_data = "typehash=" + std::string(wire::MessageTraits<Info>::type_hash) + ";";
  const auto qos = dds::make_qos(settings);
  writer_ = dds_create_writer(participant.publisher(), topic_, qos.get(), nullptr);
  if (writer_ < 0) throw dds::DdsError(writer_, "creating the ros_discovery_info writer");
  std::lock_guard lock(mutex_);
  publish_locked();
}

DiscoveryInfoPublisher::~DiscoveryInfoPublisher() {
  if (writer_ > 0) dds_delete(writer_);
}

DiscoveryInfoPublisher::NodeHandle DiscoveryInfoPublisher::add_node(const std::string& node_namespace,
                                                                    const std::string& node_name) {
  std::lock_guard lock(mutex_);
  nodes_.push_back(NodeEntities{node_namespace, node_name, {}, {}});
  auto handle = std::prev(nodes_.end());
  publish_locked();
  return handle;
}

void DiscoveryInfoPublisher::remove_node(NodeHandle node) {
  std::lock_guard lock(mutex_);
  nodes_.erase(node);
  publish_locked();
}

void DiscoveryInfoPublisher::add_endpoints(NodeHandle node, const std::vector<dds::Guid>& readers,
                                           const std::vector<dds::Guid>& writers) {
  std::lock_guard lock(mutex_);
  node->readers.insert(node->readers.end(), readers.begin(), readers.end());
  node->writers.insert(node->writers.end(), writers.begin(), writers.end());
  publish_locked();
}

void DiscoveryInfoPublisher::remove_endpoints(NodeHandle node, const std::vector<dds::Guid>& readers,
                                              const std::vector<dds::Guid>& writers) {
  std::lock_guard lock(mutex_);
  erase_all(node->readers, readers);
  erase_all(node->writers, writers);
  publish_locked();
}

DiscoveryInfoPublisher::Batch::Batch(DiscoveryInfoPublisher& publisher) : publisher_(publisher) {
  std::lock_guard lock(publisher_.mutex_);
  ++publisher_.batches_;
}

DiscoveryInfoPublisher::Batch::~Batch() {
  std::lock_guard lock(publisher_.mutex_);
  if (--publisher_.batches_ == 0 && std::exchange(publisher_.deferred_, false)) publisher_.publish_locked();
}

void DiscoveryInfoPublisher::publish_locked() {
  if (batches_ > 0) {
    deferred_ = true;
    return;
  }
  dds::write_raw(writer_, encode_participant_entities(participant_guid_, nodes_, gid_size_));
}

}  // namespace rclite::graph

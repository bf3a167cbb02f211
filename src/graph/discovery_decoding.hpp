// What DDS discovery delivers, decoded into what the graph model (graph_state.hpp) keeps: pure
// functions over bytes and text, nothing of Cyclone, so that tests feed them captured data.
//
//   * `ros_discovery_info` samples (rmw_dds_common/msg/ParticipantEntitiesInfo, spec §6): which
//     nodes a participant has and which readers and writers belong to each; Jazzy (16-byte) and
//     Humble (24-byte) gids.
//   * DDS topic and type names back to ROS names (rmw_cyclonedds' demangle.cpp, spec §1.1 and §2).
//   * Built-in topic data (DCPSParticipant / DCPSPublication / DCPSSubscription), once the cache
//     has copied it out of Cyclone's samples: USER_DATA's enclave, endpoint records.
//   * Gids as text, for the "not complete yet" reasons.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../dds/guid.hpp"
#include "rclite/graph.hpp"

namespace rclite::graph {

// Jazzy gids are the 16-byte DDS GUID; Humble pads them with 8 zero bytes (spec §6.2).
enum class GidSize { Jazzy = 16, Humble = 24 };

// --- ros_discovery_info samples ------------------------------------------------------------------

// The DDS topic (no rt/ prefix: it is no ROS topic) on which every ROS participant announces its nodes.
inline constexpr std::string_view kDiscoveryTopic = "ros_discovery_info";

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

// --- Built-in topic data -----------------------------------------------------------------------------

// The enclave a participant's USER_DATA names (`enclave=/;`, spec §5); nullopt for a participant
// that is no ROS participant (bare DDS, or USER_DATA rmw would not parse).
std::optional<std::string> enclave_of(std::string_view participant_user_data);

// A reader or writer as DCPSSubscription / DCPSPublication report it.
struct EndpointRecord {
  bool is_reader = false;
  dds::Guid participant{};
  std::string topic_name;  // the DDS topic name ("rq/add_two_intsRequest")
  std::string type_name;   // the DDS type name
  std::map<std::string, std::string> user_data;
  EndpointQos qos;
  bool operator==(const EndpointRecord&) const = default;
};

// The built-in topic sample of an endpoint, its strings and QoS already copied out of Cyclone's sample.
struct BuiltinEndpoint {
  dds::Guid participant{};
  std::string_view topic_name;
  std::string_view type_name;
  std::string_view user_data;  // raw USER_DATA (`typehash=...;` and the like)
  EndpointQos qos;
};

// The record the graph keeps of an endpoint; nullopt for Cyclone's own built-in topics (DCPS*),
// which are no part of the ROS graph, as in rmw_cyclonedds.
std::optional<EndpointRecord> endpoint_record(const BuiltinEndpoint& endpoint, bool is_reader);

// --- Gids as text ------------------------------------------------------------------------------------

// 32 lowercase hex digits, no separators.
std::string gid_hex(const dds::Guid& gid);

}  // namespace rclite::graph

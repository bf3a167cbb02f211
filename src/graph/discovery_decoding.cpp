#include "discovery_decoding.hpp"

#include "../dds/user_data.hpp"
#include "rclite/wire/cdr.hpp"

namespace rclite::graph {

namespace {

constexpr std::size_t kMaxNameLength = 256;  // string<=256 in NodeEntitiesInfo.msg

// --- ros_discovery_info ---

// Reads one gid of `size` bytes into `out` (its first 16 bytes); false if a Humble gid's padding is not zero.
bool read_gid(wire::CdrReader& reader, GidSize size, dds::Guid& out) {
  bool padding_zero = true;
  for (std::size_t i = 0; i < static_cast<std::size_t>(size); ++i) {
    const auto byte = reader.read_primitive<std::uint8_t>();
    if (i < out.size()) out[i] = byte;
    else if (byte != 0) padding_zero = false;
  }
  return padding_zero;
}

bool read_name(wire::CdrReader& reader, std::string& out) {
  reader.read_string(out);
  return out.size() <= kMaxNameLength;
}

bool read_gids(wire::CdrReader& reader, GidSize size, std::vector<dds::Guid>& out) {
  const std::size_t count = reader.read_length(static_cast<std::size_t>(size));
  out.resize(count);
  for (auto& gid : out) {
    if (!read_gid(reader, size, gid)) return false;
  }
  return true;
}

std::optional<ParticipantEntities> parse_with(std::span<const std::uint8_t> sample, GidSize size) {
  try {
    wire::CdrReader reader(sample);
    ParticipantEntities info;
    info.gid_size = size;
    if (!read_gid(reader, size, info.participant)) return std::nullopt;
    // A node takes at least 16 bytes: two string lengths and two sequence lengths.
    const std::size_t nodes = reader.read_length(16);
    info.nodes.resize(nodes);
    for (auto& node : info.nodes) {
      if (!read_name(reader, node.node_namespace) || !read_name(reader, node.node_name)) return std::nullopt;
      if (!read_gids(reader, size, node.readers) || !read_gids(reader, size, node.writers)) return std::nullopt;
    }
    // Exactly consumed: at most the padding to a multiple of 4 may remain.
    if (reader.remaining() >= 4) return std::nullopt;
    return info;
  } catch (const wire::CdrError&) {
    return std::nullopt;
  }
}

// --- demangling ---

std::string replace_colons(std::string_view ns) {
  std::string out;
  out.reserve(ns.size());
  for (std::size_t i = 0; i < ns.size(); ++i) {
    if (ns.compare(i, 2, "::") == 0) {
      out += '/';
      ++i;
    } else {
      out += ns[i];
    }
  }
  return out;
}

// `prefix` + "/..." + `suffix` -> "/..." (rmw_cyclonedds _demangle_service_from_topic).
std::string strip(std::string_view dds_topic, std::string_view prefix, std::string_view suffix) {
  if (dds_topic.size() <= prefix.size() || !dds_topic.starts_with(prefix) || dds_topic[prefix.size()] != '/') return {};
  std::string_view name = dds_topic.substr(prefix.size());
  if (!name.ends_with(suffix)) return {};
  name.remove_suffix(suffix.size());
  return std::string(name);
}

}  // namespace

std::optional<ParticipantEntities> decode_participant_entities(std::span<const std::uint8_t> sample) {
  // At most one layout passes (see the header), so the order does not matter.
  if (auto jazzy = parse_with(sample, GidSize::Jazzy)) return jazzy;
  return parse_with(sample, GidSize::Humble);
}

std::string demangle_topic(std::string_view dds_topic) { return strip(dds_topic, "rt", ""); }
std::string demangle_service_request(std::string_view dds_topic) { return strip(dds_topic, "rq", "Request"); }
std::string demangle_service_reply(std::string_view dds_topic) { return strip(dds_topic, "rr", "Reply"); }

std::string demangle_service(std::string_view dds_topic) {
  std::string name = demangle_service_reply(dds_topic);
  return name.empty() ? demangle_service_request(dds_topic) : name;
}

std::string demangle_type(std::string_view dds_type) {
  if (dds_type.empty() || dds_type.back() != '_') return std::string(dds_type);
  const std::size_t marker = dds_type.find("dds_::");
  if (marker == std::string_view::npos) return std::string(dds_type);
  const std::size_t start = marker + 6;
  if (start > dds_type.size() - 1) return std::string(dds_type);
  return replace_colons(dds_type.substr(0, marker)) + std::string(dds_type.substr(start, dds_type.size() - 1 - start));
}

std::string demangle_service_type(std::string_view dds_type) {
  const std::size_t marker = dds_type.find("dds_::");
  if (marker == std::string_view::npos) return {};
  std::size_t suffix = 0;
  if (dds_type.ends_with("_Response_")) suffix = std::string_view("_Response_").size();
  else if (dds_type.ends_with("_Request_")) suffix = std::string_view("_Request_").size();
  else return {};
  const std::size_t start = marker + 6;
  if (dds_type.size() - suffix <= start) return {};
  return replace_colons(dds_type.substr(0, marker)) + std::string(dds_type.substr(start, dds_type.size() - suffix - start));
}

std::optional<std::string> enclave_of(std::string_view participant_user_data) {
  const auto values = dds::parse_user_data(participant_user_data);
  const auto enclave = values.find("enclave");
  if (enclave == values.end()) return std::nullopt;
  return enclave->second;
}

std::optional<EndpointRecord> endpoint_record(const BuiltinEndpoint& endpoint, bool is_reader) {
  if (endpoint.topic_name.starts_with("DCPS")) return std::nullopt;
  EndpointRecord record;
  record.is_reader = is_reader;
  record.participant = endpoint.participant;
  record.topic_name = endpoint.topic_name;
  record.type_name = endpoint.type_name;
  record.user_data = dds::parse_user_data(endpoint.user_data);
  record.qos = endpoint.qos;
  return record;
}

std::string gid_hex(const dds::Guid& gid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t byte : gid) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

}  // namespace rclite::graph

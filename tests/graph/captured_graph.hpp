// Test helpers for the graph: the checked-in captures of real ROS 2 graphs (tests/data/*_graph.txt,
// *_ros_discovery_info.txt) read and fed into a GraphState as the built-in topics and
// ros_discovery_info would, and query results printed as the ros2 CLI prints them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../../src/dds/user_data.hpp"
#include "../../src/graph/graph_state.hpp"
#include "rclite/graph.hpp"
#include "support/hex.hpp"

namespace rclite::test {

using dds::Guid;
using graph::GraphState;

inline Guid guid_from_hex(const std::string& hex) {
  const auto bytes = from_hex([&] {
    std::string spaced;
    for (std::size_t i = 0; i < hex.size(); i += 2) spaced += hex.substr(i, 2) + " ";
    return spaced;
  }());
  Guid gid{};
  std::copy_n(bytes.begin(), std::min<std::size_t>(bytes.size(), 16), gid.begin());
  return gid;
}

struct CapturedSample {
  Guid writer;
  int sequence = 0;
  std::vector<std::uint8_t> bytes;
};

// "<writer guid> <sn> <hex bytes...>" lines (tests/data/*_ros_discovery_info.txt).
inline std::vector<CapturedSample> captured_samples(const std::string& file) {
  std::vector<CapturedSample> samples;
  for (const auto& line : data_lines(file)) {
    const auto first = line.find(' ');
    const auto second = line.find(' ', first + 1);
    samples.push_back(CapturedSample{guid_from_hex(line.substr(0, first)),
                                     std::stoi(line.substr(first + 1, second - first - 1)),
                                     from_hex(line.substr(second + 1))});
  }
  return samples;
}

inline Guid participant_of(const Guid& endpoint) {
  Guid gid = endpoint;
  gid[12] = 0x00;
  gid[13] = 0x00;
  gid[14] = 0x01;
  gid[15] = 0xc1;
  return gid;
}

inline std::string fact_field(const std::string& line, const std::string& key) {
  const auto start = line.find(key + "=");
  if (start == std::string::npos) return {};
  const auto value = start + key.size() + 1;
  return line.substr(value, line.find(' ', value) - value);
}

// Feeds the captured participants and endpoints (tests/data/*_add_two_ints_graph.txt) into `state`,
// only those of `only` when given, as the built-in topics would.
inline void feed_graph(GraphState& state, const std::string& file, const std::optional<Guid>& only = std::nullopt) {
  for (const auto& line : data_lines(file)) {
    const auto quote = line.find("user_data='");
    const std::string user_data = line.substr(quote + 11, line.rfind('\'') - quote - 11);
    if (line.starts_with("participant ")) {
      const Guid gid = participant_of(guid_from_hex(line.substr(12, 24) + "000001c1"));
      if (!only || *only == gid) state.participant_alive(gid, user_data);
      continue;
    }
    const Guid gid = guid_from_hex(line.substr(0, 32));
    rclite::graph::EndpointRecord record;
    record.is_reader = line.find(" reader ") != std::string::npos;
    record.participant = participant_of(gid);
    record.topic_name = fact_field(line, "topic");
    record.type_name = fact_field(line, "type");
    record.user_data = rclite::dds::parse_user_data(user_data);
    if (!only || *only == record.participant) state.endpoint_alive(gid, record);
  }
}

inline void feed_samples(GraphState& state, const std::string& file) {
  for (const auto& sample : captured_samples(file)) {
    auto info = rclite::graph::decode_participant_entities(sample.bytes);
    ASSERT_TRUE(info) << file << " sn " << sample.sequence;
    state.participant_entities(std::move(*info));
  }
}

// "name: type" lines, as `ros2 node info` prints them.
inline std::vector<std::string> lines_of(const NamesAndTypes& names) {
  std::vector<std::string> lines;
  for (const auto& [name, types] : names) {
    for (const auto& type : types) lines.push_back(name + ": " + type);
  }
  return lines;
}

// "name [type]" lines, as `ros2 service list -t` prints them.
inline std::vector<std::string> listed(const NamesAndTypes& names) {
  std::vector<std::string> lines;
  for (const auto& [name, types] : names) {
    std::string line = name + " [";
    for (const auto& type : types) line += (line.back() == '[' ? "" : ", ") + type;
    lines.push_back(line + "]");
  }
  return lines;
}

}  // namespace rclite::test

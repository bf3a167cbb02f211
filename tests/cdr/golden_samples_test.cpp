// Bytes captured from a real ROS 2 Jazzy exchange (rclpy, rmw_cyclonedds_cpp 2.2) must come out of
// our encoder byte for byte, and decode to what the capture says.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <rmw_dds_common/msg/participant_entities_info.hpp>

#include <set>
#include <sstream>

#include "rclite/wire/cdr.hpp"
#include "support/hex.hpp"

using namespace rclite::wire;
using rclite::test::data_lines;
using rclite::test::from_hex;
using rclite::test::to_hex;

namespace {

struct CapturedSample {
  std::string topic;  // empty for ros_discovery_info lines
  std::vector<std::uint8_t> writer_guid;
  std::vector<std::uint8_t> payload;
};

std::vector<CapturedSample> service_samples() {
  std::vector<CapturedSample> samples;
  for (const auto& line : data_lines("jazzy_add_two_ints_samples.txt")) {
    std::istringstream in(line);
    CapturedSample sample;
    std::string guid, sn;
    in >> sample.topic >> guid >> sn;
    std::string rest;
    std::getline(in, rest);
    sample.payload = from_hex(rest);
    samples.push_back(sample);
  }
  return samples;
}

std::vector<CapturedSample> discovery_samples() {
  std::vector<CapturedSample> samples;
  for (const auto& line : data_lines("jazzy_ros_discovery_info.txt")) {
    std::istringstream in(line);
    std::string guid, sn, rest;
    in >> guid >> sn;
    std::getline(in, rest);
    CapturedSample sample;
    for (std::size_t i = 0; i < guid.size(); i += 2) {
      sample.writer_guid.push_back(static_cast<std::uint8_t>(std::stoul(guid.substr(i, 2), nullptr, 16)));
    }
    sample.payload = from_hex(rest);
    samples.push_back(sample);
  }
  return samples;
}

}  // namespace

TEST(GoldenSamples, AddTwoIntsRequestEncodesByteEqualToTheCapture) {
  const auto samples = service_samples();
  ASSERT_EQ(samples[0].topic, "rq/add_two_intsRequest");
  example_interfaces::srv::AddTwoInts::Request request;
  request.a = 41;
  request.b = 1;
  // The client's guid token as the capture has it (bytes 50 f5 e8 dd 41 84 9e 61, little-endian).
  const RequestHeader header{0x619e8441dde8f550u, 1};
  std::vector<std::uint8_t> out;
  encode_service_sample(header, request, out);
  EXPECT_EQ(to_hex(out), to_hex(samples[0].payload));
  EXPECT_EQ(out.size(), 36u);
}

TEST(GoldenSamples, AddTwoIntsReplyEncodesByteEqualToTheCapture) {
  const auto samples = service_samples();
  ASSERT_EQ(samples[1].topic, "rr/add_two_intsReply");
  example_interfaces::srv::AddTwoInts::Response response;
  response.sum = 42;
  std::vector<std::uint8_t> out;
  encode_service_sample(RequestHeader{0x619e8441dde8f550u, 1}, response, out);
  EXPECT_EQ(to_hex(out), to_hex(samples[1].payload));
  EXPECT_EQ(out.size(), 28u);
}

TEST(GoldenSamples, CapturedRequestsAndRepliesDecode) {
  const auto samples = service_samples();
  ASSERT_EQ(samples.size(), 4u);
  example_interfaces::srv::AddTwoInts::Request request;
  example_interfaces::srv::AddTwoInts::Response response;

  const auto first = decode_service_sample(samples[0].payload, request);
  EXPECT_EQ(request.a, 41);
  EXPECT_EQ(request.b, 1);
  EXPECT_EQ(decode_service_sample(samples[1].payload, response), first);  // reply echoes the header
  EXPECT_EQ(response.sum, 42);

  const auto second = decode_service_sample(samples[2].payload, request);  // `ros2 service call`
  EXPECT_EQ(request.a, 2);
  EXPECT_EQ(request.b, 3);
  EXPECT_EQ(second.sequence, 1);  // a new process: its first request
  EXPECT_NE(second.guid, first.guid);
  EXPECT_EQ(decode_service_sample(samples[3].payload, response), second);
  EXPECT_EQ(response.sum, 5);
}

TEST(GoldenSamples, EveryParticipantEntitiesInfoDecodesAndReencodesByteEqual) {
  const auto samples = discovery_samples();
  ASSERT_EQ(samples.size(), 41u);
  const std::set<std::string> nodes{"my_service_server", "my_service_client",
                                    "_ros2cli_requester_example_interfaces_AddTwoInts"};
  std::size_t entities = 0;
  for (const auto& sample : samples) {
    SCOPED_TRACE(to_hex(sample.writer_guid));
    const auto info = decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(sample.payload);
    // The participant gid is the GUID of the participant that wrote it: prefix + 00 00 01 c1.
    const std::vector<std::uint8_t> prefix(sample.writer_guid.begin(), sample.writer_guid.begin() + 12);
    EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), info.gid.data.begin()));
    EXPECT_EQ(to_hex({info.gid.data.begin() + 12, info.gid.data.end()}), "00 00 01 c1");
    for (const auto& node : info.node_entities_info_seq) {
      EXPECT_EQ(node.node_namespace, "/");
      EXPECT_TRUE(nodes.contains(node.node_name)) << node.node_name;
      for (const auto& gid : node.reader_gid_seq) {
        EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), gid.data.begin()));
        EXPECT_EQ(gid.data[15], 0x04);  // reader, no key
      }
      for (const auto& gid : node.writer_gid_seq) {
        EXPECT_TRUE(std::equal(prefix.begin(), prefix.end(), gid.data.begin()));
        EXPECT_EQ(gid.data[15], 0x03);  // writer, no key
      }
      entities += node.reader_gid_seq.size() + node.writer_gid_seq.size();
    }
    EXPECT_EQ(to_hex(encode(info)), to_hex(sample.payload));
  }
  EXPECT_GT(entities, 0u);
}

TEST(GoldenSamples, DiscoveryInfoOfTheServerListsItsServiceEndpoints) {
  // The rclpy server's last sample: one node whose 8 readers are the request readers of
  // add_two_ints, the six parameter services and get_type_description (rclpy, unlike rclcpp, does
  // not subscribe to /parameter_events), and whose 10 writers are their 8 reply writers, /rosout
  // and /parameter_events.
  const auto samples = discovery_samples();
  const rmw_dds_common::msg::ParticipantEntitiesInfo* found = nullptr;
  rmw_dds_common::msg::ParticipantEntitiesInfo last;
  for (const auto& sample : samples) {
    auto info = decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(sample.payload);
    if (!info.node_entities_info_seq.empty() &&
        info.node_entities_info_seq[0].node_name == "my_service_server") {
      last = std::move(info);
      found = &last;
    }
  }
  ASSERT_NE(found, nullptr);
  ASSERT_EQ(last.node_entities_info_seq.size(), 1u);
  EXPECT_EQ(last.node_entities_info_seq[0].reader_gid_seq.size(), 8u);
  EXPECT_EQ(last.node_entities_info_seq[0].writer_gid_seq.size(), 10u);
}

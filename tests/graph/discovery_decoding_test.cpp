// Decoding what DDS discovery delivers (src/graph/discovery_decoding.hpp), without DDS: real Jazzy and
// Humble ros_discovery_info samples, rmw_cyclonedds' name mangling, built-in endpoint data, gids as text.
#include <gtest/gtest.h>

#include <algorithm>
#include <list>
#include <string>
#include <vector>

#include "../../src/graph/discovery_decoding.hpp"
#include "../../src/graph/discovery_info_publisher.hpp"
#include "captured_graph.hpp"

using rclite::dds::Guid;
using rclite::graph::GidSize;
using rclite::test::captured_samples;
using rclite::test::guid_from_hex;
using rclite::test::participant_of;

// --- Decoding ros_discovery_info ------------------------------------------------------------------------

TEST(DiscoveryInfoDecoding, EveryCapturedJazzySampleDecodesWith16ByteGids) {
  const auto samples = captured_samples("jazzy_ros_discovery_info.txt");
  ASSERT_EQ(samples.size(), 41u);
  for (const auto& sample : samples) {
    const auto info = rclite::graph::decode_participant_entities(sample.bytes);
    ASSERT_TRUE(info) << "sn " << sample.sequence;
    EXPECT_EQ(info->gid_size, GidSize::Jazzy);
    EXPECT_EQ(info->participant, participant_of(sample.writer));
    for (const auto& node : info->nodes) {
      for (const auto* gids : {&node.readers, &node.writers}) {
        for (const auto& gid : *gids) EXPECT_EQ(participant_of(gid), info->participant);
      }
    }
  }
  // The server's complete sample: /my_service_server with 8 readers and 10 writers.
  const auto& server = *std::find_if(samples.begin(), samples.end(), [](const auto& s) {
    return s.writer == guid_from_hex("0110c1d2fad9bdff4eb464ef00000403");
  });
  const auto info = rclite::graph::decode_participant_entities(server.bytes);
  ASSERT_TRUE(info);
  ASSERT_EQ(info->nodes.size(), 1u);
  EXPECT_EQ(info->nodes[0].node_namespace, "/");
  EXPECT_EQ(info->nodes[0].node_name, "my_service_server");
  EXPECT_EQ(info->nodes[0].readers.size(), 8u);
  EXPECT_EQ(info->nodes[0].writers.size(), 10u);
  EXPECT_EQ(info->nodes[0].readers[0], guid_from_hex("0110c1d2fad9bdff4eb464ef00000904"));
}

TEST(DiscoveryInfoDecoding, EveryCapturedHumbleSampleDecodesWith24ByteGids) {
  const auto samples = captured_samples("humble_ros_discovery_info.txt");
  ASSERT_EQ(samples.size(), 33u);
  std::size_t with_nodes = 0;
  for (const auto& sample : samples) {
    const auto info = rclite::graph::decode_participant_entities(sample.bytes);
    ASSERT_TRUE(info) << "sn " << sample.sequence;
    EXPECT_EQ(info->gid_size, GidSize::Humble) << "sn " << sample.sequence;
    EXPECT_EQ(info->participant, participant_of(sample.writer));
    for (const auto& node : info->nodes) {
      ++with_nodes;
      EXPECT_EQ(node.node_namespace, "/");
      for (const auto* gids : {&node.readers, &node.writers}) {
        for (const auto& gid : *gids) EXPECT_EQ(participant_of(gid), info->participant);
      }
    }
  }
  EXPECT_EQ(with_nodes, 31u);  // all but the two final "no nodes left" samples
  const auto& server = *std::find_if(samples.begin(), samples.end(), [](const auto& s) {
    return s.writer == guid_from_hex("0110056bc3268129d6f854d500000403");
  });
  const auto info = rclite::graph::decode_participant_entities(server.bytes);
  ASSERT_TRUE(info);
  ASSERT_EQ(info->nodes.size(), 1u);
  EXPECT_EQ(info->nodes[0].node_name, "my_service_server");
  EXPECT_EQ(info->nodes[0].readers.size(), 7u);
  EXPECT_EQ(info->nodes[0].writers.size(), 9u);
  EXPECT_EQ(info->nodes[0].writers.back(), guid_from_hex("0110056bc3268129d6f854d500001403"));
  // The last sample of the client: the participant with no node left (32 bytes = 4 + 24 + 4).
  const auto& last = samples[13];
  ASSERT_EQ(last.bytes.size(), 32u);
  const auto empty = rclite::graph::decode_participant_entities(last.bytes);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->gid_size, GidSize::Humble);
  EXPECT_TRUE(empty->nodes.empty());
}

TEST(DiscoveryInfoDecoding, OnlyASampleConsumedExactlyIsAccepted) {
  const auto jazzy = captured_samples("jazzy_ros_discovery_info.txt")[2].bytes;
  const auto humble = captured_samples("humble_ros_discovery_info.txt")[3].bytes;
  for (const auto& original : {jazzy, humble}) {
    auto padded = original;
    for (int i = 0; i < 3; ++i) {  // padding to a multiple of 4 is tolerated
      padded.push_back(0);
      EXPECT_TRUE(rclite::graph::decode_participant_entities(padded));
    }
    padded.push_back(0);  // a whole extra word is not padding
    EXPECT_FALSE(rclite::graph::decode_participant_entities(padded));
    const std::vector<std::uint8_t> truncated(original.begin(), original.end() - 4);
    EXPECT_FALSE(rclite::graph::decode_participant_entities(truncated));
  }
  // A 24-byte gid whose padding is not zero is no Humble gid (and the sample no Jazzy sample either).
  auto dirty = humble;
  dirty[4 + 20] = 0x01;
  EXPECT_FALSE(rclite::graph::decode_participant_entities(dirty));
  EXPECT_FALSE(rclite::graph::decode_participant_entities(std::vector<std::uint8_t>{0x00, 0x01, 0x00, 0x00}));
  EXPECT_FALSE(rclite::graph::decode_participant_entities(std::vector<std::uint8_t>{}));
}

TEST(DiscoveryInfoDecoding, OurOwnSamplesRoundTripInBothGidSizes) {
  const Guid participant = guid_from_hex("0110aabbccddeeff0011223300000" "1c1");
  Guid reader = participant;
  reader[15] = 0x04;
  Guid writer = participant;
  writer[15] = 0x03;
  std::list<rclite::graph::NodeEntities> nodes{{"/a/b", "n1", {reader}, {writer}}, {"/", "_hidden", {}, {}}};
  for (auto size : {GidSize::Jazzy, GidSize::Humble}) {
    for (const auto& list : {nodes, std::list<rclite::graph::NodeEntities>{}}) {
      const auto bytes = rclite::graph::encode_participant_entities(participant, list, size);
      const auto info = rclite::graph::decode_participant_entities(bytes);
      ASSERT_TRUE(info);
      EXPECT_EQ(info->gid_size, size);
      EXPECT_EQ(info->participant, participant);
      ASSERT_EQ(info->nodes.size(), list.size());
      if (!list.empty()) {
        EXPECT_EQ(info->nodes[0].node_namespace, "/a/b");
        EXPECT_EQ(info->nodes[0].readers, std::vector<Guid>{reader});
        EXPECT_EQ(info->nodes[0].writers, std::vector<Guid>{writer});
        EXPECT_EQ(info->nodes[1].node_name, "_hidden");
      }
    }
  }
}

// --- Demangling ---------------------------------------------------------------------------------------

TEST(GraphDemangling, TopicsServicesAndTypesAsRmwCyclonedds) {
  using namespace rclite::graph;
  EXPECT_EQ(demangle_topic("rt/chatter"), "/chatter");
  EXPECT_EQ(demangle_topic("rt/robot1/cmd_vel"), "/robot1/cmd_vel");
  EXPECT_EQ(demangle_topic("rq/add_two_intsRequest"), "");
  EXPECT_EQ(demangle_topic("ros_discovery_info"), "");
  EXPECT_EQ(demangle_topic("rt"), "");
  EXPECT_EQ(demangle_topic("rtx/a"), "");
  EXPECT_EQ(demangle_service_request("rq/add_two_intsRequest"), "/add_two_ints");
  EXPECT_EQ(demangle_service_request("rq/ns/my_node/get_parametersRequest"), "/ns/my_node/get_parameters");
  EXPECT_EQ(demangle_service_request("rr/add_two_intsReply"), "");
  EXPECT_EQ(demangle_service_request("rq/add_two_intsRequestX"), "");
  EXPECT_EQ(demangle_service_reply("rr/add_two_intsReply"), "/add_two_ints");
  EXPECT_EQ(demangle_service_reply("rr/add_two_intsRequest"), "");
  EXPECT_EQ(demangle_service("rr/a/bReply"), "/a/b");
  EXPECT_EQ(demangle_service("rq/a/bRequest"), "/a/b");
  EXPECT_EQ(demangle_service("rt/a/bRequest"), "");
  EXPECT_EQ(demangle_type("std_msgs::msg::dds_::String_"), "std_msgs/msg/String");
  EXPECT_EQ(demangle_type("rcl_interfaces::msg::dds_::ParameterEvent_"), "rcl_interfaces/msg/ParameterEvent");
  EXPECT_EQ(demangle_type("example_interfaces::srv::dds_::AddTwoInts_Request_"),
            "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(demangle_type("MyPlainDdsType"), "MyPlainDdsType");
  EXPECT_EQ(demangle_type("a::b_"), "a::b_");
  EXPECT_EQ(demangle_service_type("example_interfaces::srv::dds_::AddTwoInts_Request_"), "example_interfaces/srv/AddTwoInts");
  EXPECT_EQ(demangle_service_type("example_interfaces::srv::dds_::AddTwoInts_Response_"), "example_interfaces/srv/AddTwoInts");
  EXPECT_EQ(demangle_service_type("std_msgs::msg::dds_::String_"), "");
  EXPECT_EQ(demangle_service_type("AddTwoInts_Request_"), "");
}
// --- Built-in topic data ------------------------------------------------------------------------------

TEST(BuiltinTopicData, TheEnclaveInUserDataMakesARosParticipant) {
  using rclite::graph::enclave_of;
  EXPECT_EQ(enclave_of("enclave=/;"), "/");  // every participant of the captures
  EXPECT_EQ(enclave_of("enclave=/robot/arm;"), "/robot/arm");
  EXPECT_EQ(enclave_of("securitylevel=2;enclave=/a;"), "/a");
  EXPECT_FALSE(enclave_of(""));               // a bare DDS participant
  EXPECT_FALSE(enclave_of("typehash=RIHS01_00;"));
  EXPECT_FALSE(enclave_of("enclave=/"));      // no ';': rmw parses nothing of it
  EXPECT_FALSE(enclave_of("en-clave=/;"));    // keys are alphanumeric
}

TEST(BuiltinTopicData, EndpointsOfCyclonesOwnTopicsAreNoPartOfTheGraph) {
  const Guid participant = guid_from_hex("0110c1d2fad9bdff4eb464ef000001c1");
  rclite::EndpointQos qos;
  qos.reliability = rclite::EndpointQos::Reliability::Reliable;
  qos.depth = 7;
  rclite::graph::BuiltinEndpoint endpoint{.participant = participant,
                                          .topic_name = "DCPSPublication",
                                          .type_name = "org::eclipse::cyclonedds::builtin::DCPSPublication",
                                          .user_data = "",
                                          .qos = qos};
  EXPECT_FALSE(rclite::graph::endpoint_record(endpoint, true));
  EXPECT_FALSE(rclite::graph::endpoint_record(endpoint, false));

  endpoint.topic_name = "rq/add_two_intsRequest";
  endpoint.type_name = "example_interfaces::srv::dds_::AddTwoInts_Request_";
  endpoint.user_data = "serviceid=1.10.c1.d2.fa.d9.bd.ff.4e.b4.64.ef.0.0.17.4;typehash=RIHS01_e118;";
  const auto record = rclite::graph::endpoint_record(endpoint, true);
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->is_reader);
  EXPECT_EQ(record->participant, participant);
  EXPECT_EQ(record->topic_name, "rq/add_two_intsRequest");  // kept mangled: the queries demangle
  EXPECT_EQ(record->type_name, "example_interfaces::srv::dds_::AddTwoInts_Request_");
  EXPECT_EQ(record->user_data.at("typehash"), "RIHS01_e118");
  EXPECT_EQ(record->user_data.at("serviceid"), "1.10.c1.d2.fa.d9.bd.ff.4e.b4.64.ef.0.0.17.4");
  EXPECT_EQ(record->qos, qos);
  EXPECT_FALSE(rclite::graph::endpoint_record(endpoint, false)->is_reader);
  // A topic that merely contains "DCPS" is a ROS topic like any other.
  endpoint.topic_name = "rt/DCPS";
  EXPECT_TRUE(rclite::graph::endpoint_record(endpoint, false));
}

TEST(BuiltinTopicData, GidsPrintAsTheirSixteenBytesInHex) {
  EXPECT_EQ(rclite::graph::gid_hex(guid_from_hex("0110c1d2fad9bdff4eb464ef00000403")), "0110c1d2fad9bdff4eb464ef00000403");
  EXPECT_EQ(rclite::graph::gid_hex(Guid{}), std::string(32, '0'));
  Guid high{};
  high.fill(0xab);
  EXPECT_EQ(rclite::graph::gid_hex(high), "abababababababababababababababab");
}

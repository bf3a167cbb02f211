// The ROS graph cache (src/graph/graph_cache.hpp) and Node's graph queries (rclite/graph.hpp):
// decoding real Jazzy and Humble ros_discovery_info samples, rebuilding what `ros2 node info` and
// `ros2 service list -t` printed from the captured discovery data, and live graphs on loopback.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <std_srvs/srv/set_bool.hpp>

#include <dds/dds.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <list>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../../src/dds/qos.hpp"
#include "../../src/dds/user_data.hpp"
#include "../../src/graph/discovery_info_publisher.hpp"
#include "../../src/graph/graph_cache.hpp"
#include "../../src/node/context_impl.hpp"
#include "rclite/rclite.hpp"
#include "support/hex.hpp"
#include "support/observer.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using SetBool = std_srvs::srv::SetBool;
using rclite::NamesAndTypes;
using rclite::NodeName;
using rclite::dds::Guid;
using rclite::graph::GidSize;
using rclite::graph::GraphState;

namespace {

Guid guid_from_hex(const std::string& hex) {
  const auto bytes = rclite::test::from_hex([&] {
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
std::vector<CapturedSample> captured_samples(const std::string& file) {
  std::vector<CapturedSample> samples;
  for (const auto& line : rclite::test::data_lines(file)) {
    const auto first = line.find(' ');
    const auto second = line.find(' ', first + 1);
    samples.push_back(CapturedSample{guid_from_hex(line.substr(0, first)),
                                     std::stoi(line.substr(first + 1, second - first - 1)),
                                     rclite::test::from_hex(line.substr(second + 1))});
  }
  return samples;
}

Guid participant_of(const Guid& endpoint) {
  Guid gid = endpoint;
  gid[12] = 0x00;
  gid[13] = 0x00;
  gid[14] = 0x01;
  gid[15] = 0xc1;
  return gid;
}

std::string field(const std::string& line, const std::string& key) {
  const auto start = line.find(key + "=");
  if (start == std::string::npos) return {};
  const auto value = start + key.size() + 1;
  return line.substr(value, line.find(' ', value) - value);
}

// Feeds the captured participants and endpoints (tests/data/*_add_two_ints_graph.txt) into `state`,
// only those of `only` when given, as the built-in topics would.
void feed_graph(GraphState& state, const std::string& file, const std::optional<Guid>& only = std::nullopt) {
  for (const auto& line : rclite::test::data_lines(file)) {
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
    record.topic_name = field(line, "topic");
    record.type_name = field(line, "type");
    record.user_data = rclite::dds::parse_user_data(user_data);
    if (!only || *only == record.participant) state.endpoint_alive(gid, record);
  }
}

void feed_samples(GraphState& state, const std::string& file) {
  for (const auto& sample : captured_samples(file)) {
    auto info = rclite::graph::decode_participant_entities(sample.bytes);
    ASSERT_TRUE(info) << file << " sn " << sample.sequence;
    state.participant_entities(std::move(*info));
  }
}

// "name: type" lines, as `ros2 node info` prints them.
std::vector<std::string> lines_of(const NamesAndTypes& names) {
  std::vector<std::string> lines;
  for (const auto& [name, types] : names) {
    for (const auto& type : types) lines.push_back(name + ": " + type);
  }
  return lines;
}

// "name [type]" lines, as `ros2 service list -t` prints them.
std::vector<std::string> listed(const NamesAndTypes& names) {
  std::vector<std::string> lines;
  for (const auto& [name, types] : names) {
    std::string line = name + " [";
    for (const auto& type : types) line += (line.back() == '[' ? "" : ", ") + type;
    lines.push_back(line + "]");
  }
  return lines;
}

bool contains(const std::vector<NodeName>& names, const NodeName& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Polls `condition` until it holds or `timeout` passes, waiting on graph changes in between.
template <class F>
bool eventually(const rclite::Node& node, F condition, std::chrono::milliseconds timeout = rclite::test::kPatience) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto since = node.get_graph_change_count();
    if (condition()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    node.wait_for_graph_change(since, std::min<std::chrono::nanoseconds>(deadline - now, 100ms));
  }
}

rclite::NodeOptions in(rclite::Context& context) { return rclite::test::bare_options_in(context); }

}  // namespace

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

// --- The graph rebuilt from real captures: what the ros2 CLI printed ----------------------------------

// jazzy-console-outputs.txt: `ros2 node info /my_service_server`, `ros2 service list -t` (server only).
TEST(GraphState, RebuildsWhatRos2PrintedForTheJazzyCapture) {
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  feed_samples(state, "jazzy_ros_discovery_info.txt");
  // The client and `ros2 service call` finished (their last samples list no node): one node is left.
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/", "my_service_server"}}));
  const NodeName server{"/", "my_service_server"};
  EXPECT_EQ(lines_of(*state.service_names_and_types_by_node(server)),
            (std::vector<std::string>{
                "/add_two_ints: example_interfaces/srv/AddTwoInts",
                "/my_service_server/describe_parameters: rcl_interfaces/srv/DescribeParameters",
                "/my_service_server/get_parameter_types: rcl_interfaces/srv/GetParameterTypes",
                "/my_service_server/get_parameters: rcl_interfaces/srv/GetParameters",
                "/my_service_server/get_type_description: type_description_interfaces/srv/GetTypeDescription",
                "/my_service_server/list_parameters: rcl_interfaces/srv/ListParameters",
                "/my_service_server/set_parameters: rcl_interfaces/srv/SetParameters",
                "/my_service_server/set_parameters_atomically: rcl_interfaces/srv/SetParametersAtomically"}));
  EXPECT_EQ(lines_of(*state.publisher_names_and_types_by_node(server)),
            (std::vector<std::string>{"/parameter_events: rcl_interfaces/msg/ParameterEvent",
                                      "/rosout: rcl_interfaces/msg/Log"}));
  EXPECT_TRUE(state.subscriber_names_and_types_by_node(server)->empty());
  EXPECT_TRUE(state.client_names_and_types_by_node(server)->empty());
  EXPECT_FALSE(state.service_names_and_types_by_node({"/", "my_service_client"}));  // gone

  GraphState server_only;
  const Guid server_participant = guid_from_hex("0110c1d2fad9bdff4eb464ef000001c1");
  feed_graph(server_only, "jazzy_add_two_ints_graph.txt", server_participant);
  EXPECT_EQ(listed(server_only.service_names_and_types()),
            (std::vector<std::string>{
                "/add_two_ints [example_interfaces/srv/AddTwoInts]",
                "/my_service_server/describe_parameters [rcl_interfaces/srv/DescribeParameters]",
                "/my_service_server/get_parameter_types [rcl_interfaces/srv/GetParameterTypes]",
                "/my_service_server/get_parameters [rcl_interfaces/srv/GetParameters]",
                "/my_service_server/get_type_description [type_description_interfaces/srv/GetTypeDescription]",
                "/my_service_server/list_parameters [rcl_interfaces/srv/ListParameters]",
                "/my_service_server/set_parameters [rcl_interfaces/srv/SetParameters]",
                "/my_service_server/set_parameters_atomically [rcl_interfaces/srv/SetParametersAtomically]"}));
  EXPECT_EQ(listed(server_only.topic_names_and_types()),
            (std::vector<std::string>{"/parameter_events [rcl_interfaces/msg/ParameterEvent]",
                                      "/rosout [rcl_interfaces/msg/Log]"}));
  // With everything of the capture: one server and two clients of /add_two_ints.
  EXPECT_EQ(state.count_services("/add_two_ints"), 1u);
  EXPECT_EQ(state.count_clients("/add_two_ints"), 2u);
  EXPECT_EQ(state.count_publishers("/rosout"), 3u);
  // /rosout writers: the server's is named; the others' participants announced no node any more.
  const auto rosout = state.topic_endpoints("/rosout", false);
  ASSERT_EQ(rosout.size(), 3u);
  std::multiset<std::string> owners;
  for (const auto& endpoint : rosout) {
    owners.insert(endpoint.node_name);
    EXPECT_EQ(endpoint.topic_type, "rcl_interfaces/msg/Log");
    EXPECT_EQ(endpoint.type_hash.substr(0, 7), "RIHS01_");
  }
  EXPECT_EQ(owners, (std::multiset<std::string>{"_NODE_NAME_UNKNOWN_", "_NODE_NAME_UNKNOWN_", "my_service_server"}));
}

// humble-console-outputs.txt: the same from Humble's 24-byte gids (no get_type_description).
TEST(GraphState, RebuildsWhatRos2PrintedForTheHumbleCapture) {
  GraphState state;
  feed_graph(state, "humble_add_two_ints_graph.txt");
  feed_samples(state, "humble_ros_discovery_info.txt");
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/", "my_service_server"}}));
  const NodeName server{"/", "my_service_server"};
  EXPECT_EQ(lines_of(*state.service_names_and_types_by_node(server)),
            (std::vector<std::string>{
                "/add_two_ints: example_interfaces/srv/AddTwoInts",
                "/my_service_server/describe_parameters: rcl_interfaces/srv/DescribeParameters",
                "/my_service_server/get_parameter_types: rcl_interfaces/srv/GetParameterTypes",
                "/my_service_server/get_parameters: rcl_interfaces/srv/GetParameters",
                "/my_service_server/list_parameters: rcl_interfaces/srv/ListParameters",
                "/my_service_server/set_parameters: rcl_interfaces/srv/SetParameters",
                "/my_service_server/set_parameters_atomically: rcl_interfaces/srv/SetParametersAtomically"}));
  EXPECT_EQ(lines_of(*state.publisher_names_and_types_by_node(server)),
            (std::vector<std::string>{"/parameter_events: rcl_interfaces/msg/ParameterEvent",
                                      "/rosout: rcl_interfaces/msg/Log"}));
  EXPECT_TRUE(state.client_names_and_types_by_node(server)->empty());
  EXPECT_TRUE(state.complete());

  GraphState server_only;
  feed_graph(server_only, "humble_add_two_ints_graph.txt", guid_from_hex("0110056bc3268129d6f854d5000001c1"));
  EXPECT_EQ(listed(server_only.service_names_and_types()).size(), 7u);
  EXPECT_EQ(listed(server_only.topic_names_and_types()),
            (std::vector<std::string>{"/parameter_events [rcl_interfaces/msg/ParameterEvent]",
                                      "/rosout [rcl_interfaces/msg/Log]"}));
}

TEST(GraphState, TheClientsOfANodeAreItsReplyReaders) {
  // Mid-capture (Jazzy sn 10 of the client): /my_service_client has its /add_two_ints client.
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  for (const auto& sample : captured_samples("jazzy_ros_discovery_info.txt")) {
    if (sample.writer == guid_from_hex("0110df4d24b30c483b8d0dd000000403") && sample.sequence == 11) {
      state.participant_entities(*rclite::graph::decode_participant_entities(sample.bytes));
    }
  }
  const NodeName client{"/", "my_service_client"};
  EXPECT_EQ(lines_of(*state.client_names_and_types_by_node(client)),
            (std::vector<std::string>{"/add_two_ints: example_interfaces/srv/AddTwoInts"}));
  // Its own services: six parameter services and get_type_description.
  const auto servers = *state.service_names_and_types_by_node(client);
  EXPECT_EQ(servers.size(), 7u);
  EXPECT_TRUE(servers.contains("/my_service_client/get_type_description"));
}

TEST(GraphState, AParticipantThatLeavesTakesItsNodesAndEndpoints) {
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  feed_samples(state, "jazzy_ros_discovery_info.txt");
  const Guid server = guid_from_hex("0110c1d2fad9bdff4eb464ef000001c1");
  EXPECT_TRUE(state.participant_gone(server));
  EXPECT_TRUE(state.node_names().empty());
  EXPECT_EQ(state.count_services("/add_two_ints"), 0u);
  EXPECT_EQ(state.count_clients("/add_two_ints"), 2u);
  // A late sample or endpoint of the participant that left does not bring it back.
  const auto samples = captured_samples("jazzy_ros_discovery_info.txt");
  for (const auto& sample : samples) {
    if (participant_of(sample.writer) == server) {
      EXPECT_FALSE(state.participant_entities(*rclite::graph::decode_participant_entities(sample.bytes)));
    }
  }
  feed_graph(state, "jazzy_add_two_ints_graph.txt", server);
  EXPECT_TRUE(state.node_names().empty());
  EXPECT_EQ(state.count_services("/add_two_ints"), 1u);  // it came back alive: its endpoints count again
}

TEST(GraphState, EndpointsOfBareDdsParticipantsAndOfUnlistedEndpoints) {
  GraphState state;
  const Guid bare = guid_from_hex("0110000000000000000000aa000001c1");
  const Guid ros = guid_from_hex("0110000000000000000000bb000001c1");
  state.participant_alive(bare, "");
  state.participant_alive(ros, "enclave=/;");
  rclite::graph::EndpointRecord record;
  record.topic_name = "rt/chatter";
  record.type_name = "std_msgs::msg::dds_::String_";
  record.participant = bare;
  Guid bare_writer = bare;
  bare_writer[15] = 0x03;
  state.endpoint_alive(bare_writer, record);
  record.participant = ros;
  Guid ros_writer = ros;
  ros_writer[15] = 0x03;
  state.endpoint_alive(ros_writer, record);
  auto endpoints = state.topic_endpoints("/chatter", false);
  ASSERT_EQ(endpoints.size(), 2u);
  EXPECT_EQ(endpoints[0].node_name, "_CREATED_BY_BARE_DDS_APP_");
  EXPECT_EQ(endpoints[0].node_namespace, "_CREATED_BY_BARE_DDS_APP_");
  EXPECT_EQ(endpoints[1].node_name, "_NODE_NAME_UNKNOWN_");
  EXPECT_EQ(endpoints[1].node_namespace, "_NODE_NAMESPACE_UNKNOWN_");
  EXPECT_EQ(endpoints[1].topic_type, "std_msgs/msg/String");
  EXPECT_EQ(state.topic_endpoints("/chatter", true).size(), 0u);
}

TEST(GraphState, CompleteOnlyWhenEveryAnnouncedEndpointAndEveryRosParticipantIsIn) {
  GraphState state;
  EXPECT_TRUE(state.complete());
  const Guid ros = guid_from_hex("0110000000000000000000bb000001c1");
  state.participant_alive(guid_from_hex("0110000000000000000000aa000001c1"), "");  // bare DDS: nothing to wait for
  EXPECT_TRUE(state.complete());
  state.participant_alive(ros, "enclave=/;");
  std::vector<std::string> why;
  EXPECT_FALSE(state.complete(&why));
  ASSERT_EQ(why.size(), 1u);
  EXPECT_NE(why[0].find("no ros_discovery_info"), std::string::npos);
  Guid reader = ros;
  reader[15] = 0x04;
  rclite::graph::ParticipantEntities info;
  info.participant = ros;
  info.nodes.push_back({"/", "talker", {reader}, {}});
  state.participant_entities(info);
  why.clear();
  EXPECT_FALSE(state.complete(&why));
  ASSERT_EQ(why.size(), 1u);
  EXPECT_NE(why[0].find("node /talker: reader"), std::string::npos);
  rclite::graph::EndpointRecord record;
  record.is_reader = true;
  record.participant = ros;
  record.topic_name = "rt/chatter";
  state.endpoint_alive(reader, record);
  EXPECT_TRUE(state.complete());
  // An unchanged repetition is no change.
  EXPECT_FALSE(state.endpoint_alive(reader, record));
  EXPECT_FALSE(state.participant_entities(info));
  EXPECT_FALSE(state.participant_alive(ros, "enclave=/;"));
}

// --- Live graphs on loopback ----------------------------------------------------------------------------

TEST(GraphCache, TwoNodesOfOneContextWithServicesAndClients) {
  auto context = rclite::test::make_test_context();
  rclite::Node a("graph_a", "/gc", in(*context));
  rclite::Node b("graph_b", "/gc", in(*context));
  auto sum = a.create_service<AddTwoInts>("sum", [](const AddTwoInts::Request& r) {
    return AddTwoInts::Response{r.a + r.b};
  });
  auto toggle = b.create_service<SetBool>("/gc/toggle", [](const SetBool::Request&) { return SetBool::Response{}; });
  auto to_toggle = a.create_client<SetBool>("toggle");
  auto to_sum_1 = b.create_client<AddTwoInts>("sum");
  auto to_sum_2 = b.create_client<AddTwoInts>("/gc/sum");
  auto orphan = b.create_client<AddTwoInts>("/gc/nobody_serves_this");
  EXPECT_TRUE(a.wait_for_graph_settled(rclite::test::kPatience));

  const auto nodes = a.get_node_names();
  EXPECT_TRUE(contains(nodes, {"/gc", "graph_a"}));
  EXPECT_TRUE(contains(nodes, {"/gc", "graph_b"}));
  const auto services = a.get_service_names_and_types();
  ASSERT_TRUE(services.contains("/gc/sum"));
  EXPECT_EQ(services.at("/gc/sum"), (std::set<std::string>{"example_interfaces/srv/AddTwoInts"}));
  EXPECT_EQ(services.at("/gc/toggle"), (std::set<std::string>{"std_srvs/srv/SetBool"}));
  EXPECT_TRUE(services.contains("/gc/nobody_serves_this"));  // clients make a service name appear too

  EXPECT_EQ(lines_of(a.get_service_names_and_types_by_node("graph_a", "/gc")),
            (std::vector<std::string>{"/gc/sum: example_interfaces/srv/AddTwoInts"}));
  EXPECT_EQ(lines_of(a.get_client_names_and_types_by_node("graph_a", "/gc")),
            (std::vector<std::string>{"/gc/toggle: std_srvs/srv/SetBool"}));
  EXPECT_EQ(lines_of(b.get_service_names_and_types_by_node("graph_b", "gc")),
            (std::vector<std::string>{"/gc/toggle: std_srvs/srv/SetBool"}));
  EXPECT_EQ(lines_of(b.get_client_names_and_types_by_node("graph_b", "/gc")),
            (std::vector<std::string>{"/gc/nobody_serves_this: example_interfaces/srv/AddTwoInts",
                                      "/gc/sum: example_interfaces/srv/AddTwoInts"}));
  EXPECT_TRUE(a.get_publisher_names_and_types_by_node("graph_a", "/gc").empty());
  EXPECT_THROW(a.get_service_names_and_types_by_node("graph_c", "/gc"), rclite::NodeNotFoundError);

  EXPECT_EQ(a.count_services("sum"), 1u);  // relative names are expanded for the asking node
  EXPECT_EQ(a.count_clients("/gc/sum"), 2u);
  EXPECT_EQ(a.count_services("/gc/toggle"), 1u);
  EXPECT_EQ(a.count_clients("/gc/toggle"), 1u);
  EXPECT_EQ(a.count_services("/gc/nobody_serves_this"), 0u);
  EXPECT_EQ(a.count_clients("/gc/nobody_serves_this"), 1u);
}

TEST(GraphCache, ASecondContextSeesTheFirstsNodesAndServices) {
  auto first = rclite::test::make_test_context();
  rclite::Node server("far_server", "/far", in(*first));
  auto service = server.create_service<AddTwoInts>("add", [](const AddTwoInts::Request&) { return AddTwoInts::Response{}; });

  auto second = rclite::test::make_test_context();  // another participant in the same domain
  rclite::Node observer("near_observer", in(*second));
  EXPECT_TRUE(observer.wait_for_graph_settled(rclite::test::kPatience));
  EXPECT_TRUE(contains(observer.get_node_names(), {"/far", "far_server"}));
  EXPECT_TRUE(contains(observer.get_node_names(), {"/", "near_observer"}));
  EXPECT_EQ(lines_of(observer.get_service_names_and_types_by_node("far_server", "/far")),
            (std::vector<std::string>{"/far/add: example_interfaces/srv/AddTwoInts"}));
  EXPECT_EQ(observer.count_services("/far/add"), 1u);
  // And the other way round.
  EXPECT_TRUE(eventually(server, [&] { return contains(server.get_node_names(), {"/", "near_observer"}); }));
}

TEST(GraphCache, NodesAndParticipantsThatGoAwayDisappear) {
  auto watcher_context = rclite::test::make_test_context();
  rclite::Node watcher("watcher", in(*watcher_context));
  auto other = rclite::test::make_test_context();
  auto leaving = std::make_unique<rclite::Node>("leaving", "/gone", in(*other));
  auto staying = std::make_unique<rclite::Node>("staying", "/gone", in(*other));
  auto service = leaving->create_service<AddTwoInts>("svc", [](const AddTwoInts::Request&) {
    return AddTwoInts::Response{};
  });
  ASSERT_TRUE(eventually(watcher, [&] { return watcher.count_services("/gone/svc") == 1; }));
  ASSERT_TRUE(contains(watcher.get_node_names(), {"/gone", "leaving"}));

  // A node destroyed (its service first): gone from the node list and the services.
  service.reset();
  leaving.reset();
  EXPECT_TRUE(eventually(watcher, [&] {
    return !contains(watcher.get_node_names(), {"/gone", "leaving"}) && watcher.count_services("/gone/svc") == 0;
  }));
  EXPECT_TRUE(contains(watcher.get_node_names(), {"/gone", "staying"}));

  // A whole context (participant) destroyed: its nodes go too.
  staying.reset();
  other.reset();
  EXPECT_TRUE(eventually(watcher, [&] { return !contains(watcher.get_node_names(), {"/gone", "staying"}); }));
  for (const auto& name : watcher.get_node_names()) EXPECT_NE(name.ns, "/gone");
}

TEST(GraphCache, WaitUntilSettledReturnsPromptly) {
  auto first = rclite::test::make_test_context();
  rclite::Node a("settle_a", in(*first));
  auto service = a.create_service<AddTwoInts>("s", [](const AddTwoInts::Request&) { return AddTwoInts::Response{}; });
  auto second = rclite::test::make_test_context();
  const auto start = std::chrono::steady_clock::now();
  rclite::Node b("settle_b", in(*second));  // creates the second participant and its cache
  // It returns once the graph is complete and has been quiet for the quiet period, long before
  // max_wait (kPatience): how long it takes is the machine's discovery time, printed.
  EXPECT_TRUE(b.wait_for_graph_settled(rclite::test::kPatience));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, rclite::test::kPatience / 2);
  EXPECT_GE(took, rclite::kDefaultGraphQuietPeriod);
  std::printf("a new participant's graph settled after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  EXPECT_EQ(b.count_services("/s"), 1u);
  EXPECT_TRUE(contains(b.get_node_names(), {"/", "settle_a"}));
  // Settled and quiet: a second wait returns at once, without waiting out another quiet period,
  // so it holds with no time to wait at all.
  EXPECT_TRUE(b.wait_for_graph_settled(0ms));
}

// A peer announcing a reader that never shows up: the rule waits (no partial graph) until max_wait.
TEST(GraphCache, WaitUntilSettledWaitsForAnnouncedEndpoints) {
  auto context = rclite::test::make_test_context();
  rclite::Node node("settle_watch", in(*context));
  rclite::test::Observer peer(context->domain_id());
  const Guid peer_guid = rclite::dds::guid_of(peer.participant);
  Guid missing = peer_guid;
  missing[12] = 0x7f;
  missing[15] = 0x04;
  const dds_entity_t topic = rclite::dds::create_raw_topic(peer.participant, "ros_discovery_info",
                                                           "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_");
  rclite::dds::EndpointQos settings;
  settings.depth = 1;
  settings.transient_local = true;
  const dds_entity_t writer = dds_create_writer(peer.participant, topic, rclite::dds::make_qos(settings).get(), nullptr);
  ASSERT_GT(writer, 0);
  rclite::dds::write_raw(writer, rclite::graph::encode_participant_entities(
                                     peer_guid, {{"/", "phantom", {missing}, {}}}, GidSize::Humble));
  ASSERT_TRUE(eventually(node, [&] { return contains(node.get_node_names(), {"/", "phantom"}); }));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(node.wait_for_graph_settled(150ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
  const auto why = context->impl()->graph_cache().unsettled();
  EXPECT_TRUE(std::any_of(why.begin(), why.end(), [](const std::string& line) {
    return line.find("node /phantom: reader") != std::string::npos;
  }));

  // The peer announces its real state (no nodes): settled again.
  rclite::dds::write_raw(writer, rclite::graph::encode_participant_entities(peer_guid, {}, GidSize::Jazzy));
  EXPECT_TRUE(node.wait_for_graph_settled(rclite::test::kPatience));
  EXPECT_FALSE(contains(node.get_node_names(), {"/", "phantom"}));
  dds_delete(writer);
}

TEST(GraphCache, HumbleAndJazzyContextsSeeEachOthersNodes) {
  ::setenv("ROS_DISTRO", "humble", 1);
  auto humble = rclite::test::make_test_context();
  ::unsetenv("ROS_DISTRO");
  auto jazzy = rclite::test::make_test_context();
  rclite::Node old_node("humble_node", "/h", in(*humble));
  auto service = old_node.create_service<AddTwoInts>("add", [](const AddTwoInts::Request&) { return AddTwoInts::Response{}; });
  rclite::Node new_node("jazzy_node", "/j", in(*jazzy));
  auto client = new_node.create_client<AddTwoInts>("/h/add");
  EXPECT_TRUE(new_node.wait_for_graph_settled(rclite::test::kPatience));
  EXPECT_TRUE(contains(new_node.get_node_names(), {"/h", "humble_node"}));
  EXPECT_EQ(lines_of(new_node.get_service_names_and_types_by_node("humble_node", "/h")),
            (std::vector<std::string>{"/h/add: example_interfaces/srv/AddTwoInts"}));
  EXPECT_TRUE(old_node.wait_for_graph_settled(rclite::test::kPatience));
  EXPECT_EQ(lines_of(old_node.get_client_names_and_types_by_node("jazzy_node", "/j")),
            (std::vector<std::string>{"/h/add: example_interfaces/srv/AddTwoInts"}));
  EXPECT_EQ(humble->impl()->graph_cache().rejected_samples(), 0u);
  EXPECT_EQ(jazzy->impl()->graph_cache().rejected_samples(), 0u);
}

TEST(GraphCache, EndpointsOfABareDdsParticipant) {
  auto context = rclite::test::make_test_context();
  rclite::Node node("bare_watch", in(*context));
  rclite::test::Observer peer(context->domain_id());  // a plain DDS participant: no enclave, no nodes
  const dds_entity_t topic = rclite::dds::create_raw_topic(peer.participant, "rt/bare_chatter", "std_msgs::msg::dds_::String_");
  const dds_entity_t writer = dds_create_writer(peer.participant, topic, nullptr, nullptr);
  ASSERT_GT(writer, 0);
  ASSERT_TRUE(eventually(node, [&] { return node.count_publishers("/bare_chatter") == 1; }));
  const auto publishers = node.get_publishers_info_by_topic("/bare_chatter");
  ASSERT_EQ(publishers.size(), 1u);
  EXPECT_EQ(publishers[0].node_name, "_CREATED_BY_BARE_DDS_APP_");
  EXPECT_EQ(publishers[0].topic_type, "std_msgs/msg/String");
  EXPECT_EQ(publishers[0].kind, rclite::TopicEndpointInfo::Kind::Publisher);
  EXPECT_EQ(publishers[0].qos.reliability, rclite::EndpointQos::Reliability::Reliable);  // a writer's default
  EXPECT_EQ(publishers[0].qos.durability, rclite::EndpointQos::Durability::Volatile);
  EXPECT_EQ(node.get_topic_names_and_types().at("/bare_chatter"), (std::set<std::string>{"std_msgs/msg/String"}));
  dds_delete(writer);
  EXPECT_TRUE(eventually(node, [&] { return node.count_publishers("/bare_chatter") == 0; }));
}

TEST(GraphCache, GraphWaitsReturnWhenTheContextShutsDown) {
  auto context = rclite::test::make_test_context();
  rclite::Node node("shutdown_watch", in(*context));
  std::thread stopper([&] {
    std::this_thread::sleep_for(50ms);
    context->shutdown();
  });
  // Each wait would last kPatience if the shutdown did not end it.
  const auto start = std::chrono::steady_clock::now();
  bool changed = true;  // (a peer sharing the test's domain may change the graph before the shutdown)
  while (changed && std::chrono::steady_clock::now() - start < rclite::test::kPatience) {
    changed = node.wait_for_graph_change(rclite::test::kPatience);
  }
  EXPECT_FALSE(changed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, rclite::test::kPatience);
  stopper.join();
  EXPECT_FALSE(node.wait_for_graph_settled(10s));
}

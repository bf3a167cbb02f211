// The graph model (src/graph/graph_state.hpp) without DDS: the captured Jazzy and Humble graphs fed
// in as the built-in topics and ros_discovery_info delivered them, nodes appearing and leaving,
// participants dying, and both halves of the "discovery complete" rule.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "../../src/graph/graph_state.hpp"
#include "captured_graph.hpp"

using namespace std::chrono_literals;
using rclite::NodeName;
using rclite::dds::Guid;
using rclite::graph::GraphState;
using rclite::test::captured_samples;
using rclite::test::feed_graph;
using rclite::test::feed_samples;
using rclite::test::guid_from_hex;
using rclite::test::lines_of;
using rclite::test::listed;
using rclite::test::participant_of;

namespace {

std::set<std::string> fully_qualified(const std::vector<NodeName>& nodes) {
  std::set<std::string> names;
  for (const auto& node : nodes) names.insert(node.fully_qualified());
  return names;
}

// Replays a ros_discovery_info capture sample by sample, in the order it was captured, and returns
// the node list's changes: "+/node" when a node appears, "-/node" when it leaves.
std::vector<std::string> node_changes_while_replaying(GraphState& state, const std::string& file) {
  std::vector<std::string> changes;
  auto before = fully_qualified(state.node_names());
  for (const auto& sample : captured_samples(file)) {
    auto info = rclite::graph::decode_participant_entities(sample.bytes);
    EXPECT_TRUE(info) << file << " sn " << sample.sequence;
    if (!info) continue;
    // Every captured sample changed its participant's entities (one reader or writer more or less).
    EXPECT_TRUE(state.participant_entities(*info)) << file << " sn " << sample.sequence;
    EXPECT_FALSE(state.participant_entities(std::move(*info))) << "the same sample twice is no change";
    const auto after = fully_qualified(state.node_names());
    for (const auto& name : after) {
      if (!before.contains(name)) changes.push_back("+" + name);
    }
    for (const auto& name : before) {
      if (!after.contains(name)) changes.push_back("-" + name);
    }
    before = after;
  }
  return changes;
}

}  // namespace

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
// --- Nodes appearing and leaving ----------------------------------------------------------------------

// The Jazzy capture: the client starts, the server announces itself (its one complete sample), the
// client ends, then `ros2 service call` comes and goes; each node is there exactly between its
// participant's first sample and the sample that lists no node.
TEST(GraphState, JazzyNodesAppearAndLeaveAsTheirParticipantsAnnounce) {
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  EXPECT_EQ(node_changes_while_replaying(state, "jazzy_ros_discovery_info.txt"),
            (std::vector<std::string>{"+/my_service_client", "+/my_service_server", "-/my_service_client",
                                      "+/_ros2cli_requester_example_interfaces_AddTwoInts",
                                      "-/_ros2cli_requester_example_interfaces_AddTwoInts"}));
  EXPECT_TRUE(state.complete());
}

// The same from Humble's 24-byte gids. The client's next-to-last sample lists its node with no reader
// and no writer left: a node without endpoints is still a node.
TEST(GraphState, HumbleNodesAppearAndLeaveAsTheirParticipantsAnnounce) {
  GraphState state;
  feed_graph(state, "humble_add_two_ints_graph.txt");
  EXPECT_EQ(node_changes_while_replaying(state, "humble_ros_discovery_info.txt"),
            (std::vector<std::string>{"+/my_service_client", "+/my_service_server", "-/my_service_client",
                                      "+/_ros2cli_requester_example_interfaces_AddTwoInts",
                                      "-/_ros2cli_requester_example_interfaces_AddTwoInts"}));
  EXPECT_TRUE(state.complete());
}

// Jazzy (16-byte gids) and Humble (24-byte gids) peers in one graph, as a Jazzy tool sees a Humble robot.
// Both servers have the same name: rmw lists a node once per participant that announces it.
TEST(GraphState, JazzyAndHumblePeersShareOneGraph) {
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  feed_graph(state, "humble_add_two_ints_graph.txt");
  feed_samples(state, "humble_ros_discovery_info.txt");
  feed_samples(state, "jazzy_ros_discovery_info.txt");
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/", "my_service_server"}, {"/", "my_service_server"}}));
  EXPECT_EQ(state.count_services("/add_two_ints"), 2u);
  EXPECT_EQ(state.count_services("/my_service_server/get_type_description"), 1u);  // Jazzy's only
  EXPECT_EQ(state.count_clients("/add_two_ints"), 4u);  // each capture's client and `ros2 service call`
  EXPECT_TRUE(state.complete());
  // The Jazzy server leaves: the Humble one is still there, with its services.
  EXPECT_TRUE(state.participant_gone(guid_from_hex("0110c1d2fad9bdff4eb464ef000001c1")));
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/", "my_service_server"}}));
  EXPECT_EQ(state.count_services("/add_two_ints"), 1u);
  EXPECT_EQ(state.count_services("/my_service_server/get_type_description"), 0u);
  EXPECT_EQ(state.service_names_and_types_by_node({"/", "my_service_server"})->size(), 7u);  // Humble's seven
}

// Each sample is its participant's whole node list: a node missing from the next one has left, even
// though its readers and writers are still on the built-in topics (they go separately).
TEST(GraphState, ALaterSampleReplacesItsParticipantsNodeList) {
  GraphState state;
  const Guid participant = guid_from_hex("0110000000000000000000cc000001c1");
  Guid reader_a = participant;
  reader_a[15] = 0x04;
  Guid reader_b = participant;
  reader_b[13] = 0x02;
  reader_b[15] = 0x04;
  state.participant_alive(participant, "enclave=/;");
  rclite::graph::EndpointRecord record;
  record.is_reader = true;
  record.participant = participant;
  record.topic_name = "rt/a_topic";
  record.type_name = "std_msgs::msg::dds_::String_";
  state.endpoint_alive(reader_a, record);
  record.topic_name = "rt/b_topic";
  state.endpoint_alive(reader_b, record);

  rclite::graph::ParticipantEntities info;
  info.participant = participant;
  info.nodes = {{"/ns", "a", {reader_a}, {}}, {"/ns", "b", {reader_b}, {}}};
  EXPECT_TRUE(state.participant_entities(info));
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/ns", "a"}, {"/ns", "b"}}));
  EXPECT_EQ(lines_of(*state.subscriber_names_and_types_by_node({"/ns", "a"})),
            (std::vector<std::string>{"/a_topic: std_msgs/msg/String"}));

  info.nodes = {{"/ns", "b", {reader_b}, {}}};
  EXPECT_TRUE(state.participant_entities(info));
  EXPECT_EQ(state.node_names(), (std::vector<NodeName>{{"/ns", "b"}}));
  EXPECT_FALSE(state.subscriber_names_and_types_by_node({"/ns", "a"}));
  EXPECT_EQ(state.count_subscribers("/a_topic"), 1u);  // until DCPSSubscription says it is gone
  const auto subscribers = state.topic_endpoints("/a_topic", true);
  ASSERT_EQ(subscribers.size(), 1u);
  EXPECT_EQ(subscribers[0].node_name, "_NODE_NAME_UNKNOWN_");
  EXPECT_TRUE(state.endpoint_gone(reader_a));
  EXPECT_FALSE(state.endpoint_gone(reader_a));
  EXPECT_EQ(state.count_subscribers("/a_topic"), 0u);
  EXPECT_TRUE(state.complete());
}

// --- A participant dying --------------------------------------------------------------------------------

// Mid-capture (Jazzy): the client, the server and `ros2 service call` all up. The client's participant
// dies (lease expired, or deleted): its node, its client and every endpoint of it go at once, without
// waiting for samples or built-in topic notifications that a dead participant cannot send.
TEST(GraphState, ADyingParticipantTakesItsNodesAndEndpointsAndNothingElse) {
  for (const auto& [graph, samples, client_writer, client_sn] :
       {std::tuple{"jazzy_add_two_ints_graph.txt", "jazzy_ros_discovery_info.txt", "0110df4d24b30c483b8d0dd000000403", 11},
        std::tuple{"humble_add_two_ints_graph.txt", "humble_ros_discovery_info.txt", "01103572f92d8b3501737adf00000403", 10}}) {
    SCOPED_TRACE(graph);
    GraphState state;
    feed_graph(state, graph);
    const Guid client = participant_of(guid_from_hex(client_writer));
    for (const auto& sample : captured_samples(samples)) {
      // Everyone's samples up to the client's fullest one, the client's later ones not.
      if (participant_of(sample.writer) == client && sample.sequence > client_sn) continue;
      state.participant_entities(*rclite::graph::decode_participant_entities(sample.bytes));
    }
    const NodeName client_node{"/", "my_service_client"};
    ASSERT_TRUE(fully_qualified(state.node_names()).contains("/my_service_client"));
    EXPECT_EQ(lines_of(*state.client_names_and_types_by_node(client_node)),
              (std::vector<std::string>{"/add_two_ints: example_interfaces/srv/AddTwoInts"}));
    const auto clients = state.count_clients("/add_two_ints");
    const auto endpoints = state.endpoint_count();
    const auto participants = state.participant_count();

    EXPECT_TRUE(state.participant_gone(client));
    EXPECT_EQ(fully_qualified(state.node_names()), (std::set<std::string>{"/my_service_server"}));
    EXPECT_FALSE(state.client_names_and_types_by_node(client_node));
    EXPECT_EQ(state.count_clients("/add_two_ints"), clients - 1);  // `ros2 service call`'s is left
    EXPECT_EQ(state.count_services("/add_two_ints"), 1u);
    EXPECT_LT(state.endpoint_count(), endpoints);
    EXPECT_EQ(state.participant_count(), participants - 1);
    EXPECT_TRUE(state.complete());
    EXPECT_FALSE(state.participant_gone(client));  // once is enough
  }
}

// --- The "discovery complete" rule: what the graph still waits for -------------------------------------

// The captured graph's three participants are ROS participants (enclave=/): each holds the graph
// incomplete until its sample is in; then the endpoints the samples list must all be seen.
TEST(GraphState, CompleteWaitsForEveryRosParticipantsSampleAndEveryListedEndpoint) {
  GraphState state;
  feed_graph(state, "jazzy_add_two_ints_graph.txt");
  std::vector<std::string> why;
  EXPECT_FALSE(state.complete(&why));
  EXPECT_EQ(why.size(), 3u);
  for (const auto& line : why) EXPECT_NE(line.find(": no ros_discovery_info sample yet"), std::string::npos) << line;
  feed_samples(state, "jazzy_ros_discovery_info.txt");
  EXPECT_TRUE(state.complete());

  // Samples first, built-in topics later: the server's sample lists 8 readers and 10 writers not seen yet.
  GraphState early;
  feed_samples(early, "jazzy_ros_discovery_info.txt");
  why.clear();
  EXPECT_FALSE(early.complete(&why));
  EXPECT_EQ(why.size(), 18u);
  EXPECT_EQ(why[0], "node /my_service_server: reader 0110c1d2fad9bdff4eb464ef00000904 not discovered yet");
  feed_graph(early, "jazzy_add_two_ints_graph.txt");
  EXPECT_TRUE(early.complete());
  // One of the listed endpoints gone again (its DCPSSubscription disposal came first): incomplete.
  EXPECT_TRUE(early.endpoint_gone(guid_from_hex("0110c1d2fad9bdff4eb464ef00000904")));
  EXPECT_FALSE(early.complete());
}

// A participant without enclave= in USER_DATA (an rmw that does not set it) still counts as a ROS
// participant once it has a ros_discovery_info writer; a reader of that topic alone does not.
TEST(GraphState, ADiscoveryInfoWriterMakesAParticipantOneToWaitFor) {
  GraphState state;
  const Guid participant = guid_from_hex("0110000000000000000000dd000001c1");
  state.participant_alive(participant, "");
  rclite::graph::EndpointRecord record;
  record.participant = participant;
  record.topic_name = std::string(rclite::graph::kDiscoveryTopic);
  record.type_name = "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_";
  record.is_reader = true;
  Guid reader = participant;
  reader[15] = 0x04;
  state.endpoint_alive(reader, record);
  EXPECT_TRUE(state.complete());
  record.is_reader = false;
  Guid writer = participant;
  writer[15] = 0x03;
  state.endpoint_alive(writer, record);
  EXPECT_FALSE(state.complete());
  rclite::graph::ParticipantEntities info;
  info.participant = participant;
  EXPECT_TRUE(state.participant_entities(info));  // its sample: no nodes
  EXPECT_TRUE(state.complete());
}

// A ROS participant that dies before its sample arrived holds nothing up any more, and a sample of
// it arriving late does not bring it back.
TEST(GraphState, ADeadParticipantHoldsNothingUp) {
  GraphState state;
  const Guid participant = guid_from_hex("0110000000000000000000ee000001c1");
  state.participant_alive(participant, "enclave=/;");
  EXPECT_FALSE(state.complete());
  EXPECT_TRUE(state.participant_gone(participant));
  EXPECT_TRUE(state.complete());
  Guid reader = participant;
  reader[15] = 0x04;
  rclite::graph::ParticipantEntities info;
  info.participant = participant;
  info.nodes = {{"/", "ghost", {reader}, {}}};
  EXPECT_FALSE(state.participant_entities(info));
  EXPECT_TRUE(state.node_names().empty());
  EXPECT_TRUE(state.complete());  // its listed reader is not waited for either
  EXPECT_EQ(state.participant_count(), 0u);
}

// --- The "discovery complete" rule: how long the graph must be quiet -------------------------------------

namespace {
using rclite::graph::SettleTiming;
const SettleTiming::Clock::time_point t0 = SettleTiming::Clock::time_point{} + 1h;
}  // namespace

TEST(SettleTiming, WithNoPeerAGraphIsSettledOnlyAfterTheFirstPeerWait) {
  SettleTiming timing(t0);
  EXPECT_EQ(SettleTiming::kFirstPeerWait, 500ms);
  EXPECT_EQ(timing.settled_at(30ms), t0 + 500ms);
  EXPECT_EQ(timing.settled_at(2s), t0 + 2s);  // a quiet period longer than that wait wins
  timing.changed(t0 + 100ms);                 // our own nodes appearing
  EXPECT_EQ(timing.settled_at(30ms), t0 + 600ms);
}

TEST(SettleTiming, APeerThatAnsweredQuicklyLeavesTheQuietPeriod) {
  SettleTiming timing(t0);
  timing.peer_seen(t0 + 10ms);
  timing.changed(t0 + 10ms);
  EXPECT_EQ(timing.settled_at(30ms), t0 + 40ms);
  timing.changed(t0 + 25ms);  // every change restarts the quiet period
  EXPECT_EQ(timing.settled_at(30ms), t0 + 55ms);
}

TEST(SettleTiming, APeerThatAnsweredLateMakesTheQuietPeriodAsLong) {
  SettleTiming timing(t0);
  timing.peer_seen(t0 + 200ms);  // a busy machine: the others answer as late
  timing.changed(t0 + 250ms);
  EXPECT_EQ(timing.settled_at(30ms), t0 + 450ms);
  EXPECT_EQ(timing.settled_at(300ms), t0 + 550ms);
  timing.peer_seen(t0 + 260ms);  // only the first peer counts
  EXPECT_EQ(timing.settled_at(30ms), t0 + 450ms);

  SettleTiming very_late(t0);
  very_late.peer_seen(t0 + 3s);  // at most the first-peer wait
  very_late.changed(t0 + 3s);
  EXPECT_EQ(very_late.settled_at(30ms), t0 + 3s + 500ms);
}

TEST(SettleTiming, QuietPeriodsOutOfRangeAreClamped) {
  SettleTiming timing(t0);
  timing.peer_seen(t0);
  timing.changed(t0 + 50ms);
  EXPECT_EQ(timing.settled_at(-1s), t0 + 50ms);  // negative: none
  EXPECT_EQ(timing.settled_at(std::chrono::nanoseconds::max()), SettleTiming::Clock::time_point::max());
}

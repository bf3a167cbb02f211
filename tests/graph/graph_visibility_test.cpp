// What another DDS participant (a real ROS 2 node, `ros2 node list`) sees of us: the
// ros_discovery_info sample (spec §6) and the endpoints' names, types and USER_DATA (spec §1, §2, §5).
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <rmw_dds_common/msg/participant_entities_info.hpp>

#include <dds/dds.h>

#include <cstring>
#include <map>

#include "support/observer.hpp"
#include "../../src/dds/user_data.hpp"
#include "rclite/rclite.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::test::bare_options_in;
using rclite::test::Observer;

TEST(Graph, RosDiscoveryInfoListsOurNodeAndItsServiceEndpoints) {
  auto context = rclite::test::make_test_context();
  rclite::Node node("graph_server", "/robot", bare_options_in(*context));
  auto service = node.create_service<AddTwoInts>("add_two_ints", [](const AddTwoInts::Request&) {
    return AddTwoInts::Response{};
  });
  auto client = node.create_client<AddTwoInts>("other");
  Observer observer(context->domain_id());
  const auto samples = observer.discovery_samples();
  ASSERT_FALSE(samples.empty());
  // The last sample is the full current state (it is re-published after every change).
  const auto info = rclite::wire::decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(samples.back());
  ASSERT_EQ(info.node_entities_info_seq.size(), 1u);
  const auto& entry = info.node_entities_info_seq[0];
  EXPECT_EQ(entry.node_namespace, "/robot");
  EXPECT_EQ(entry.node_name, "graph_server");
  EXPECT_EQ(entry.reader_gid_seq.size(), 2u);  // the service's request reader, the client's reply reader
  EXPECT_EQ(entry.writer_gid_seq.size(), 2u);  // the service's reply writer, the client's request writer
  EXPECT_EQ(info.gid.data[15], 0xc1);          // a participant GUID: entity id 00 00 01 c1
  for (const auto& gid : entry.reader_gid_seq) {
    EXPECT_TRUE(std::equal(gid.data.begin(), gid.data.begin() + 12, info.gid.data.begin()));
    EXPECT_EQ(gid.data[15], 0x04);
  }
}

// What the last ros_discovery_info sample of a context with one default node and one service says.
std::vector<std::uint8_t> default_node_sample(rclite::Context& context) {
  rclite::Node node("my_service_server", rclite::test::options_in(context));
  auto service = node.create_service<AddTwoInts>("add_two_ints", [](const AddTwoInts::Request&) {
    return AddTwoInts::Response{};
  });
  Observer observer(context.domain_id());
  const auto samples = observer.discovery_samples();
  return samples.empty() ? std::vector<std::uint8_t>{} : samples.back();
}

// A node with its default entities and one service has what the rclpy server of the Jazzy capture
// announces: 8 request readers (its service, six parameter services, ~/get_type_description) and 10
// writers (8 reply writers, /rosout, /parameter_events).
TEST(Graph, ADefaultNodeAnnouncesWhatAnRclpyNodeAnnounces) {
  auto context = rclite::test::make_test_context();
  const auto sample = default_node_sample(*context);
  ASSERT_FALSE(sample.empty());
  const auto info = rclite::wire::decode<rmw_dds_common::msg::ParticipantEntitiesInfo>(sample);
  ASSERT_EQ(info.node_entities_info_seq.size(), 1u);
  EXPECT_EQ(info.node_entities_info_seq[0].reader_gid_seq.size(), 8u);
  EXPECT_EQ(info.node_entities_info_seq[0].writer_gid_seq.size(), 10u);
}

// On Humble the same node has no ~/get_type_description: 7 readers and 9 writers, 24-byte gids.
TEST(Graph, ADefaultHumbleNodeHasNoTypeDescriptionService) {
  ::setenv("ROS_DISTRO", "humble", 1);
  auto context = rclite::test::make_test_context();
  ::unsetenv("ROS_DISTRO");
  // header(4) + gid(24) + count(4) + ns "/" (4+2, pad 2) + name "my_service_server" (4+18, pad 2) +
  // 7 reader gids (4+7*24) + 9 writer gids (4+9*24).
  EXPECT_EQ(default_node_sample(*context).size(), 4u + 24 + 4 + 8 + 24 + (4 + 7 * 24) + (4 + 9 * 24));
}

TEST(Graph, ServiceEndpointsCarryRosNamesTypesAndUserData) {
  auto context = rclite::test::make_test_context();
  rclite::Node node("graph_names", bare_options_in(*context));
  auto service = node.create_service<AddTwoInts>("add_two_ints", [](const AddTwoInts::Request&) {
    return AddTwoInts::Response{};
  });
  Observer observer(context->domain_id());
  const auto readers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, {"rq/add_two_intsRequest"});
  const auto writers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSPUBLICATION, {"rr/add_two_intsReply", "ros_discovery_info"});
  ASSERT_TRUE(readers.contains("rq/add_two_intsRequest"));
  ASSERT_TRUE(writers.contains("rr/add_two_intsReply"));
  const auto& [request_type, request_ud] = readers.at("rq/add_two_intsRequest");
  const auto& [reply_type, reply_ud] = writers.at("rr/add_two_intsReply");
  EXPECT_EQ(request_type, "example_interfaces::srv::dds_::AddTwoInts_Request_");
  EXPECT_EQ(reply_type, "example_interfaces::srv::dds_::AddTwoInts_Response_");
  const auto request_values = rclite::dds::parse_user_data(request_ud);
  const auto reply_values = rclite::dds::parse_user_data(reply_ud);
  EXPECT_EQ(request_values.at("typehash"), "RIHS01_000c5fd92d6b2e1a05949348f584d6d652adea1e92d691792011ac2273508302");
  EXPECT_EQ(reply_values.at("typehash"), "RIHS01_de5c030d4af33cba2749310b249737b631594703f9300495f48bffb2b44dcc2f");
  // Same serviceid on both, " 1.10." + the rest of the GUID prefix and a counter (spec §5).
  EXPECT_EQ(request_values.at("serviceid"), reply_values.at("serviceid"));
  EXPECT_EQ(request_values.at("serviceid").substr(0, 6), " 1.10.");
  EXPECT_EQ(request_ud.rfind("serviceid=", 0), 0u);  // serviceid first, then typehash (as rmw)
  ASSERT_TRUE(writers.contains("ros_discovery_info"));
  EXPECT_EQ(writers.at("ros_discovery_info").second,
            "typehash=RIHS01_91a0593bacdcc50ea9bdcf849a938b128412cc1ea821245c663bcd26f83c295e;");
}

TEST(Graph, HumbleModeUses24ByteGidsAndNoTypeHashes) {
  ::setenv("ROS_DISTRO", "humble", 1);
  auto context = rclite::test::make_test_context();
  ::unsetenv("ROS_DISTRO");
  rclite::Node node("humble_node", bare_options_in(*context));
  auto service = node.create_service<AddTwoInts>("add_two_ints", [](const AddTwoInts::Request&) {
    return AddTwoInts::Response{};
  });
  Observer observer(context->domain_id());
  const auto samples = observer.discovery_samples();
  ASSERT_FALSE(samples.empty());
  // gid(24) + count(4) + ns "/" (4+2, pad 2) + name "humble_node" (4+12) + 1 reader gid (4+24) +
  // 1 writer gid (4+24), after the 4-byte header.
  EXPECT_EQ(samples.back().size(), 4u + 24 + 4 + 8 + 16 + 28 + 28);
  const auto writers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSPUBLICATION, {"rr/add_two_intsReply"});
  ASSERT_TRUE(writers.contains("rr/add_two_intsReply"));
  const auto values = rclite::dds::parse_user_data(writers.at("rr/add_two_intsReply").second);
  EXPECT_TRUE(values.contains("serviceid"));
  EXPECT_FALSE(values.contains("typehash"));
}

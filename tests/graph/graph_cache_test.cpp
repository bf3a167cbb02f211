// The ROS graph cache (src/graph/graph_cache.hpp) and Node's graph queries (rclite/graph.hpp) on live
// graphs on loopback: the cache fed by Cyclone's built-in topics and ros_discovery_info. The pure
// parts it is made of have tests of their own without DDS (discovery_decoding_test.cpp,
// graph_state_test.cpp).
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <std_srvs/srv/set_bool.hpp>

#include <dds/dds.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../../src/dds/qos.hpp"
#include "../../src/dds/raw_cdr_type.hpp"
#include "../../src/graph/discovery_info_publisher.hpp"
#include "../../src/graph/graph_cache.hpp"
#include "../../src/node/context_impl.hpp"
#include "captured_graph.hpp"
#include "rclite/rclite.hpp"
#include "support/observer.hpp"
#include "support/test_context.hpp"
#include "rclite/detail/access.hpp"

using namespace std::chrono_literals;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using SetBool = std_srvs::srv::SetBool;
using rclite::NodeName;
using rclite::dds::Guid;
using rclite::graph::GidSize;
using rclite::test::lines_of;

namespace {

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
  const auto why = rclite::detail::Access::context(*context)->graph_cache().unsettled();
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
  EXPECT_EQ(rclite::detail::Access::context(*humble)->graph_cache().rejected_samples(), 0u);
  EXPECT_EQ(rclite::detail::Access::context(*jazzy)->graph_cache().rejected_samples(), 0u);
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

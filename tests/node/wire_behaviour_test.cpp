// Wire behaviour seen from a plain DDS participant: the bytes our client writes, malformed requests,
// and several servers answering one request.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>

#include <mutex>

#include "rclite/rclite.hpp"
#include "support/hex.hpp"
#include "support/observer.hpp"
#include "support/add_two_ints.hpp"
#include "support/log_capture.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::test::options_in;
using rclite::test::Observer;

using rclite::test::eventually;
using rclite::test::add;
namespace {
dds_entity_t raw_endpoint(dds_entity_t participant, const std::string& topic_name, const std::string& type, bool writer,
                          const std::string& user_data = "") {
  const dds_entity_t topic = rclite::dds::create_raw_topic(participant, topic_name, type);
  dds_qos_t* qos = dds_create_qos();
  if (!user_data.empty()) dds_qset_userdata(qos, user_data.data(), user_data.size());
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
  const dds_entity_t entity =
      writer ? dds_create_writer(participant, topic, qos, nullptr) : dds_create_reader(participant, topic, qos, nullptr);
  dds_delete_qos(qos);
  return entity;
}

}  // namespace

TEST(WireBehaviour, OurFirstRequestIsTheCapturedLayoutWithSequenceOne) {
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("add_two_ints");
  rclite::Node node("wire_client", options_in(*context));
  rclite::Node server_node("wire_server", options_in(*context));
  auto service = server_node.create_service<AddTwoInts>(name, add);
  auto client = node.create_client<AddTwoInts>(name);
  Observer observer(context->domain_id());
  const dds_entity_t reader =
      raw_endpoint(observer.participant, "rq" + name + "Request", "example_interfaces::srv::dds_::AddTwoInts_Request_", false);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  ASSERT_TRUE(eventually([&] {
    dds_subscription_matched_status_t status;
    dds_get_subscription_matched_status(reader, &status);
    return status.current_count > 0;
  }));
  AddTwoInts::Request request;
  request.a = 41;
  request.b = 1;
  client.async_send_request(request);
  std::vector<std::uint8_t> seen;
  ASSERT_TRUE(eventually([&] {
    rclite::dds::take_raw(reader, [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t&) {
      seen.assign(bytes.begin(), bytes.end());
    });
    return !seen.empty();
  }));
  ASSERT_EQ(seen.size(), 36u);
  // 00 01 00 00 | guid (8, opaque) | seq = 1 | a = 41 | b = 1, as rclpy wrote it in the capture.
  const std::string hex = rclite::test::to_hex(seen);
  EXPECT_EQ(hex.substr(0, 11), "00 01 00 00");
  EXPECT_EQ(hex.substr(36), "01 00 00 00 00 00 00 00 29 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00");
}

TEST(WireBehaviour, MalformedRequestsAreDroppedWithALogLineAndServingGoesOn) {
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("add_two_ints");
  rclite::Node node("sturdy", options_in(*context));
  rclite::test::LogCapture errors(rclite::test::LogCapture::errors);
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  rclite::test::BackgroundSpin spin(executor);
  Observer observer(context->domain_id());
  const dds_entity_t writer =
      raw_endpoint(observer.participant, "rq" + name + "Request", "example_interfaces::srv::dds_::AddTwoInts_Request_", true);
  ASSERT_TRUE(eventually([&] {
    dds_publication_matched_status_t status;
    dds_get_publication_matched_status(writer, &status);
    return status.current_count > 0;
  }));
  const std::vector<std::vector<std::uint8_t>> garbage{
      {0x00, 0x01, 0x00, 0x00, 0x01, 0x02},                              // truncated header
      {0x00, 0x01, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0x29},  // truncated body
      {0x00, 0x09, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0, 0, 0, 0, 0, 0},       // unknown encoding
  };
  for (const auto& sample : garbage) rclite::dds::write_raw(writer, sample);
  ASSERT_TRUE(eventually([&] { return errors.lines().size() >= garbage.size(); }));
  errors.stop();
  EXPECT_NE(errors.lines()[0].find("malformed"), std::string::npos) << errors.lines()[0];
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  AddTwoInts::Request request;
  request.a = 1;
  request.b = 2;
  EXPECT_EQ(client.call(request, kPatience).sum, 3);  // still serving
}

TEST(WireBehaviour, WithTwoServersTheFirstReplyWinsAndTheSecondIsIgnored) {
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("twice");
  rclite::Node first("first", options_in(*context));
  rclite::Node second("second", options_in(*context));
  std::atomic<int> served{0};
  auto a = first.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request& r) { ++served; return add(r); });
  auto b = second.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request& r) { ++served; return add(r); });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(first);
  executor.add_node(second);
  rclite::test::BackgroundSpin spin(executor);
  rclite::Node client_node("asker", options_in(*context));
  auto client = client_node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  ASSERT_TRUE(eventually([&] { return client.service_is_ready(); }));
  std::this_thread::sleep_for(300ms);  // both servers matched both ways
  AddTwoInts::Request request;
  request.a = 20;
  request.b = 22;
  EXPECT_EQ(client.call(request, kPatience).sum, 42);
  EXPECT_TRUE(eventually([&] { return served.load() == 2; }));  // every server answers (spec §11.13)
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(client.pending_requests(), 0u);
}

// spec §7.1: with serviceids, the request reader and the reply writer must be the same server's;
// without any serviceid (a legacy peer), both directions matched is enough.
TEST(WireBehaviour, AvailabilityNeedsBothEndpointsOfOneServer) {
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("availability");
  rclite::Node node("availability_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  Observer observer(context->domain_id());
  const std::string request_type = "example_interfaces::srv::dds_::AddTwoInts_Request_";
  const std::string reply_type = "example_interfaces::srv::dds_::AddTwoInts_Response_";
  // Server A's request reader and server B's reply writer: not one server.
  const dds_entity_t reader_a = raw_endpoint(observer.participant, "rq" + name + "Request", request_type, false,
                                             "serviceid= 1.10.aa.aa.aa.aa.aa.aa.aa.aa.aa.aa.0.0.0.1;");
  const dds_entity_t writer_b = raw_endpoint(observer.participant, "rr" + name + "Reply", reply_type, true,
                                             "serviceid= 1.10.bb.bb.bb.bb.bb.bb.bb.bb.bb.bb.0.0.0.1;");
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(client.service_is_ready());
  // Server A's reply writer completes server A.
  const dds_entity_t writer_a = raw_endpoint(observer.participant, "rr" + name + "Reply", reply_type, true,
                                             "serviceid= 1.10.aa.aa.aa.aa.aa.aa.aa.aa.aa.aa.0.0.0.1;");
  EXPECT_TRUE(client.wait_for_service(kPatience));
  dds_delete(writer_a);
  EXPECT_TRUE(eventually([&] { return !client.service_is_ready(); }));
  dds_delete(reader_a);
  dds_delete(writer_b);
  // A legacy server without serviceids: both directions matched is enough.
  const dds_entity_t legacy_reader = raw_endpoint(observer.participant, "rq" + name + "Request", request_type, false);
  EXPECT_FALSE(client.wait_for_service(300ms));
  const dds_entity_t legacy_writer = raw_endpoint(observer.participant, "rr" + name + "Reply", reply_type, true);
  EXPECT_TRUE(client.wait_for_service(kPatience));
  dds_delete(legacy_reader);
  dds_delete(legacy_writer);
}

// The server waits for the client's reply reader before answering (spec §7.2): a client whose reply
// reader is not (yet) matched gets its reply once it is, not never.
TEST(WireBehaviour, AReplyWaitsForTheClientsReplyReader) {
  auto context = rclite::test::make_test_context();
  const auto name = rclite::test::unique_service_name("late_reader");
  rclite::Node node("patient_server", options_in(*context));
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  rclite::test::BackgroundSpin spin(executor);
  Observer observer(context->domain_id());
  const std::string client_id = "clientid= 1.10.cc.cc.cc.cc.cc.cc.cc.cc.cc.cc.0.0.0.7;";
  const dds_entity_t writer = raw_endpoint(observer.participant, "rq" + name + "Request",
                                           "example_interfaces::srv::dds_::AddTwoInts_Request_", true, client_id);
  ASSERT_TRUE(eventually([&] {
    dds_publication_matched_status_t status;
    dds_get_publication_matched_status(writer, &status);
    return status.current_count > 0;
  }));
  AddTwoInts::Request request;
  request.a = 40;
  request.b = 2;
  std::vector<std::uint8_t> sample;
  rclite::wire::encode_service_sample(rclite::wire::RequestHeader{0x1234, 1}, request, sample);
  rclite::dds::write_raw(writer, sample);
  std::this_thread::sleep_for(300ms);  // served and parked: nobody with this clientid reads replies yet
  const dds_entity_t reader = raw_endpoint(observer.participant, "rr" + name + "Reply",
                                           "example_interfaces::srv::dds_::AddTwoInts_Response_", false, client_id);
  std::vector<std::uint8_t> reply;
  ASSERT_TRUE(eventually([&] {
    rclite::dds::take_raw(reader, [&](std::span<const std::uint8_t> bytes, const dds_sample_info_t&) {
      reply.assign(bytes.begin(), bytes.end());
    });
    return !reply.empty();
  }));
  AddTwoInts::Response response;
  const auto header = rclite::wire::decode_service_sample(reply, response);
  EXPECT_EQ(header.guid, 0x1234u);
  EXPECT_EQ(header.sequence, 1);
  EXPECT_EQ(response.sum, 42);
}

// The serialized runtime-typed entities (rclite/serialized.hpp): GenericService, and the serialized
// sides of GenericClient, GenericPublisher and GenericSubscription, against typed peers.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <std_msgs/msg/int64.hpp>

#include <future>
#include <limits>
#include <string>

#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/generic_publisher.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/generic_subscription.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::BackgroundSpin;
using rclite::test::kPatience;
using rclite::test::unique_service_name;
using AddTwoInts = example_interfaces::srv::AddTwoInts;

namespace {

using SerializedEntities = rclite::test::ContextTest;

constexpr const char* kAddTwoInts = "example_interfaces/srv/AddTwoInts";

// A GenericService adding the request's two int64 fields.
rclite::GenericService make_adder(rclite::Node& node, const std::string& name) {
  return rclite::GenericService(node, name, rclite::GenericServiceType::resolve(kAddTwoInts),
                                [](rclite::wire::CdrReader& request, rclite::GenericResponder responder) {
                                  std::int64_t a = 0, b = 0;
                                  request.read(a);
                                  request.read(b);
                                  responder.send([&](rclite::wire::CdrWriter& response) { response.write(a + b); });
                                });
}

}  // namespace

TEST_F(SerializedEntities, AGenericServiceAnswersATypedClient) {
  rclite::Node node("serialized_adder", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = make_adder(node, name);
  EXPECT_EQ(service.get_service_name(), name);
  EXPECT_EQ(service.get_service_type().name, kAddTwoInts);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  AddTwoInts::Request request;
  request.a = 40;
  request.b = 2;
  EXPECT_EQ(client.call(request, kPatience).sum, 42);
  EXPECT_EQ(node.count_services(name), 1u);
  service.reset();
  EXPECT_FALSE(service);
}

TEST_F(SerializedEntities, ATypedServiceAnswersSerializedRequests) {
  rclite::Node node("serialized_caller", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, rclite::test::add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::GenericClient client(node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));

  auto write_request = [](std::int64_t a, std::int64_t b) {
    return [a, b](rclite::wire::CdrWriter& writer) {
      writer.write(a);
      writer.write(b);
    };
  };
  auto future = client.async_send_serialized(write_request(7, 8));
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  const auto reply = future.get();  // the reader reads from it: it must outlive the reader
  auto body = reply.body();
  std::int64_t sum = 0;
  body.read(sum);
  EXPECT_EQ(sum, 15);

  std::promise<std::int64_t> called_back;
  client.async_send_serialized(write_request(20, 22),
                               [&](std::shared_future<rclite::SerializedServiceSample> reply) {
                                 auto reader = reply.get().body();
                                 std::int64_t value = 0;
                                 reader.read(value);
                                 called_back.set_value(value);
                               });
  auto result = called_back.get_future();
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(result.get(), 42);
}

TEST_F(SerializedEntities, ARequestThatFailsToEncodeSendsNothingAndTakesNoSequenceNumber) {
  rclite::Node node("serialized_failing", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, rclite::test::add);
  rclite::GenericClient client(node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));

  // Nothing spins the server yet, so the first request stays pending: the count below is exact.
  auto first = client.async_send_serialized([](rclite::wire::CdrWriter& writer) {
    writer.write(std::int64_t{1});
    writer.write(std::int64_t{1});
  });
  EXPECT_THROW(client.async_send_serialized([](rclite::wire::CdrWriter&) { throw std::invalid_argument("bad"); }),
               std::invalid_argument);
  EXPECT_EQ(client.pending_requests(), 1u);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto second = client.async_send_serialized([](rclite::wire::CdrWriter& writer) {
    writer.write(std::int64_t{2});
    writer.write(std::int64_t{2});
  });
  EXPECT_EQ(second.request_id(), first.request_id() + 1);  // no gap a server would count as a loss
  ASSERT_EQ(first.wait_for(kPatience), std::future_status::ready);
  ASSERT_EQ(second.wait_for(kPatience), std::future_status::ready);
  std::int64_t sum = 0;
  const auto reply = second.get();
  reply.body().read(sum);
  EXPECT_EQ(sum, 4);
}

TEST_F(SerializedEntities, AResponderWhoseWriterThrowsKeepsItsDuty) {
  rclite::Node node("serialized_retry", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = rclite::GenericService(
      node, name, rclite::GenericServiceType::resolve(kAddTwoInts),
      [](rclite::wire::CdrReader&, rclite::GenericResponder responder) {
        EXPECT_THROW(responder.send([](rclite::wire::CdrWriter&) { throw std::out_of_range("no"); }),
                     std::out_of_range);
        EXPECT_TRUE(responder.send([](rclite::wire::CdrWriter& writer) { writer.write(std::int64_t{99}); }));
        EXPECT_FALSE(responder.send([](rclite::wire::CdrWriter& writer) { writer.write(std::int64_t{0}); }));
      });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(AddTwoInts::Request{}, kPatience).sum, 99);
}

TEST_F(SerializedEntities, SerializedPublishersAndSubscriptionsTalkToTypedOnes) {
  rclite::Node node("serialized_topics", options());
  const std::string topic = "serialized_" + unique_service_name("t").substr(1);
  auto library = rclite::dynamic::make_interface_library();
  std::promise<std::int64_t> received;
  auto subscription = rclite::GenericSubscription::serialized(
      node, topic, "std_msgs/msg/Int64", library, rclite::QoS(10), [&](rclite::wire::CdrReader& message) {
        std::int64_t value = 0;
        message.read(value);
        received.set_value(value);
      });
  std::promise<std::int64_t> typed_received;
  auto typed_subscription = node.create_subscription<std_msgs::msg::Int64>(
      topic, rclite::QoS(10), [&](const std_msgs::msg::Int64& message) { typed_received.set_value(message.data); });
  rclite::GenericPublisher publisher(node, topic, "std_msgs/msg/Int64", library, rclite::QoS(10));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  for (int i = 0; publisher.get_subscription_count() < 2; ++i) {
    ASSERT_LT(i, 1000) << "the subscriptions never matched";
    node.wait_for_graph_change(10ms);
  }
  publisher.publish_serialized([](rclite::wire::CdrWriter& writer) { writer.write(std::int64_t{-7}); });
  auto value = received.get_future();
  auto typed_value = typed_received.get_future();
  ASSERT_EQ(value.wait_for(kPatience), std::future_status::ready);
  ASSERT_EQ(typed_value.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(value.get(), -7);
  EXPECT_EQ(typed_value.get(), -7);
}

TEST_F(SerializedEntities, PostedWorkRunsOnTheExecutorOnce) {
  rclite::Node node("serialized_post", options());
  std::promise<std::thread::id> ran_on;
  node.post([&] { ran_on.set_value(std::this_thread::get_id()); });  // before any executor: kept
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  EXPECT_TRUE(executor.spin_once(kPatience));
  auto thread = ran_on.get_future();
  ASSERT_EQ(thread.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(thread.get(), std::this_thread::get_id());
  EXPECT_FALSE(executor.spin_once(10ms));  // once: nothing left
}

// Not a serialized entity, but found through the Python face (each rclpy test makes a context):
// the context whose participant created the process's DDS domain must not take it down with it.
TEST(TwoContexts, TheSecondOutlivesTheFirstOnTheSameDomain) {
  auto first = rclite::test::make_test_context();
  auto second = rclite::test::make_test_context();
  rclite::Node server_node("first_context_server", rclite::test::options_in(*first));
  rclite::Node node("second_context", rclite::test::options_in(*second));
  const auto name = unique_service_name("add_two_ints");
  {
    auto early = server_node.create_service<AddTwoInts>(name, rclite::test::add);
  }
  server_node = rclite::Node("second_context_server", rclite::test::options_in(*second));
  first.reset();  // the context whose participant created the domain
  auto service = server_node.create_service<AddTwoInts>(name, rclite::test::add);
  rclite::SingleThreadedExecutor executor(*second);
  executor.add_node(server_node);
  BackgroundSpin spin(executor);
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  AddTwoInts::Request request;
  request.a = 2;
  request.b = 3;
  EXPECT_EQ(client.call(request, kPatience).sum, 5);
}

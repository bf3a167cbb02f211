// Service introspection (spec §8.2): the four events of a call on "<service>/_service_event", their
// sequence numbers, client gids and contents; Metadata without payloads; Off publishes nothing;
// a GenericClient's events are a typed client's, a GenericService's a typed service's.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <mutex>
#include <thread>
#include <vector>

#include "../src/dds/user_data.hpp"
#include "rclite/generic_client.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/rclite.hpp"
#include "support/inbox.hpp"
#include "support/observer.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using rclite::test::BackgroundSpin;
using rclite::test::ContextTest;
using rclite::test::eventually;
using rclite::test::unique_service_name;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using Event = AddTwoInts::Event;
using Info = service_msgs::msg::ServiceEventInfo;

namespace {

// Introspection events as the echo node receives them.
struct EventInbox : rclite::test::Inbox<Event> {
  // The one event of `type` (fails the test when there is not exactly one).
  Event of_type(std::uint8_t type) const {
    const auto found = where([type](const Event& e) { return e.info.event_type == type; });
    EXPECT_EQ(found.size(), 1u) << "event type " << int(type);
    return found.empty() ? Event{} : found.front();
  }
};

struct Introspection : ContextTest {
  std::string service_name = unique_service_name("add");
  rclite::Node server_node{"introspected_server", options()};
  rclite::Node client_node{"introspected_client", options()};
  rclite::Node echo_node{"echo", options()};
  std::mutex header_mutex;
  rclite::wire::RequestHeader last_header;  // as the server saw it
  rclite::Service<AddTwoInts> service = server_node.create_service<AddTwoInts>(
      service_name, [this](const AddTwoInts::Request& request, rclite::Responder<AddTwoInts> responder) {
        {
          std::lock_guard lock(header_mutex);
          last_header = responder.request_header();
        }
        responder.send(AddTwoInts::Response{request.a + request.b});
      });
  rclite::Client<AddTwoInts> client = client_node.create_client<AddTwoInts>(service_name);
  EventInbox inbox;
  rclite::Subscription<Event> events = echo_node.create_subscription<Event>(
      service_name + "/_service_event", rclite::QoS(100), [this](const Event& event) { inbox(event); });
  rclite::MultiThreadedExecutor executor{*context, 2};

  void SetUp() override {
    executor.add_node(server_node);
    executor.add_node(echo_node);
  }

  std::int64_t call(std::int64_t a, std::int64_t b) { return call(client, a, b); }

  // One call through `via`; returns its sequence number.
  static std::int64_t call(rclite::Client<AddTwoInts>& via, std::int64_t a, std::int64_t b) {
    EXPECT_TRUE(via.wait_for_service(kPatience));
    AddTwoInts::Request request;
    request.a = a;
    request.b = b;
    auto future = via.async_send_request(request, {.timeout = kPatience});
    EXPECT_EQ(future.get().sum, a + b);
    return future.request_id();
  }

  // A server-side event's client gid is rmw's request id: the header guid the server saw (8 bytes)
  // and the request writer's local handle (8 bytes, never 0).
  void expect_server_side_gid(const Event& event) {
    std::uint64_t guid = 0;
    std::memcpy(&guid, event.info.client_gid.data(), sizeof guid);
    {
      std::lock_guard lock(header_mutex);
      EXPECT_EQ(guid, last_header.guid);
    }
    std::uint64_t handle = 0;
    std::memcpy(&handle, event.info.client_gid.data() + 8, sizeof handle);
    EXPECT_NE(handle, 0u);
  }
};

}  // namespace

TEST_F(Introspection, ContentsGivesFourEventsWithSequenceGidsAndPayloads) {
  BackgroundSpin spin(executor);
  service.configure_introspection(rclite::SystemDefaultsQoS().keep_last(10), rclite::IntrospectionState::Contents);
  client.configure_introspection(rclite::SystemDefaultsQoS().keep_last(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 2; }));

  const std::int64_t sequence = call(2, 3);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 4; }));

  const Event sent = inbox.of_type(Info::REQUEST_SENT);
  const Event received = inbox.of_type(Info::REQUEST_RECEIVED);
  const Event replied = inbox.of_type(Info::RESPONSE_SENT);
  const Event got = inbox.of_type(Info::RESPONSE_RECEIVED);
  for (const Event* event : {&sent, &received, &replied, &got}) {
    EXPECT_EQ(event->info.sequence_number, sequence);
    EXPECT_GT(event->info.stamp.sec, 0);
  }
  ASSERT_EQ(sent.request.size(), 1u);
  EXPECT_EQ(sent.request[0].a, 2);
  EXPECT_EQ(sent.request[0].b, 3);
  EXPECT_TRUE(sent.response.empty());
  ASSERT_EQ(received.request.size(), 1u);
  EXPECT_EQ(received.request[0].b, 3);
  EXPECT_TRUE(received.response.empty());
  ASSERT_EQ(replied.response.size(), 1u);
  EXPECT_EQ(replied.response[0].sum, 5);
  EXPECT_TRUE(replied.request.empty());
  ASSERT_EQ(got.response.size(), 1u);
  EXPECT_EQ(got.response[0].sum, 5);

  // Client side: the client's 16-byte id, the one in its "clientid=" USER_DATA (spec §5).
  EXPECT_EQ(sent.info.client_gid, got.info.client_gid);
  rclite::test::Observer observer(rclite::test::domain_for_current_test());
  const auto writers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSPUBLICATION, {"rq" + service_name + "Request"});
  const auto request_writer = writers.find("rq" + service_name + "Request");
  ASSERT_NE(request_writer, writers.end());
  const std::string expected_id = "clientid=" + rclite::dds::endpoint_id_to_string(sent.info.client_gid) + ";";
  EXPECT_NE(request_writer->second.second.find(expected_id), std::string::npos)
      << request_writer->second.second << " vs " << expected_id;

  // Server side: rmw's request id = header guid (8 bytes) + the request writer's local handle.
  EXPECT_EQ(received.info.client_gid, replied.info.client_gid);
  EXPECT_NE(received.info.client_gid, sent.info.client_gid);
  expect_server_side_gid(received);
}

TEST_F(Introspection, MetadataOmitsRequestAndResponse) {
  BackgroundSpin spin(executor);
  service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Metadata);
  client.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Metadata);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 2; }));
  const auto first = call(1, 1);
  const auto second = call(4, 5);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 8; }));
  for (const Event& event : inbox.copy()) {
    EXPECT_TRUE(event.request.empty());
    EXPECT_TRUE(event.response.empty());
    EXPECT_TRUE(event.info.sequence_number == first || event.info.sequence_number == second);
  }
}

TEST_F(Introspection, OffPublishesNothing) {
  BackgroundSpin spin(executor);
  call(1, 2);  // never configured: no event publisher exists
  EXPECT_EQ(events.get_publisher_count(), 0u);
  EXPECT_EQ(echo_node.count_publishers(service_name + "/_service_event"), 0u);

  service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  client.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 2; }));
  service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Off);
  client.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Off);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 0; }));
  call(3, 4);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(inbox.size(), 0u);
}

TEST_F(Introspection, OnlyTheClientSideWhenOnlyTheClientIsIntrospected) {
  BackgroundSpin spin(executor);
  client.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 1; }));
  call(6, 7);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 2; }));
  std::this_thread::sleep_for(100ms);
  const auto all = inbox.copy();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(inbox.of_type(Info::REQUEST_SENT).request.at(0).a, 6);
  EXPECT_EQ(inbox.of_type(Info::RESPONSE_RECEIVED).response.at(0).sum, 13);
}

// GenericClient is Client<Srv> over the runtime-typed codec: the same events, same bytes.
namespace {

bool humble() {
  const char* distro = std::getenv("ROS_DISTRO");
  return distro != nullptr && std::string_view(distro) == "humble";
}

struct GenericIntrospection : Introspection {
  rclite::GenericClient generic{client_node, service_name, "example_interfaces/srv/AddTwoInts"};

  rclite::dynamic::DynamicValue request_of(std::int64_t a, std::int64_t b) {
    auto request = generic.make_request();
    request["a"].set(a);
    request["b"].set(b);
    return request;
  }
};

}  // namespace

TEST_F(GenericIntrospection, AGenericClientPublishesWhatATypedClientDoes) {
  BackgroundSpin spin(executor);
  generic.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 1; }));
  ASSERT_TRUE(generic.wait_for_service(kPatience));
  auto future = generic.async_send_request(request_of(6, 7), {.timeout = kPatience});
  EXPECT_EQ(future.get()["sum"].get<std::int64_t>(), 13);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 2; }));

  // Decoded by the generated code of AddTwoInts_Event: the runtime-typed encoding is the same.
  const Event sent = inbox.of_type(Info::REQUEST_SENT);
  const Event got = inbox.of_type(Info::RESPONSE_RECEIVED);
  for (const Event* event : {&sent, &got}) {
    EXPECT_EQ(event->info.sequence_number, future.request_id());
    EXPECT_GT(event->info.stamp.sec, 0);
  }
  ASSERT_EQ(sent.request.size(), 1u);
  EXPECT_EQ(sent.request[0].a, 6);
  EXPECT_EQ(sent.request[0].b, 7);
  EXPECT_TRUE(sent.response.empty());
  ASSERT_EQ(got.response.size(), 1u);
  EXPECT_EQ(got.response[0].sum, 13);
  EXPECT_TRUE(got.request.empty());

  // The generic client's own id, as the typed client's events carry theirs.
  EXPECT_EQ(sent.info.client_gid, got.info.client_gid);
  rclite::test::Observer observer(rclite::test::domain_for_current_test());
  const std::string event_topic = "rt" + service_name + "/_service_event";
  const auto writers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSPUBLICATION, {event_topic});
  const auto event_writer = writers.find(event_topic);
  ASSERT_NE(event_writer, writers.end());
  // Announced as the typed client announces its event writer: DDS type name and type hash.
  EXPECT_EQ(event_writer->second.first, rclite::wire::MessageTraits<Event>::dds_type_name);
  EXPECT_EQ(event_writer->second.second,
            humble() ? "" : "typehash=" + std::string(rclite::wire::MessageTraits<Event>::type_hash) + ";");
}

TEST_F(GenericIntrospection, MetadataOmitsRequestAndResponse) {
  BackgroundSpin spin(executor);
  generic.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Metadata);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 1; }));
  ASSERT_TRUE(generic.wait_for_service(kPatience));
  const auto id = generic.async_send_request(request_of(1, 2), {.timeout = kPatience}).request_id();
  ASSERT_TRUE(eventually([&] { return inbox.size() == 2; }));
  for (const Event& event : inbox.copy()) {
    EXPECT_TRUE(event.request.empty());
    EXPECT_TRUE(event.response.empty());
    EXPECT_EQ(event.info.sequence_number, id);
  }
}

TEST_F(GenericIntrospection, ASerializedRequestShowsItsContents) {
  BackgroundSpin spin(executor);
  generic.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return events.get_publisher_count() == 1; }));
  ASSERT_TRUE(generic.wait_for_service(kPatience));
  auto future = generic.async_send_serialized(
      [](rclite::wire::CdrWriter& writer) {
        writer.write(std::int64_t{20});
        writer.write(std::int64_t{22});
      },
      {.timeout = kPatience});
  const rclite::SerializedServiceSample reply = future.get();
  std::int64_t sum = 0;
  auto body = reply.body();
  body.read(sum);
  EXPECT_EQ(sum, 42);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 2; }));
  const Event sent = inbox.of_type(Info::REQUEST_SENT);
  ASSERT_EQ(sent.request.size(), 1u);
  EXPECT_EQ(sent.request[0].a, 20);
  EXPECT_EQ(sent.request[0].b, 22);
  EXPECT_EQ(inbox.of_type(Info::RESPONSE_RECEIVED).response.at(0).sum, 42);
}

// GenericService is Service<Srv> on runtime-typed samples: the same two server-side events, with the
// request and the response decoded by the runtime-typed codec and read here by generated code.
namespace {

struct GenericServerIntrospection : Introspection {
  std::string generic_name = unique_service_name("generic_add");
  rclite::GenericService generic_service{
      server_node, generic_name, rclite::GenericServiceType::resolve("example_interfaces/srv/AddTwoInts"),
      [this](rclite::wire::CdrReader& request, rclite::GenericResponder responder) {
        std::int64_t a = 0, b = 0;
        request.read(a);
        request.read(b);
        {
          std::lock_guard lock(header_mutex);
          last_header = responder.request_header();
        }
        responder.send([&](rclite::wire::CdrWriter& response) { response.write(a + b); });
      }};
  rclite::Client<AddTwoInts> generic_client = client_node.create_client<AddTwoInts>(generic_name);
  EventInbox generic_inbox;
  rclite::Subscription<Event> generic_events = echo_node.create_subscription<Event>(
      generic_name + "/_service_event", rclite::QoS(100), [this](const Event& event) { generic_inbox(event); });

  std::int64_t call_generic(std::int64_t a, std::int64_t b) { return call(generic_client, a, b); }
};

}  // namespace

TEST_F(GenericServerIntrospection, AGenericServicePublishesWhatATypedServiceDoes) {
  BackgroundSpin spin(executor);
  generic_service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents);
  ASSERT_TRUE(eventually([&] { return generic_events.get_publisher_count() == 1; }));
  const std::int64_t sequence = call_generic(30, 12);
  ASSERT_TRUE(eventually([&] { return generic_inbox.size() == 2; }));

  const Event received = generic_inbox.of_type(Info::REQUEST_RECEIVED);
  const Event replied = generic_inbox.of_type(Info::RESPONSE_SENT);
  for (const Event* event : {&received, &replied}) {
    EXPECT_EQ(event->info.sequence_number, sequence);
    EXPECT_GT(event->info.stamp.sec, 0);
  }
  ASSERT_EQ(received.request.size(), 1u);
  EXPECT_EQ(received.request[0].a, 30);
  EXPECT_EQ(received.request[0].b, 12);
  EXPECT_TRUE(received.response.empty());
  ASSERT_EQ(replied.response.size(), 1u);
  EXPECT_EQ(replied.response[0].sum, 42);
  EXPECT_TRUE(replied.request.empty());

  EXPECT_EQ(received.info.client_gid, replied.info.client_gid);
  expect_server_side_gid(received);
}

TEST_F(GenericServerIntrospection, MetadataOmitsRequestAndResponseAndOffStopsTheEvents) {
  BackgroundSpin spin(executor);
  generic_service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Metadata);
  ASSERT_TRUE(eventually([&] { return generic_events.get_publisher_count() == 1; }));
  const std::int64_t sequence = call_generic(1, 2);
  ASSERT_TRUE(eventually([&] { return generic_inbox.size() == 2; }));
  for (const Event& event : generic_inbox.copy()) {
    EXPECT_TRUE(event.request.empty());
    EXPECT_TRUE(event.response.empty());
    EXPECT_EQ(event.info.sequence_number, sequence);
  }
  generic_service.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Off);
  ASSERT_TRUE(eventually([&] { return generic_events.get_publisher_count() == 0; }));
  call_generic(3, 4);
  EXPECT_EQ(generic_inbox.size(), 2u);  // the event publisher is gone: nothing could arrive
}

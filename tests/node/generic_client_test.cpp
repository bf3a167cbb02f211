// rclite::GenericClient: a runtime-typed client against typed servers — calls, YAML requests,
// callbacks, deadlines, no server, cancel, server loss, malformed replies, unknown types.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>

#include "rclite/dynamic/interface_roots.hpp"
#include "rclite/dynamic/yaml.hpp"
#include "rclite/generic_client.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::test::BackgroundSpin;
using rclite::test::make_test_context;
using rclite::test::unique_service_name;

using rclite::test::add;
namespace {

constexpr const char* kAddTwoInts = "example_interfaces/srv/AddTwoInts";

rclite::dynamic::DynamicValue request_of(rclite::GenericClient& client, std::int64_t a, std::int64_t b) {
  auto request = client.make_request();
  request["a"].set(a);
  request["b"].set(b);
  return request;
}

using Fixture = rclite::test::ContextTest;

using GenericClient = Fixture;

}  // namespace

TEST_F(GenericClient, CallsATypedServer) {
  rclite::Node node("generic_adder", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::GenericClient client(node, name, kAddTwoInts);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);

  EXPECT_EQ(client.get_service_name(), name);
  EXPECT_EQ(client.get_service_type().name, kAddTwoInts);
  EXPECT_EQ(client.request_type()->name().full(), "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(client.response_type()->name().full(), "example_interfaces/srv/AddTwoInts_Response");
  using RequestTraits = rclite::wire::MessageTraits<AddTwoInts::Request>;
  using ResponseTraits = rclite::wire::MessageTraits<AddTwoInts::Response>;
  EXPECT_EQ(client.get_service_type().request_dds_type, RequestTraits::dds_type_name);
  EXPECT_EQ(client.get_service_type().response_dds_type, ResponseTraits::dds_type_name);
  EXPECT_EQ(client.get_service_type().request_hash, RequestTraits::type_hash);
  EXPECT_EQ(client.get_service_type().response_hash, ResponseTraits::type_hash);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_TRUE(client.service_is_ready());

  const auto request = client.make_request();
  EXPECT_EQ(request["a"].get<std::int64_t>(), 0);
  const auto response = client.call(request_of(client, 41, 1), kPatience);
  EXPECT_EQ(response.message_type().name().full(), "example_interfaces/srv/AddTwoInts_Response");
  EXPECT_EQ(response["sum"].get<std::int64_t>(), 42);
  EXPECT_EQ(client.call(request_of(client, -5, 3), kPatience)["sum"].get<std::int64_t>(), -2);

  auto future = client.async_send_request(request_of(client, 7, 8));
  EXPECT_GT(future.request_id(), 0);
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(future.get()["sum"].get<std::int64_t>(), 15);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, TakesRequestsBuiltFromYaml) {
  rclite::Node node("generic_yaml", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  auto library = rclite::dynamic::make_interface_library();
  rclite::GenericClient client(node, name, kAddTwoInts, library);
  ASSERT_TRUE(client.wait_for_service(kPatience));

  const auto from_yaml = rclite::dynamic::from_yaml("{a: 2, b: 3}", client.request_type());
  EXPECT_EQ(client.call(from_yaml, kPatience)["sum"].get<std::int64_t>(), 5);

  auto assigned = client.make_request();
  rclite::dynamic::assign_yaml(assigned, "{b: 0x10}");
  EXPECT_EQ(client.call(assigned, kPatience)["sum"].get<std::int64_t>(), 16);
  EXPECT_EQ(rclite::dynamic::to_yaml(client.call(assigned, kPatience)), "sum: 16\n");
}

TEST_F(GenericClient, DeliversResponseCallbacksOnTheExecutor) {
  rclite::Node node("generic_callbacks", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::GenericClient client(node, name, kAddTwoInts);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  std::promise<std::int64_t> sum;
  client.async_send_request(request_of(client, 20, 22), [&](rclite::GenericClient::SharedFuture future) {
    sum.set_value(future.get()["sum"].get<std::int64_t>());
  });
  auto result = sum.get_future();
  ASSERT_EQ(result.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(result.get(), 42);
}

TEST_F(GenericClient, FailsAtTheDeadline) {
  rclite::Node node("generic_silent", options());
  const auto name = unique_service_name("silent");
  std::vector<rclite::Responder<AddTwoInts>> never_answered;
  std::mutex mutex;
  auto service = node.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> r) {
    std::lock_guard lock(mutex);
    never_answered.push_back(std::move(r));
  });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::GenericClient client(node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(client.call(request_of(client, 1, 1), 300ms), rclite::TimeoutError);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 300ms);
  // The server never answers: without the deadline the call would never return. How late the
  // deadline fires depends on the machine's load; the test prints it and bounds it by kPatience.
  EXPECT_LT(waited, kPatience);
  std::printf("a call with a 300 ms deadline failed after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()));
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, FailsWithoutAServer) {
  rclite::Node node("generic_alone", options());
  rclite::GenericClient client(node, unique_service_name("nobody"), kAddTwoInts);
  EXPECT_FALSE(client.service_is_ready());
  EXPECT_FALSE(client.wait_for_service(200ms));
  auto future = client.async_send_request(request_of(client, 1, 2));
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, CancelEndsTheRequest) {
  rclite::Node node("generic_canceller", options());
  const auto name = unique_service_name("slow");
  std::vector<rclite::Responder<AddTwoInts>> held;
  std::mutex mutex;
  auto service = node.create_service<AddTwoInts>(name, [&](const AddTwoInts::Request&, rclite::Responder<AddTwoInts> r) {
    std::lock_guard lock(mutex);
    held.push_back(std::move(r));
  });
  rclite::GenericClient client(node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(request_of(client, 1, 2));
  EXPECT_TRUE(client.cancel(future.request_id()));
  EXPECT_FALSE(client.cancel(future.request_id()));
  EXPECT_THROW(future.get(), rclite::RequestCancelledError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, FailsWhenTheServerGoesAway) {
  rclite::Node server_node("generic_doomed", options());
  rclite::Node client_node("generic_waiting", options());
  const auto name = unique_service_name("doomed");
  auto service = server_node.create_service<AddTwoInts>(name, add);  // never spun: requests stay queued
  rclite::GenericClient client(client_node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(request_of(client, 1, 2));
  std::this_thread::sleep_for(50ms);
  service.reset();
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
}

TEST_F(GenericClient, FailsPendingRequestsAtShutdown) {
  rclite::Node node("generic_shutdown", options());
  const auto name = unique_service_name("queued");
  auto service = node.create_service<AddTwoInts>(name, add);  // never spun
  rclite::GenericClient client(node, name, kAddTwoInts);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(request_of(client, 1, 2));
  context->shutdown();
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  EXPECT_THROW(future.get(), rclite::ShutdownError);
}

// A definition of AddTwoInts whose response is a string: the typed server's int64 reply does not
// decode as it.
TEST_F(GenericClient, MalformedRepliesFailWithMalformedResponseError) {
  const auto root = std::filesystem::temp_directory_path() /
                    ("rclite_generic_client_test_" + std::to_string(rclite::test::domain_for_current_test()));
  std::filesystem::create_directories(root / "example_interfaces" / "srv");
  std::ofstream(root / "example_interfaces" / "srv" / "AddTwoInts.srv") << "int64 a\nint64 b\n---\nstring sum\n";
  rclite::idl::InterfaceLibrary library({root});

  rclite::Node node("generic_malformed", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::GenericClient client(node, name, kAddTwoInts, library);
  std::filesystem::remove_all(root);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_THROW(client.call(request_of(client, 1000, 1000), kPatience), rclite::MalformedResponseError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, RejectsARequestOfAnotherType) {
  rclite::Node node("generic_wrong_request", options());
  rclite::GenericClient client(node, unique_service_name("add_two_ints"), kAddTwoInts);
  rclite::dynamic::DynamicValue response(client.response_type());
  EXPECT_THROW(client.async_send_request(response), rclite::dynamic::ValueError);
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(GenericClient, UnknownServiceTypesThrowAnErrorNamingThem) {
  rclite::Node node("generic_unknown", options());
  const auto name = unique_service_name("unknown");
  for (const std::string type : {"example_interfaces/srv/NoSuchService", "no_such_package/srv/Thing",
                                 "std_msgs/msg/String", "not a type"}) {
    try {
      rclite::GenericClient client(node, name, type);
      ADD_FAILURE() << type << " was accepted";
    } catch (const rclite::idl::UnknownTypeError& error) {
      EXPECT_NE(std::string(error.what()).find("'" + type + "'"), std::string::npos) << error.what();
    }
  }
  EXPECT_THROW(rclite::GenericServiceType::resolve("example_interfaces/srv/NoSuchService"),
               rclite::idl::UnknownTypeError);
}

// An action's services resolve as services (`rclite service call .../_action/get_result`), with the
// names and hashes of the generated types.
TEST_F(GenericClient, ResolvesTheServicesOfAnAction) {
  const auto type = rclite::GenericServiceType::resolve("example_interfaces/action/Fibonacci_GetResult");
  EXPECT_EQ(type.request->name().full(), "example_interfaces/action/Fibonacci_GetResult_Request");
  EXPECT_EQ(type.request_dds_type, "example_interfaces::action::dds_::Fibonacci_GetResult_Request_");
  EXPECT_EQ(type.response_dds_type, "example_interfaces::action::dds_::Fibonacci_GetResult_Response_");
  EXPECT_EQ(type.request_hash, "RIHS01_c8a4f5e7d13b81286ee1043e2ecd084281cecf1ff06aaa799464f5f15479f003");
  EXPECT_EQ(type.response_hash, "RIHS01_6021dc98ab9b4bbe395e48aa4de81ee5f68eb570f88358affcc648146668b24f");
  EXPECT_EQ(rclite::GenericServiceType::resolve("example_interfaces/action/Fibonacci_SendGoal").request_dds_type,
            "example_interfaces::action::dds_::Fibonacci_SendGoal_Request_");
  EXPECT_THROW(rclite::GenericServiceType::resolve("example_interfaces/action/Fibonacci_Goal"),
               rclite::idl::UnknownTypeError);
}

TEST_F(GenericClient, IsMoveOnly) {
  static_assert(!std::is_copy_constructible_v<rclite::GenericClient>);
  static_assert(std::is_nothrow_move_constructible_v<rclite::GenericClient>);
  rclite::Node node("generic_moved", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::GenericClient first(node, name, kAddTwoInts);
  rclite::GenericClient client;
  EXPECT_FALSE(client);
  client = std::move(first);
  ASSERT_TRUE(client);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(request_of(client, 2, 2), kPatience)["sum"].get<std::int64_t>(), 4);
  client.reset();
  EXPECT_FALSE(client);
}

// Introspection needs the `_Event` type, which nests service_msgs: a library without it still makes
// a working client, whose configure_introspection says what is missing.
TEST_F(GenericClient, IntrospectionWithoutTheEventTypeIsRefusedAndCallsStillWork) {
  const auto root = std::filesystem::temp_directory_path() /
                    ("rclite_generic_client_test_" + std::to_string(rclite::test::domain_for_current_test()));
  std::filesystem::create_directories(root / "example_interfaces" / "srv");
  std::ofstream(root / "example_interfaces" / "srv" / "AddTwoInts.srv") << "int64 a\nint64 b\n---\nint64 sum\n";
  rclite::idl::InterfaceLibrary library({root});

  rclite::Node node("generic_no_event", options());
  const auto name = unique_service_name("add_two_ints");
  auto service = node.create_service<AddTwoInts>(name, add);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::GenericClient client(node, name, kAddTwoInts, library);
  std::filesystem::remove_all(root);
  EXPECT_TRUE(client.get_service_type().event_hash.empty());
  EXPECT_THROW(client.configure_introspection(rclite::QoS(10), rclite::IntrospectionState::Contents),
               rclite::idl::UnknownTypeError);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  EXPECT_EQ(client.call(request_of(client, 2, 3), kPatience)["sum"].get<std::int64_t>(), 5);
}

// Resolved through the bundled interfaces, the event type is the generated one.
TEST(GenericServiceType, KnowsItsEventTypeAsGeneratedCodeDoes) {
  const auto type = rclite::GenericServiceType::resolve(kAddTwoInts);
  using Event = AddTwoInts::Event;
  EXPECT_EQ(type.event_name, rclite::wire::MessageTraits<Event>::ros_type_name);
  EXPECT_EQ(type.event_dds_type, rclite::wire::MessageTraits<Event>::dds_type_name);
  EXPECT_EQ(type.event_hash, rclite::wire::MessageTraits<Event>::type_hash);
}

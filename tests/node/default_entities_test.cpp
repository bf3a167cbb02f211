// The entities every node has (spec §8.1): its log lines on /rosout, and ~/get_type_description
// answering for the types its services, clients, publishers and subscriptions use.
#include <gtest/gtest.h>

#include <builtin_interfaces/msg/time.hpp>
#include <example_interfaces/srv/add_two_ints.hpp>
#include <example_interfaces/srv/trigger.hpp>
#include <rcl_interfaces/msg/log.hpp>
#include <std_msgs/msg/string.hpp>
#include <type_description_interfaces/srv/get_type_description.hpp>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "rclite/generic_client.hpp"
#include "rclite/generic_publisher.hpp"
#include "rclite/generic_service.hpp"
#include "rclite/generic_subscription.hpp"
#include "rclite/idl/interface_library.hpp"
#include "rclite/rclite.hpp"
#include "support/inbox.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using rclite::test::BackgroundSpin;
using rclite::test::ContextTest;
using rclite::test::eventually;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using GetTypeDescription = type_description_interfaces::srv::GetTypeDescription;
using Log = rcl_interfaces::msg::Log;

namespace {

// /rosout lines as a listener receives them.
struct LogInbox : rclite::test::Inbox<Log> {
  std::vector<Log> from(std::string_view logger) const {
    return where([&](const Log& line) { return line.name == logger; });
  }
};

// A node listening on /rosout, spun in the background.
class RosoutListener {
 public:
  RosoutListener(rclite::Context& context, const std::string& name)
      : node_(name, rclite::test::options_in(context)), executor_(context) {
    subscription_ =
        node_.create_subscription<Log>("/rosout", rclite::RosoutQoS(), [this](const Log& log) { inbox(log); });
    executor_.add_node(node_);
    spin_ = std::make_unique<BackgroundSpin>(executor_);
  }
  std::size_t publisher_count() const { return subscription_.get_publisher_count(); }
  rclite::Node& node() { return node_; }

  LogInbox inbox;  // first: it outlives the subscription that fills it

 private:
  rclite::Node node_;
  rclite::Subscription<Log> subscription_;
  rclite::SingleThreadedExecutor executor_;
  std::unique_ptr<BackgroundSpin> spin_;
};

using DefaultEntities = ContextTest;

bool is_humble() {
  const char* distro = std::getenv("ROS_DISTRO");
  return distro != nullptr && std::string_view(distro) == "humble";
}

}  // namespace

TEST_F(DefaultEntities, LogLinesArriveOnRosoutWithTheirFields) {
  rclite::Node node("rosout_talker", options());
  RosoutListener listener(*context, "rosout_listener");
  auto& inbox = listener.inbox;
  ASSERT_TRUE(eventually([&] { return listener.publisher_count() >= 2; }));

  const auto before = std::chrono::system_clock::now();
  node.get_logger().warn("answer is {}", 42);  const unsigned warn_line = __LINE__;
  node.get_logger().get_child("child").error("from a child logger");
  node.get_logger().debug("below the level: not logged, not published");
  ASSERT_TRUE(eventually([&] { return inbox.from("rosout_talker").size() == 1 && inbox.from("rosout_talker.child").size() == 1; }));

  const Log warn = inbox.from("rosout_talker").front();
  EXPECT_EQ(warn.level, Log::WARN);
  EXPECT_EQ(warn.msg, "answer is 42");
  EXPECT_EQ(warn.line, warn_line);
  EXPECT_NE(warn.file.find("default_entities_test.cpp"), std::string::npos);
  EXPECT_NE(warn.function.find("TestBody"), std::string::npos);
  const auto stamp = std::chrono::system_clock::time_point(std::chrono::seconds(warn.stamp.sec) +
                                                           std::chrono::nanoseconds(warn.stamp.nanosec));
  EXPECT_GE(stamp + 1ms, before);
  EXPECT_LE(stamp, std::chrono::system_clock::now());
  EXPECT_EQ(inbox.from("rosout_talker.child").front().level, Log::ERROR);
  // The listener's own lines are its own publisher's; nothing else was logged by the talker.
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(inbox.from("rosout_talker").size(), 1u);
}

TEST_F(DefaultEntities, LateJoinerGetsEarlierLinesFromTransientLocal) {
  rclite::Node node("early_talker", options());
  node.get_logger().info("said before anyone listened");
  RosoutListener listener(*context, "late_listener");
  auto& inbox = listener.inbox;
  ASSERT_TRUE(eventually([&] { return inbox.from("early_talker").size() == 1; }));
  EXPECT_EQ(inbox.from("early_talker").front().msg, "said before anyone listened");
  EXPECT_EQ(inbox.from("early_talker").front().level, Log::INFO);
}

TEST_F(DefaultEntities, LoggingFromManyThreadsPublishesEveryLine) {
  rclite::Node node("busy_talker", options());
  RosoutListener listener(*context, "busy_listener");
  auto& inbox = listener.inbox;
  ASSERT_TRUE(eventually([&] { return listener.publisher_count() >= 2; }));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&node, t] {
      for (int i = 0; i < 25; ++i) node.get_logger().info("thread {} line {}", t, i);
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_TRUE(eventually([&] { return inbox.from("busy_talker").size() == 100; }));
}

TEST_F(DefaultEntities, RosoutWriterHasTheRosoutQosOnTheWire) {
  rclite::Node node("qos_talker", "/ns", options());
  std::vector<rclite::TopicEndpointInfo> infos;
  // As DDS discovery shows the writer to any peer (spec §8.1: rcl_qos_profile_rosout_default).
  ASSERT_TRUE(eventually([&] {
    infos = node.get_publishers_info_by_topic("/rosout");
    return infos.size() == 1;
  }));
  EXPECT_EQ(infos.front().node_name, "qos_talker");
  EXPECT_EQ(infos.front().node_namespace, "/ns");
  EXPECT_EQ(infos.front().topic_type, "rcl_interfaces/msg/Log");
  EXPECT_EQ(infos.front().type_hash, is_humble() ? "" : std::string(rclite::wire::MessageTraits<Log>::type_hash));
  const auto& qos = infos.front().qos;
  EXPECT_EQ(qos.reliability, rclite::EndpointQos::Reliability::Reliable);
  EXPECT_EQ(qos.durability, rclite::EndpointQos::Durability::TransientLocal);
  EXPECT_EQ(qos.history, rclite::EndpointQos::History::KeepLast);
  EXPECT_EQ(qos.depth, 1000);
  EXPECT_EQ(qos.lifespan, std::chrono::seconds(10));
}

TEST_F(DefaultEntities, LoggingAfterShutdownOrFromADestroyedNodesChildIsHarmless) {
  auto node = std::make_unique<rclite::Node>("short_lived", options());
  const rclite::Logger child = node->get_logger().get_child("child");
  context->shutdown();
  node->get_logger().error("after shutdown: console only");  // the write fails; no throw, no hang
  node.reset();
  child.warn("after the node: console only");
}

TEST_F(DefaultEntities, NoRosoutPublisherWhenDisabled) {
  auto quiet_options = options();
  quiet_options.enable_rosout = false;
  rclite::Node quiet("quiet_node", quiet_options);
  RosoutListener listener(*context, "quiet_listener");
  auto& inbox = listener.inbox;
  ASSERT_TRUE(eventually([&] { return listener.publisher_count() >= 1; }));
  quiet.get_logger().info("console only");
  listener.node().get_logger().info("marker");
  ASSERT_TRUE(eventually([&] { return inbox.from("quiet_listener").size() == 1; }));
  EXPECT_TRUE(inbox.from("quiet_node").empty());
  EXPECT_EQ(listener.publisher_count(), 1u);  // the listener's own
}

// --- ~/get_type_description ---------------------------------------------------------------------

namespace {

struct TypeDescriptionTest : ContextTest {
  void SetUp() override {
    if (is_humble()) GTEST_SKIP() << "Humble has no type descriptions";
  }

  GetTypeDescription::Response ask(rclite::Node& asker, const std::string& node_fqn, const std::string& hash,
                                   bool include_sources = true, const std::string& type_name = "") {
    auto client = asker.create_client<GetTypeDescription>(node_fqn + "/get_type_description");
    EXPECT_TRUE(client.wait_for_service(kPatience));
    GetTypeDescription::Request request;
    request.type_name = type_name;
    request.type_hash = hash;
    request.include_type_sources = include_sources;
    return client.call(request, kPatience);
  }
};

// The hash of a description as rosidl computes it, from the names and fields in the response.
std::string hash_of(const type_description_interfaces::msg::TypeDescription& description) {
  rclite::idl::TypeDescription plain;
  const auto convert = [](const type_description_interfaces::msg::IndividualTypeDescription& in) {
    rclite::idl::IndividualTypeDescription out;
    out.type_name = in.type_name;
    for (const auto& field : in.fields) {
      out.fields.push_back({field.name, field.type.type_id, field.type.capacity, field.type.string_capacity,
                            field.type.nested_type_name, field.default_value});
    }
    return out;
  };
  plain.type_description = convert(description.type_description);
  for (const auto& referenced : description.referenced_type_descriptions) {
    plain.referenced_type_descriptions.push_back(convert(referenced));
  }
  return rclite::idl::type_hash(plain);
}

std::vector<std::string> referenced_names(const GetTypeDescription::Response& response) {
  std::vector<std::string> names;
  for (const auto& referenced : response.type_description.referenced_type_descriptions) names.push_back(referenced.type_name);
  return names;
}

}  // namespace

TEST_F(TypeDescriptionTest, DescribesTheServiceTypeOfAServer) {
  rclite::Node server_node("described_server", options());
  auto service = server_node.create_service<AddTwoInts>(
      "add", [](const AddTwoInts::Request& r) { return AddTwoInts::Response{r.a + r.b}; });
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(server_node);
  BackgroundSpin spin(executor);

  const std::string hash(rclite::wire::ServiceTraits<AddTwoInts>::type_hash);
  const auto response = ask(asker, "/described_server", hash);
  ASSERT_TRUE(response.successful) << response.failure_reason;
  EXPECT_EQ(response.failure_reason, "");
  const auto& top = response.type_description.type_description;
  EXPECT_EQ(top.type_name, "example_interfaces/srv/AddTwoInts");
  ASSERT_EQ(top.fields.size(), 3u);
  EXPECT_EQ(top.fields[0].name, "request_message");
  EXPECT_EQ(top.fields[0].type.type_id, 1);
  EXPECT_EQ(top.fields[0].type.nested_type_name, "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(referenced_names(response),
            (std::vector<std::string>{"builtin_interfaces/msg/Time", "example_interfaces/srv/AddTwoInts_Event",
                                      "example_interfaces/srv/AddTwoInts_Request",
                                      "example_interfaces/srv/AddTwoInts_Response",
                                      "service_msgs/msg/ServiceEventInfo"}));
  EXPECT_EQ(hash_of(response.type_description), hash);  // the same bytes rosidl hashes

  ASSERT_EQ(response.type_sources.size(), 6u);
  EXPECT_EQ(response.type_sources[0].type_name, "example_interfaces/srv/AddTwoInts");
  EXPECT_EQ(response.type_sources[0].encoding, "srv");
  EXPECT_EQ(response.type_sources[0].raw_file_contents, rclite::wire::ServiceTraits<AddTwoInts>::definition);
  EXPECT_EQ(response.type_sources[1].type_name, "builtin_interfaces/msg/Time");
  EXPECT_EQ(response.type_sources[1].encoding, "msg");
  EXPECT_NE(response.type_sources[1].raw_file_contents.find("int32 sec"), std::string::npos);
  EXPECT_EQ(response.type_sources[3].type_name, "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(response.type_sources[3].encoding, "implicit");
  EXPECT_EQ(response.type_sources[3].raw_file_contents, "");
}

// rosidl embeds the file a type was generated from, comments and all (its lines joined by "\n"). Where
// an install on AMENT_PREFIX_PATH has a type's file and it defines the same type, that text is the
// source; otherwise (no file, or another type of that name) the definition rclite was built with.
TEST_F(TypeDescriptionTest, TypeSourcesAreTheInstalledFilesOfTheSameTypes) {
  const std::string prefix = std::string(RCLITE_TEST_DATA_DIR) + "/installed_interfaces";
  ::setenv("AMENT_PREFIX_PATH", prefix.c_str(), 1);
  rclite::Node server_node("described_server", options());
  auto service = server_node.create_service<AddTwoInts>(
      "add", [](const AddTwoInts::Request& r) { return AddTwoInts::Response{r.a + r.b}; });
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(server_node);
  BackgroundSpin spin(executor);

  const auto response = ask(asker, "/described_server", std::string(rclite::wire::ServiceTraits<AddTwoInts>::type_hash));
  ::unsetenv("AMENT_PREFIX_PATH");
  ASSERT_TRUE(response.successful) << response.failure_reason;
  ASSERT_EQ(response.type_sources.size(), 6u);
  EXPECT_EQ(response.type_sources[0].encoding, "srv");
  EXPECT_EQ(response.type_sources[0].raw_file_contents,
            "# A test copy of AddTwoInts with comments, as an installed file has them\nint64 a\nint64 b\n---\n"
            "# Their sum\nint64 sum");
  EXPECT_EQ(response.type_sources[1].type_name, "builtin_interfaces/msg/Time");
  EXPECT_EQ(response.type_sources[1].raw_file_contents,
            rclite::wire::MessageTraits<builtin_interfaces::msg::Time>::definition);
}

TEST_F(TypeDescriptionTest, DescribesPublisherSubscriptionAndClientTypes) {
  rclite::Node node("described_user", options());
  auto publisher = node.create_publisher<std_msgs::msg::String>("chatter", rclite::QoS(10));
  auto subscription = node.create_subscription<Log>("/some_log", rclite::QoS(10), [](const Log&) {});
  auto client = node.create_client<AddTwoInts>("somewhere");
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);

  const auto string_response = ask(asker, "/described_user", std::string(rclite::wire::MessageTraits<std_msgs::msg::String>::type_hash));
  ASSERT_TRUE(string_response.successful) << string_response.failure_reason;
  EXPECT_EQ(string_response.type_description.type_description.type_name, "std_msgs/msg/String");
  EXPECT_TRUE(string_response.type_description.referenced_type_descriptions.empty());
  ASSERT_EQ(string_response.type_sources.size(), 1u);
  EXPECT_EQ(string_response.type_sources[0].encoding, "msg");

  const std::string log_hash(rclite::wire::MessageTraits<Log>::type_hash);
  const auto log_response = ask(asker, "/described_user", log_hash, /*include_sources=*/false);
  ASSERT_TRUE(log_response.successful);
  EXPECT_EQ(referenced_names(log_response), std::vector<std::string>{"builtin_interfaces/msg/Time"});
  EXPECT_EQ(hash_of(log_response.type_description), log_hash);
  EXPECT_TRUE(log_response.type_sources.empty());

  const auto client_response = ask(asker, "/described_user", std::string(rclite::wire::ServiceTraits<AddTwoInts>::type_hash));
  EXPECT_TRUE(client_response.successful);
  // The service's own type, registered by its server (and the asker's client) too.
  const auto own = ask(asker, "/described_user", std::string(rclite::wire::ServiceTraits<GetTypeDescription>::type_hash));
  EXPECT_TRUE(own.successful);
}

TEST_F(TypeDescriptionTest, FailsAsRclForUnknownAndMalformedHashes) {
  rclite::Node node("strict_node", options());
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);

  // A well-formed hash of a type this node does not use.
  const auto unknown = ask(asker, "/strict_node", std::string(rclite::wire::MessageTraits<std_msgs::msg::String>::type_hash));
  EXPECT_FALSE(unknown.successful);
  EXPECT_EQ(unknown.failure_reason, "Type not currently in use by this node");
  EXPECT_EQ(unknown.type_description.type_description.type_name, "");
  for (const char* bad : {"", "RIHS01_", "not a hash", "RIHS01_XYZ0000000000000000000000000000000000000000000000000000000000000"}) {
    const auto malformed = ask(asker, "/strict_node", bad);
    EXPECT_FALSE(malformed.successful) << bad;
    EXPECT_EQ(malformed.failure_reason, "Failed to parse type hash") << bad;
  }
  // rosidl parses hex digits of either case.
  std::string upper(rclite::wire::MessageTraits<Log>::type_hash);
  for (std::size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  EXPECT_TRUE(ask(asker, "/strict_node", upper).successful);
  // rcl looks types up by hash alone: a wrong type_name does not matter.
  const auto by_hash =
      ask(asker, "/strict_node", std::string(rclite::wire::MessageTraits<Log>::type_hash), false, "wrong/msg/Name");
  EXPECT_TRUE(by_hash.successful);
}

TEST_F(TypeDescriptionTest, ForgetsATypeWhenItsLastUserGoes) {
  rclite::Node node("forgetful_node", options());
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  const std::string hash(rclite::wire::MessageTraits<std_msgs::msg::String>::type_hash);
  auto first = node.create_publisher<std_msgs::msg::String>("a", rclite::QoS(1));
  auto second = node.create_publisher<std_msgs::msg::String>("b", rclite::QoS(1));
  first.reset();
  EXPECT_TRUE(ask(asker, "/forgetful_node", hash).successful);
  second.reset();
  EXPECT_EQ(ask(asker, "/forgetful_node", hash).failure_reason, "Type not currently in use by this node");
}

// The CLI's and the Python face's entities are runtime-typed: their node describes their types as
// it describes generated ones (an rclpy node answers for every type it uses), with the same answer.
TEST_F(TypeDescriptionTest, DescribesRuntimeTypedEntitiesAsTheirGeneratedTwins) {
  using Trigger = example_interfaces::srv::Trigger;
  rclite::Node runtime_node("runtime_user", options());
  rclite::GenericService service(runtime_node, "add", rclite::GenericServiceType::resolve("example_interfaces/srv/AddTwoInts"),
                                 [](rclite::wire::CdrReader&, rclite::GenericResponder) {});
  rclite::GenericClient client(runtime_node, "trigger", "example_interfaces/srv/Trigger");
  rclite::GenericPublisher publisher(runtime_node, "/some_log", "rcl_interfaces/msg/Log", rclite::QoS(10));
  rclite::GenericSubscription subscription(runtime_node, "chatter", "std_msgs/msg/String", rclite::QoS(10),
                                           [](const rclite::dynamic::DynamicValue&) {});
  rclite::Node typed_node("typed_user", options());
  auto typed_service = typed_node.create_service<AddTwoInts>(
      "add", [](const AddTwoInts::Request& r) { return AddTwoInts::Response{r.a + r.b}; });
  auto typed_client = typed_node.create_client<Trigger>("trigger");
  auto typed_publisher = typed_node.create_publisher<Log>("/some_log", rclite::QoS(10));
  auto typed_subscription = typed_node.create_subscription<std_msgs::msg::String>(
      "chatter", rclite::QoS(10), [](const std_msgs::msg::String&) {});
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(runtime_node);
  executor.add_node(typed_node);
  BackgroundSpin spin(executor);

  for (const std::string_view hash :
       {rclite::wire::ServiceTraits<AddTwoInts>::type_hash, rclite::wire::ServiceTraits<Trigger>::type_hash,
        rclite::wire::MessageTraits<Log>::type_hash, rclite::wire::MessageTraits<std_msgs::msg::String>::type_hash}) {
    SCOPED_TRACE(hash);
    const auto runtime = ask(asker, "/runtime_user", std::string(hash));
    const auto typed = ask(asker, "/typed_user", std::string(hash));
    ASSERT_TRUE(runtime.successful) << runtime.failure_reason;
    ASSERT_TRUE(typed.successful) << typed.failure_reason;
    EXPECT_EQ(runtime.type_description, typed.type_description);
    EXPECT_EQ(runtime.type_sources, typed.type_sources);
  }
}

// Every user of a type counts, described or not: one leaving never takes another's registration.
TEST_F(TypeDescriptionTest, ARuntimeTypedUserLeavingKeepsTheTypeOfTheOthers) {
  rclite::Node node("shared_type_node", options());
  rclite::Node asker("asker", options());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  const std::string hash(rclite::wire::MessageTraits<std_msgs::msg::String>::type_hash);
  auto typed = node.create_publisher<std_msgs::msg::String>("a", rclite::QoS(1));
  std::optional<rclite::GenericPublisher> runtime;
  runtime.emplace(node, "b", "std_msgs/msg/String", rclite::QoS(1));
  runtime.reset();
  EXPECT_TRUE(ask(asker, "/shared_type_node", hash).successful);
  typed.reset();
  EXPECT_EQ(ask(asker, "/shared_type_node", hash).failure_reason, "Type not currently in use by this node");
}

TEST_F(DefaultEntities, NoTypeDescriptionServiceWhenDisabledOrOnHumble) {
  auto without = options();
  without.start_type_description_service = false;
  rclite::Node node("undescribed", without);
  rclite::Node asker("asker", options());
  ASSERT_TRUE(asker.wait_for_graph_settled(kPatience, 300ms));
  const auto services = asker.get_service_names_and_types_by_node("undescribed", "/");
  EXPECT_EQ(services.count("/undescribed/get_type_description"), 0u);
  if (is_humble()) {
    EXPECT_EQ(asker.get_service_names_and_types_by_node("asker", "/").count("/asker/get_type_description"), 0u);
  } else {
    EXPECT_EQ(asker.get_service_names_and_types_by_node("asker", "/").count("/asker/get_type_description"), 1u);
  }
}

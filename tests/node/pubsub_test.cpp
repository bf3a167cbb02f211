// Publishers and subscriptions on "rt/" topics: delivery, QoS (transient local, reliability
// matching), names, USER_DATA type hashes, graph entries and malformed samples.
#include <gtest/gtest.h>

#include <rcl_interfaces/msg/log.hpp>
#include <std_msgs/msg/string.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string_view>
#include <vector>

#include "rclite/generic_publisher.hpp"
#include "rclite/generic_subscription.hpp"
#include "rclite/rclite.hpp"
#include "support/inbox.hpp"
#include "support/observer.hpp"
#include "support/log_capture.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::options_in;
using rclite::test::BackgroundSpin;
using rclite::test::Inbox;
using rclite::test::make_test_context;
using rclite::test::unique_service_name;
using String = std_msgs::msg::String;
using Log = rcl_interfaces::msg::Log;

using rclite::test::eventually;
namespace {

String string_of(const std::string& text) {
  String message;
  message.data = text;
  return message;
}

bool humble() {
  const char* distro = std::getenv("ROS_DISTRO");
  return distro != nullptr && std::string_view(distro) == "humble";
}

struct PubSub : ::testing::Test {
  std::unique_ptr<rclite::Context> context = make_test_context();
  rclite::NodeOptions options() { return options_in(*context); }
};

}  // namespace

TEST_F(PubSub, StringsArriveInOrder) {
  rclite::Node node("talker", options());
  const auto topic = unique_service_name("chatter");
  Inbox<String> inbox;
  auto subscription = node.create_subscription<String>(topic, rclite::QoS(10), [&](const String& m) { inbox(m); });
  auto publisher = node.create_publisher<String>(topic, rclite::QoS(10));
  EXPECT_EQ(publisher.get_topic_name(), topic);
  EXPECT_EQ(subscription.get_topic_name(), topic);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return publisher.get_subscription_count() == 1 && subscription.get_publisher_count() == 1; }));
  for (int i = 0; i < 5; ++i) publisher.publish(string_of("hello " + std::to_string(i)));
  ASSERT_TRUE(eventually([&] { return inbox.size() == 5; }));
  const auto received = inbox.copy();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(received[i].data, "hello " + std::to_string(i));
}

TEST_F(PubSub, LogMessagesArriveWhole) {
  rclite::Node node("logger_node", options());
  const auto topic = unique_service_name("rosout");
  Inbox<Log> inbox;
  auto subscription = node.create_subscription<Log>(topic, rclite::RosoutQoS(), [&](const Log& m) { inbox(m); });
  auto publisher = node.create_publisher<Log>(topic, rclite::RosoutQoS());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return publisher.get_subscription_count() == 1; }));
  Log log;
  log.stamp.sec = 1700000000;
  log.stamp.nanosec = 123;
  log.level = Log::WARN;
  log.name = "a.b";
  log.msg = "something happened";
  log.file = "file.cpp";
  log.function = "f";
  log.line = 42;
  publisher.publish(log);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  const auto got = inbox.copy().front();
  EXPECT_EQ(got.stamp.sec, 1700000000);
  EXPECT_EQ(got.stamp.nanosec, 123u);
  EXPECT_EQ(got.level, Log::WARN);
  EXPECT_EQ(got.name, "a.b");
  EXPECT_EQ(got.msg, "something happened");
  EXPECT_EQ(got.file, "file.cpp");
  EXPECT_EQ(got.function, "f");
  EXPECT_EQ(got.line, 42u);
}

TEST_F(PubSub, TransientLocalLateJoinerGetsTheLastSamples) {
  rclite::Node node("late", options());
  const auto topic = unique_service_name("rosout");
  auto publisher = node.create_publisher<String>(topic, rclite::RosoutQoS());
  for (int i = 0; i < 3; ++i) publisher.publish(string_of("early " + std::to_string(i)));
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  Inbox<String> inbox;
  auto subscription = node.create_subscription<String>(topic, rclite::RosoutQoS(), [&](const String& m) { inbox(m); });
  ASSERT_TRUE(eventually([&] { return inbox.size() == 3; }));
  EXPECT_EQ(inbox.copy().back().data, "early 2");

  // A volatile late joiner gets nothing of the past.
  Inbox<String> volatile_inbox;
  auto volatile_subscription =
      node.create_subscription<String>(topic, rclite::QoS(10), [&](const String& m) { volatile_inbox(m); });
  ASSERT_TRUE(eventually([&] { return volatile_subscription.get_publisher_count() == 1; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(volatile_inbox.size(), 0u);
}

TEST_F(PubSub, BestEffortWriterDoesNotMatchAReliableReader) {
  rclite::Node node("qos", options());
  const auto topic = unique_service_name("sensor");
  Inbox<String> reliable_inbox, best_effort_inbox;
  auto reliable =
      node.create_subscription<String>(topic, rclite::QoS(10), [&](const String& m) { reliable_inbox(m); });
  auto best_effort =
      node.create_subscription<String>(topic, rclite::SensorDataQoS(), [&](const String& m) { best_effort_inbox(m); });
  auto publisher = node.create_publisher<String>(topic, rclite::SensorDataQoS());
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] { return best_effort.get_publisher_count() == 1; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(publisher.get_subscription_count(), 1u);
  EXPECT_EQ(reliable.get_publisher_count(), 0u);
  publisher.publish(string_of("x"));
  ASSERT_TRUE(eventually([&] { return best_effort_inbox.size() == 1; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(reliable_inbox.size(), 0u);

  // A reliable writer serves both.
  auto reliable_publisher = node.create_publisher<String>(topic, rclite::QoS(10));
  EXPECT_TRUE(eventually([&] { return reliable_publisher.get_subscription_count() == 2; }));
}

TEST_F(PubSub, TransientLocalReaderDoesNotMatchAVolatileWriter) {
  rclite::Node node("durability", options());
  const auto topic = unique_service_name("t");
  auto subscription = node.create_subscription<String>(topic, rclite::RosoutQoS(), [](const String&) {});
  auto volatile_publisher = node.create_publisher<String>(topic, rclite::QoS(10));
  auto latched_publisher = node.create_publisher<String>(topic, rclite::QoS(10).transient_local());
  ASSERT_TRUE(eventually([&] { return latched_publisher.get_subscription_count() == 1; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(volatile_publisher.get_subscription_count(), 0u);
  EXPECT_EQ(subscription.get_publisher_count(), 1u);
}

TEST_F(PubSub, AReaderDeadlineShorterThanTheWritersDoesNotMatch) {
  rclite::Node node("deadlines", options());
  const auto topic = unique_service_name("periodic");
  auto strict = node.create_subscription<String>(topic, rclite::QoS(10).deadline(100ms), [](const String&) {});
  auto loose = node.create_subscription<String>(topic, rclite::QoS(10).deadline(2s), [](const String&) {});
  auto publisher = node.create_publisher<String>(topic, rclite::QoS(10).deadline(1s));
  ASSERT_TRUE(eventually([&] { return loose.get_publisher_count() == 1; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(strict.get_publisher_count(), 0u);
  EXPECT_EQ(publisher.get_subscription_count(), 1u);
  std::vector<rclite::TopicEndpointInfo> infos;
  ASSERT_TRUE(eventually([&] {
    infos = node.get_publishers_info_by_topic(topic);
    return infos.size() == 1;
  }));
  EXPECT_EQ(infos.front().qos.deadline, std::chrono::seconds(1));
  EXPECT_EQ(infos.front().qos.lifespan, rclite::EndpointQos::kInfinite);  // not set
}

TEST_F(PubSub, EndpointsCarryTheTypeHashAndTheQos) {
  rclite::Node node("hashes", options());
  const auto topic = unique_service_name("hashed");
  auto publisher = node.create_publisher<String>(topic, rclite::RosoutQoS());
  auto subscription = node.create_subscription<Log>(topic + "_log", rclite::SensorDataQoS(), [](const Log&) {});
  rclite::test::Observer observer(context->domain_id());
  const auto writers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSPUBLICATION, {"rt" + topic});
  const auto readers = observer.endpoints(DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, {"rt" + topic + "_log"});
  const auto writer = writers.find("rt" + topic);
  const auto reader = readers.find("rt" + topic + "_log");
  ASSERT_NE(writer, writers.end());
  ASSERT_NE(reader, readers.end());
  EXPECT_EQ(writer->second.first, "std_msgs::msg::dds_::String_");
  EXPECT_EQ(reader->second.first, "rcl_interfaces::msg::dds_::Log_");
  const std::string string_hash(rclite::wire::MessageTraits<String>::type_hash);
  const std::string log_hash(rclite::wire::MessageTraits<Log>::type_hash);
  EXPECT_EQ(writer->second.second, humble() ? "" : "typehash=" + string_hash + ";");
  EXPECT_EQ(reader->second.second, humble() ? "" : "typehash=" + log_hash + ";");

  // The graph reports the QoS as rmw maps the profiles (spec §4.1, §4.2).
  std::vector<rclite::TopicEndpointInfo> infos;
  ASSERT_TRUE(eventually([&] {
    infos = node.get_publishers_info_by_topic(topic);
    return infos.size() == 1;
  }));
  const auto& qos = infos.front().qos;
  EXPECT_EQ(infos.front().node_name, "hashes");
  EXPECT_EQ(infos.front().topic_type, "std_msgs/msg/String");
  EXPECT_EQ(infos.front().type_hash, humble() ? "" : string_hash);
  EXPECT_EQ(qos.reliability, rclite::EndpointQos::Reliability::Reliable);
  EXPECT_EQ(qos.durability, rclite::EndpointQos::Durability::TransientLocal);
  EXPECT_EQ(qos.history, rclite::EndpointQos::History::KeepLast);
  EXPECT_EQ(qos.depth, 1000);
  EXPECT_EQ(qos.lifespan, std::chrono::seconds(10));
  ASSERT_TRUE(eventually([&] {
    infos = node.get_subscriptions_info_by_topic(topic + "_log");
    return infos.size() == 1;
  }));
  EXPECT_EQ(infos.front().qos.reliability, rclite::EndpointQos::Reliability::BestEffort);
  EXPECT_EQ(infos.front().qos.depth, 5);
}

TEST_F(PubSub, TopicsAppearInTheGraph) {
  rclite::Node node("grapher", "/pubsub_ns", options());
  auto publisher = node.create_publisher<String>("chatter", rclite::QoS(10));
  auto subscription = node.create_subscription<Log>("~/private", rclite::QoS(10), [](const Log&) {});
  EXPECT_EQ(publisher.get_topic_name(), "/pubsub_ns/chatter");
  EXPECT_EQ(subscription.get_topic_name(), "/pubsub_ns/grapher/private");
  ASSERT_TRUE(eventually([&] {
    const auto topics = node.get_topic_names_and_types();
    return topics.contains("/pubsub_ns/chatter") && topics.contains("/pubsub_ns/grapher/private");
  }));
  const auto topics = node.get_topic_names_and_types();
  EXPECT_EQ(topics.at("/pubsub_ns/chatter"), std::set<std::string>{"std_msgs/msg/String"});
  EXPECT_EQ(topics.at("/pubsub_ns/grapher/private"), std::set<std::string>{"rcl_interfaces/msg/Log"});
  ASSERT_TRUE(eventually([&] {
    return node.get_publisher_names_and_types_by_node("grapher", "/pubsub_ns").contains("/pubsub_ns/chatter") &&
           node.get_subscriber_names_and_types_by_node("grapher", "/pubsub_ns").contains("/pubsub_ns/grapher/private");
  }));
  EXPECT_FALSE(node.get_publisher_names_and_types_by_node("grapher", "/pubsub_ns").contains("/pubsub_ns/grapher/private"));
  EXPECT_EQ(node.count_publishers("chatter"), 1u);
  EXPECT_EQ(node.count_subscribers("~/private"), 1u);

  publisher.reset();
  subscription.reset();
  EXPECT_TRUE(eventually([&] {
    const auto topics = node.get_topic_names_and_types();
    return !topics.contains("/pubsub_ns/chatter") && !topics.contains("/pubsub_ns/grapher/private");
  }));
}

TEST_F(PubSub, TopicNamesAreRemappedAsTopics) {
  rclite::NodeOptions remapping = options();
  remapping.arguments = {"--ros-args", "-r", "chatter:=talk"};
  rclite::Node node("remapped", remapping);
  EXPECT_EQ(node.resolve_topic_name("chatter"), "/talk");
  auto publisher = node.create_publisher<String>("chatter", rclite::QoS(10));
  EXPECT_EQ(publisher.get_topic_name(), "/talk");
  EXPECT_THROW(node.create_publisher<String>("bad name!", rclite::QoS(10)), rclite::InvalidNameError);
}

TEST_F(PubSub, MalformedSamplesAreDroppedWithALogLine) {
  rclite::Node node("strict", options());
  const auto topic = unique_service_name("garbage");
  rclite::test::LogCapture errors(rclite::test::LogCapture::errors);
  Inbox<String> inbox;
  auto subscription = node.create_subscription<String>(topic, rclite::QoS(10), [&](const String& m) { inbox(m); });
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  rclite::test::Observer observer(context->domain_id());
  const dds_entity_t dds_topic =
      rclite::dds::create_raw_topic(observer.participant, "rt" + topic, "std_msgs::msg::dds_::String_");
  dds_qos_t* qos = dds_create_qos();
  dds_qset_reliability(qos, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
  dds_qset_history(qos, DDS_HISTORY_KEEP_ALL, 0);
  const dds_entity_t writer = dds_create_writer(observer.participant, dds_topic, qos, nullptr);
  dds_delete_qos(qos);
  ASSERT_GT(writer, 0);
  ASSERT_TRUE(eventually([&] { return subscription.get_publisher_count() == 1; }));
  const std::vector<std::vector<std::uint8_t>> garbage{
      {0x00, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 'a'},  // string length past the end
      {0x00, 0x09, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},  // unknown encoding
  };
  for (const auto& sample : garbage) rclite::dds::write_raw(writer, sample);
  rclite::dds::write_raw(writer, rclite::wire::encode(string_of("fine")));
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  EXPECT_EQ(inbox.copy().front().data, "fine");
  ASSERT_TRUE(eventually([&] { return errors.lines().size() >= garbage.size(); }));
  errors.stop();
  EXPECT_NE(errors.lines()[0].find("malformed"), std::string::npos) << errors.lines()[0];
}

TEST_F(PubSub, PublisherIsMoveOnlyAndResettable) {
  rclite::Node node("mover", options());
  auto publisher = node.create_publisher<String>(unique_service_name("moved"), rclite::QoS(10));
  auto moved = std::move(publisher);
  EXPECT_FALSE(static_cast<bool>(publisher));
  ASSERT_TRUE(static_cast<bool>(moved));
  moved.publish(string_of("ok"));  // no subscriber: fine
  moved.reset();
  EXPECT_FALSE(static_cast<bool>(moved));
}

// The runtime-typed pair (what `rclite topic pub|echo` use) talks to the typed pair: same bytes,
// same type names and hash in discovery.
TEST_F(PubSub, GenericPublisherAndSubscriptionTalkToTypedOnes) {
  rclite::Node node("generic", options());
  const auto topic = unique_service_name("generic");
  Inbox<String> typed_inbox;
  Inbox<std::string> generic_inbox;
  auto typed_subscription =
      node.create_subscription<String>(topic, rclite::QoS(10), [&](const String& m) { typed_inbox(m); });
  rclite::GenericSubscription generic_subscription(
      node, topic, "std_msgs/msg/String", rclite::QoS(10),
      [&](const rclite::dynamic::DynamicValue& m) { generic_inbox(m["data"].as_string()); });
  rclite::GenericPublisher generic_publisher(node, topic, "std_msgs/msg/String", rclite::QoS(10));
  auto typed_publisher = node.create_publisher<String>(topic, rclite::QoS(10));
  EXPECT_EQ(generic_publisher.get_topic_name(), topic);
  rclite::SingleThreadedExecutor executor(*context);
  executor.add_node(node);
  BackgroundSpin spin(executor);
  ASSERT_TRUE(eventually([&] {
    return generic_publisher.get_subscription_count() == 2 && typed_publisher.get_subscription_count() == 2;
  }));

  auto message = generic_publisher.make_message();
  message["data"].set("from generic");
  generic_publisher.publish(message);
  typed_publisher.publish(string_of("from typed"));
  ASSERT_TRUE(eventually([&] { return typed_inbox.size() == 2 && generic_inbox.size() == 2; }));
  std::set<std::string> typed_texts, generic_texts;
  for (const auto& m : typed_inbox.copy()) typed_texts.insert(m.data);
  for (const auto& text : generic_inbox.copy()) generic_texts.insert(text);
  EXPECT_EQ(typed_texts, (std::set<std::string>{"from generic", "from typed"}));
  EXPECT_EQ(generic_texts, typed_texts);

  std::vector<rclite::TopicEndpointInfo> infos;
  ASSERT_TRUE(eventually([&] {
    infos = node.get_publishers_info_by_topic(topic);
    return infos.size() == 2;
  }));
  EXPECT_EQ(infos[0].topic_type, infos[1].topic_type);
  EXPECT_EQ(infos[0].type_hash, infos[1].type_hash);

  // A message of another type is refused; so is an unknown type.
  rclite::GenericPublisher log_publisher(node, topic + "_log", "rcl_interfaces/msg/Log", rclite::RosoutQoS());
  EXPECT_THROW(generic_publisher.publish(log_publisher.make_message()), std::invalid_argument);
  EXPECT_THROW(rclite::GenericPublisher(node, topic, "nope_msgs/msg/Nope", rclite::QoS(10)), rclite::idl::UnknownTypeError);
  EXPECT_THROW(rclite::GenericPublisher(node, topic, "not a type", rclite::QoS(10)), rclite::idl::UnknownTypeError);
  auto moved = std::move(generic_publisher);
  EXPECT_FALSE(static_cast<bool>(generic_publisher));
  moved.reset();
  EXPECT_FALSE(static_cast<bool>(moved));
}

TEST(QoSProfiles, MatchRmw) {
  const rclite::QoS rosout = rclite::RosoutQoS();
  EXPECT_EQ(rosout.history(), rclite::HistoryPolicy::KeepLast);
  EXPECT_EQ(rosout.depth(), 1000u);
  EXPECT_EQ(rosout.durability(), rclite::DurabilityPolicy::TransientLocal);
  EXPECT_EQ(rosout.reliability(), rclite::ReliabilityPolicy::Reliable);
  ASSERT_TRUE(rosout.lifespan().has_value());
  EXPECT_EQ(*rosout.lifespan(), std::chrono::nanoseconds(std::chrono::seconds(10)));
  EXPECT_EQ(rclite::SensorDataQoS().reliability(), rclite::ReliabilityPolicy::BestEffort);
  EXPECT_EQ(rclite::SensorDataQoS().depth(), 5u);
  EXPECT_EQ(rclite::ParameterEventsQoS().depth(), 1000u);
  EXPECT_EQ(rclite::ParametersQoS().depth(), 1000u);
  EXPECT_EQ(rclite::ServicesQoS().depth(), 10u);
  EXPECT_EQ(rclite::SystemDefaultsQoS().depth(), 1u);
  EXPECT_EQ(rclite::QoS(0).depth(), 1u);
  EXPECT_EQ(rclite::QoS(3).keep_all().history(), rclite::HistoryPolicy::KeepAll);
  EXPECT_FALSE(rclite::QoS(10).deadline().has_value());
}

// `rclite topic echo|pub|hz|info|type|find` against publishers and subscriptions of this process
// (their own context and domain per test): ros2topic's output (ros2cli jazzy, ros2topic/verb/*.py)
// and errors. No fixed sleeps: every wait is for a condition (support/patience.hpp).
#include <gtest/gtest.h>

#include <example_interfaces/msg/int32.hpp>
#include <std_msgs/msg/header.hpp>
#include <std_msgs/msg/string.hpp>

#include <atomic>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli_fixture.hpp"
#include "support/inbox.hpp"

namespace rclite::test {
namespace {

using String = std_msgs::msg::String;
using Int32 = example_interfaces::msg::Int32;
using Header = std_msgs::msg::Header;

// A node of this process with a spinning executor, for the CLI to talk to. No default entities, so
// that the graph holds only what a test creates.
class Peer {
 public:
  Peer() : context_(make_test_context()), node_("peer", bare_options_in(*context_)) {}
  ~Peer() { spin_.reset(); }
  Node& node() { return node_; }
  void spin() {
    executor_.add_node(node_);
    spin_ = std::make_unique<BackgroundSpin>(executor_);
  }

 private:
  std::unique_ptr<Context> context_;
  Node node_;
  SingleThreadedExecutor executor_{*context_};
  std::unique_ptr<BackgroundSpin> spin_;
};

String string_of(const std::string& text) {
  String message;
  message.data = text;
  return message;
}

// Output without pub.py's "Waiting for at least N matching subscription(s)..." lines, which come
// only while discovery is still under way.
std::string without_waiting_lines(const std::string& output) {
  static const std::regex waiting("Waiting for at least [0-9]+ matching subscription\\(s\\)\\.\\.\\.\n");
  return std::regex_replace(output, waiting, "");
}

// pub's tests subscribe and publish transient local: `pub` publishes as soon as its writer has
// matched the reader, and the reader may match the writer a moment later; a volatile reader would
// not get what was written before (ros2's `pub -1` has the same race), a transient local one does.
QoS kept(std::size_t depth = 10) { return QoS(depth).transient_local(); }
const std::vector<std::string> kKeptFlags{"--qos-durability", "transient_local"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

using TopicCli = CliTest;

TEST_F(TopicCli, EchoOnceTakesTheTypeAndQosFromThePublisher) {
  Peer peer;
  // A transient local publisher: echo subscribes transient local too (choose_qos), so it gets the
  // message published before it started.
  auto publisher = peer.node().create_publisher<String>("/greeting", QoS(1).transient_local());
  publisher.publish(string_of("hello"));
  auto result = rclite({"topic", "echo", "/greeting", "--once"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, "data: hello\n---\n");
  // A field alone prints as Python prints the value; "pkg/Name" means "pkg/msg/Name".
  result = rclite({"topic", "echo", "/greeting", "std_msgs/String", "--once", "--field", "data"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, "hello\n---\n");
  // PyYAML quotes the abbreviation (it holds ': ').
  EXPECT_EQ(rclite({"topic", "echo", "/greeting", "--once", "--no-str"}).output, "data: '<string length: <5>>'\n---\n");
  EXPECT_EQ(rclite({"topic", "echo", "/greeting", "--once", "--csv"}).output, "hello\n");  // no "---" with --csv
  // A field that is not there ends the echo with the AttributeError rclpy raises.
  expect_error(rclite({"topic", "echo", "/greeting", "--once", "--field", "data.x"}),
               "Invalid field 'data.x': 'str' object has no attribute 'x'");
  expect_error(rclite({"topic", "echo", "/greeting", "--once", "--field", "nope"}),
               "Invalid field 'nope': 'String' object has no attribute 'nope'");
}

TEST_F(TopicCli, EchoWaitsForMessagesOfTheGivenType) {
  Peer peer;
  auto publisher = peer.node().create_publisher<Int32>("/ticks", QoS(10));
  ChildProcess echo({bin("rclite"), "topic", "echo", "/ticks", "example_interfaces/msg/Int32", "--once"});
  // Volatile: a message counts only once the echo's reader has matched the writer too, which the
  // writer cannot tell. Publish until the echo prints one.
  ASSERT_TRUE(eventually([&] { return publisher.get_subscription_count() == 1; }));
  Int32 message;
  message.data = -7;
  bool printed = false;
  const auto give_up = std::chrono::steady_clock::now() + kPatience;
  while (!printed && std::chrono::steady_clock::now() < give_up) {
    publisher.publish(message);
    printed = echo.wait_for_output("---\n", 100ms);
  }
  ASSERT_TRUE(printed) << echo.output();
  EXPECT_EQ(echo.wait(), 0);
  EXPECT_EQ(echo.output(), "data: -7\n---\n");
}

TEST_F(TopicCli, EchoErrorsAreRos2s) {
  const auto unknown = rclite({"topic", "echo", "/nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.output,
            "WARNING: topic [/nope] does not appear to be published yet\n"
            "Could not determine the type for the passed topic\n");
  expect_error(rclite({"topic", "echo", "/nope", "nope_msgs/msg/Nope"}), "The passed message type is invalid");
  EXPECT_EQ(rclite({"topic", "echo", "/nope", "--qos-reliability", "sometimes"}).exit_code, 2);  // argparse's choices
  // --timeout ends a wait with nothing to print.
  const auto timed_out = rclite({"topic", "echo", "/nope", "std_msgs/msg/String", "--timeout", "0.2"});
  EXPECT_EQ(timed_out.exit_code, 0);
  EXPECT_EQ(timed_out.output, "");
}

TEST_F(TopicCli, PubOncePublishesTheValuesAndPrintsTheirRepr) {
  Peer peer;
  Inbox<String> inbox;
  auto subscription = peer.node().create_subscription<String>("/chatter", kept(), [&](const String& m) { inbox(m); });
  peer.spin();
  // -1 waits for one matching subscription, publishes, and exits.
  const auto result = rclite(with({"topic", "pub", "/chatter", "std_msgs/msg/String", "{data: hi}", "-1"}, kKeptFlags));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(without_waiting_lines(result.output),
            "publisher: beginning loop\n"
            "publishing #1: std_msgs.msg.String(data='hi')\n"
            "\n");
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  EXPECT_EQ(inbox.copy().front().data, "hi");
}

TEST_F(TopicCli, PubTimesPublishesThatManyMessages) {
  Peer peer;
  Inbox<Int32> inbox;
  auto subscription = peer.node().create_subscription<Int32>("/numbers", kept(), [&](const Int32& m) { inbox(m); });
  peer.spin();
  // Block-style YAML, as ros2's help shows it ('data: Hello World').
  const auto result =
      rclite(with({"topic", "pub", "/numbers", "example_interfaces/msg/Int32", "data: 5", "-t", "3", "-r", "50"},
                  kKeptFlags));
  EXPECT_EQ(result.exit_code, 0);
  const std::string repr = "example_interfaces.msg.Int32(data=5)\n\n";
  EXPECT_EQ(without_waiting_lines(result.output), "publisher: beginning loop\npublishing #1: " + repr +
                                                      "publishing #2: " + repr + "publishing #3: " + repr);
  ASSERT_TRUE(eventually([&] { return inbox.size() == 3; }));
  for (const auto& message : inbox.copy()) EXPECT_EQ(message.data, 5);
}

TEST_F(TopicCli, PubStampsNowTimesWithTheCurrentTime) {
  Peer peer;
  Inbox<Header> inbox;
  auto subscription = peer.node().create_subscription<Header>("/stamped", kept(), [&](const Header& m) { inbox(m); });
  peer.spin();
  // "now" for a builtin_interfaces/Time ("auto" for a std_msgs/Header: the YAML input tests show it).
  const auto result =
      rclite(with({"topic", "pub", "/stamped", "std_msgs/msg/Header", "{stamp: now, frame_id: f}", "-1"}, kKeptFlags));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(std::regex_search(result.output, std::regex("publishing #1: std_msgs\\.msg\\.Header\\(stamp="
                                                          "builtin_interfaces\\.msg\\.Time\\(sec=[1-9][0-9]*, "
                                                          "nanosec=[0-9]+\\), frame_id='f'\\)\n")))
      << result.output;
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
  EXPECT_GT(inbox.copy().front().stamp.sec, 0);
  EXPECT_EQ(inbox.copy().front().frame_id, "f");
}

TEST_F(TopicCli, PubWaitsForSubscriptionsWhenAsked) {
  ChildProcess pub(
      with({bin("rclite"), "topic", "pub", "/late", "std_msgs/msg/String", "{data: late}", "-1"}, kKeptFlags));
  ASSERT_TRUE(pub.wait_for_output("Waiting for at least 1 matching subscription(s)...\n", kPatience)) << pub.output();
  Peer peer;
  Inbox<String> inbox;
  auto subscription = peer.node().create_subscription<String>("/late", kept(), [&](const String& m) { inbox(m); });
  peer.spin();
  EXPECT_EQ(pub.wait(), 0);
  EXPECT_NE(pub.output().find("publisher: beginning loop\npublishing #1: std_msgs.msg.String(data='late')\n\n"),
            std::string::npos)
      << pub.output();
  ASSERT_TRUE(eventually([&] { return inbox.size() == 1; }));
}

TEST_F(TopicCli, PubErrorsAreRos2s) {
  expect_error(rclite({"topic", "pub", "/x", "nope_msgs/msg/Nope", "{}"}), "The passed message type is invalid");
  expect_error(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "[1, 2]"}),
               "The passed value needs to be a dictionary in YAML format");
  expect_error(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "{nope: 1}"}),
               "Failed to populate field: unknown field 'nope' in std_msgs/msg/String (its fields: data)");
  expect_error(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "{}", "--max-wait-time-secs", "1"}),
               "--max-wait-time-secs option is only effective with --wait-matching-subscriptions, --once or --times");
  expect_error(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "{}", "-1", "--max-wait-time-secs", "0.2"}),
               "Waiting for at least 1 matching subscription(s)...\n"
               "Timed out waiting for subscribers: Expected 1 subcribers but only got 0 subscribers");
  EXPECT_EQ(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "-1", "-t", "2"}).exit_code, 2);  // exclusive
  EXPECT_EQ(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "-r", "0"}).exit_code, 2);
  EXPECT_EQ(rclite({"topic", "pub", "/x", "std_msgs/msg/String", "{}", "--stdin"}).exit_code, 2);  // exclusive
}

TEST_F(TopicCli, PubReadsTheValuesFromStdin) {
  ChildProcess pub({"/bin/sh", "-c", "printf 'data: piped\\n' | '" + bin("rclite") +
                                         "' topic pub /piped std_msgs/msg/String --stdin -t 1 -w 0"});
  EXPECT_EQ(pub.wait(), 0);
  EXPECT_EQ(pub.output(), "publisher: beginning loop\npublishing #1: std_msgs.msg.String(data='piped')\n\n");
}

TEST_F(TopicCli, PubNodeNameIsTheNodeOfItsPublisher) {
  ChildProcess pub({bin("rclite"), "topic", "pub", "/named", "std_msgs/msg/String", "-n", "talker"});
  ASSERT_TRUE(pub.wait_for_output("publisher: beginning loop\n", kPatience)) << pub.output();
  EXPECT_EQ(rclite({"node", "list"}).output, "/talker\n");
  const auto info = rclite({"topic", "info", "/named", "-v"}).output;
  EXPECT_NE(info.find("Publisher count: 1\n\nNode name: talker\nNode namespace: /\n"), std::string::npos) << info;
  pub.signal(SIGINT);  // publishes until Ctrl-C, then exits cleanly
  EXPECT_EQ(pub.wait(), 0);
}

TEST_F(TopicCli, HzWaitsForTheTopicThenPrintsTheRate) {
  ChildProcess hz({bin("rclite"), "topic", "hz", "/fast"});
  ASSERT_TRUE(hz.wait_for_output("WARNING: topic [/fast] does not appear to be published yet\n", kPatience))
      << hz.output();
  ChildProcess pub({bin("rclite"), "topic", "pub", "/fast", "std_msgs/msg/String", "{data: x}", "-r", "20"});
  ASSERT_TRUE(hz.wait_for_output(" window: ", kPatience)) << hz.output();
  hz.signal(SIGINT);
  pub.signal(SIGINT);
  EXPECT_EQ(hz.wait(), 0);
  const std::regex line(
      "average rate: ([0-9]+\\.[0-9]{3})\n\tmin: [0-9]+\\.[0-9]{3}s max: [0-9]+\\.[0-9]{3}s std dev: "
      "[0-9]+\\.[0-9]{5}s window: [1-9][0-9]*\n");
  std::smatch match;
  const std::string output = hz.output();
  ASSERT_TRUE(std::regex_search(output, match, line)) << output;
  EXPECT_GT(std::stod(match[1]), 0.0) << output;
}

TEST_F(TopicCli, InfoTypeAndFind) {
  Peer peer;
  auto publisher = peer.node().create_publisher<String>("/info_topic", QoS(7).transient_local());
  auto subscription = peer.node().create_subscription<String>("/info_topic", SensorDataQoS(), [](const String&) {});
  auto result = rclite({"topic", "info", "/info_topic"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, "Type: std_msgs/msg/String\nPublisher count: 1\nSubscription count: 1\n");

  result = rclite({"topic", "info", "/info_topic", "-v"});
  EXPECT_EQ(result.exit_code, 0);
  const char* distro = std::getenv("ROS_DISTRO");
  const bool humble = distro != nullptr && std::string(distro) == "humble";
  const std::string hash =
      humble ? "" : "Topic type hash: " + std::string(wire::MessageTraits<String>::type_hash) + "\n";
  const std::string gid = humble ? "([0-9a-f]{2}\\.){23}[0-9a-f]{2}" : "([0-9a-f]{2}\\.){15}[0-9a-f]{2}";
  const auto endpoint = [&](const std::string& kind, const std::string& qos) {
    return "Node name: peer\nNode namespace: /\nTopic type: std_msgs/msg/String\n" + hash + "Endpoint type: " + kind +
           "\nGID: " + gid + "\nQoS profile:\n" + qos +
           "  Lifespan: Infinite\n  Deadline: Infinite\n  Liveliness: AUTOMATIC\n"
           "  Liveliness lease duration: Infinite\n\n";
  };
  const std::string expected =
      "Type: std_msgs/msg/String\n\nPublisher count: 1\n\n" +
      endpoint("PUBLISHER",
               "  Reliability: RELIABLE\n  History \\(Depth\\): KEEP_LAST \\(7\\)\n  Durability: TRANSIENT_LOCAL\n") +
      "Subscription count: 1\n\n" +
      endpoint("SUBSCRIPTION",
               "  Reliability: BEST_EFFORT\n  History \\(Depth\\): KEEP_LAST \\(5\\)\n  Durability: VOLATILE\n");
  EXPECT_TRUE(std::regex_match(result.output, std::regex(expected))) << result.output;

  EXPECT_EQ(rclite({"topic", "type", "/info_topic"}).output, "std_msgs/msg/String\n");
  EXPECT_EQ(rclite({"topic", "find", "std_msgs/msg/String"}).output, "/info_topic\n");
  EXPECT_EQ(rclite({"topic", "find", "std_msgs/msg/String", "-c"}).output, "1\n");
  EXPECT_EQ(rclite({"topic", "find", "example_interfaces/msg/Int32"}).output, "");
  expect_error(rclite({"topic", "info", "/nope"}), "Unknown topic '/nope'");
  expect_error(rclite({"topic", "type", "/nope"}), "Unknown topic '/nope'");
}

TEST_F(TopicCli, BashCompletesTopicVerbsNamesAndTypes) {
  EXPECT_EQ(complete({"rclite", "topic", "e"}), "echo\n");
  EXPECT_EQ(complete({"rclite", "topic", "pub", "/x", "std_msgs/msg/String", "--on"}), "--once\n");
  Peer peer;
  auto publisher = peer.node().create_publisher<String>("/completed", QoS(1));
  EXPECT_EQ(complete({"rclite", "topic", "echo", "/comp"}), "/completed\n");
  EXPECT_EQ(complete({"rclite", "topic", "pub", "/completed", ""}), "std_msgs/msg/String\n");
  EXPECT_EQ(complete({"rclite", "topic", "find", "std_msgs/msg/Str"}), "std_msgs/msg/String\n");
}

}  // namespace
}  // namespace rclite::test

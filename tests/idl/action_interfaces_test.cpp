// .action definitions: the parser, the types rosidl derives from them, their DDS and ROS names, and
// their RIHS01 hashes, checked against a real ROS 2 Jazzy action exchange and rosidl's own output.
#include <gtest/gtest.h>

#include <action_msgs/msg/goal_status_array.hpp>
#include <action_msgs/srv/cancel_goal.hpp>
#include <example_interfaces/action/fibonacci.hpp>

#include <map>
#include <sstream>

#include "rclite/idl/interface_library.hpp"
#include "rclite/idl/parser.hpp"
#include "support/hex.hpp"

using namespace rclite::idl;
using example_interfaces::action::Fibonacci;
using rclite::wire::ActionTraits;
using rclite::wire::MessageTraits;
using rclite::wire::ServiceTraits;

namespace {

const TypeName kFibonacci{"example_interfaces", "action", "Fibonacci"};

std::string field_list(const MessageSpec& message) {
  std::string out;
  for (const auto& field : message.fields) {
    out += (out.empty() ? "" : ", ") + field.type.to_string() + " " + field.name;
  }
  return out;
}

// One endpoint of the capture: its topic, DDS type and the hash in its USER_DATA.
struct CapturedEndpoint {
  std::string type;
  std::string hash;
};

std::map<std::string, std::vector<CapturedEndpoint>> captured_endpoints() {
  std::map<std::string, std::vector<CapturedEndpoint>> endpoints;
  for (const auto& line : rclite::test::data_lines("jazzy_fibonacci_action_graph.txt")) {
    const auto value = [&line](const std::string& key) {
      const auto start = line.find(key);
      if (start == std::string::npos) return std::string();
      const auto begin = start + key.size();
      return line.substr(begin, line.find_first_of(" ;'", begin) - begin);
    };
    endpoints[value(" topic=")].push_back({value(" type="), value("typehash=")});
  }
  return endpoints;
}

}  // namespace

TEST(ActionParser, SplitsGoalResultAndFeedbackAtTheSeparators) {
  const ActionSpec action = parse_action("# Goal\nint32 order\n---\n# Result\nint32[] sequence\n---\n"
                                         "# Feedback\nint32[] sequence\n",
                                         kFibonacci, "Fibonacci.action");
  EXPECT_EQ(action.goal.name.full(), "example_interfaces/action/Fibonacci_Goal");
  EXPECT_EQ(field_list(action.goal), "int32 order");
  EXPECT_EQ(action.result.name.full(), "example_interfaces/action/Fibonacci_Result");
  EXPECT_EQ(field_list(action.result), "int32[] sequence");
  EXPECT_EQ(action.feedback.name.full(), "example_interfaces/action/Fibonacci_Feedback");
  EXPECT_EQ(field_list(action.feedback), "int32[] sequence");
  EXPECT_EQ(action.goal.source, "# Goal\nint32 order\n");  // each part keeps its own text
}

TEST(ActionParser, DerivesTheServicesAndFeedbackMessageAsRosidl) {
  const ActionSpec action = parse_action("int32 order\n---\nint32[] sequence\n---\nint32[] sequence\n",
                                         kFibonacci, "Fibonacci.action");
  EXPECT_EQ(action.send_goal.name.full(), "example_interfaces/action/Fibonacci_SendGoal");
  EXPECT_EQ(field_list(action.send_goal.request),
            "unique_identifier_msgs/UUID goal_id, example_interfaces/action/Fibonacci_Goal goal");
  EXPECT_EQ(field_list(action.send_goal.response), "bool accepted, builtin_interfaces/Time stamp");
  EXPECT_EQ(action.get_result.name.full(), "example_interfaces/action/Fibonacci_GetResult");
  EXPECT_EQ(field_list(action.get_result.request), "unique_identifier_msgs/UUID goal_id");
  EXPECT_EQ(field_list(action.get_result.response),
            "int8 status, example_interfaces/action/Fibonacci_Result result");
  EXPECT_EQ(action.feedback_message.name.full(), "example_interfaces/action/Fibonacci_FeedbackMessage");
  EXPECT_EQ(field_list(action.feedback_message),
            "unique_identifier_msgs/UUID goal_id, example_interfaces/action/Fibonacci_Feedback feedback");
}

TEST(ActionParser, DerivedDefinitionsParseBackToTheSameTypes) {
  const ActionSpec action = parse_action("int32 order\n---\nint32[] sequence\n---\nint32[] sequence\n",
                                         kFibonacci, "Fibonacci.action");
  for (const MessageSpec* part : {&action.send_goal.request, &action.send_goal.response,
                                  &action.get_result.request, &action.get_result.response,
                                  &action.feedback_message}) {
    const MessageSpec again = parse_message(part->source, part->name, part->name.full());
    EXPECT_EQ(again.fields, part->fields) << part->source;
  }
  const ServiceSpec again = parse_service(action.send_goal.source, action.send_goal.name, "SendGoal");
  EXPECT_EQ(again.request.fields, action.send_goal.request.fields);
  EXPECT_EQ(again.response.fields, action.send_goal.response.fields);
}

TEST(ActionParser, NeedsExactlyTwoSeparators) {
  const auto error_of = [](const std::string& text) -> std::string {
    try {
      parse_action(text, kFibonacci, "Fibonacci.action");
    } catch (const ParseError& error) {
      return std::to_string(error.line()) + ":" + std::to_string(error.column()) + ": " + error.message();
    }
    return "no error";
  };
  EXPECT_EQ(error_of("int32 order\n---\nint32 result\n"),
            "4:1: expected '---' between the goal and the result, and between the result and the feedback");
  EXPECT_EQ(error_of("---\n---\n---\n"), "3:1: an action has exactly two '---' separators; found another");
  EXPECT_EQ(error_of("---\n---\n"), "no error");
  // Lines are numbered in the whole file.
  EXPECT_EQ(error_of("int32 order\n---\n---\nint32\n"), "4:6: expected a field or constant name after the type 'int32'");
}

TEST(ActionInterfaces, LibraryFindsActionsAndEveryDerivedType) {
  InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  const ActionSpec& action = library.action(kFibonacci);
  EXPECT_EQ(action.send_goal.name.name, "Fibonacci_SendGoal");
  for (const char* part : {"_Goal", "_Result", "_Feedback", "_FeedbackMessage", "_SendGoal_Request",
                           "_SendGoal_Response", "_SendGoal_Event", "_GetResult_Request",
                           "_GetResult_Response", "_GetResult_Event"}) {
    InterfaceLibrary fresh({RCLITE_INTERFACES_DIR});  // found from the part's name alone
    const TypeName name{"example_interfaces", "action", std::string("Fibonacci") + part};
    EXPECT_EQ(fresh.message(name).name, name);
  }
  InterfaceLibrary fresh({RCLITE_INTERFACES_DIR});
  EXPECT_EQ(fresh.service({"example_interfaces", "action", "Fibonacci_GetResult"}).response.fields.size(), 2u);
  EXPECT_EQ(library.list("example_interfaces", "action"), std::vector<TypeName>{kFibonacci});
}

// The five entities of the action /fibonacci in the real Jazzy capture: topic names, DDS type
// names and the RIHS01 hashes in USER_DATA (both sides of every entity) equal ours.
TEST(ActionInterfaces, EndpointsOfTheJazzyCaptureCarryOurTypeNamesAndHashes) {
  using Impl = Fibonacci::Impl;
  struct Expected {
    std::string_view dds_type_name;
    std::string_view type_hash;
  };
  const std::map<std::string, Expected> expected{
      {"rq/fibonacci/_action/send_goalRequest",
       {MessageTraits<Impl::SendGoalService::Request>::dds_type_name, MessageTraits<Impl::SendGoalService::Request>::type_hash}},
      {"rr/fibonacci/_action/send_goalReply",
       {MessageTraits<Impl::SendGoalService::Response>::dds_type_name, MessageTraits<Impl::SendGoalService::Response>::type_hash}},
      {"rq/fibonacci/_action/get_resultRequest",
       {MessageTraits<Impl::GetResultService::Request>::dds_type_name, MessageTraits<Impl::GetResultService::Request>::type_hash}},
      {"rr/fibonacci/_action/get_resultReply",
       {MessageTraits<Impl::GetResultService::Response>::dds_type_name, MessageTraits<Impl::GetResultService::Response>::type_hash}},
      {"rq/fibonacci/_action/cancel_goalRequest",
       {MessageTraits<Impl::CancelGoalService::Request>::dds_type_name, MessageTraits<Impl::CancelGoalService::Request>::type_hash}},
      {"rr/fibonacci/_action/cancel_goalReply",
       {MessageTraits<Impl::CancelGoalService::Response>::dds_type_name, MessageTraits<Impl::CancelGoalService::Response>::type_hash}},
      {"rt/fibonacci/_action/feedback",
       {MessageTraits<Impl::FeedbackMessage>::dds_type_name, MessageTraits<Impl::FeedbackMessage>::type_hash}},
      {"rt/fibonacci/_action/status",
       {MessageTraits<Impl::GoalStatusMessage>::dds_type_name, MessageTraits<Impl::GoalStatusMessage>::type_hash}},
  };
  const auto captured = captured_endpoints();
  ASSERT_EQ(captured.size(), expected.size());
  for (const auto& [topic, endpoints] : captured) {
    SCOPED_TRACE(topic);
    const auto found = expected.find(topic);
    ASSERT_NE(found, expected.end());
    EXPECT_EQ(endpoints.size(), 2u);  // the server's and the client's
    for (const auto& endpoint : endpoints) {
      EXPECT_EQ(endpoint.type, found->second.dds_type_name);
      EXPECT_EQ(endpoint.hash, found->second.type_hash);
    }
  }
  EXPECT_EQ(MessageTraits<Impl::SendGoalService::Request>::dds_type_name,
            "example_interfaces::action::dds_::Fibonacci_SendGoal_Request_");
  EXPECT_EQ(MessageTraits<Impl::FeedbackMessage>::ros_type_name, "example_interfaces/action/Fibonacci_FeedbackMessage");
}

// The hashes that are not on the wire, as rosidl generated them for Jazzy's example_interfaces
// (fibonacci__struct.h of a Jazzy build); the ones on the wire are checked against the capture above.
TEST(ActionInterfaces, HashesEqualRosidlsForTheActionAndEveryDerivedType) {
  using Impl = Fibonacci::Impl;
  EXPECT_EQ(ActionTraits<Fibonacci>::type_hash, "RIHS01_9508051da1ea4658de144b09bd0690ff3de52104683d847aed764d2915906f51");
  EXPECT_EQ(MessageTraits<Fibonacci::Goal>::type_hash, "RIHS01_226cb437e4355dcd3e914f930382a3b0cc1da81545bd319ed554e95a03255f51");
  EXPECT_EQ(MessageTraits<Fibonacci::Result>::type_hash, "RIHS01_fea81394f25aa4502217953f1a021fb750e79c10bbd43f13dd94632da6569649");
  EXPECT_EQ(MessageTraits<Fibonacci::Feedback>::type_hash, "RIHS01_2b12e37361da6f408d4c85bc24a18de64333f29082f2ca34b5ee33dc4c8b42a9");
  EXPECT_EQ(ServiceTraits<Impl::SendGoalService>::type_hash, "RIHS01_d1a57fb2a4afe8c21e34fb10db206f16ce6729b28531141472df92277c55b557");
  EXPECT_EQ(MessageTraits<Impl::SendGoalService::Event>::type_hash, "RIHS01_d5e5b312dbf847307b0e876c2ecc9d80258e95b0d17f8f7bfc581c4a29c83484");
  EXPECT_EQ(ServiceTraits<Impl::GetResultService>::type_hash, "RIHS01_1b0de0d5d29dc955d92f546706568428632771db13ec84c15ec1c1a59f424a57");
  EXPECT_EQ(MessageTraits<Impl::GetResultService::Event>::type_hash, "RIHS01_ac4e9cdb954c2e192c9f0753d46f59ab6f0101d5fb5b9542fd8ab2906e40c4d9");
  EXPECT_EQ(ActionTraits<Fibonacci>::ros_type_name, "example_interfaces/action/Fibonacci");
}

// The runtime library (what the CLI and the type description service use) computes the same hashes
// as the generated code.
TEST(ActionInterfaces, RuntimeLibraryHashesEqualTheGeneratedOnes) {
  InterfaceLibrary library({RCLITE_INTERFACES_DIR});
  EXPECT_EQ(library.hash_of(library.action(kFibonacci)), ActionTraits<Fibonacci>::type_hash);
  EXPECT_EQ(library.hash_of(library.message({"example_interfaces", "action", "Fibonacci_FeedbackMessage"})),
            MessageTraits<Fibonacci::Impl::FeedbackMessage>::type_hash);
  EXPECT_EQ(library.hash_of(library.service({"example_interfaces", "action", "Fibonacci_SendGoal"})),
            ServiceTraits<Fibonacci::Impl::SendGoalService>::type_hash);
  EXPECT_EQ(library.hash_of(library.service({"action_msgs", "srv", "CancelGoal"})),
            ServiceTraits<action_msgs::srv::CancelGoal>::type_hash);
}

TEST(ActionInterfaces, GeneratedActionCarriesTheDefinitionText) {
  EXPECT_EQ(ActionTraits<Fibonacci>::definition,
            "# Goal\nint32 order\n---\n# Result\nint32[] sequence\n---\n# Feedback\nint32[] sequence\n");
  EXPECT_EQ(MessageTraits<Fibonacci::Goal>::definition, "# Goal\nint32 order\n");
  EXPECT_TRUE((std::is_same_v<ActionTraits<Fibonacci>::SendGoalService, Fibonacci::Impl::SendGoalService>));
  EXPECT_TRUE(rclite::wire::is_action_v<Fibonacci>);
  EXPECT_FALSE(rclite::wire::is_action_v<Fibonacci::Goal>);
}

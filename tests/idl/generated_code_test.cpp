// What rclite-idl generates: names, defaults, constants, keyword members, definition text.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <rcl_interfaces/msg/log.hpp>
#include <rcl_interfaces/msg/parameter_descriptor.hpp>
#include <rclite_test_msgs/action/navigate.hpp>
#include <rclite_test_msgs/msg/everything.hpp>
#include <rclite_test_msgs/srv/compute.hpp>
#include <std_msgs/msg/u_int8.hpp>
#include <type_description_interfaces/srv/get_type_description.hpp>

#include "rclite/idl/interface_library.hpp"
#include "rclite/wire/cdr.hpp"

using rclite::wire::MessageTraits;
using rclite::wire::ServiceTraits;

static_assert(rclite::wire::Service<example_interfaces::srv::AddTwoInts>);
static_assert(rclite::wire::Message<example_interfaces::srv::AddTwoInts::Request>);
static_assert(!rclite::wire::Message<int>);

TEST(GeneratedCode, CarriesDdsAndRosTypeNames) {
  using Request = example_interfaces::srv::AddTwoInts::Request;
  EXPECT_EQ(MessageTraits<Request>::dds_type_name, "example_interfaces::srv::dds_::AddTwoInts_Request_");
  EXPECT_EQ(MessageTraits<Request>::ros_type_name, "example_interfaces/srv/AddTwoInts_Request");
  EXPECT_EQ(ServiceTraits<example_interfaces::srv::AddTwoInts>::ros_type_name, "example_interfaces/srv/AddTwoInts");
  EXPECT_EQ(MessageTraits<rcl_interfaces::msg::Log>::dds_type_name, "rcl_interfaces::msg::dds_::Log_");
  EXPECT_EQ(MessageTraits<std_msgs::msg::UInt8>::ros_type_name, "std_msgs/msg/UInt8");  // header u_int8.hpp
}

TEST(GeneratedCode, CarriesTheDefinitionText) {
  EXPECT_EQ(ServiceTraits<example_interfaces::srv::AddTwoInts>::definition, "int64 a\nint64 b\n---\nint64 sum\n");
  EXPECT_EQ(MessageTraits<example_interfaces::srv::AddTwoInts::Response>::definition, "int64 sum\n");
}

TEST(GeneratedCode, AppliesDefaultValuesAndConstants) {
  EXPECT_FALSE(rcl_interfaces::msg::ParameterDescriptor{}.read_only);
  EXPECT_TRUE(type_description_interfaces::srv::GetTypeDescription::Request{}.include_type_sources);
  EXPECT_EQ(rcl_interfaces::msg::Log::DEBUG, 10);
  EXPECT_EQ(rcl_interfaces::msg::Log::FATAL, 50);

  using rclite_test_msgs::msg::Everything;
  EXPECT_EQ(Everything::SMALL, -128);
  EXPECT_EQ(Everything::BIG, 18446744073709551615ull);
  EXPECT_EQ(Everything::MOST_NEGATIVE, INT64_MIN);
  EXPECT_DOUBLE_EQ(Everything::PI, 3.14159);
  EXPECT_EQ(Everything::GREETING, "hello # not a comment");
  EXPECT_EQ(Everything::PLAIN, "as is, with spaces");
  EXPECT_TRUE(Everything::YES);

  const Everything value;
  EXPECT_TRUE(value.flag);
  EXPECT_EQ(value.raw, 0xff);
  EXPECT_EQ(value.letter, 65);
  EXPECT_FLOAT_EQ(value.ratio, 0.5f);
  EXPECT_DOUBLE_EQ(value.scale, -1e-3);
  EXPECT_EQ(value.count, -7);
  EXPECT_EQ(value.mask, 10);
  EXPECT_EQ(value.name, "it's \"quoted\"");
  EXPECT_EQ(value.short_name, "abc");
  EXPECT_EQ(value.wide, u"wide");
  EXPECT_EQ(value.triple, (std::array<std::int32_t, 3>{1, 2, 3}));
  EXPECT_EQ(value.bounded, (std::vector<double>{1.5, -2.0}));
  EXPECT_EQ(value.words, (std::vector<std::string>{"a,b", "c"}));
  EXPECT_TRUE(value.tiny_words.empty());
  EXPECT_EQ(value.flags, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(value.class_, 0);                 // keyword field renamed
  EXPECT_EQ(value.inner.value, 9);            // nested default
  EXPECT_EQ(value.pair[1].value, 9);
}

TEST(GeneratedCode, ChecksNestedBoundsOnEncode) {
  rclite_test_msgs::msg::Everything value;
  value.tiny_words = {"abc", "de"};
  EXPECT_NO_THROW(rclite::wire::encode(value));
  value.tiny_words = {"abcd"};  // string<=3
  EXPECT_THROW(rclite::wire::encode(value), rclite::wire::CdrError);
  value.tiny_words = {"a", "b", "c"};  // [<=2]
  EXPECT_THROW(rclite::wire::encode(value), rclite::wire::CdrError);
}

TEST(GeneratedCode, UserServiceRoundTrips) {
  rclite_test_msgs::srv::Compute::Request request;
  request.input.count = 99;
  request.input.words = {"x"};
  const auto bytes = rclite::wire::encode(request);
  EXPECT_EQ(rclite::wire::decode<rclite_test_msgs::srv::Compute::Request>(bytes), request);
  EXPECT_EQ(rclite_test_msgs::srv::Compute::Response{}.note, "ok");
  EXPECT_EQ(MessageTraits<rclite_test_msgs::srv::Compute::Response>::type_hash.substr(0, 7), "RIHS01_");
}

// A package's own .action file through rclite_generate_interfaces: its parts resolve bare names to
// the package's messages, keep defaults and constants, and the derived types round-trip.
TEST(GeneratedCode, UserActionRoundTrips) {
  using Navigate = rclite_test_msgs::action::Navigate;
  Navigate::Impl::SendGoalService::Request request;
  request.goal_id.uuid[3] = 7;
  EXPECT_EQ(request.goal.tolerance, 0.5);
  EXPECT_EQ(request.goal.target.value, 9);
  request.goal.target.value = 3;
  EXPECT_EQ(rclite::wire::decode<Navigate::Impl::SendGoalService::Request>(rclite::wire::encode(request)), request);
  Navigate::Impl::GetResultService::Response response;
  response.status = 4;
  response.result.outcome = Navigate::Result::OUTCOME_LOST;
  response.result.path.resize(2);
  EXPECT_EQ(rclite::wire::decode<Navigate::Impl::GetResultService::Response>(rclite::wire::encode(response)), response);
  EXPECT_EQ(rclite::wire::ActionTraits<Navigate>::ros_type_name, "rclite_test_msgs/action/Navigate");
  EXPECT_EQ(MessageTraits<Navigate::Impl::FeedbackMessage>::dds_type_name,
            "rclite_test_msgs::action::dds_::Navigate_FeedbackMessage_");
  rclite::idl::InterfaceLibrary library({RCLITE_INTERFACES_DIR, RCLITE_SOURCE_DIR "/tests/idl/interfaces"});
  EXPECT_EQ(library.hash_of(library.action({"rclite_test_msgs", "action", "Navigate"})),
            rclite::wire::ActionTraits<Navigate>::type_hash);
}

TEST(GeneratedCode, VisitsFieldsInOrderWithTheirBounds) {
  rcl_interfaces::msg::ParameterDescriptor descriptor;
  std::vector<std::string> names;
  std::size_t range_bound = 0;
  MessageTraits<rcl_interfaces::msg::ParameterDescriptor>::visit_fields(
      descriptor, [&](std::string_view name, auto&, rclite::wire::Bounds bounds) {
        names.emplace_back(name);
        if (name == "floating_point_range") range_bound = bounds.sequence;
      });
  EXPECT_EQ(names.front(), "name");
  EXPECT_EQ(names.back(), "integer_range");
  EXPECT_EQ(range_bound, 1u);
}

// The samples of a real ROS 2 Jazzy action exchange (rclpy Fibonacci server and client, goal order 6)
// decode with our generated action types and re-encode byte for byte.
#include <gtest/gtest.h>

#include <action_msgs/msg/goal_status_array.hpp>
#include <example_interfaces/action/fibonacci.hpp>

#include <sstream>

#include "rclite/wire/cdr.hpp"
#include "support/hex.hpp"

using namespace rclite::wire;
using example_interfaces::action::Fibonacci;
using rclite::test::data_lines;
using rclite::test::from_hex;
using rclite::test::to_hex;

namespace {

struct CapturedSample {
  std::string topic;
  std::vector<std::uint8_t> payload;
};

std::vector<CapturedSample> samples_on(const std::string& topic) {
  std::vector<CapturedSample> samples;
  for (const auto& line : data_lines("jazzy_fibonacci_action_samples.txt")) {
    std::istringstream in(line);
    CapturedSample sample;
    std::string guid, sn, rest;
    in >> sample.topic >> guid >> sn;
    std::getline(in, rest);
    sample.payload = from_hex(rest);
    if (sample.topic == topic) samples.push_back(sample);
  }
  return samples;
}

// The goal id the client chose, as the capture has it.
const std::array<std::uint8_t, 16> kGoalId{0x20, 0x8c, 0x5d, 0x08, 0xcd, 0x6d, 0x45, 0xda,
                                          0xad, 0xe5, 0x86, 0x7e, 0x5f, 0x4a, 0xad, 0xc4};

// Decodes a service sample as T and checks that encoding it again gives the same bytes.
template <class T>
std::pair<RequestHeader, T> decode_and_reencode_service(const CapturedSample& sample) {
  T message;
  const RequestHeader header = decode_service_sample(sample.payload, message);
  std::vector<std::uint8_t> out;
  encode_service_sample(header, message, out);
  EXPECT_EQ(to_hex(out), to_hex(sample.payload)) << sample.topic;
  return {header, message};
}

template <class T>
T decode_and_reencode(const CapturedSample& sample) {
  const auto message = decode<T>(sample.payload);
  EXPECT_EQ(to_hex(encode(message)), to_hex(sample.payload)) << sample.topic;
  return message;
}

}  // namespace

TEST(ActionGoldenSamples, SendGoalRequestAndReplyDecodeAndReencodeByteEqual) {
  const auto requests = samples_on("rq/fibonacci/_action/send_goalRequest");
  const auto replies = samples_on("rr/fibonacci/_action/send_goalReply");
  ASSERT_EQ(requests.size(), 1u);
  ASSERT_EQ(replies.size(), 1u);
  const auto [request_header, request] =
      decode_and_reencode_service<Fibonacci::Impl::SendGoalService::Request>(requests[0]);
  EXPECT_EQ(request.goal_id.uuid, kGoalId);
  EXPECT_EQ(request.goal.order, 6);
  EXPECT_EQ(request_header.sequence, 1);

  const auto [reply_header, response] =
      decode_and_reencode_service<Fibonacci::Impl::SendGoalService::Response>(replies[0]);
  EXPECT_EQ(reply_header, request_header);
  EXPECT_TRUE(response.accepted);
  EXPECT_EQ(response.stamp.sec, 0x6b1064ac);
  EXPECT_EQ(response.stamp.nanosec, 0x056c093au);
}

TEST(ActionGoldenSamples, GetResultRequestAndReplyDecodeAndReencodeByteEqual) {
  const auto requests = samples_on("rq/fibonacci/_action/get_resultRequest");
  const auto replies = samples_on("rr/fibonacci/_action/get_resultReply");
  ASSERT_EQ(requests.size(), 1u);
  ASSERT_EQ(replies.size(), 1u);
  const auto [request_header, request] =
      decode_and_reencode_service<Fibonacci::Impl::GetResultService::Request>(requests[0]);
  EXPECT_EQ(request.goal_id.uuid, kGoalId);
  // rmw_cyclonedds numbers requests per process, not per client (spec §6): the get_result
  // client's first request is the process's second.
  EXPECT_EQ(request_header.sequence, 2);

  const auto [reply_header, response] =
      decode_and_reencode_service<Fibonacci::Impl::GetResultService::Response>(replies[0]);
  EXPECT_EQ(reply_header, request_header);
  EXPECT_EQ(response.status, action_msgs::msg::GoalStatus::STATUS_SUCCEEDED);
  EXPECT_EQ(response.result.sequence, (std::vector<std::int32_t>{0, 1, 1, 2, 3, 5, 8}));
}

TEST(ActionGoldenSamples, FeedbackMessagesDecodeAndReencodeByteEqualInOrder) {
  const auto samples = samples_on("rt/fibonacci/_action/feedback");
  ASSERT_EQ(samples.size(), 5u);
  std::vector<std::int32_t> expected{0, 1, 1};
  for (const auto& sample : samples) {
    const auto message = decode_and_reencode<Fibonacci::Impl::FeedbackMessage>(sample);
    EXPECT_EQ(message.goal_id.uuid, kGoalId);
    EXPECT_EQ(message.feedback.sequence, expected);
    expected.push_back(expected[expected.size() - 1] + expected[expected.size() - 2]);
  }
}

TEST(ActionGoldenSamples, StatusArraysDecodeAndReencodeByteEqual) {
  const auto samples = samples_on("rt/fibonacci/_action/status");
  ASSERT_EQ(samples.size(), 2u);
  std::vector<std::int8_t> statuses;
  for (const auto& sample : samples) {
    const auto message = decode_and_reencode<Fibonacci::Impl::GoalStatusMessage>(sample);
    ASSERT_EQ(message.status_list.size(), 1u);
    const auto& status = message.status_list[0];
    EXPECT_EQ(status.goal_info.goal_id.uuid, kGoalId);
    // rcl_action stamps the goal when it accepts it, apart from the stamp rclpy put in the
    // SendGoal reply (same second, nanoseconds 0x056d0b26 vs 0x056c093a).
    EXPECT_EQ(status.goal_info.stamp.sec, 0x6b1064ac);
    EXPECT_EQ(status.goal_info.stamp.nanosec, 0x056d0b26u);
    statuses.push_back(status.status);
  }
  EXPECT_EQ(statuses, (std::vector<std::int8_t>{action_msgs::msg::GoalStatus::STATUS_EXECUTING,
                                                action_msgs::msg::GoalStatus::STATUS_SUCCEEDED}));
}

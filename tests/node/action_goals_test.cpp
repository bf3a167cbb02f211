// rcl_action's rules without DDS: the goal state machine and the goals a cancel request applies to.
#include <gtest/gtest.h>

#include "rclite/detail/action_goals.hpp"

using action_msgs::msg::GoalStatus;
using rclite::detail::GoalEvent;
using rclite::detail::GoalState;
using rclite::detail::goal_transition;
using rclite::detail::select_goals_to_cancel;
using CancelResponse = action_msgs::srv::CancelGoal::Response;

namespace {

GoalState goal(std::uint8_t id, std::int32_t sec, std::int8_t status) {
  GoalState state;
  state.id[0] = id;
  state.stamp.sec = sec;
  state.status = status;
  return state;
}

action_msgs::msg::GoalInfo request(std::uint8_t id, std::int32_t sec) {
  action_msgs::msg::GoalInfo info;
  info.goal_id.uuid[0] = id;
  info.stamp.sec = sec;
  return info;
}

std::vector<int> ids(const rclite::detail::CancelSelection& selection) {
  std::vector<int> out;
  for (const auto& id : selection.goals) out.push_back(id[0]);
  return out;
}

}  // namespace

TEST(GoalStateMachine, AllowsOnlyRclActionsTransitions) {
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_ACCEPTED, GoalEvent::Execute), GoalStatus::STATUS_EXECUTING);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_ACCEPTED, GoalEvent::CancelGoal), GoalStatus::STATUS_CANCELING);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_ACCEPTED, GoalEvent::Succeed), std::nullopt);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_EXECUTING, GoalEvent::Succeed), GoalStatus::STATUS_SUCCEEDED);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_EXECUTING, GoalEvent::Abort), GoalStatus::STATUS_ABORTED);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_EXECUTING, GoalEvent::Canceled), std::nullopt);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_EXECUTING, GoalEvent::Execute), std::nullopt);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_CANCELING, GoalEvent::Canceled), GoalStatus::STATUS_CANCELED);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_CANCELING, GoalEvent::Succeed), GoalStatus::STATUS_SUCCEEDED);
  EXPECT_EQ(goal_transition(GoalStatus::STATUS_CANCELING, GoalEvent::CancelGoal), std::nullopt);
  for (const auto terminal : {GoalStatus::STATUS_SUCCEEDED, GoalStatus::STATUS_CANCELED, GoalStatus::STATUS_ABORTED}) {
    for (const auto event : {GoalEvent::Execute, GoalEvent::CancelGoal, GoalEvent::Succeed, GoalEvent::Abort,
                             GoalEvent::Canceled}) {
      EXPECT_EQ(goal_transition(terminal, event), std::nullopt);
    }
  }
}

TEST(CancelRules, ZeroIdAndStampCancelEveryCancelableGoal) {
  const std::vector<GoalState> goals{goal(1, 10, GoalStatus::STATUS_ACCEPTED), goal(2, 20, GoalStatus::STATUS_EXECUTING),
                                     goal(3, 30, GoalStatus::STATUS_CANCELING), goal(4, 5, GoalStatus::STATUS_SUCCEEDED)};
  const auto selection = select_goals_to_cancel(goals, request(0, 0));
  EXPECT_EQ(ids(selection), (std::vector<int>{1, 2}));
  EXPECT_EQ(selection.return_code, CancelResponse::ERROR_NONE);
  EXPECT_EQ(select_goals_to_cancel({}, request(0, 0)).return_code, CancelResponse::ERROR_NONE);
}

TEST(CancelRules, AStampCancelsTheGoalsAcceptedAtOrBeforeIt) {
  const std::vector<GoalState> goals{goal(1, 10, GoalStatus::STATUS_EXECUTING), goal(2, 20, GoalStatus::STATUS_EXECUTING),
                                     goal(3, 30, GoalStatus::STATUS_EXECUTING)};
  EXPECT_EQ(ids(select_goals_to_cancel(goals, request(0, 20))), (std::vector<int>{1, 2}));
  // With an id too: those, and the goal with the id whatever its stamp; never an error code.
  const auto both = select_goals_to_cancel(goals, request(3, 10));
  EXPECT_EQ(ids(both), (std::vector<int>{1, 3}));
  EXPECT_EQ(both.return_code, CancelResponse::ERROR_NONE);
  EXPECT_EQ(select_goals_to_cancel(goals, request(9, 5)).return_code, CancelResponse::ERROR_NONE);
}

TEST(CancelRules, AnIdAloneCancelsThatGoalOrSaysWhyNot) {
  const std::vector<GoalState> goals{goal(1, 10, GoalStatus::STATUS_EXECUTING), goal(2, 20, GoalStatus::STATUS_ABORTED),
                                     goal(3, 30, GoalStatus::STATUS_CANCELING)};
  const auto one = select_goals_to_cancel(goals, request(1, 0));
  EXPECT_EQ(ids(one), (std::vector<int>{1}));
  EXPECT_EQ(one.return_code, CancelResponse::ERROR_NONE);
  EXPECT_EQ(select_goals_to_cancel(goals, request(2, 0)).return_code, CancelResponse::ERROR_GOAL_TERMINATED);
  // rcl: "not cancelable" is reported as terminated, a goal already canceling included.
  EXPECT_EQ(select_goals_to_cancel(goals, request(3, 0)).return_code, CancelResponse::ERROR_GOAL_TERMINATED);
  const auto unknown = select_goals_to_cancel(goals, request(7, 0));
  EXPECT_TRUE(unknown.goals.empty());
  EXPECT_EQ(unknown.return_code, CancelResponse::ERROR_UNKNOWN_GOAL_ID);
}

TEST(GoalIds, AreRandomVersion4UuidsPrintedAsRclcppDoes) {
  const auto id = rclite::detail::random_goal_id();
  EXPECT_NE(id, rclite::detail::random_goal_id());
  EXPECT_EQ(id[6] >> 4, 4);
  EXPECT_EQ(id[8] >> 6, 2);
  rclite::GoalUUID fixed{0x20, 0x8c, 0x5d, 0x08, 0xcd, 0x6d, 0x45, 0xda, 0xad, 0xe5, 0x86, 0x7e, 0x5f, 0x4a, 0xad, 0xc4};
  EXPECT_EQ(rclite::to_string(fixed), "208c5d08-cd6d-45da-ade5-867e5f4aadc4");
}

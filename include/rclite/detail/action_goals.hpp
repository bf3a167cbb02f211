// The parts of actions that do not depend on the action type: goal ids, rcl_action's goal state
// machine and its rules for choosing the goals a cancel request applies to.
#pragma once

#include <action_msgs/msg/goal_info.hpp>
#include <action_msgs/msg/goal_status.hpp>
#include <action_msgs/srv/cancel_goal.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rclite {

/// A goal's id (unique_identifier_msgs/UUID's bytes), as rclcpp_action's GoalUUID.
using GoalUUID = std::array<std::uint8_t, 16>;

/// "0123...-...": the UUID in its canonical text form (rclcpp_action::to_string).
std::string to_string(const GoalUUID& id);

namespace detail {

/// A random (version 4) goal id, as clients choose them.
GoalUUID random_goal_id();

/// What happens to a goal (rcl_action_goal_event_t).
enum class GoalEvent : std::uint8_t { Execute, CancelGoal, Succeed, Abort, Canceled };

/// rcl_action's goal state machine: the status after `event` in `status`, nullopt when the
/// transition is not allowed.
std::optional<std::int8_t> goal_transition(std::int8_t status, GoalEvent event) noexcept;
/// SUCCEEDED, CANCELED and ABORTED.
bool is_terminal(std::int8_t status) noexcept;
/// "ACCEPTED", "EXECUTING", ... for messages.
const char* status_name(std::int8_t status) noexcept;
/// "execute", "cancel", ... for messages.
const char* event_name(GoalEvent event) noexcept;

/// One goal as the cancel rules see it.
struct GoalState {
  GoalUUID id{};
  builtin_interfaces::msg::Time stamp{};
  std::int8_t status = action_msgs::msg::GoalStatus::STATUS_UNKNOWN;
};

/// The goals a CancelGoal request applies to, and the return code if none of them is canceled
/// (rcl_action_process_cancel_request): an id alone selects that goal (ERROR_UNKNOWN_GOAL_ID when
/// there is none, ERROR_GOAL_TERMINATED when it cannot be canceled any more); otherwise every goal
/// accepted at or before the stamp (zero id and stamp: every goal) and the goal with the id, if any,
/// with ERROR_NONE. Only cancelable goals (ACCEPTED, EXECUTING) are selected.
struct CancelSelection {
  std::vector<GoalUUID> goals;
  std::int8_t return_code = action_msgs::srv::CancelGoal::Response::ERROR_NONE;
};
CancelSelection select_goals_to_cancel(const std::vector<GoalState>& goals, const action_msgs::msg::GoalInfo& request);

}  // namespace detail
}  // namespace rclite

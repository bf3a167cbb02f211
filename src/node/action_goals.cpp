#include "rclite/detail/action_goals.hpp"

#include <algorithm>
#include <random>

namespace rclite {

using action_msgs::msg::GoalStatus;
using CancelResponse = action_msgs::srv::CancelGoal::Response;

std::string to_string(const GoalUUID& id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[id[i] >> 4];
    text += kHex[id[i] & 0xf];
  }
  return text;
}

namespace detail {

GoalUUID random_goal_id() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  GoalUUID id;
  for (std::size_t i = 0; i < id.size(); i += 8) {
    const std::uint64_t bits = engine();
    for (std::size_t k = 0; k < 8; ++k) id[i + k] = static_cast<std::uint8_t>(bits >> (8 * k));
  }
  id[6] = static_cast<std::uint8_t>((id[6] & 0x0f) | 0x40);  // version 4
  id[8] = static_cast<std::uint8_t>((id[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return id;
}

std::optional<std::int8_t> goal_transition(std::int8_t status, GoalEvent event) noexcept {
  // rcl_action goal_state_machine.c: the transitions it allows, every other one is an error.
  switch (status) {
    case GoalStatus::STATUS_ACCEPTED:
      if (event == GoalEvent::Execute) return GoalStatus::STATUS_EXECUTING;
      if (event == GoalEvent::CancelGoal) return GoalStatus::STATUS_CANCELING;
      break;
    case GoalStatus::STATUS_EXECUTING:
      if (event == GoalEvent::CancelGoal) return GoalStatus::STATUS_CANCELING;
      if (event == GoalEvent::Succeed) return GoalStatus::STATUS_SUCCEEDED;
      if (event == GoalEvent::Abort) return GoalStatus::STATUS_ABORTED;
      break;
    case GoalStatus::STATUS_CANCELING:
      if (event == GoalEvent::Succeed) return GoalStatus::STATUS_SUCCEEDED;
      if (event == GoalEvent::Abort) return GoalStatus::STATUS_ABORTED;
      if (event == GoalEvent::Canceled) return GoalStatus::STATUS_CANCELED;
      break;
    default: break;
  }
  return std::nullopt;
}

bool is_terminal(std::int8_t status) noexcept {
  return status == GoalStatus::STATUS_SUCCEEDED || status == GoalStatus::STATUS_CANCELED ||
         status == GoalStatus::STATUS_ABORTED;
}

const char* status_name(std::int8_t status) noexcept {
  switch (status) {
    case GoalStatus::STATUS_ACCEPTED: return "ACCEPTED";
    case GoalStatus::STATUS_EXECUTING: return "EXECUTING";
    case GoalStatus::STATUS_CANCELING: return "CANCELING";
    case GoalStatus::STATUS_SUCCEEDED: return "SUCCEEDED";
    case GoalStatus::STATUS_CANCELED: return "CANCELED";
    case GoalStatus::STATUS_ABORTED: return "ABORTED";
    default: return "UNKNOWN";
  }
}

const char* event_name(GoalEvent event) noexcept {
  switch (event) {
    case GoalEvent::Execute: return "execute";
    case GoalEvent::CancelGoal: return "cancel";
    case GoalEvent::Succeed: return "succeed";
    case GoalEvent::Abort: return "abort";
    case GoalEvent::Canceled: return "canceled";
  }
  return "?";
}

namespace {
bool at_or_before(const builtin_interfaces::msg::Time& stamp, const builtin_interfaces::msg::Time& limit) {
  return stamp.sec < limit.sec || (stamp.sec == limit.sec && stamp.nanosec <= limit.nanosec);
}
// rcl_action_goal_handle_is_cancelable: ACCEPTED or EXECUTING.
bool is_cancelable(std::int8_t status) { return goal_transition(status, GoalEvent::CancelGoal).has_value(); }
}  // namespace

// rcl_action_process_cancel_request (action_server.c), case by case.
CancelSelection select_goals_to_cancel(const std::vector<GoalState>& goals, const action_msgs::msg::GoalInfo& request) {
  CancelSelection selection;
  const bool zero_id = std::all_of(request.goal_id.uuid.begin(), request.goal_id.uuid.end(),
                                   [](std::uint8_t byte) { return byte == 0; });
  const bool zero_stamp = request.stamp.sec == 0 && request.stamp.nanosec == 0;
  if (!zero_id && zero_stamp) {  // exactly that goal
    selection.return_code = CancelResponse::ERROR_UNKNOWN_GOAL_ID;
    for (const GoalState& goal : goals) {
      if (goal.id != request.goal_id.uuid) continue;
      if (is_cancelable(goal.status)) {
        selection.goals.push_back(goal.id);
        selection.return_code = CancelResponse::ERROR_NONE;
      } else {
        selection.return_code = CancelResponse::ERROR_GOAL_TERMINATED;
      }
      break;
    }
    return selection;
  }
  // Every cancelable goal accepted at or before the stamp (all of them without one), and the one
  // with the id; rcl answers ERROR_NONE even when none is found.
  for (const GoalState& goal : goals) {
    if (!is_cancelable(goal.status)) continue;
    if ((zero_id && zero_stamp) || (!zero_stamp && at_or_before(goal.stamp, request.stamp)) ||
        (!zero_id && goal.id == request.goal_id.uuid)) {
      selection.goals.push_back(goal.id);
    }
  }
  return selection;
}

}  // namespace detail
}  // namespace rclite

/// @file
/// Clocks: SYSTEM_TIME (wall clock), STEADY_TIME (monotonic) and ROS_TIME, which is system time
/// until something (a node's `use_sim_time` time source, or a simulator calling the override
/// methods below) makes it follow simulated time. rcl's semantics throughout, including time-jump
/// callbacks: before and after ROS time is activated or deactivated, or jumps forward or backward
/// by at least a threshold.
///
/// @code{.unparsed}
///   auto clock = node.get_clock();           // the node's ROS_TIME clock
///   rclite::Time t = clock->now();
///   clock->sleep_for(500ms);                  // wakes early (false) on shutdown
///   auto handler = clock->create_jump_callback(nullptr, [](const rclite::TimeJump& jump) { ... },
///                                              {.on_clock_change = true, .min_backward = -1ns});
/// @endcode
#pragma once

#include <functional>
#include <memory>

#include "rclite/duration.hpp"
#include "rclite/time.hpp"

namespace rclite {

class Context;

namespace detail {
class ClockState;
struct ClockAccess;
}  // namespace detail

/// rcl_clock_change_t (same values).
enum class ClockChange : std::uint8_t {
  ROS_TIME_NO_CHANGE = 1,    ///< ROS time active, and it jumped
  ROS_TIME_ACTIVATED = 2,    ///< ROS time starts following the override (simulated time)
  ROS_TIME_DEACTIVATED = 3,  ///< ROS time is system time again
  SYSTEM_TIME_NO_CHANGE = 4,
};

/// What a jump callback is told (rcl_time_jump_t).
struct TimeJump {
  ClockChange clock_change = ClockChange::ROS_TIME_NO_CHANGE;  ///< whether ROS time was activated or deactivated
  Duration delta;  ///< new time - old time (zero for activation changes)
};

/// Which jumps call a handler (rcl_jump_threshold_t): activation changes if `on_clock_change`;
/// forward jumps of at least `min_forward` when it is positive; backward jumps of at least
/// |min_backward| when it is negative. Zero turns a direction off.
struct JumpThreshold {
  bool on_clock_change = true;  ///< activation changes call the handler
  Duration min_forward;  ///< forward jumps at least this long (zero: none)
  Duration min_backward;  ///< backward jumps at least this long, negative (zero: none)
};

/// Runs before a jump is applied.
using PreJumpCallback = std::function<void()>;
/// Runs after a jump, with what it was.
using PostJumpCallback = std::function<void(const TimeJump&)>;

/// Keeps a jump callback registered while it lives; destroying it waits for a callback running in
/// another thread (so what the callback captures may be destroyed right after).
class JumpHandler {
 public:
  ~JumpHandler();
  JumpHandler(const JumpHandler&) = delete;
  JumpHandler& operator=(const JumpHandler&) = delete;

 private:
  friend class Clock;
  JumpHandler(std::shared_ptr<detail::ClockState> clock, std::uint64_t id) : clock_(std::move(clock)), id_(id) {}
  std::shared_ptr<detail::ClockState> clock_;
  std::uint64_t id_;
};

/// A clock of one type (rclcpp::Clock): ROS_TIME follows simulated time when its override is enabled.
class Clock {
 public:
  /// A clock of `type`.
  explicit Clock(ClockType type = ClockType::SYSTEM_TIME);
  ~Clock();
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;

  /// For ROS_TIME while simulated time is active: the last time set (0 before the first /clock).
  Time now() const;
  /// The clock's type.
  ClockType get_clock_type() const;
  /// Whether ROS time follows the override (simulated time). False for other clock types.
  bool ros_time_is_active() const;
  /// False only while ROS time is active and still at zero (no /clock received yet).
  bool started() const;

  /// Sleep until `until` (of this clock's type, else std::runtime_error) on this clock: simulated
  /// time wakes on its progress. True when `until` was reached; false when the context shut down
  /// first or ROS time was activated or deactivated meanwhile (the sleep's meaning changed, as in
  /// rclcpp). Without a context, the default context's shutdown wakes it (if there is one).
  bool sleep_until(Time until, Context& context);
  /// sleep_until on the default context.
  bool sleep_until(Time until);
  /// @{
  /// Sleeps for `duration` from now on this clock; as sleep_until (with the default context when none is given).
  bool sleep_for(Duration duration, Context& context);
  bool sleep_for(Duration duration);
  /// @}
  /// Waits (on the steady clock, at most `timeout`) until started(); false on timeout or shutdown.
  bool wait_until_started(Duration timeout, Context& context);
  /// wait_until_started on the default context.
  bool wait_until_started(Duration timeout);

  /// `pre` runs before the jump is applied, `post` after it; either may be null. Callbacks run in
  /// the thread that changes the time (for use_sim_time: a DDS thread delivering /clock), one
  /// jump at a time; they may create and destroy handlers, but must not wait for another thread
  /// that does.
  [[nodiscard]] std::shared_ptr<JumpHandler> create_jump_callback(PreJumpCallback pre, PostJumpCallback post,
                                                                  const JumpThreshold& threshold);

  /// Simulated time (rcl's ROS time override), for ROS_TIME clocks (std::logic_error otherwise).
  /// A node's time source calls these when `use_sim_time` is set, with every /clock message;
  /// simulators and tests may too. Setting the time while active calls the jump callbacks.
  void enable_ros_time_override();
  /// @{
  /// Turns the override off (back to system time), and sets the overriding time.
  void disable_ros_time_override();
  void set_ros_time_override(Time time);
  /// @}

 private:
  friend struct detail::ClockAccess;
  std::shared_ptr<detail::ClockState> state_;
};

}  // namespace rclite

// The state behind rclite::Clock, shared with what must outlive a Clock handle: timers on the
// clock, a node's time source, jump handlers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "rclite/clock.hpp"

namespace rclite::detail {

class ContextImpl;

class ClockState : public std::enable_shared_from_this<ClockState> {
 public:
  explicit ClockState(ClockType type) : type_(type) {}

  ClockType type() const { return type_; }
  // Lock-free: timers and executors read it often.
  Time now() const;
  bool ros_time_active() const { return ros_active_.load(std::memory_order_acquire); }

  // rcl's override semantics: activation changes and jumps call the handlers (pre, change, post).
  void enable_override();
  void disable_override();
  void set_override(std::int64_t nanoseconds);

  std::uint64_t add_jump_handler(PreJumpCallback pre, PostJumpCallback post, const JumpThreshold& threshold);
  // Waits for a dispatch running in another thread.
  void remove_jump_handler(std::uint64_t id);

  // Blocks until this clock reaches `until`. `context` (may be null) wakes it at shutdown.
  // True when reached; false on shutdown or when ROS time was (de)activated meanwhile.
  bool sleep_until(const Time& until, ContextImpl* context);
  // Blocks until `ready()` (checked after every override change) or the steady deadline.
  template <class Ready>
  bool wait_for_change(Ready ready, std::chrono::steady_clock::time_point deadline, ContextImpl* context);

 private:
  struct Handler {
    PreJumpCallback pre;
    PostJumpCallback post;
    JumpThreshold threshold;
  };
  void set_active(bool active);  // an activation change, with its jump callbacks
  void dispatch_locked(const TimeJump& jump, bool before);
  void notify_sleepers();

  const ClockType type_;
  std::atomic<bool> ros_active_{false};
  std::atomic<std::int64_t> ros_nanoseconds_{0};
  // Serializes changes of the override with their callbacks; recursive so that a callback may
  // add or remove handlers.
  std::recursive_mutex jump_mutex_;
  std::map<std::uint64_t, std::shared_ptr<Handler>> handlers_;
  std::uint64_t next_handler_ = 1;
  // Sleepers wait here; every change of the override notifies them.
  std::mutex sleep_mutex_;
  std::condition_variable changed_;
  std::uint64_t activation_changes_ = 0;  // under sleep_mutex_
};

// What the library reaches behind a public Clock.
struct ClockAccess {
  static const std::shared_ptr<ClockState>& state(const Clock& clock) { return clock.state_; }
};

}  // namespace rclite::detail

/// @file
/// Timers: a callback called every period on the executor spinning the node, with rcl's rules.
///
/// @code{.unparsed}
///   auto timer = node.create_wall_timer(500ms, [&] { publisher.publish(message); });  // steady
///   auto sim = node.create_timer(1s, [&](const rclite::TimerInfo& info) { ... });    // node clock
/// @endcode
///
/// - The first call is one period after creation (or reset()). Calls keep their phase: the next
///   call is due exactly one period after the previous one was due, not after it ran. A timer that
///   is late (a busy executor) is called once, and then at the next time of its phase: missed
///   periods are skipped, not caught up (rcl_timer_call).
/// - `create_timer` uses the node's ROS_TIME clock: under `use_sim_time` it fires on simulated time
///   (/clock), and not at all while /clock stands still; when ROS time is (de)activated a timer
///   keeps what was left of its period; a backward jump past its last call restarts its period.
/// - The callback is void() or void(const TimerInfo&) (the time it was due, and the time it ran).
///   It runs in the timer's callback group, never concurrently with itself.
/// - Move-only. Destroying the handle (or destroy()) cancels the timer for good and waits for a
///   callback running in another thread; a callback may destroy its own timer.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <type_traits>

#include "rclite/callback_group.hpp"
#include "rclite/detail/handle.hpp"
#include "rclite/time.hpp"

namespace rclite {

/// What a `void(const TimerInfo&)` callback is told.
struct TimerInfo {
  Time expected_call_time;  ///< when the call was due
  Time actual_call_time;    ///< when it was made
};

/// Options of create_wall_timer and create_timer.
struct TimerOptions {
  std::shared_ptr<CallbackGroup> callback_group;  ///< the node's default group when null
  bool autostart = true;  ///< false: created canceled; reset() starts it
  bool oneshot = false;   ///< called once, then canceled (reset() arms it for one more call)
};

namespace detail {

class TimerCore {
 public:
  using Callback = std::function<void(const TimerInfo&)>;
  virtual ~TimerCore() = default;
  virtual void cancel() = 0;
  virtual void reset() = 0;
  virtual bool is_canceled() const = 0;
  virtual bool is_ready() const = 0;
  virtual std::chrono::nanoseconds time_until_trigger() const = 0;
  virtual std::chrono::nanoseconds period() const = 0;
  virtual ClockType clock_type() const = 0;
  virtual void close() = 0;
};

template <class Callback>
TimerCore::Callback timer_callback(Callback&& callback) {
  using F = std::decay_t<Callback>;
  if constexpr (std::is_invocable_v<F&, const TimerInfo&>) {
    return TimerCore::Callback(std::forward<Callback>(callback));
  } else {
    static_assert(std::is_invocable_v<F&>, "a timer callback is void() or void(const TimerInfo&)");
    return [callback = F(std::forward<Callback>(callback))](const TimerInfo&) mutable { callback(); };
  }
}

}  // namespace detail

/// A timer, made by Node::create_wall_timer or Node::create_timer. Move-only; destroying it stops it.
class Timer {
 public:
  Timer() = default;
  /// Wraps the implementation (the node makes it).
  explicit Timer(std::shared_ptr<detail::TimerCore> core) : core_(std::move(core)) {}
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  /// Moves the timer; the moved-from one is empty.
  Timer(Timer&&) noexcept = default;
  /// Replaces this timer by `other` (this one is destroyed first).
  Timer& operator=(Timer&& other) noexcept {
    if (this != &other) {
      destroy();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  ~Timer() { destroy(); }

  /// No calls until reset(); a call already running finishes.
  void cancel() { core().cancel(); }
  /// (Re)starts the period from now, also after cancel() (rclcpp's reset, not a handle reset).
  void reset() { core().reset(); }
  /// True after cancel() (or when created with autostart = false), until reset().
  bool is_canceled() const { return core().is_canceled(); }
  /// Due now (the executor will call it when it gets to it).
  bool is_ready() const { return core().is_ready(); }
  /// Until the next call is due (negative: overdue); nanoseconds::max() when canceled.
  std::chrono::nanoseconds time_until_trigger() const { return core().time_until_trigger(); }
  /// The period.
  std::chrono::nanoseconds get_period() const { return core().period(); }
  /// The type of the clock it runs on.
  ClockType get_clock_type() const { return core().clock_type(); }
  /// False when empty (default-constructed, moved from, or destroy()).
  explicit operator bool() const { return core_ != nullptr; }

  /// Cancels the timer for good and empties the handle.
  void destroy() {
    if (core_) core_->close();
    core_.reset();
  }

 private:
  detail::TimerCore& core() const { return detail::checked_core(core_, "rclite::Timer"); }
  std::shared_ptr<detail::TimerCore> core_;
};

}  // namespace rclite

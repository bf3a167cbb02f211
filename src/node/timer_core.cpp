// rcl_timer's rules (rcl/src/rcl/timer.c) on rclite's executor: next_call_time advances by whole
// periods from where it was due, never from when the callback ran; a late call skips the periods
// it missed; on ROS time, jumps move the timer as rcl's jump callback does.
#include "timer_core.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

#include "../time/checked_arithmetic.hpp"
#include "callback_gate.hpp"
#include "clock_state.hpp"
#include "executable.hpp"
#include "node_impl.hpp"

namespace rclite::detail {

namespace {

class TimerCoreImpl final : public TimerCore, public Executable, public std::enable_shared_from_this<TimerCoreImpl> {
 public:
  TimerCoreImpl(std::shared_ptr<NodeImpl> node, std::shared_ptr<ClockState> clock, std::int64_t period,
                Callback callback, std::shared_ptr<CallbackGroup> group, bool oneshot)
      : Executable(std::move(group)),
        node_(std::move(node)),
        clock_(std::move(clock)),
        period_(period),
        callback_(std::move(callback)),
        oneshot_(oneshot) {}

  ~TimerCoreImpl() override { close(); }

  void open(bool autostart) {
    {
      std::lock_guard lock(mutex_);
      const std::int64_t now = clock_->now().nanoseconds();
      last_call_ = now;
      next_call_ = saturating_sum(now, period_);
      canceled_ = !autostart;
    }
    if (clock_->type() == ClockType::ROS_TIME) {
      // rcl_timer_init: any forward or backward jump, and activation changes.
      std::weak_ptr<TimerCoreImpl> weak = weak_from_this();
      jump_handler_ = clock_->add_jump_handler(
          [weak] {
            if (auto self = weak.lock()) self->before_jump();
          },
          [weak](const TimeJump& jump) {
            if (auto self = weak.lock()) self->after_jump(jump);
          },
          JumpThreshold{true, Duration::from_nanoseconds(1), Duration::from_nanoseconds(-1)});
    }
    auto self = shared_from_this();
    node_->add_executable(self);
    schedule();
  }

  // --- Executable ----------------------------------------------------------------------------
  Turn execute() override {
    TimerInfo info;
    {
      std::unique_lock lock(mutex_);
      if (canceled_ || closed_) return Turn{};
      const std::int64_t now = clock_->now().nanoseconds();
      if (now < next_call_) {  // not yet: queued early (attach, a jump, an old arming)
        lock.unlock();
        schedule();
        return Turn{};
      }
      const ClockType type = clock_->type();
      info = TimerInfo{Time(next_call_, type), Time(now, type)};
      advance_locked(now);
      if (oneshot_) canceled_ = true;
    }
    {
      const CallbackGate::Entry running(gate_);  // destroy() from another thread waits for it
      if (running) callback_(info);
    }
    schedule();  // after the callback: a timer never runs concurrently with itself
    return Turn{true, false};
  }

  // --- TimerCore -----------------------------------------------------------------------------
  void cancel() override {
    std::lock_guard lock(mutex_);
    canceled_ = true;  // an armed wake-up finds it canceled and does nothing
  }

  void reset() override {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      const std::int64_t now = clock_->now().nanoseconds();
      last_call_ = now;
      next_call_ = saturating_sum(now, period_);
      canceled_ = false;
    }
    schedule();
  }

  bool is_canceled() const override {
    std::lock_guard lock(mutex_);
    return canceled_;
  }

  bool is_ready() const override {
    std::lock_guard lock(mutex_);
    return !canceled_ && clock_->now().nanoseconds() >= next_call_;
  }

  std::chrono::nanoseconds time_until_trigger() const override {
    std::lock_guard lock(mutex_);
    if (canceled_) return std::chrono::nanoseconds::max();
    return std::chrono::nanoseconds(saturating_difference(next_call_, clock_->now().nanoseconds()));
  }

  std::chrono::nanoseconds period() const override { return std::chrono::nanoseconds(period_); }
  ClockType clock_type() const override { return clock_->type(); }

  void close() override {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
      canceled_ = true;
    }
    gate_.close();  // no callback starts from here on; one running elsewhere has ended
    if (jump_handler_ != 0) clock_->remove_jump_handler(jump_handler_);
    node_->remove_executable(this);
  }

 private:
  // rcl_timer_call: next_call_time moves by exactly one period; if that is still in the past,
  // by as many periods as it takes to pass `now` (the missed calls are skipped).
  void advance_locked(std::int64_t now) {
    last_call_ = now;
    next_call_ = saturating_sum(next_call_, period_);
    if (next_call_ < now) {
      if (period_ == 0) {
        next_call_ = now;  // a zero period is always ready
      } else {
        const std::int64_t behind = now - next_call_;
        next_call_ = saturating_sum(next_call_, (1 + (behind - 1) / period_) * period_);
      }
    }
  }

  // Queues the timer for when its next call is due: on the steady clock, or, while simulated time
  // is active, when a jump of the clock passes it (after_jump).
  void schedule() {
    std::chrono::steady_clock::time_point when;
    {
      std::unique_lock lock(mutex_);
      if (canceled_ || closed_) return;
      const std::int64_t left = saturating_difference(next_call_, clock_->now().nanoseconds());
      if (clock_->type() == ClockType::ROS_TIME && clock_->ros_time_active()) {
        // Simulated time: the next jump past next_call_ queues the timer; already due, now.
        lock.unlock();
        if (left > 0) return;
        if (auto self = weak_from_this().lock()) node_->notify_ready(self);
        return;
      }
      const auto now = std::chrono::steady_clock::now();
      const auto room = std::chrono::steady_clock::time_point::max() - now;
      when = left <= 0 ? now : (std::chrono::nanoseconds(left) >= room ? std::chrono::steady_clock::time_point::max()
                                                                       : now + std::chrono::nanoseconds(left));
    }
    if (auto self = weak_from_this().lock()) node_->arm(self, when);
  }

  // Before ROS time is activated or deactivated: what is left of the period, so that the timer
  // waits only that in the new epoch. (rcl's code stores the same remainder but then waits the
  // part of the period already elapsed, against its own comment; we do what the comment says.)
  void before_jump() {
    std::lock_guard lock(mutex_);
    const std::int64_t now = clock_->now().nanoseconds();
    credit_ = now == 0 ? std::nullopt : std::optional(saturating_difference(next_call_, now));
  }

  void after_jump(const TimeJump& jump) {
    {
      std::lock_guard lock(mutex_);
      const bool clock_change = jump.clock_change == ClockChange::ROS_TIME_ACTIVATED ||
                                jump.clock_change == ClockChange::ROS_TIME_DEACTIVATED;
      const std::int64_t now = clock_->now().nanoseconds();
      if (clock_change) {
        const auto credit = std::exchange(credit_, std::nullopt);
        if (now != 0 && credit) {  // rcl: no credit on an uninitialized clock
          next_call_ = saturating_sum(now, std::max<std::int64_t>(*credit, 0));
          last_call_ = saturating_difference(next_call_, period_);
        }
      } else if (now < last_call_) {
        // Back past the last call: a whole period from here (rcl).
        next_call_ = saturating_sum(now, period_);
        last_call_ = now;
      }
      // A forward jump to or past next_call_ makes the timer ready: queued below.
    }
    // The executor looks again: it calls a ready timer, arms one that is not (or, on simulated
    // time, leaves it for the next jump).
    if (auto self = weak_from_this().lock()) node_->notify_ready(self);
  }

  std::shared_ptr<NodeImpl> node_;
  std::shared_ptr<ClockState> clock_;
  const std::int64_t period_;
  Callback callback_;
  const bool oneshot_;
  std::uint64_t jump_handler_ = 0;
  CallbackGate gate_;

  mutable std::mutex mutex_;
  std::int64_t last_call_ = 0;
  std::int64_t next_call_ = 0;
  bool canceled_ = false;
  bool closed_ = false;
  std::optional<std::int64_t> credit_;
};

}  // namespace

std::shared_ptr<TimerCore> create_timer_core(const std::shared_ptr<NodeImpl>& node, std::shared_ptr<ClockState> clock,
                                             std::chrono::nanoseconds period, TimerCore::Callback callback,
                                             const TimerOptions& options) {
  if (period < std::chrono::nanoseconds::zero()) throw std::invalid_argument("a timer's period must not be negative");
  if (!callback) throw std::invalid_argument("a timer needs a callback");
  auto core = std::make_shared<TimerCoreImpl>(node, std::move(clock), period.count(), std::move(callback),
                                              options.callback_group ? options.callback_group : node->default_group(),
                                              options.oneshot);
  core->open(options.autostart);
  return core;
}

}  // namespace rclite::detail

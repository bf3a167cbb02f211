#include "rclite/clock.hpp"

#include <stdexcept>

#include "../time/checked_arithmetic.hpp"
#include "clock_state.hpp"
#include "context_impl.hpp"
#include "rclite/context.hpp"
#include "rclite/detail/access.hpp"

namespace rclite {

namespace detail {

namespace {
// Now + `left` ns on the steady clock, saturated at time_point::max().
std::chrono::steady_clock::time_point steady_deadline(std::int64_t left) {
  const auto now = std::chrono::steady_clock::now();
  if (std::chrono::nanoseconds(left) >= std::chrono::steady_clock::time_point::max() - now) {
    return std::chrono::steady_clock::time_point::max();
  }
  return now + std::chrono::nanoseconds(left);
}

Time system_now(ClockType as) {
  return Time(Duration(std::chrono::system_clock::now().time_since_epoch()).nanoseconds(), as);
}
}  // namespace

Time ClockState::now() const {
  switch (type_) {
    case ClockType::STEADY_TIME:
      return Time(std::chrono::steady_clock::now());
    case ClockType::ROS_TIME:
      if (ros_active_.load(std::memory_order_acquire)) {
        return Time(ros_nanoseconds_.load(std::memory_order_acquire), ClockType::ROS_TIME);
      }
      return system_now(ClockType::ROS_TIME);
    case ClockType::SYSTEM_TIME:
      return system_now(ClockType::SYSTEM_TIME);
    case ClockType::UNINITIALIZED:
      break;
  }
  throw std::logic_error("an uninitialized clock has no time");
}

void ClockState::dispatch_locked(const TimeJump& jump, bool before) {
  const bool clock_change =
      jump.clock_change == ClockChange::ROS_TIME_ACTIVATED || jump.clock_change == ClockChange::ROS_TIME_DEACTIVATED;
  const auto delta = jump.delta.nanoseconds();
  // A copy: a callback may add or remove handlers (the mutex is recursive).
  const auto handlers = handlers_;
  for (const auto& [id, handler] : handlers) {
    if (!handlers_.contains(id)) continue;  // removed by an earlier callback of this dispatch
    const auto& threshold = handler->threshold;
    const bool wanted = (clock_change && threshold.on_clock_change) ||
                        (threshold.min_forward.nanoseconds() > 0 && delta >= threshold.min_forward.nanoseconds()) ||
                        (threshold.min_backward.nanoseconds() < 0 && delta <= threshold.min_backward.nanoseconds());
    if (!wanted) continue;
    if (before && handler->pre) handler->pre();
    if (!before && handler->post) handler->post(jump);
  }
}

void ClockState::notify_sleepers() {
  { std::lock_guard lock(sleep_mutex_); }  // a sleeper between its check and its wait sees the change
  changed_.notify_all();
}

void ClockState::enable_override() { set_active(true); }
void ClockState::disable_override() { set_active(false); }

void ClockState::set_active(bool active) {
  std::lock_guard lock(jump_mutex_);
  if (ros_active_.load() == active) return;
  const TimeJump jump{active ? ClockChange::ROS_TIME_ACTIVATED : ClockChange::ROS_TIME_DEACTIVATED, Duration()};
  dispatch_locked(jump, true);
  {
    std::lock_guard sleep_lock(sleep_mutex_);
    ros_active_.store(active, std::memory_order_release);
    ++activation_changes_;
  }
  changed_.notify_all();
  dispatch_locked(jump, false);
}

void ClockState::set_override(std::int64_t nanoseconds) {
  std::lock_guard lock(jump_mutex_);
  if (!ros_active_.load()) {
    ros_nanoseconds_.store(nanoseconds, std::memory_order_release);  // used once ROS time is activated
    return;
  }
  const std::int64_t before = ros_nanoseconds_.load();
  TimeJump jump{ClockChange::ROS_TIME_NO_CHANGE, Duration::from_nanoseconds(0)};
  // A jump from one end of int64 to the other cannot be expressed; it saturates.
  jump.delta = Duration::from_nanoseconds(saturating_difference(nanoseconds, before));
  dispatch_locked(jump, true);
  ros_nanoseconds_.store(nanoseconds, std::memory_order_release);
  notify_sleepers();
  dispatch_locked(jump, false);
}

std::uint64_t ClockState::add_jump_handler(PreJumpCallback pre, PostJumpCallback post,
                                           const JumpThreshold& threshold) {
  if (threshold.min_forward.nanoseconds() < 0) throw std::invalid_argument("JumpThreshold::min_forward must be >= 0");
  if (threshold.min_backward.nanoseconds() > 0) {
    throw std::invalid_argument("JumpThreshold::min_backward must be <= 0 (a backward jump is negative)");
  }
  std::lock_guard lock(jump_mutex_);
  const auto id = next_handler_++;
  handlers_.emplace(id, std::make_shared<Handler>(Handler{std::move(pre), std::move(post), threshold}));
  return id;
}

void ClockState::remove_jump_handler(std::uint64_t id) {
  std::lock_guard lock(jump_mutex_);
  handlers_.erase(id);
}

template <class Ready>
bool ClockState::wait_for_change(Ready ready, std::chrono::steady_clock::time_point deadline, ContextImpl* context) {
  int shutdown_id = 0;
  // Weak: shutdown may run the callback after remove_on_shutdown() returned.
  if (context != nullptr) {
    shutdown_id = context->on_shutdown([weak = weak_from_this()] {
      if (auto self = weak.lock()) self->notify_sleepers();
    });
  }
  bool result = false;
  {
    std::unique_lock lock(sleep_mutex_);
    while (true) {
      if (context != nullptr && !context->ok()) break;
      if (ready()) {
        result = true;
        break;
      }
      if (deadline == std::chrono::steady_clock::time_point::max()) {
        changed_.wait(lock);  // wait_until(max) would overflow the clock conversion
      } else if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
        result = ready();
        break;
      }
    }
  }
  if (context != nullptr) context->remove_on_shutdown(shutdown_id);
  return result;
}

bool ClockState::sleep_until(const Time& until, ContextImpl* context) {
  if (until.get_clock_type() != type_) {
    throw std::runtime_error(std::string("sleep_until: a time of ") + to_string(until.get_clock_type()) +
                             " on a clock of " + to_string(type_));
  }
  std::uint64_t activations = 0;
  {
    std::lock_guard lock(sleep_mutex_);
    activations = activation_changes_;
  }
  bool changed = false;  // ROS time (de)activated: the sleep ends, unfinished
  const auto reached = [&] {
    if (activation_changes_ != activations) {
      changed = true;
      return true;
    }
    return now() >= until;
  };
  while (true) {
    // Simulated time: wait for the override to move (no deadline). Otherwise wait on the steady
    // clock for what is left, and look again (the system clock may have been set meanwhile).
    auto deadline = std::chrono::steady_clock::time_point::max();
    if (!(type_ == ClockType::ROS_TIME && ros_time_active())) {
      deadline = steady_deadline(until.nanoseconds() - std::min(until.nanoseconds(), now().nanoseconds()));
    }
    if (wait_for_change(reached, deadline, context)) return !changed;
    if (context != nullptr && !context->ok()) return false;
  }
}

}  // namespace detail

namespace {
detail::ContextImpl* default_context_if_any() {
  try {
    return detail::Access::context(default_context()).get();
  } catch (const std::logic_error&) {
    return nullptr;  // no init(): nothing but the time wakes the sleep
  }
}

void require_ros_clock(const detail::ClockState& state) {
  if (state.type() != ClockType::ROS_TIME) {
    throw std::logic_error(std::string("the ROS time override needs a ROS_TIME clock, not ") + to_string(state.type()));
  }
}
}  // namespace

JumpHandler::~JumpHandler() { clock_->remove_jump_handler(id_); }

Clock::Clock(ClockType type) : state_(std::make_shared<detail::ClockState>(type)) {
  if (type == ClockType::UNINITIALIZED) throw std::invalid_argument("a clock needs a type");
}
Clock::~Clock() = default;

Time Clock::now() const { return state_->now(); }
ClockType Clock::get_clock_type() const { return state_->type(); }
bool Clock::ros_time_is_active() const { return state_->type() == ClockType::ROS_TIME && state_->ros_time_active(); }
bool Clock::started() const { return !ros_time_is_active() || state_->now().nanoseconds() != 0; }

bool Clock::sleep_until(Time until, Context& context) { return state_->sleep_until(until, detail::Access::context(context).get()); }
bool Clock::sleep_until(Time until) { return state_->sleep_until(until, default_context_if_any()); }
bool Clock::sleep_for(Duration duration, Context& context) { return sleep_until(now() + duration, context); }
bool Clock::sleep_for(Duration duration) { return sleep_until(now() + duration); }

bool Clock::wait_until_started(Duration timeout, Context& context) {
  const auto deadline = std::chrono::steady_clock::now() + timeout.to_chrono<std::chrono::nanoseconds>();
  return state_->wait_for_change([this] { return started(); }, deadline, detail::Access::context(context).get());
}
bool Clock::wait_until_started(Duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout.to_chrono<std::chrono::nanoseconds>();
  return state_->wait_for_change([this] { return started(); }, deadline, default_context_if_any());
}

std::shared_ptr<JumpHandler> Clock::create_jump_callback(PreJumpCallback pre, PostJumpCallback post,
                                                         const JumpThreshold& threshold) {
  const auto id = state_->add_jump_handler(std::move(pre), std::move(post), threshold);
  return std::shared_ptr<JumpHandler>(new JumpHandler(state_, id));
}

void Clock::enable_ros_time_override() {
  require_ros_clock(*state_);
  state_->enable_override();
}
void Clock::disable_ros_time_override() {
  require_ros_clock(*state_);
  state_->disable_override();
}
void Clock::set_ros_time_override(Time time) {
  require_ros_clock(*state_);
  state_->set_override(time.nanoseconds());
}

}  // namespace rclite

// The timer behind rclite::Timer: an executable of its node that arms itself on the executor for
// the steady time its next call is due, or, on simulated time, is queued by the clock's jumps.
#pragma once

#include <chrono>
#include <memory>

#include "rclite/timer.hpp"

namespace rclite::detail {

class NodeImpl;
class ClockState;

// Throws std::invalid_argument for a negative period.
std::shared_ptr<TimerCore> create_timer_core(const std::shared_ptr<NodeImpl>& node, std::shared_ptr<ClockState> clock,
                                             std::chrono::nanoseconds period, TimerCore::Callback callback,
                                             const TimerOptions& options);

}  // namespace rclite::detail

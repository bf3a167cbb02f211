#include "rclite/rate.hpp"

#include <cmath>
#include <stdexcept>

namespace rclite {

namespace {
Duration period_of(double hz) {
  if (!(hz > 0) || !std::isfinite(hz)) throw std::invalid_argument("a rate must be a positive number of Hz");
  return Duration::from_seconds(1.0 / hz);
}
}  // namespace

Rate::Rate(double hz, std::shared_ptr<Clock> clock) : Rate(period_of(hz), std::move(clock)) {}

Rate::Rate(Duration period, std::shared_ptr<Clock> clock)
    : clock_(std::move(clock)), period_(period), last_(clock_->now()) {
  if (period_ <= Duration()) throw std::invalid_argument("a rate's period must be positive");
}

// rclcpp::Rate::sleep's rules.
bool Rate::sleep() {
  const Time now = clock_->now();
  Time next = last_ + period_;
  if (now < last_) next = now + period_;  // the clock went backwards: a period from now
  const Duration left = next - now;
  last_ += period_;
  if (left <= Duration()) {
    if (now > next + period_) last_ = now;  // more than a period behind: start the phase anew
    return false;
  }
  return clock_->sleep_until(next);
}

void Rate::reset() { last_ = clock_->now(); }

}  // namespace rclite

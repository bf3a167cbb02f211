/// @file
/// Loops at a fixed rate (rclcpp's Rate and WallRate):
///
/// @code{.unparsed}
///   rclite::WallRate rate(10.0);          // 10 Hz on the steady clock
///   while (rclite::ok()) { work(); rate.sleep(); }
/// @endcode
///
/// sleep() waits until one period after the previous one was due, so the loop keeps its phase; it
/// returns false without sleeping when the loop body overran the period (and, if it overran by more
/// than a period, starts the phase anew from now). Rate runs on any clock (by default system time;
/// give it node.get_clock() to loop on simulated time); its sleep wakes at shutdown.
#pragma once

#include <chrono>
#include <memory>

#include "rclite/clock.hpp"
#include "rclite/duration.hpp"

namespace rclite {

/// Sleeps to keep a loop at a fixed rate (rclcpp::Rate), on the system clock by default.
class Rate {
 public:
  /// Throws std::invalid_argument for a rate or period that is not positive.
  explicit Rate(double hz, std::shared_ptr<Clock> clock = std::make_shared<Clock>(ClockType::SYSTEM_TIME));
  /// A rate of one `period`.
  explicit Rate(Duration period, std::shared_ptr<Clock> clock = std::make_shared<Clock>(ClockType::SYSTEM_TIME));

  /// True when it slept to keep the rate; false when the period had already passed (or shutdown).
  bool sleep();
  void reset();  ///< the next period starts now
  /// The period.
  Duration period() const { return period_; }
  /// The type of the clock it sleeps on.
  ClockType get_type() const { return clock_->get_clock_type(); }

 private:
  std::shared_ptr<Clock> clock_;
  Duration period_;
  Time last_;
};

/// A Rate on the steady clock (rclcpp::WallRate).
class WallRate : public Rate {
 public:
  /// @{
  /// A steady rate of `hz`, or of one `period`.
  explicit WallRate(double hz) : Rate(hz, std::make_shared<Clock>(ClockType::STEADY_TIME)) {}
  explicit WallRate(Duration period) : Rate(period, std::make_shared<Clock>(ClockType::STEADY_TIME)) {}
  /// @}
};

}  // namespace rclite

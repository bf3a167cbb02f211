/// @file
/// A point in time: nanoseconds since the epoch of a clock, and which clock (rcl's time point).
/// Times of different clocks do not mix: comparing or subtracting them throws std::runtime_error,
/// as rclcpp does; arithmetic that would leave int64 throws std::overflow_error.
///
/// @code{.unparsed}
///   rclite::Time t = node.now();                       // ROS time (simulated under use_sim_time)
///   builtin_interfaces::msg::Time stamp = t;           // {sec, nanosec}
///   auto age = node.now() - rclite::Time(stamp);       // a Duration
/// @endcode
#pragma once

#include <builtin_interfaces/msg/time.hpp>

#include <chrono>
#include <cstdint>
#include <type_traits>

#include "rclite/duration.hpp"

namespace rclite {

/// rcl's clock types (rcl_clock_type_t, same values). ROS_TIME is system time unless the node's
/// `use_sim_time` parameter makes it follow /clock.
enum class ClockType : std::uint8_t { UNINITIALIZED = 0, ROS_TIME = 1, SYSTEM_TIME = 2, STEADY_TIME = 3 };

/// "ROS_TIME", "SYSTEM_TIME", ...
const char* to_string(ClockType type);

/// A point in time of one clock type (rclcpp::Time): nanoseconds since the clock's epoch.
class Time {
 public:
  constexpr Time() = default;  ///< 0 ns of SYSTEM_TIME, as rclcpp
  /// `nanoseconds` since the epoch of `clock`.
  explicit constexpr Time(std::int64_t nanoseconds, ClockType clock = ClockType::SYSTEM_TIME)
      : nanoseconds_(nanoseconds), clock_(clock) {}
  /// Throws std::runtime_error for negative seconds (rclcpp: no negative time points from seconds).
  Time(std::int32_t seconds, std::uint32_t nanoseconds, ClockType clock = ClockType::SYSTEM_TIME);
  /// A message's stamp; ROS time unless told otherwise (as rclcpp). Throws for negative seconds.
  explicit Time(const builtin_interfaces::msg::Time& message, ClockType clock = ClockType::ROS_TIME);
  explicit Time(std::chrono::system_clock::time_point point);  ///< SYSTEM_TIME
  explicit Time(std::chrono::steady_clock::time_point point);  ///< STEADY_TIME

  /// Nanoseconds since the epoch.
  constexpr std::int64_t nanoseconds() const { return nanoseconds_; }
  /// Seconds since the epoch.
  double seconds() const { return static_cast<double>(nanoseconds_) * 1e-9; }
  /// The clock type it belongs to.
  constexpr ClockType get_clock_type() const { return clock_; }
  /// The latest time of `clock`.
  static constexpr Time max(ClockType clock = ClockType::SYSTEM_TIME) { return Time(INT64_MAX, clock); }

  /// Throws std::overflow_error when the seconds do not fit the message's int32.
  operator builtin_interfaces::msg::Time() const;  // NOLINT: implicit, as rclcpp's
  /// As builtin_interfaces/msg/Time (throws as the conversion does).
  builtin_interfaces::msg::Time to_msg() const { return *this; }
  /// std::chrono::system_clock for SYSTEM_TIME and ROS_TIME (the Unix epoch), steady_clock for
  /// STEADY_TIME; another pairing throws std::runtime_error.
  template <class Clock>
  typename Clock::time_point to_chrono() const {
    check_chrono_clock(std::is_same_v<Clock, std::chrono::steady_clock>);
    return typename Clock::time_point(
        std::chrono::duration_cast<typename Clock::duration>(std::chrono::nanoseconds(nanoseconds_)));
  }

  /// Different clock types: std::runtime_error.
  bool operator==(const Time& other) const;
  /// Not operator==.
  bool operator!=(const Time& other) const { return !(*this == other); }
  /// @{
  /// Ordering of times of the same clock type (std::runtime_error otherwise).
  bool operator<(const Time& other) const;
  bool operator<=(const Time& other) const;
  bool operator>(const Time& other) const { return other < *this; }
  bool operator>=(const Time& other) const { return other <= *this; }
  /// @}

  /// The duration between two times of the same clock type (std::runtime_error otherwise).
  Duration operator-(const Time& other) const;
  /// @{
  /// This time moved by `duration` (std::overflow_error beyond int64 nanoseconds).
  Time operator+(const Duration& duration) const;
  Time operator-(const Duration& duration) const;
  Time& operator+=(const Duration& duration) { return *this = *this + duration; }
  Time& operator-=(const Duration& duration) { return *this = *this - duration; }
  /// @}

 private:
  void check_same_clock(const Time& other, const char* operation) const;
  void check_chrono_clock(bool steady) const;

  std::int64_t nanoseconds_ = 0;
  ClockType clock_ = ClockType::SYSTEM_TIME;
};

/// The time moved by `duration`.
inline Time operator+(const Duration& duration, const Time& time) { return time + duration; }

}  // namespace rclite

/// @file
/// A signed span of time in nanoseconds, with rcl's (rclcpp::Duration's) rules: arithmetic that
/// would leave int64 throws std::overflow_error instead of wrapping around.
///
/// @code{.unparsed}
///   rclite::Duration d = 250ms;                 // from any std::chrono duration
///   auto half = d * 0.5;                         // 125 ms
///   builtin_interfaces::msg::Duration msg = d;  // {sec: 0, nanosec: 250000000}
/// @endcode
#pragma once

#include <builtin_interfaces/msg/duration.hpp>

#include <chrono>
#include <compare>
#include <cstdint>

namespace rclite {

/// A signed span of time in nanoseconds (rclcpp::Duration).
class Duration {
 public:
  constexpr Duration() = default;
  /// `seconds` + `nanoseconds` (the nanoseconds may exceed a second; they are added).
  Duration(std::int32_t seconds, std::uint32_t nanoseconds);
  /// Throws std::overflow_error when `duration` does not fit int64 nanoseconds.
  template <class Rep, class Period>
  Duration(std::chrono::duration<Rep, Period> duration)  // NOLINT: implicit, as rclcpp's
      : nanoseconds_(checked_nanoseconds(duration)) {}
  /// From builtin_interfaces/msg/Duration.
  explicit Duration(const builtin_interfaces::msg::Duration& message);

  /// Exactly `nanoseconds`.
  static constexpr Duration from_nanoseconds(std::int64_t nanoseconds) {
    Duration duration;
    duration.nanoseconds_ = nanoseconds;
    return duration;
  }
  /// Throws std::invalid_argument for NaN, std::overflow_error beyond int64 nanoseconds.
  static Duration from_seconds(double seconds);
  /// The longest duration.
  static constexpr Duration max() { return from_nanoseconds(INT64_MAX); }

  /// Nanoseconds.
  constexpr std::int64_t nanoseconds() const { return nanoseconds_; }
  /// Seconds.
  double seconds() const { return static_cast<double>(nanoseconds_) * 1e-9; }
  /// As a std::chrono duration D (truncated).
  template <class D = std::chrono::nanoseconds>
  D to_chrono() const {
    return std::chrono::duration_cast<D>(std::chrono::nanoseconds(nanoseconds_));
  }
  /// Throws std::overflow_error when the seconds do not fit the message's int32.
  operator builtin_interfaces::msg::Duration() const;  // NOLINT: implicit, as rclcpp's
  /// As builtin_interfaces/msg/Duration (throws as the conversion does).
  builtin_interfaces::msg::Duration to_msg() const { return *this; }

  /// @{
  /// Arithmetic; std::overflow_error beyond int64 nanoseconds.
  Duration operator+(const Duration& other) const;
  Duration operator-(const Duration& other) const;
  Duration operator-() const;
  /// @}
  /// Throws std::invalid_argument for a NaN or infinite scale.
  Duration operator*(double scale) const;
  /// @{
  /// Compound assignment, as the operators above.
  Duration& operator+=(const Duration& other) { return *this = *this + other; }
  Duration& operator-=(const Duration& other) { return *this = *this - other; }
  Duration& operator*=(double scale) { return *this = *this * scale; }
  /// @}

  /// Ordered by nanoseconds.
  friend constexpr auto operator<=>(const Duration&, const Duration&) = default;

 private:
  template <class Rep, class Period>
  static std::int64_t checked_nanoseconds(std::chrono::duration<Rep, Period> duration) {
    using Wide = std::chrono::duration<long double, std::nano>;
    const long double wide = std::chrono::duration_cast<Wide>(duration).count();
    if (wide > static_cast<long double>(INT64_MAX) || wide < static_cast<long double>(INT64_MIN)) {
      throw_overflow("std::chrono duration");
    }
    return std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
  }
  [[noreturn]] static void throw_overflow(const char* what);

  std::int64_t nanoseconds_ = 0;
};

}  // namespace rclite

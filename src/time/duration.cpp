#include "rclite/duration.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "checked_arithmetic.hpp"

namespace rclite {

Duration::Duration(std::int32_t seconds, std::uint32_t nanoseconds)
    : nanoseconds_(detail::join_seconds(seconds, nanoseconds)) {}

Duration::Duration(const builtin_interfaces::msg::Duration& message) : Duration(message.sec, message.nanosec) {}

Duration Duration::from_seconds(double seconds) {
  if (std::isnan(seconds)) throw std::invalid_argument("a duration of NaN seconds");
  const double nanoseconds = std::round(seconds * 1e9);
  // 2^63 is the first double past INT64_MAX.
  if (!(nanoseconds < 9223372036854775808.0 && nanoseconds >= -9223372036854775808.0)) {
    throw_overflow("seconds");
  }
  return from_nanoseconds(static_cast<std::int64_t>(nanoseconds));
}

void Duration::throw_overflow(const char* what) {
  throw std::overflow_error(std::string("duration from ") + what + " does not fit int64_t nanoseconds");
}

Duration::operator builtin_interfaces::msg::Duration() const {
  return detail::split_seconds<builtin_interfaces::msg::Duration>(nanoseconds_, "a duration");
}

Duration Duration::operator+(const Duration& other) const {
  return from_nanoseconds(detail::checked_add(nanoseconds_, other.nanoseconds_, "addition"));
}

Duration Duration::operator-(const Duration& other) const {
  return from_nanoseconds(detail::checked_subtract(nanoseconds_, other.nanoseconds_, "subtraction"));
}

Duration Duration::operator-() const { return from_nanoseconds(detail::checked_subtract(0, nanoseconds_, "negation")); }

Duration Duration::operator*(double scale) const {
  if (!std::isfinite(scale)) throw std::invalid_argument("abnormal scale of a duration: " + std::to_string(scale));
  const long double product = static_cast<long double>(nanoseconds_) * scale;
  if (product > static_cast<long double>(INT64_MAX) || product < static_cast<long double>(INT64_MIN)) {
    throw std::overflow_error("scaling a duration leads to int64_t overflow");
  }
  return from_nanoseconds(static_cast<std::int64_t>(product));
}

}  // namespace rclite

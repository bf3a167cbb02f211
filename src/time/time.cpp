#include "rclite/time.hpp"

#include <stdexcept>
#include <string>

#include "checked_arithmetic.hpp"

namespace rclite {

const char* to_string(ClockType type) {
  switch (type) {
    case ClockType::ROS_TIME: return "ROS_TIME";
    case ClockType::SYSTEM_TIME: return "SYSTEM_TIME";
    case ClockType::STEADY_TIME: return "STEADY_TIME";
    case ClockType::UNINITIALIZED: break;
  }
  return "UNINITIALIZED";
}

namespace {
std::int64_t non_negative_seconds(std::int32_t seconds, std::uint32_t nanoseconds) {
  if (seconds < 0) throw std::runtime_error("cannot store a negative time point in rclite::Time");
  return detail::join_seconds(seconds, nanoseconds);
}
}  // namespace

Time::Time(std::int32_t seconds, std::uint32_t nanoseconds, ClockType clock)
    : nanoseconds_(non_negative_seconds(seconds, nanoseconds)), clock_(clock) {}

Time::Time(const builtin_interfaces::msg::Time& message, ClockType clock)
    : Time(message.sec, message.nanosec, clock) {}

Time::Time(std::chrono::system_clock::time_point point)
    : nanoseconds_(Duration(point.time_since_epoch()).nanoseconds()), clock_(ClockType::SYSTEM_TIME) {}

Time::Time(std::chrono::steady_clock::time_point point)
    : nanoseconds_(Duration(point.time_since_epoch()).nanoseconds()), clock_(ClockType::STEADY_TIME) {}

Time::operator builtin_interfaces::msg::Time() const {
  return detail::split_seconds<builtin_interfaces::msg::Time>(nanoseconds_, "a time");
}

void Time::check_same_clock(const Time& other, const char* operation) const {
  if (clock_ != other.clock_) {
    throw std::runtime_error(std::string("can't ") + operation + " times with different time sources (" +
                             to_string(clock_) + ", " + to_string(other.clock_) + ")");
  }
}

void Time::check_chrono_clock(bool steady) const {
  const bool fits = steady ? clock_ == ClockType::STEADY_TIME
                           : clock_ == ClockType::SYSTEM_TIME || clock_ == ClockType::ROS_TIME;
  if (!fits) {
    throw std::runtime_error(std::string("a time of ") + to_string(clock_) + " is no time point of std::chrono::" +
                             (steady ? "steady_clock" : "system_clock"));
  }
}

bool Time::operator==(const Time& other) const {
  check_same_clock(other, "compare");
  return nanoseconds_ == other.nanoseconds_;
}

bool Time::operator<(const Time& other) const {
  check_same_clock(other, "compare");
  return nanoseconds_ < other.nanoseconds_;
}

bool Time::operator<=(const Time& other) const {
  check_same_clock(other, "compare");
  return nanoseconds_ <= other.nanoseconds_;
}

Duration Time::operator-(const Time& other) const {
  check_same_clock(other, "subtract");
  return Duration::from_nanoseconds(detail::checked_subtract(nanoseconds_, other.nanoseconds_, "time subtraction"));
}

Time Time::operator+(const Duration& duration) const {
  return Time(detail::checked_add(nanoseconds_, duration.nanoseconds(), "addition"), clock_);
}

Time Time::operator-(const Duration& duration) const {
  return Time(detail::checked_subtract(nanoseconds_, duration.nanoseconds(), "subtraction"), clock_);
}

}  // namespace rclite

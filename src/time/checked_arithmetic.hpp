// int64 nanosecond arithmetic that throws instead of wrapping around (rcl's rule for times and
// durations), shared by Time and Duration.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace rclite::detail {

inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* operation) {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) {
    throw std::overflow_error(std::string(operation) + (b > 0 ? " leads to int64_t overflow" : " leads to int64_t underflow"));
  }
  return result;
}

inline std::int64_t checked_subtract(std::int64_t a, std::int64_t b, const char* operation) {
  std::int64_t result = 0;
  if (__builtin_sub_overflow(a, b, &result)) {
    throw std::overflow_error(std::string(operation) + (b < 0 ? " leads to int64_t overflow" : " leads to int64_t underflow"));
  }
  return result;
}

// a - b and a + b that saturate at the ends of int64 instead: the distance to, or a step towards, a
// time so far away that it cannot be told apart from the end (timers, clock jumps).
inline std::int64_t saturating_difference(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_sub_overflow(a, b, &result)) return a > b ? INT64_MAX : INT64_MIN;
  return result;
}

inline std::int64_t saturating_sum(std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  if (__builtin_add_overflow(a, b, &result)) return b > 0 ? INT64_MAX : INT64_MIN;
  return result;
}

// {sec, nanosec} with 0 <= nanosec < 1e9 (builtin_interfaces' convention: a negative time is a
// negative sec and a positive nanosec). Throws std::overflow_error when sec does not fit int32.
template <class Message>
Message split_seconds(std::int64_t nanoseconds, const char* what) {
  constexpr std::int64_t kSecond = 1'000'000'000;
  std::int64_t seconds = nanoseconds / kSecond;
  std::int64_t rest = nanoseconds % kSecond;
  if (rest < 0) {
    rest += kSecond;
    --seconds;
  }
  if (seconds > INT32_MAX || seconds < INT32_MIN) {
    throw std::overflow_error(std::string(what) + " of " + std::to_string(nanoseconds) +
                              " ns does not fit a message's int32 seconds");
  }
  Message message;
  message.sec = static_cast<std::int32_t>(seconds);
  message.nanosec = static_cast<std::uint32_t>(rest);
  return message;
}

inline std::int64_t join_seconds(std::int64_t seconds, std::int64_t nanoseconds) {
  // int32 seconds and uint32 nanoseconds cannot overflow int64 nanoseconds.
  return seconds * 1'000'000'000 + nanoseconds;
}

}  // namespace rclite::detail

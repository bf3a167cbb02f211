// Wall-clock times as builtin_interfaces/msg/Time, the stamp of /rosout lines, parameter events and
// service introspection events.
#pragma once

#include <builtin_interfaces/msg/time.hpp>

#include <chrono>
#include <cstdint>

namespace rclite::detail {

inline builtin_interfaces::msg::Time time_msg(std::chrono::nanoseconds since_epoch) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  return {static_cast<std::int32_t>(seconds.count()),
          static_cast<std::uint32_t>((since_epoch - seconds).count())};
}

inline builtin_interfaces::msg::Time time_msg_now() {
  return time_msg(std::chrono::system_clock::now().time_since_epoch());
}

}  // namespace rclite::detail

// A stand-in for getenv, for the functions that take one (discovery and security options from the
// ROS environment): it reads a map the test fills instead of the process environment.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace rclite::test {

inline std::map<std::string, std::string>& fake_environment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

inline std::optional<std::string> fake_getenv(const char* name) {
  const auto found = fake_environment().find(name);
  if (found == fake_environment().end()) return std::nullopt;
  return found->second;
}

}  // namespace rclite::test

// A context of its own for each test: a DDS domain id derived from the test's name (so tests
// running in parallel do not see each other), on loopback, without signal handlers.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <thread>

#include "rclite/rclite.hpp"

namespace rclite::test {

inline std::uint32_t domain_for_current_test() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = std::string(info->test_suite_name()) + "." + info->name();
  return 100 + static_cast<std::uint32_t>(std::hash<std::string>{}(name) % 120);
}

inline std::unique_ptr<Context> make_test_context() {
  ::setenv("ROS_DOMAIN_ID", std::to_string(domain_for_current_test()).c_str(), 1);
  ::unsetenv("ROS_AUTOMATIC_DISCOVERY_RANGE");  // rclite's default: LOCALHOST, on 127.0.0.1
  ::unsetenv("CYCLONEDDS_URI");
  InitOptions options;
  options.install_signal_handlers = false;
  return std::make_unique<Context>(std::span<const std::string>{}, options);
}

// A service name no other test uses.
inline std::string unique_service_name(const std::string& base) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return "/" + std::string(info->name()) + "/" + base;
}

// Spins `executor` on a thread for the lifetime of this object.
class BackgroundSpin {
 public:
  explicit BackgroundSpin(Executor& executor) : executor_(executor), thread_([this] { executor_.spin(); }) {}
  ~BackgroundSpin() {
    executor_.cancel();
    thread_.join();
  }

 private:
  Executor& executor_;
  std::thread thread_;
};

}  // namespace rclite::test

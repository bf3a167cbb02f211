// A context of its own for each test: a DDS domain id no other test process holds (so tests
// running in parallel do not see each other), on loopback, without signal handlers.
#pragma once

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "rclite/rclite.hpp"
#include "support/patience.hpp"

namespace rclite::test {

// Takes an exclusive lock on /tmp/rclite-test-domain-<id>.lock (kept until the process exits) for
// the first free id of `first`..`first + count - 1`, trying from `first + start % count` onwards.
inline std::uint32_t lock_free_domain(std::uint32_t first, std::uint32_t count, std::size_t start) {
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t id = first + static_cast<std::uint32_t>((start + i) % count);
    const std::string path = "/tmp/rclite-test-domain-" + std::to_string(id) + ".lock";
    const int fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0666);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return id;  // fd stays open: the lock lives with us
    ::close(fd);
  }
  return first + static_cast<std::uint32_t>(start % count);
}

// A DDS domain id that no other test process on this machine holds, so that tests running in
// parallel never see each other's nodes: ids 100-219, from a hash of the first test's name onwards.
inline std::uint32_t domain_for_current_test() {
  static const std::uint32_t domain = [] {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name() : "";
    return lock_free_domain(100, 120, std::hash<std::string>{}(name));
  }();
  return domain;
}

// For tests with many processes: ids 20-99, whose ports (7400 + 250 * id + 10 + 2 * participant
// index) stay below Linux's ephemeral port range (32768 and up), where another socket of a busy
// machine may hold the port a participant index needs.
inline std::uint32_t low_domain_for_current_test() {
  static const std::uint32_t domain = lock_free_domain(20, 80, static_cast<std::size_t>(::getpid()));
  return domain;
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

// Polls `predicate` every 10 ms until it holds (true) or `timeout` passes (false): for conditions
// that must come true, so the limit is kPatience (support/patience.hpp).
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = kPatience) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// Options that put a node in `context`.
inline NodeOptions options_in(Context& context) {
  NodeOptions options;
  options.context = &context;
  return options;
}

// Options for a node in `context` without the entities every node has by default (parameter
// services, /parameter_events, /rosout, ~/get_type_description): for tests of the graph's bookkeeping.
inline NodeOptions bare_options_in(Context& context) {
  NodeOptions options = options_in(context);
  options.start_parameter_services = false;
  options.start_parameter_event_publisher = false;
  options.enable_rosout = false;
  options.start_type_description_service = false;
  return options;
}

// A test with its own context; options() puts nodes in it.
struct ContextTest : ::testing::Test {
  std::unique_ptr<Context> context = make_test_context();
  NodeOptions options() { return options_in(*context); }
};

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

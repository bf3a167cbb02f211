// Server children: this binary started again in one of its --serve modes, through the harness
// shared with the tests (harness/child_process.hpp). What the bench adds: a child must say READY
// in time, it is killed when the bench is (see kill_children_on_signals), and it is stopped with
// SIGTERM so that it exits cleanly.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "harness/child_process.hpp"

namespace service_bench {

inline constexpr std::chrono::seconds kReadyTimeout{15};  // a child must print READY by then

class ServerChild {
 public:
  // Starts `service_bench ARGS...` and waits for its READY line; throws when it does not come.
  explicit ServerChild(const std::vector<std::string>& args);
  // SIGTERM, up to 3 s for a clean exit, then SIGKILL.
  ~ServerChild();
  ServerChild(const ServerChild&) = delete;
  ServerChild& operator=(const ServerChild&) = delete;

  pid_t pid() const { return process_.pid(); }

 private:
  rclite::harness::ChildProcess process_;
};

// In the bench: SIGINT, SIGTERM, SIGALRM and SIGHUP kill every live ServerChild, then the bench;
// and an alarm aborts the whole run after `lifetime`.
void kill_children_on_signals(std::chrono::seconds lifetime);

// In a --serve child, first thing: die with the bench, and exit by itself after `lifetime`.
void become_server_child(std::chrono::seconds lifetime);

// For a server without rclite's signal handling (the raw one): SIGTERM and SIGINT set the flag
// returned, which its loop polls.
const volatile std::sig_atomic_t& stop_on_sigterm();

// In a --serve child, once serving: prints READY, then sends stdout to /dev/null (nobody reads the
// pipe any more: anything printed later goes nowhere rather than blocking).
void announce_ready();

}  // namespace service_bench

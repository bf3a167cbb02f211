// A child process whose output we read: the tests' servers, clients and CLI runs, and
// service_bench's server children. One implementation for both (harness/CMakeLists.txt says why it
// lives here).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace rclite::harness {

struct ChildOptions {
  // true: stdout and stderr both go to the pipe we read (tests look at everything a child says).
  // false: only stdout does; stderr stays ours (service_bench shows its servers' errors).
  bool capture_stderr = true;
  // "NAME=value" entries that add to or replace variables of the current environment.
  std::vector<std::string> environment;
};

class ChildProcess {
 public:
  // Runs `argv` (argv[0]: a path) with the current environment, options.environment and
  // kParentPidVariable, so that a
  // child that calls die_with_parent() goes away with us.
  explicit ChildProcess(std::vector<std::string> argv, ChildOptions options = {});
  // SIGKILL, then reaped: a test that fails half-way leaves no process behind.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads output until it contains `text` or `timeout` passes (or the output ends).
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

  // Waits for the process to end (reading its output) and returns its exit status (-signal); again
  // after that, the same status.
  int wait();

  // SIGTERM, then up to `grace` for the process to exit before SIGKILL; returns as wait().
  int terminate(std::chrono::milliseconds grace);

  void signal(int number);  // nothing once the process is reaped
  pid_t pid() const { return pid_; }
  const std::string& output() const { return output_; }

 private:
  bool read_some(int timeout_ms);
  void close_output();

  pid_t pid_ = -1;
  int exit_status_ = 0;
  int output_fd_ = -1;
  std::string output_;
};

// The environment variable through which a child learns its parent's pid.
inline constexpr const char* kParentPidVariable = "RCLITE_HARNESS_PARENT_PID";

// In a child started by ChildProcess: be killed (SIGKILL) when the parent dies, and exit now if it
// already has. posix_spawn cannot ask for this itself, so the child does; a program started by
// hand (no kParentPidVariable) is left alone.
void die_with_parent();

}  // namespace rclite::harness

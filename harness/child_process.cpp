#include "harness/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace rclite::harness {

namespace {

// The current environment, with `chosen` ("NAME=value") and kParentPidVariable set to our pid
// replacing variables of the same names.
std::vector<std::string> child_environment(const std::vector<std::string>& chosen) {
  std::vector<std::string> ours(chosen);
  ours.push_back(std::string(kParentPidVariable) + "=" + std::to_string(::getpid()));
  const auto replaced = [&](const char* entry) {
    return std::any_of(ours.begin(), ours.end(), [&](const std::string& variable) {
      return std::strncmp(entry, variable.c_str(), variable.find('=') + 1) == 0;  // the name and its '='
    });
  };
  std::vector<std::string> environment = ours;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!replaced(*entry)) environment.emplace_back(*entry);
  }
  return environment;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& string : strings) result.push_back(string.data());
  result.push_back(nullptr);
  return result;
}

int exit_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status); }

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, ChildOptions options) {
  int fds[2];
  // O_CLOEXEC: other children started meanwhile (by other threads) must not hold our pipe open.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  if (options.capture_stderr) posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  std::vector<std::string> environment = child_environment(options.environment);
  const std::vector<char*> args = pointers(argv);
  const std::vector<char*> envp = pointers(environment);
  const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  output_fd_ = fds[0];
  if (rc != 0) {
    pid_ = -1;
    close_output();
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  }
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    wait();
  }
  close_output();
}

bool ChildProcess::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (output_.find(text) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !read_some(static_cast<int>(left.count()))) return output_.find(text) != std::string::npos;
  }
  return true;
}

int ChildProcess::wait() {
  while (read_some(-1)) {
  }
  // Once reaped, pid_ is -1: waitpid(-1) would reap any other child of ours.
  if (pid_ <= 0) return exit_status_;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return exit_status_ = exit_status(status);
}

int ChildProcess::terminate(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return exit_status_;
  // Not waiting on the pipe: a child may have handed its stdout to a grandchild, or stopped
  // reading nothing; the exit status is what tells.
  close_output();
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  int status = 0;
  pid_t done = 0;
  while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (done == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return exit_status_ = exit_status(status);
}

void ChildProcess::signal(int number) {
  if (pid_ > 0) ::kill(pid_, number);
}

bool ChildProcess::read_some(int timeout_ms) {
  if (output_fd_ < 0) return false;
  pollfd fd{output_fd_, POLLIN, 0};
  int ready = 0;
  while ((ready = ::poll(&fd, 1, timeout_ms)) < 0 && errno == EINTR) {
  }
  if (ready <= 0) return false;
  char buffer[4096];
  const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
  if (n <= 0) return false;
  output_.append(buffer, static_cast<std::size_t>(n));
  return true;
}

void ChildProcess::close_output() {
  if (output_fd_ >= 0) ::close(output_fd_);
  output_fd_ = -1;
}

void die_with_parent() {
  const char* value = std::getenv(kParentPidVariable);
  if (value == nullptr) return;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  // The parent may have died before prctl: we were then re-parented already.
  if (::getppid() != static_cast<pid_t>(std::strtol(value, nullptr, 10))) ::_exit(127);
}

}  // namespace rclite::harness

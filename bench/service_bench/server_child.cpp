#include "server_child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <stdexcept>

#include "log.hpp"

namespace service_bench {

namespace {
// Our servers' errors stay on our stderr; only their stdout is read.
rclite::harness::ChildOptions stdout_only() {
  rclite::harness::ChildOptions options;
  options.capture_stderr = false;
  return options;
}
}  // namespace

namespace {

std::array<std::atomic<pid_t>, 8> g_children{};  // for the signal handler

void register_child(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pid)) return;
  }
}

void unregister_child(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t expected = pid;
    slot.compare_exchange_strong(expected, 0);
  }
}

extern "C" void kill_children_and_exit(int signal_number) {
  for (auto& slot : g_children) {
    const pid_t pid = slot.load();
    if (pid > 0) ::kill(pid, SIGKILL);
  }
  const char message[] = "[service_bench] aborted by a signal; server children killed\n";
  (void)!::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(128 + signal_number);
}

volatile std::sig_atomic_t g_stop_signal = 0;
extern "C" void on_stop_signal(int) { g_stop_signal = 1; }

std::string self_executable() {
  std::array<char, 4096> path{};
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (n <= 0) throw std::runtime_error("readlink /proc/self/exe failed");
  return std::string(path.data(), static_cast<std::size_t>(n));
}

std::vector<std::string> self_with(const std::vector<std::string>& args) {
  std::vector<std::string> argv{self_executable()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

ServerChild::ServerChild(const std::vector<std::string>& args)
    : process_(self_with(args), stdout_only()) {
  register_child(process_.pid());
  if (!process_.wait_for_output("READY\n", kReadyTimeout)) {
    unregister_child(process_.pid());
    throw std::runtime_error("the server child (" + args.front() + ") did not get ready in time");
  }
}

ServerChild::~ServerChild() {
  const pid_t pid = process_.pid();
  if (process_.terminate(std::chrono::seconds(3)) == -SIGKILL) {
    log("server child %d did not exit on SIGTERM; killed it", static_cast<int>(pid));
  }
  unregister_child(pid);
}

void kill_children_on_signals(std::chrono::seconds lifetime) {
  struct sigaction action {};
  action.sa_handler = kill_children_and_exit;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGINT, SIGTERM, SIGALRM, SIGHUP}) sigaction(signal_number, &action, nullptr);
  ::alarm(static_cast<unsigned>(lifetime.count()));
}

void become_server_child(std::chrono::seconds lifetime) {
  rclite::harness::die_with_parent();
  ::alarm(static_cast<unsigned>(lifetime.count()));
}

const volatile std::sig_atomic_t& stop_on_sigterm() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  return g_stop_signal;
}

void announce_ready() {
  const char ready[] = "READY\n";
  (void)!::write(STDOUT_FILENO, ready, sizeof ready - 1);
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, STDOUT_FILENO);
    ::close(null);
  }
}

}  // namespace service_bench

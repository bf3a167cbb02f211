// Two network namespaces joined by a veth pair, made by the test itself (needs root: CAP_NET_ADMIN).
// Private addresses 10.213.0.1/24 and 10.213.0.2/24 exist only inside the namespaces; the host's
// network is never touched. The namespaces (and with them the veth pair) are deleted by the
// destructor, and stale ones of dead test processes are removed first.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace rclite::test {

class NetworkNamespaces {
 public:
  NetworkNamespaces() {
    remove_stale();
    const std::string prefix = "rclite-" + std::to_string(::getpid());
    a_ = prefix + "-a";
    b_ = prefix + "-b";
    try {
      run("ip netns add " + a_);
      run("ip netns add " + b_);
      run("ip -n " + a_ + " link add veth0 type veth peer name veth0 netns " + b_);
      run("ip -n " + a_ + " addr add 10.213.0.1/24 dev veth0");
      run("ip -n " + b_ + " addr add 10.213.0.2/24 dev veth0");
      for (const auto& ns : {a_, b_}) {
        run("ip -n " + ns + " link set lo up");
        run("ip -n " + ns + " link set veth0 up");
      }
    } catch (...) {
      remove();
      throw;
    }
  }
  ~NetworkNamespaces() { remove(); }
  NetworkNamespaces(const NetworkNamespaces&) = delete;
  NetworkNamespaces& operator=(const NetworkNamespaces&) = delete;

  const std::string& a() const { return a_; }
  const std::string& b() const { return b_; }

  // argv run inside namespace `ns` with extra environment variables ("NAME=value").
  static std::vector<std::string> in(const std::string& ns, const std::vector<std::string>& environment,
                                     const std::vector<std::string>& argv) {
    std::vector<std::string> command{ip(), "netns", "exec", ns, "env"};
    command.insert(command.end(), environment.begin(), environment.end());
    command.insert(command.end(), argv.begin(), argv.end());
    return command;
  }

  // Cuts or restores the link (from a's side; b's end loses its carrier as well).
  void set_link(bool up) { run("ip -n " + a_ + " link set veth0 " + (up ? "up" : "down")); }

 private:
  static std::string ip() {
    for (const char* path : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
      if (::access(path, X_OK) == 0) return path;
    }
    throw std::runtime_error("network namespace tests need iproute2's `ip` (scripts/install-deps installs it)");
  }

  // Fails loudly: these tests must not pass (or skip) where namespaces cannot be made.
  static void run(const std::string& command) {
    const std::string full = ip() + command.substr(2) + " 2>&1";
    const int status = std::system(full.c_str());
    if (status != 0) {
      throw std::runtime_error("`" + command + "` failed (status " + std::to_string(status) +
                               "); network namespace tests need root (CAP_NET_ADMIN and CAP_SYS_ADMIN)");
    }
  }

  void remove() {
    for (const auto& ns : {a_, b_}) {
      if (!ns.empty()) std::system((ip() + " netns del " + ns + " 2>/dev/null").c_str());
    }
  }

  // Namespaces "rclite-<pid>-*" whose test process is gone (killed before its destructor ran).
  static void remove_stale() {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/run/netns", error)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("rclite-", 0) != 0) continue;
      const auto dash = name.find('-', 7);
      if (dash == std::string::npos) continue;
      const pid_t pid = static_cast<pid_t>(std::atoi(name.substr(7, dash - 7).c_str()));
      if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) {
        std::system((ip() + " netns del " + name + " 2>/dev/null").c_str());
      }
    }
  }

  std::string a_;
  std::string b_;
};

}  // namespace rclite::test

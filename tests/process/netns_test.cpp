// Several hosts, simulated by two network namespaces joined by a veth pair (made by the test, as
// root): a server in one, clients in the other. SUBNET discovery finds the server across the link,
// LOCALHOST (rclite's default) does not; a cut link fails calls by their deadline and they work again
// once it is back; a remote server is never judged by the sockets of the client's host.
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "../../src/dds/udp_sockets.hpp"
#include "harness/child_process.hpp"
#include "network_namespaces.hpp"
#include "rclite/rclite.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using rclite::harness::ChildProcess;
using rclite::test::NetworkNamespaces;

namespace {
const std::string kBin = RCLITE_BIN_DIR;
const std::vector<std::string> kSubnet{"ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET"};
const std::vector<std::string> kLocalhost{"ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST"};

struct Hosts : ::testing::Test {
  // Sets ROS_DOMAIN_ID (inherited by the children) and unsets ROS_AUTOMATIC_DISCOVERY_RANGE.
  std::unique_ptr<rclite::Context> context = rclite::test::make_test_context();
  NetworkNamespaces hosts;  // before the processes: deleted after they are killed
  std::string name = rclite::test::unique_service_name("add");

  std::unique_ptr<ChildProcess> server(const std::string& ns, const std::vector<std::string>& environment) {
    auto process = std::make_unique<ChildProcess>(NetworkNamespaces::in(ns, environment, {kBin + "/rclite_test_server", name}));
    EXPECT_TRUE(process->wait_for_output("READY", kPatience)) << process->output();
    return process;
  }
  // A probe client in host b calling the server every 100 ms, each call with `deadline_ms`, once it
  // has had a first answer.
  std::unique_ptr<ChildProcess> probe_from_b(long deadline_ms) {
    auto probe = std::make_unique<ChildProcess>(NetworkNamespaces::in(
        hosts.b(), kSubnet, {kBin + "/rclite_test_client", name, "probe", std::to_string(deadline_ms)}));
    EXPECT_TRUE(probe->wait_for_output("ok ", kPatience)) << probe->output();
    return probe;
  }
  // What `rclite_test_client SERVICE count` prints once the graph has settled, in `ns`.
  std::string services_seen(const std::string& ns, const std::vector<std::string>& environment) {
    ChildProcess client(NetworkNamespaces::in(ns, environment, {kBin + "/rclite_test_client", name, "count"}));
    EXPECT_EQ(client.wait(), 0) << client.output();
    return client.output();
  }
};

struct ProbeResult {
  bool ok;
  std::string error;  // "timeout" or "unavailable" when not ok
  long ms;            // how long the call took
};

// Reads a probe's output for `period` (it keeps printing a line per call).
void keep_reading(ChildProcess& probe, std::chrono::steady_clock::duration period) {
  const auto until = std::chrono::steady_clock::now() + period;
  while (std::chrono::steady_clock::now() < until) probe.wait_for_output("\n#", 100ms);
}

// The lines of a probe client's output that start with "ok" or "fail".
std::vector<ProbeResult> probe_results(const std::string& output) {
  std::vector<ProbeResult> results;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string word, kind;
    long ms = -1;
    words >> word;
    if (word == "ok") {
      words >> ms;
      results.push_back({true, "", ms});
    } else if (word == "fail") {
      words >> kind >> ms;
      results.push_back({false, kind, ms});
    }
  }
  return results;
}
// The UDP ports of process `pid`, in its own network namespace: its socket inodes (/proc/PID/fd)
// looked up in /proc/PID/net/udp.
std::set<std::uint16_t> udp_ports_of(pid_t pid) {
  const std::string proc = "/proc/" + std::to_string(pid);
  std::set<std::uint64_t> inodes;
  if (DIR* fds = ::opendir((proc + "/fd").c_str())) {
    while (const dirent* entry = ::readdir(fds)) {
      char target[64] = {};
      const std::string link = proc + "/fd/" + entry->d_name;
      if (::readlink(link.c_str(), target, sizeof target - 1) > 0 && std::string_view(target).starts_with("socket:[")) {
        inodes.insert(std::stoull(std::string(target + 8)));
      }
    }
    ::closedir(fds);
  }
  std::ifstream file(proc + "/net/udp");
  std::ostringstream table;
  table << file.rdbuf();
  std::set<std::uint16_t> ports;
  for (const auto& socket : rclite::dds::parse_proc_net_udp(table.str(), false)) {
    if (inodes.count(socket.inode) != 0) ports.insert(socket.port);
  }
  return ports;
}
}  // namespace

TEST_F(Hosts, WithSubnetDiscoveryAClientCallsAServerOnAnotherHost) {
  auto remote = server(hosts.a(), kSubnet);
  EXPECT_NE(services_seen(hosts.b(), kSubnet).find("services=1"), std::string::npos);
  ChildProcess client(NetworkNamespaces::in(hosts.b(), kSubnet, {kBin + "/rclite_test_client", name, "load", "200", "4"}));
  EXPECT_EQ(client.wait(), 0) << client.output();
  EXPECT_NE(client.output().find("DONE calls=200 wrong=0 failed=0"), std::string::npos) << client.output();
}

TEST_F(Hosts, WithLocalhostDiscoveryHostsDoNotSeeEachOther) {
  auto remote = server(hosts.a(), kLocalhost);
  // The same settle rule finds the server on its own host, so the settle period is long enough...
  EXPECT_NE(services_seen(hosts.a(), kLocalhost).find("services=1"), std::string::npos);
  // ...and does not find it from the other host, with LOCALHOST set or by default.
  EXPECT_NE(services_seen(hosts.b(), kLocalhost).find("services=0"), std::string::npos);
  EXPECT_NE(services_seen(hosts.b(), {}).find("services=0"), std::string::npos);
}

TEST_F(Hosts, CallsFailByTheirDeadlineWhileTheLinkIsCutAndWorkAgainAfter) {
  // Across hosts the lease is 5 s: during a 4 s cut the server is not declared gone, and every call
  // fails by its deadline (or, with a shorter RCLITE_LEASE_DURATION, at once once the lease ran out).
  constexpr long kDeadlineMs = 250;
  auto remote = server(hosts.a(), kSubnet);
  const auto probe_process = probe_from_b(kDeadlineMs);
  ASSERT_FALSE(HasFailure());
  ChildProcess& probe = *probe_process;

  hosts.set_link(false);
  const std::size_t before_cut = probe_results(probe.output()).size();
  // Calls in flight and calls made while the link is down fail: at their deadline, or at once
  // when the server's lease has run out and the client knows it has no server.
  constexpr auto kCut = 4s;
  keep_reading(probe, kCut);
  const auto during_cut = probe_results(probe.output());
  int failures = 0, timeouts = 0;
  long slowest = 0;
  for (std::size_t i = before_cut; i < during_cut.size(); ++i) {
    const auto& [ok, error, ms] = during_cut[i];
    if (ok) {
      // Calls that got through before the cut took effect (or whose lines were not read yet when
      // the link went down) come first; none may succeed after the first failure.
      EXPECT_EQ(failures, 0) << "a call succeeded while the link was down:\n" << probe.output();
      continue;
    }
    ++failures;
    timeouts += error == "timeout" ? 1 : 0;
    slowest = std::max(slowest, ms);
    // How late a deadline fires depends on the machine's load (the figure is printed below); a
    // call that outlasted the whole cut waited for the link, not for its deadline.
    EXPECT_LT(ms, std::chrono::milliseconds(kCut).count()) << "a call failed late:\n" << probe.output();
  }
  EXPECT_GE(failures, 3) << probe.output();
  EXPECT_GE(timeouts, 1) << probe.output();
  std::printf("link cut for 4 s: %d calls failed (%d at their %ld ms deadline, %d as unavailable once the "
              "server's lease ran out), the slowest after %ld ms\n",
              failures, timeouts, kDeadlineMs, failures - timeouts, slowest);

  hosts.set_link(true);
  const std::size_t before_restore = during_cut.size();
  const auto restored = std::chrono::steady_clock::now();
  bool works_again = false;
  while (!works_again && std::chrono::steady_clock::now() - restored < kPatience) {
    probe.wait_for_output("\n#", 100ms);
    const auto results = probe_results(probe.output());
    for (std::size_t i = before_restore; i < results.size(); ++i) works_again = works_again || results[i].ok;
  }
  EXPECT_TRUE(works_again) << probe.output();
  std::printf("link restored: calls work again after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - restored)
                                         .count()));
}

// Issue #16: across hosts the lease is 5 s (src/dds/discovery_config.cpp), so a link that stalls for
// 2 s declares no live peer dead: a call whose deadline is longer than the stall is answered once
// the link is back, and no call fails. (With a 0.6 s lease, what LOCALHOST had before the death watch, the lease ran out
// during such a stall and the calls failed as unavailable.)
TEST_F(Hosts, ALinkStalledForTwoSecondsLosesNoCallWithALongerDeadline) {
  constexpr long kDeadlineMs = 10000;
  auto remote = server(hosts.a(), kSubnet);
  const auto probe_process = probe_from_b(kDeadlineMs);
  ASSERT_FALSE(HasFailure());
  ChildProcess& probe = *probe_process;
  hosts.set_link(false);
  keep_reading(probe, 2s);
  hosts.set_link(true);
  const std::size_t at_restore = probe_results(probe.output()).size();
  // Five more answers after the link came back: the one in flight during the stall, and new ones.
  const auto restored = std::chrono::steady_clock::now();
  while (probe_results(probe.output()).size() < at_restore + 5 && std::chrono::steady_clock::now() - restored < kPatience) {
    probe.wait_for_output("\n#", 100ms);
  }
  const auto results = probe_results(probe.output());
  ASSERT_GE(results.size(), at_restore + 5) << probe.output();
  long slowest = 0;
  for (const auto& result : results) {
    EXPECT_TRUE(result.ok) << "a call failed (" << result.error << ") though its deadline outlasted the stall:\n"
                           << probe.output();
    slowest = std::max(slowest, result.ms);
  }
  std::printf("link stalled for 2 s: %zu calls, none failed, the slowest took %ld ms\n", results.size(), slowest);
}

// Issue #16: the death watch (src/dds/peer_death_watch.hpp) judges only peers all of whose
// addresses are this host's. A server on another host holds participant index 0 there, and a
// process on the client's host index 0 here: the same port numbers. That process dies; the remote
// server, whose ports are then free on the client's host, is still there: it is lost by its lease
// only.
TEST_F(Hosts, AProcessDyingOnARemoteServersPortNumbersLeavesTheServer) {
  auto remote = server(hosts.a(), kSubnet);
  ChildProcess twin(NetworkNamespaces::in(hosts.b(), kSubnet, {kBin + "/rclite_test_server", name + "_twin"}));
  ASSERT_TRUE(twin.wait_for_output("READY", kPatience)) << twin.output();
  const auto server_ports = udp_ports_of(remote->pid());
  const auto twin_ports = udp_ports_of(twin.pid());
  std::size_t shared = 0;
  for (const auto port : twin_ports) shared += server_ports.count(port);
  ASSERT_GE(shared, 2u) << "the discovery and data ports of participant index 0";
  const auto probe_process = probe_from_b(10000);
  ASSERT_FALSE(HasFailure());
  ChildProcess& probe = *probe_process;
  twin.signal(SIGKILL);
  EXPECT_EQ(twin.wait(), -SIGKILL);
  // Ten answers after the twin's death (a second: the watch reads the sockets every 0.2 s), none
  // failed.
  const std::size_t at_kill = probe_results(probe.output()).size();
  const auto killed = std::chrono::steady_clock::now();
  while (probe_results(probe.output()).size() < at_kill + 10 && std::chrono::steady_clock::now() - killed < kPatience) {
    probe.wait_for_output("\n#", 100ms);
  }
  ASSERT_GE(probe_results(probe.output()).size(), at_kill + 10) << probe.output();
  for (const auto& result : probe_results(probe.output())) {
    EXPECT_TRUE(result.ok) << "a call failed (" << result.error << "):\n" << probe.output();
  }
}

// Peers on this host that die are noticed by their sockets, not their lease (issue #16, item 1;
// src/dds/peer_death_watch.hpp). The children announce a 10 s lease (RCLITE_LEASE_DURATION=10), as
// a stock ROS 2 participant does (Cyclone's default): only the death watch can make their loss
// quick. Timed assertions are bounded by half that lease, which only a client waiting for the
// lease reaches; the figures are printed (docs/RELIABILITY.md).
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <example_interfaces/srv/add_two_ints.hpp>
#include <set>

#include "../../src/dds/udp_sockets.hpp"
#include "harness/child_process.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using Clock = std::chrono::steady_clock;
using rclite::harness::ChildProcess;
using rclite::test::kPatience;
using rclite::test::options_in;

namespace {
const std::string kBin = RCLITE_BIN_DIR;
const rclite::harness::ChildOptions kStockLease{true, {"RCLITE_LEASE_DURATION=10"}};
constexpr auto kHalfTheLease = 5s;

long long milliseconds(Clock::duration duration) {
  return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count());
}

// The UDP ports of process `pid`: its socket inodes (/proc/PID/fd) looked up in /proc/net/udp.
std::set<std::uint16_t> udp_ports_of(pid_t pid) {
  std::set<std::uint64_t> inodes;
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  if (DIR* fds = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(fds)) {
      char target[64] = {};
      const std::string link = dir + "/" + entry->d_name;
      if (::readlink(link.c_str(), target, sizeof target - 1) > 0 && std::string_view(target).starts_with("socket:[")) {
        inodes.insert(std::stoull(std::string(target + 8)));
      }
    }
    ::closedir(fds);
  }
  std::set<std::uint16_t> ports;
  for (const auto& socket : rclite::dds::read_udp_sockets(false).value_or(std::vector<rclite::dds::UdpSocket>{})) {
    if (inodes.count(socket.inode) != 0) ports.insert(socket.port);
  }
  return ports;
}

struct LocalPeerDeath : ::testing::Test {
  std::unique_ptr<rclite::Context> context = rclite::test::make_test_context();  // also sets ROS_DOMAIN_ID
};
}  // namespace

TEST_F(LocalPeerDeath, APendingCallFailsSoonAfterALongLeaseServerIsKilled) {
  const std::string name = rclite::test::unique_service_name("slow");
  ChildProcess server({kBin + "/rclite_test_server", name, "60000"}, kStockLease);
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  rclite::Node node("victim_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(AddTwoInts::Request{});
  ASSERT_TRUE(server.wait_for_output("SERVING", kPatience)) << server.output();  // the call is in its hands
  const auto killed = Clock::now();
  server.signal(SIGKILL);
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  const auto took = Clock::now() - killed;
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
  EXPECT_LT(took, kHalfTheLease) << milliseconds(took) << " ms";
  std::printf("server with a 10 s lease killed: the pending call failed after %lld ms\n", milliseconds(took));
}

// The dead server's successor takes its participant index, hence its ports, before the death is
// noticed: the sockets are told apart by inode, so the dead one's loss is still noticed at once and
// the new one serves the same client.
TEST_F(LocalPeerDeath, AServerRestartedOnTheDeadOnesPortsIsNeverTakenForIt) {
  const std::string name = rclite::test::unique_service_name("restarted");
  rclite::Node node("faithful_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  std::unique_ptr<ChildProcess> fast;
  for (int round = 0; round < 3; ++round) {
    ChildProcess slow({kBin + "/rclite_test_server", name, "60000"}, kStockLease);
    ASSERT_TRUE(slow.wait_for_output("READY", kPatience)) << slow.output();
    ASSERT_TRUE(client.wait_for_service(kPatience)) << "round " << round;
    auto pending = client.async_send_request(rclite::test::request_of(round, 0));
    ASSERT_TRUE(slow.wait_for_output("SERVING", kPatience)) << slow.output();
    const auto dead_ports = udp_ports_of(slow.pid());
    const auto killed = Clock::now();
    slow.signal(SIGKILL);
    EXPECT_EQ(slow.wait(), -SIGKILL);  // reaped: its sockets are closed, its ports free
    fast = std::make_unique<ChildProcess>(std::vector<std::string>{kBin + "/rclite_test_server", name}, kStockLease);
    ASSERT_TRUE(fast->wait_for_output("READY", kPatience)) << fast->output();
    const auto new_ports = udp_ports_of(fast->pid());

    ASSERT_EQ(pending.wait_for(kPatience), std::future_status::ready) << "round " << round;
    const auto took = Clock::now() - killed;
    EXPECT_THROW(pending.get(), rclite::ServiceUnavailableError) << "round " << round;
    EXPECT_LT(took, kHalfTheLease) << "round " << round << ": " << milliseconds(took) << " ms";
    ASSERT_TRUE(client.wait_for_service(kPatience)) << "round " << round;  // the successor alone
    for (int i = 0; i < 5; ++i) {
      ASSERT_EQ(client.call(rclite::test::request_of(round, i), kPatience).sum, round + i) << "round " << round;
    }
    std::size_t shared = 0;
    for (const auto port : new_ports) shared += dead_ports.count(port);
    std::printf("round %d: the killed server's call failed after %lld ms; its successor took %zu of its %zu ports\n",
                round, milliseconds(took), shared, dead_ports.size());
    const auto killed_again = Clock::now();
    fast->signal(SIGKILL);
    EXPECT_EQ(fast->wait(), -SIGKILL);
    ASSERT_TRUE(rclite::test::eventually([&] { return !client.service_is_ready(); })) << "round " << round;
    EXPECT_LT(Clock::now() - killed_again, kHalfTheLease) << "round " << round;
  }
  EXPECT_EQ(client.pending_requests(), 0u);
}

// A killed client is a peer on the server's host too: the server drops it at once and goes on
// answering everyone else.
TEST_F(LocalPeerDeath, AServerOutlivesALongLeaseClientKilledMidCall) {
  const std::string name = rclite::test::unique_service_name("survivor");
  // A second per request: the victim's requests are queued when it dies.
  ChildProcess server({kBin + "/rclite_test_server", name, "1000"}, kStockLease);
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  rclite::Node node("bystander_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  ChildProcess victim({kBin + "/rclite_test_client", name, "run", "60", "4"}, kStockLease);
  ASSERT_TRUE(victim.wait_for_output("READY", kPatience)) << victim.output();
  ASSERT_TRUE(server.wait_for_output("SERVING", kPatience)) << server.output();  // the victim's first request
  victim.signal(SIGKILL);
  EXPECT_EQ(victim.wait(), -SIGKILL);
  // Served after the victim's queued requests (the server does not know which were the dead one's).
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client.call(rclite::test::request_of(i, 2), kPatience).sum, i + 2);
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(), 0) << server.output();
}

// Across processes on loopback: the tutorial pair, a server killed mid-call and restarted, clients
// killed mid-call.
#include <gtest/gtest.h>

#include <example_interfaces/srv/add_two_ints.hpp>

#include "harness/child_process.hpp"
#include "rclite/rclite.hpp"
#include "support/add_two_ints.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using AddTwoInts = example_interfaces::srv::AddTwoInts;
using rclite::test::options_in;
using rclite::harness::ChildProcess;

namespace {
const std::string kBin = RCLITE_BIN_DIR;

struct Processes : ::testing::Test {
  std::unique_ptr<rclite::Context> context = rclite::test::make_test_context();  // also sets ROS_DOMAIN_ID
};
}  // namespace

TEST_F(Processes, TheTutorialPairPrintsTheTutorialLines) {
  ChildProcess client({kBin + "/add_two_ints_client", "41", "1"});
  ASSERT_TRUE(client.wait_for_output("service not available, waiting again...", kPatience)) << client.output();
  ChildProcess server({kBin + "/add_two_ints_server"});
  EXPECT_EQ(client.wait(), 0) << client.output();
  EXPECT_NE(client.output().find("[INFO] ["), std::string::npos);
  EXPECT_NE(client.output().find("] [add_two_ints_client]: Result of add_two_ints: for 41 + 1 = 42"), std::string::npos)
      << client.output();
  ASSERT_TRUE(server.wait_for_output("Sending back response: 42", kPatience)) << server.output();
  EXPECT_NE(server.output().find("] [add_two_ints_server]: Incoming request\na: 41 b: 1\n"), std::string::npos)
      << server.output();
  server.signal(SIGINT);  // Ctrl-C ends spin cleanly
  EXPECT_EQ(server.wait(), 0) << server.output();
}

TEST_F(Processes, TheClientTakesItsNumbersFromTheCommandLine) {
  ChildProcess server({kBin + "/add_two_ints_server"});
  ChildProcess client({kBin + "/add_two_ints_client", "-7", "100"});
  EXPECT_EQ(client.wait(), 0) << client.output();
  EXPECT_NE(client.output().find("Result of add_two_ints: for -7 + 100 = 93"), std::string::npos) << client.output();
  ChildProcess bad({kBin + "/add_two_ints_client", "x", "1"});
  EXPECT_EQ(bad.wait(), 2);
}

// The call has no deadline: only the server's loss can end it. The peer death watch (the server's
// sockets close; src/dds/peer_death_watch.hpp) makes that quick (the lease, 10 s on LOCALHOST, is the fallback:
// src/dds/discovery_config.cpp); the test bounds it by half
// of Cyclone's default lease (10 s), which only a client relying on that default would reach, and
// prints the figure (docs/RELIABILITY.md).
TEST_F(Processes, APendingCallFailsSoonAfterTheServerIsKilled) {
  const std::string name = rclite::test::unique_service_name("slow");
  ChildProcess server({kBin + "/rclite_test_server", name, "60000"});
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  rclite::Node node("victim_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  auto future = client.async_send_request(AddTwoInts::Request{});
  std::this_thread::sleep_for(300ms);  // the request is being served
  const auto killed = std::chrono::steady_clock::now();
  server.signal(SIGKILL);
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  const auto took = std::chrono::steady_clock::now() - killed;
  EXPECT_THROW(future.get(), rclite::ServiceUnavailableError);
  EXPECT_LT(took, 5s) << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
  std::printf("server killed: the pending call failed after %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

TEST_F(Processes, TheSameClientWorksAgainWhenTheServerIsRestarted) {
  const std::string name = rclite::test::unique_service_name("restarted");
  rclite::Node node("faithful_client", rclite::test::options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  for (int round = 0; round < 3; ++round) {
    ChildProcess server({kBin + "/rclite_test_server", name});
    ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
    ASSERT_TRUE(client.wait_for_service(kPatience)) << "round " << round;
    for (int i = 0; i < 10; ++i) {
      ASSERT_EQ(client.call(rclite::test::request_of(round, i), kPatience).sum, round + i) << "round " << round;
    }
    server.signal(SIGKILL);
    EXPECT_EQ(server.wait(), -SIGKILL);
    // The client notices the loss (the death watch, or at the latest the lease) before the next server
    // comes: no call can reach the dead one.
    ASSERT_TRUE(rclite::test::eventually([&] { return !client.service_is_ready(); })) << "round " << round;
    EXPECT_THROW(client.call(rclite::test::request_of(1, 1), kPatience), rclite::ServiceUnavailableError);
  }
  EXPECT_EQ(client.pending_requests(), 0u);
}

TEST_F(Processes, AServerOutlivesClientsKilledMidCallAndExitsWithoutLeaks) {
  const std::string name = rclite::test::unique_service_name("survivor");
  // Each request takes 20 ms, so a killed client leaves requests queued and replies in flight.
  ChildProcess server({kBin + "/rclite_test_server", name, "20"});
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  rclite::Node node("bystander_client", rclite::test::options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  for (int round = 0; round < 5; ++round) {
    ChildProcess victim({kBin + "/rclite_test_client", name, "run", "60", "16"});
    ASSERT_TRUE(victim.wait_for_output("READY", kPatience)) << victim.output();
    std::this_thread::sleep_for(200ms);  // its calls are queued at the server
    victim.signal(SIGKILL);
    EXPECT_EQ(victim.wait(), -SIGKILL);
    // The server goes on answering others (after the dead client's 16 queued requests, ~320 ms).
    ASSERT_EQ(client.call(rclite::test::request_of(round, 2), kPatience).sum, round + 2) << "round " << round;
  }
  // A clean exit on SIGINT; under ASan (make asan-test) LeakSanitizer runs at that exit and turns
  // any leak of the requests and parked replies of the killed clients into a non-zero status.
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(), 0) << server.output();
}

TEST_F(Processes, CallsCrossProcesses) {
  const std::string name = rclite::test::unique_service_name("fast");
  ChildProcess server({kBin + "/rclite_test_server", name});
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  rclite::Node node("remote_client", options_in(*context));
  auto client = node.create_client<AddTwoInts>(name);
  ASSERT_TRUE(client.wait_for_service(kPatience));
  for (int i = 0; i < 100; ++i) {
    AddTwoInts::Request request;
    request.a = i;
    request.b = 2 * i;
    ASSERT_EQ(client.call(request, kPatience).sum, 3 * i);
  }
}

// Issue #16: a client that is alive but stopped (SIGSTOP, a debugger) acknowledges nothing. The
// server's reply writer must not wait for it: Cyclone blocks a KEEP_ALL writer once its
// unacknowledged data passes the high-water mark, until the stopped reader's participant loses its
// lease (here announced as an hour, so that only the reply history can save the test). The
// server runs with a small high-water mark (8 kB instead of 500 kB), so that 3,000 calls of another
// client pass it many times over; with a KEEP_ALL reply writer they stall after ~300 replies.
TEST_F(Processes, AStoppedClientDoesNotHoldUpTheRepliesToOtherClients) {
  const std::string name = rclite::test::unique_service_name("stuck_peer");
  const rclite::harness::ChildOptions small_watermark{
      true,
      {"CYCLONEDDS_URI=<CycloneDDS><Domain><Internal><Watermarks><WhcHigh>8 kB</WhcHigh><WhcHighInit>8 kB"
       "</WhcHighInit><WhcAdaptive>false</WhcAdaptive></Watermarks></Internal></Domain></CycloneDDS>"}};
  ChildProcess server({kBin + "/rclite_test_server", name}, small_watermark);
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();
  ChildProcess stopped({kBin + "/rclite_test_client", name, "probe", "600000"},
                       rclite::harness::ChildOptions{true, {"RCLITE_LEASE_DURATION=3600"}});
  ASSERT_TRUE(stopped.wait_for_output("ok ", kPatience)) << stopped.output();  // its reply reader is matched
  stopped.signal(SIGSTOP);
  ChildProcess other({kBin + "/rclite_test_client", name, "load", "3000", "8"});
  // Each call of `load` has a deadline of kPatience: a stalled reply writer fails them only then.
  ASSERT_TRUE(other.wait_for_output("DONE", 2 * kPatience)) << other.output();
  EXPECT_EQ(other.wait(), 0) << other.output();
  std::printf("with a client stopped: %s", other.output().c_str());
  stopped.signal(SIGCONT);
  stopped.signal(SIGKILL);
  EXPECT_EQ(stopped.wait(), -SIGKILL);
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(), 0) << server.output();
}

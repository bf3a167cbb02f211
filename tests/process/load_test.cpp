// Load: 32 client processes x 1,000 calls each (RCLITE_LOAD_CALLS_PER_CLIENT; fewer under the
// sanitizers) against one server process. Every answer must be correct and none lost. The work is
// bounded, not the time: no figure is asserted. The throughput is printed; the figure of
// docs/RELIABILITY.md comes from the 32 x 5,000 form, `bench/load.sh`.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "harness/child_process.hpp"
#include "rclite/rclite.hpp"
#include "support/test_context.hpp"

using namespace std::chrono_literals;
using rclite::test::kPatience;
using rclite::harness::ChildProcess;

namespace {
const std::string kBin = RCLITE_BIN_DIR;
constexpr int kClients = 32;
const int kCallsPerClient = [] {  // fewer under the sanitizers (make asan-test sets it), more in bench/load.sh
  const char* calls = std::getenv("RCLITE_LOAD_CALLS_PER_CLIENT");
  return calls != nullptr ? std::atoi(calls) : 1000;
}();
constexpr int kWindow = 8;  // calls each client keeps in flight
}  // namespace

TEST(Load, ThirtyTwoClientProcessesGetEveryAnswerRight) {
  // No participant in this process: with LOCALHOST discovery a domain has room for 33 participants
  // per host (participant indices 0-32, as in Jazzy's configuration), one server and 32 clients.
  ::setenv("ROS_DOMAIN_ID", std::to_string(rclite::test::low_domain_for_current_test()).c_str(), 1);
  ::unsetenv("ROS_AUTOMATIC_DISCOVERY_RANGE");
  ::unsetenv("CYCLONEDDS_URI");
  const std::string name = rclite::test::unique_service_name("load");
  ChildProcess server({kBin + "/rclite_test_server", name});
  ASSERT_TRUE(server.wait_for_output("READY", kPatience)) << server.output();

  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<ChildProcess>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<ChildProcess>(std::vector<std::string>{
        kBin + "/rclite_test_client", name, "load", std::to_string(kCallsPerClient), std::to_string(kWindow)}));
  }
  const std::string expected = "DONE calls=" + std::to_string(kCallsPerClient) + " wrong=0 failed=0 ";
  int good = 0;
  for (int i = 0; i < kClients; ++i) {
    const int status = clients[i]->wait();
    const bool right = status == 0 && clients[i]->output().find(expected) != std::string::npos;
    EXPECT_TRUE(right) << "client " << i << " exited with " << status << ":\n" << clients[i]->output();
    good += right ? 1 : 0;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const long long calls = static_cast<long long>(kClients) * kCallsPerClient;
  std::printf("load: %d clients x %d calls (window %d): %lld calls in %.2f s = %.0f calls/s, %d/%d clients all right\n",
              kClients, kCallsPerClient, kWindow, calls, seconds, static_cast<double>(calls) / seconds, good, kClients);
  EXPECT_EQ(good, kClients);
  server.signal(SIGINT);
  EXPECT_EQ(server.wait(), 0) << server.output();
}

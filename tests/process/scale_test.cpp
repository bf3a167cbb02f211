// Many nodes on one host (issue #16, item 5): 10 processes of 4 nodes each, every node with its
// default entities. `rclite node list` and `rclite service list` must show each node and each of its
// 7 services, and never a name that is not there. The 50-process form, with the traffic at rest,
// is bench/scale_bench.sh (docs/RELIABILITY.md, "Scale on one host").
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness/child_process.hpp"
#include "support/test_context.hpp"

using rclite::harness::ChildOptions;
using rclite::harness::ChildProcess;
using rclite::test::kPatience;

namespace {
const std::string kBin = RCLITE_BIN_DIR;
constexpr int kProcesses = 10;
constexpr int kNodesPerProcess = 4;
const std::vector<std::string> kDefaultServices = {
    "describe_parameters", "get_parameter_types", "get_parameters",           "get_type_description",
    "list_parameters",     "set_parameters",      "set_parameters_atomically"};

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  return lines;
}

// Runs `rclite <noun> list` until it prints `want`, for up to kPatience. Every run prints only names
// from `want` (a run while discovery is under way may print fewer). Returns the runs it took.
int list_until_complete(const std::string& noun, const std::set<std::string>& want) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  for (int runs = 1;; ++runs) {
    ChildProcess cli({kBin + "/rclite", noun, "list"}, ChildOptions{false, {}});  // stdout only
    EXPECT_EQ(cli.wait(), 0) << noun << " list";
    const auto got = lines_of(cli.output());
    for (const auto& line : got) EXPECT_EQ(want.count(line), 1u) << noun << " list printed " << line;
    if (got == want) return runs;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << noun << " list printed " << got.size() << " of " << want.size() << " names after " << runs
                    << " runs";
      return runs;
    }
  }
}
}  // namespace

TEST(Scale, EveryNodeOfTenProcessesIsListedWithItsServices) {
  ::setenv("ROS_DOMAIN_ID", std::to_string(rclite::test::low_domain_for_current_test()).c_str(), 1);
  ::unsetenv("ROS_AUTOMATIC_DISCOVERY_RANGE");
  ::unsetenv("CYCLONEDDS_URI");
  std::set<std::string> nodes, services;
  std::vector<std::unique_ptr<ChildProcess>> processes;
  for (int p = 0; p < kProcesses; ++p) {
    processes.push_back(std::make_unique<ChildProcess>(
        std::vector<std::string>{kBin + "/rclite_scale_nodes", std::to_string(p), std::to_string(kNodesPerProcess)}));
    for (int n = 0; n < kNodesPerProcess; ++n) {
      const std::string node = "/scale/p" + std::to_string(p) + "_n" + std::to_string(n);
      nodes.insert(node);
      for (const auto& service : kDefaultServices) services.insert(node + "/" + service);
    }
  }
  for (auto& process : processes) ASSERT_TRUE(process->wait_for_output("READY", kPatience)) << process->output();
  const int node_runs = list_until_complete("node", nodes);
  const int service_runs = list_until_complete("service", services);
  std::printf("%d processes x %d nodes: node list complete in run %d, service list (%zu services) in run %d\n",
              kProcesses, kNodesPerProcess, node_runs, services.size(), service_runs);
}

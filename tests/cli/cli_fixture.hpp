// What the CLI tests share: a fixture that gives each test its own DDS domain and runs `rclite`
// as a child process, and bash completion run as a user's shell runs it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "harness/child_process.hpp"
#include "support/test_context.hpp"

namespace rclite::test {

using namespace std::chrono_literals;
using rclite::harness::ChildProcess;

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Each test its own domain, on loopback (rclite's default discovery: LOCALHOST on 127.0.0.1).
    ::setenv("ROS_DOMAIN_ID", std::to_string(domain_for_current_test()).c_str(), 1);
    ::unsetenv("ROS_AUTOMATIC_DISCOVERY_RANGE");
    ::unsetenv("CYCLONEDDS_URI");
  }

  static std::string bin(const std::string& name) { return std::string(RCLITE_BIN_DIR) + "/" + name; }

  void start_add_two_ints_server() {
    server_ = std::make_unique<ChildProcess>(std::vector<std::string>{bin("add_two_ints_server")});
    ASSERT_TRUE(server_->wait_for_output("Ready to add two ints.", kPatience)) << server_->output();
  }

  static Result rclite(std::vector<std::string> args) {
    // The param verbs wait 1 s for a node's parameter services by default (as ros2 does): a busy
    // machine may need longer for a node that is there.
    if (!args.empty() && args[0] == "param" && std::find(args.begin(), args.end(), "--timeout") == args.end()) {
      args.insert(args.end(), {"--timeout", rclite::test::patience_seconds()});
    }
    args.insert(args.begin(), bin("rclite"));
    ChildProcess process(std::move(args));
    const int code = process.wait();
    return {code, process.output()};
  }

  // Only what the command writes on stdout (stderr discarded), to tell the streams apart.
  static std::string rclite_stdout(const std::vector<std::string>& args) {
    std::string command = "exec '" + bin("rclite") + "'";
    for (const auto& arg : args) command += " '" + arg + "'";
    ChildProcess process({"/bin/sh", "-c", command + " 2>/dev/null"});
    process.wait();
    return process.output();
  }

  std::unique_ptr<ChildProcess> server_;
};

// A single line on stderr and exit code 1.
inline void expect_error(const Result& result, const std::string& line) {
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output, line + "\n");
}

// A node's refusal of `param set`: ros2 prints one line on stderr and exits 0 (set.py).
inline void expect_refusal(const Result& result, const std::string& line) {
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, line + "\n");
}

// What bash completion offers for the words typed so far (the last one is being completed).
inline std::string complete(const std::vector<std::string>& words) {
  std::string array;
  for (const auto& word : words) array += " '" + word + "'";
  const std::string script = "source '" + std::string(RCLITE_SOURCE_DIR) + "/cli/rclite-completion.bash'; COMP_WORDS=(" +
                             array + "); COMP_CWORD=" + std::to_string(words.size() - 1) +
                             "; _rclite; printf '%s\\n' \"${COMPREPLY[@]}\"";
  ChildProcess bash({"/bin/bash", "-c", "PATH='" + std::string(RCLITE_BIN_DIR) + "':$PATH; " + script});
  bash.wait();
  return bash.output();
}

}  // namespace rclite::test

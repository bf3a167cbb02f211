// What to run (the command line) and how many calls (full or --quick).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace service_bench {

struct Options {
  bool quick = false;
  std::vector<std::string> only;
  std::string connect;      // external rclite server
  std::string connect_raw;  // external raw server
};

struct Plan {
  std::size_t seq_warmup;        // calls before the first round
  std::size_t seq_round_warmup;  // calls before every round
  std::size_t seq_calls;         // measured calls, over all rounds
  std::size_t seq_rounds;
  std::size_t pipe_warmup;  // calls before the first round (and at least 2 x depth before every round)
  std::size_t pipe_calls;
  std::size_t pipe_rounds;
  std::vector<std::size_t> depths;
  std::chrono::milliseconds rss_idle;
  // The payload sweep: sequential calls per size, over all rounds (fewer for larger payloads).
  struct PayloadSize {
    std::size_t bytes;
    std::string label;
    std::size_t calls;
  };
  std::vector<PayloadSize> payload_sizes;
  std::size_t payload_rounds;
};

Plan make_plan(bool quick);

// Whether a scenario runs: no --only, or its name contains one of the words.
bool selected(const Options& options, const std::string& scenario);

}  // namespace service_bench

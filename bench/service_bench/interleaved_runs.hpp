// The raw and rclite variants of a scenario, measured in alternating rounds: on this VM the
// wake-up latency of an idle CPU drifts by 2x from one minute to the next, so both must see the
// same machine. Every scenario of the bench goes through here.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "statistics.hpp"

namespace service_bench {

// One scenario: how to make n calls, and whose CPU time is the server's.
struct Entry {
  std::string scenario;
  std::size_t depth;
  std::function<RunStats(std::size_t calls)> run;
  pid_t server_pid;  // 0: the server runs in this process
  JsonLine extra{};  // keys appended to the scenario's line
  RunStats total{};
  double client_cpu_s = 0;
  double server_cpu_s = 0;
};

// `warmup` calls per entry, then `calls` per entry in `rounds` rounds, rotating which entry goes
// first, each round after `round_warmup` calls; pools the rounds of each entry into `total` and
// prints each entry's line (report()).
void run_interleaved(std::vector<Entry>& entries, std::size_t warmup, std::size_t round_warmup, std::size_t calls,
                     std::size_t rounds);

}  // namespace service_bench

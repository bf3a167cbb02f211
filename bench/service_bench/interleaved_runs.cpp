#include "interleaved_runs.hpp"

#include "log.hpp"
#include "machine.hpp"

namespace service_bench {

void run_interleaved(std::vector<Entry>& entries, std::size_t warmup, std::size_t round_warmup, std::size_t calls,
                     std::size_t rounds) {
  if (entries.empty()) return;
  for (auto& entry : entries) {
    log("%s: %zu warm-up calls, then %zu calls at depth %zu in %zu rounds", entry.scenario.c_str(), warmup, calls,
        entry.depth, rounds);
    entry.run(warmup);
  }
  for (std::size_t round = 0; round < rounds; ++round) {
    const std::size_t n = calls / rounds + (round < calls % rounds ? 1 : 0);
    for (std::size_t k = 0; k < entries.size(); ++k) {
      Entry& entry = entries[(k + round) % entries.size()];
      if (round_warmup > 0) entry.run(round_warmup);
      const double self0 = self_cpu_s();
      const double server0 = entry.server_pid > 0 ? process_cpu_s(entry.server_pid) : 0.0;
      RunStats stats = entry.run(n);
      entry.client_cpu_s += self_cpu_s() - self0;
      if (entry.server_pid > 0) entry.server_cpu_s += process_cpu_s(entry.server_pid) - server0;
      merge(entry.total, std::move(stats));
    }
  }
  for (auto& entry : entries) {
    report(entry.scenario, entry.depth, entry.total, entry.client_cpu_s, entry.server_cpu_s, entry.server_pid > 0,
           entry.extra);
  }
}

}  // namespace service_bench

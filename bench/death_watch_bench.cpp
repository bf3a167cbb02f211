// What the peer death watch (src/dds/peer_death_watch.hpp) costs while a peer on this host exists:
// one read of this host's UDP socket table per 200 ms period. ./build/bin/death_watch_bench.
// Figure in docs/RELIABILITY.md.
#include <benchmark/benchmark.h>

#include "../src/dds/udp_sockets.hpp"

static void BM_ReadUdpSockets(benchmark::State& state) {
  std::size_t sockets = 0;
  for (auto _ : state) {
    auto table = rclite::dds::read_udp_sockets(false);
    sockets = table ? table->size() : 0;
    benchmark::DoNotOptimize(table);
  }
  state.counters["sockets"] = static_cast<double>(sockets);
}
BENCHMARK(BM_ReadUdpSockets)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();

// What a run of calls measured, and how it is printed: one JSON object per scenario on stdout.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace service_bench {

using Clock = std::chrono::steady_clock;

struct RunStats {
  std::size_t calls = 0;     // asked for
  std::size_t sent = 0;
  std::size_t answered = 0;  // replies with the right contents
  std::size_t wrong = 0;     // replies with wrong contents (or an error instead of a reply)
  bool stalled = false;
  std::vector<std::int64_t> latency_ns;
  double elapsed_s = 0;

  void record_latency(Clock::time_point sent_at, Clock::time_point answered_at) {
    latency_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(answered_at - sent_at).count());
  }
};

// Pools the rounds of one scenario.
void merge(RunStats& into, RunStats&& from);

// The nearest-rank percentile (0 < p <= 1) of sorted nanoseconds, in microseconds; NaN when empty.
double percentile_us(const std::vector<std::int64_t>& sorted_ns, double p);

// A JSON line, keys in insertion order.
class JsonLine {
 public:
  JsonLine& add(const std::string& key, const std::string& value);
  JsonLine& add(const std::string& key, std::size_t value);
  JsonLine& add(const std::string& key, bool value);
  JsonLine& add(const std::string& key, double value, int decimals);  // NaN and infinities: null
  JsonLine& merge(const JsonLine& other);                             // appends its keys
  void print() const;

 private:
  JsonLine& raw(const std::string& key, const std::string& value);
  std::string text_;
};

// The scenario's line: calls, depth, p50/p90/p99, calls/s, lost, answered, max, elapsed, CPU per
// call (client and server apart when the server is another process), then `extra` keys. Sorts the
// latencies. Logs on stderr when calls were lost.
void report(const std::string& scenario, std::size_t depth, RunStats& stats, double client_cpu_s,
            double server_cpu_s, bool separate_server, const JsonLine& extra = {});

}  // namespace service_bench

#include "statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "log.hpp"

namespace service_bench {

void merge(RunStats& into, RunStats&& from) {
  into.calls += from.calls;
  into.sent += from.sent;
  into.answered += from.answered;
  into.wrong += from.wrong;
  into.stalled = into.stalled || from.stalled;
  into.elapsed_s += from.elapsed_s;
  into.latency_ns.insert(into.latency_ns.end(), from.latency_ns.begin(), from.latency_ns.end());
}

double percentile_us(const std::vector<std::int64_t>& sorted_ns, double p) {
  if (sorted_ns.empty()) return std::nan("");
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted_ns.size())));
  rank = std::clamp<std::size_t>(rank, 1, sorted_ns.size());
  return static_cast<double>(sorted_ns[rank - 1]) / 1000.0;
}

JsonLine& JsonLine::add(const std::string& key, const std::string& value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return raw(key, quoted + "\"");
}

JsonLine& JsonLine::add(const std::string& key, std::size_t value) { return raw(key, std::to_string(value)); }

JsonLine& JsonLine::add(const std::string& key, bool value) { return raw(key, value ? "true" : "false"); }

JsonLine& JsonLine::add(const std::string& key, double value, int decimals) {
  if (!std::isfinite(value)) return raw(key, "null");
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return raw(key, text);
}

JsonLine& JsonLine::merge(const JsonLine& other) {
  if (!text_.empty() && !other.text_.empty()) text_ += ", ";
  text_ += other.text_;
  return *this;
}

void JsonLine::print() const {
  std::printf("{%s}\n", text_.c_str());
  std::fflush(stdout);
}

JsonLine& JsonLine::raw(const std::string& key, const std::string& value) {
  if (!text_.empty()) text_ += ", ";
  text_ += "\"" + key + "\": " + value;
  return *this;
}

void report(const std::string& scenario, std::size_t depth, RunStats& stats, double client_cpu_s,
            double server_cpu_s, bool separate_server, const JsonLine& extra) {
  std::sort(stats.latency_ns.begin(), stats.latency_ns.end());
  const std::size_t completed = stats.answered + stats.wrong;
  const double rate = stats.elapsed_s > 0 ? static_cast<double>(completed) / stats.elapsed_s : std::nan("");
  const auto per_call = [&](double cpu_s) {
    return completed > 0 ? cpu_s * 1e6 / static_cast<double>(completed) : std::nan("");
  };
  JsonLine line;
  line.add("scenario", scenario)
      .add("calls", stats.calls)
      .add("depth", depth)
      .add("p50_us", percentile_us(stats.latency_ns, 0.50), 1)
      .add("p90_us", percentile_us(stats.latency_ns, 0.90), 1)
      .add("p99_us", percentile_us(stats.latency_ns, 0.99), 1)
      .add("calls_per_s", rate, 0)
      .add("lost", stats.sent - stats.answered)
      .add("answered", stats.answered)
      .add("max_us", stats.latency_ns.empty() ? std::nan("") : static_cast<double>(stats.latency_ns.back()) / 1000.0,
           1)
      .add("elapsed_s", stats.elapsed_s, 3);
  if (separate_server) {
    line.add("client_cpu_us_per_call", per_call(client_cpu_s), 2).add("server_cpu_us_per_call", per_call(server_cpu_s), 2);
  } else {
    line.add("cpu_us_per_call", per_call(client_cpu_s), 2);
  }
  if (stats.stalled) line.add("stalled", true);
  line.merge(extra);
  line.print();
  if (stats.sent != stats.answered || stats.stalled || stats.sent != stats.calls) {
    log("%s: sent %zu of %zu, answered correctly %zu, wrong %zu%s", scenario.c_str(), stats.sent, stats.calls,
        stats.answered, stats.wrong, stats.stalled ? ", STALLED" : "");
  }
}

}  // namespace service_bench

#include "payload_sweep.hpp"

#include <unistd.h>

#include <stdexcept>

#include "interleaved_runs.hpp"
#include "log.hpp"
#include "rclite_side.hpp"
#include "serve.hpp"
#include "server_child.hpp"
#include "workloads.hpp"

namespace service_bench {

namespace {

constexpr auto kServiceTimeout = std::chrono::seconds(15);

std::string raw_name(const Plan::PayloadSize& size) { return "raw_proc_payload_" + size.label; }
std::string rclite_name(const Plan::PayloadSize& size) { return "rclite_proc_payload_" + size.label; }

// Both sides of one size must run: the figure is a ratio.
bool size_selected(const Options& options, const Plan::PayloadSize& size) {
  return selected(options, raw_name(size)) || selected(options, rclite_name(size)) ||
         selected(options, "payload_ratio_" + size.label);
}

template <class Client>
void connect(Client& client, const std::string& what) {
  if (!client.wait_for_service(kServiceTimeout) || !client.warm_up()) {
    throw std::runtime_error("the " + what + " does not answer");
  }
}

void print_ratio(const Plan::PayloadSize& size, Entry& raw, Entry& rclite) {
  // report() sorted the latencies.
  const double raw_p50 = percentile_us(raw.total.latency_ns, 0.5);
  const double rclite_p50 = percentile_us(rclite.total.latency_ns, 0.5);
  const double ratio = rclite_p50 / raw_p50;
  JsonLine line;
  line.add("scenario", "payload_ratio_" + size.label)
      .add("bytes", size.bytes)
      .add("raw_p50_us", raw_p50, 1)
      .add("rclite_p50_us", rclite_p50, 1)
      .add("ratio", ratio, 3);
  line.print();
  log("payload %6s: p50 raw %9.1f us, rclite %9.1f us, ratio %.3f", size.label.c_str(), raw_p50, rclite_p50, ratio);
}

}  // namespace

bool payload_sweep_selected(const Options& options) {
  for (const auto& size : make_plan(true).payload_sizes) {
    if (size_selected(options, size)) return true;
  }
  return false;
}

void run_payload_sweep(RawDomain& domain, rclite::Context& context, const Plan& plan, const Options& options) {
  const std::string pid = std::to_string(::getpid());
  const std::string raw_service = "/svcbench_raw_payload_" + pid;
  const std::string rclite_service = "/svcbench_rclite_payload_" + pid;
  ServerChild raw_child({kServeRawPayload, raw_service});
  ServerChild rclite_child({kServePayload, rclite_service});
  for (const auto& size : plan.payload_sizes) {
    if (!size_selected(options, size)) continue;
    // A client per size: its workload holds the bytes it sends.
    RawClient<PayloadWorkload> raw(domain.participant(), raw_service, PayloadWorkload(size.bytes));
    RcliteClient<PayloadWorkload> rclite(context, rclite_service, PayloadWorkload(size.bytes));
    connect(raw, "raw payload server");
    connect(rclite, "rclite payload server");
    JsonLine bytes;
    bytes.add("bytes", size.bytes);
    std::vector<Entry> entries{
        Entry{raw_name(size), 1, [&raw](std::size_t n) { return raw.run(n, 1); }, raw_child.pid(), bytes},
        Entry{rclite_name(size), 1, [&rclite](std::size_t n) { return rclite.run(n, 1); }, rclite_child.pid(), bytes}};
    const std::size_t warmup = std::max<std::size_t>(size.calls / 10, 2);
    run_interleaved(entries, warmup, warmup / plan.payload_rounds, size.calls, plan.payload_rounds);
    print_ratio(size, entries[0], entries[1]);
  }
}

}  // namespace service_bench

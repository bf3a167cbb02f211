#include "call_scenarios.hpp"

#include <unistd.h>

#include <atomic>
#include <optional>
#include <stdexcept>
#include <thread>

#include "interleaved_runs.hpp"
#include "log.hpp"
#include "rclite_side.hpp"
#include "serve.hpp"
#include "server_child.hpp"
#include "workloads.hpp"

namespace service_bench {

namespace {

constexpr auto kServiceTimeout = std::chrono::seconds(15);  // discovery of the server

using RawCalls = RawClient<AddTwoIntsWorkload>;
using RcliteCalls = RcliteClient<AddTwoIntsWorkload>;

// The raw and rclite clients of one group (across processes, or in this process); either may be
// absent when not selected.
struct Group {
  std::string raw_prefix, rclite_prefix;
  RawCalls* raw = nullptr;
  RcliteCalls* rclite = nullptr;
  pid_t raw_server = 0, rclite_server = 0;
  bool with_call_variant = false;  // also rclite's Client::call (seq only)
};

void run_group(const Group& group, const Plan& plan, const Options& options) {
  const auto entries_for = [&](const std::string& kind, std::size_t depth) {
    std::vector<Entry> entries;
    const auto add = [&](const std::string& scenario, std::function<RunStats(std::size_t)> run, pid_t server) {
      if (selected(options, scenario)) entries.push_back(Entry{scenario, depth, std::move(run), server});
    };
    if (group.raw != nullptr) {
      add(group.raw_prefix + kind, [&group, depth](std::size_t n) { return group.raw->run(n, depth); }, group.raw_server);
    }
    if (group.rclite != nullptr) {
      add(group.rclite_prefix + kind, [&group, depth](std::size_t n) { return group.rclite->run(n, depth); },
          group.rclite_server);
      if (group.with_call_variant && depth == 1) {
        add(group.rclite_prefix + kind + "_call",
            [&group](std::size_t n) { return group.rclite->run(n, 1, /*use_call=*/true); }, group.rclite_server);
      }
    }
    return entries;
  };
  auto seq = entries_for("_seq", 1);
  run_interleaved(seq, plan.seq_warmup, plan.seq_round_warmup, plan.seq_calls, plan.seq_rounds);
  for (const std::size_t depth : plan.depths) {
    auto entries = entries_for("_depth" + std::to_string(depth), depth);
    run_interleaved(entries, std::max(plan.pipe_warmup, 2 * depth), 2 * depth, plan.pipe_calls, plan.pipe_rounds);
  }
}

template <class Client>
void connect(Client& client, const std::string& what) {
  if (!client.wait_for_service(kServiceTimeout) || !client.warm_up()) {
    throw std::runtime_error("the " + what + " does not answer");
  }
}

// Across processes: the servers are children (or started by hand: --connect, --connect-raw).
void run_across_processes(RawDomain* domain, rclite::Context* context, const Plan& plan, const Options& options) {
  const bool raw = any_call_scenario_selected(options, "raw_proc");
  const bool rclite = any_call_scenario_selected(options, "rclite_proc");
  if (!raw && !rclite) return;
  const std::string pid = std::to_string(::getpid());
  const std::string raw_service = options.connect_raw.empty() ? "/svcbench_raw_proc_" + pid : options.connect_raw;
  const std::string rclite_service = options.connect.empty() ? "/svcbench_rclite_proc_" + pid : options.connect;
  std::optional<ServerChild> raw_child, rclite_child;
  if (raw && options.connect_raw.empty()) raw_child.emplace(std::vector<std::string>{kServeRaw, raw_service});
  if (rclite && options.connect.empty()) rclite_child.emplace(std::vector<std::string>{kServeRclite, rclite_service});
  std::optional<RawCalls> raw_client;
  std::optional<RcliteCalls> rclite_client;
  if (raw) connect(raw_client.emplace(domain->participant(), raw_service), "raw server " + raw_service);
  if (rclite) connect(rclite_client.emplace(*context, rclite_service), "rclite server " + rclite_service);
  const Group group{"raw_proc", "rclite_proc", raw_client ? &*raw_client : nullptr,
                    rclite_client ? &*rclite_client : nullptr, raw_child ? raw_child->pid() : 0,
                    rclite_child ? rclite_child->pid() : 0, true};
  run_group(group, plan, options);
}  // clients, then children, go away here

// Stops a server thread at scope exit, even when a scenario throws.
template <class Stop>
class ThreadGuard {
 public:
  ThreadGuard(std::thread thread, Stop stop) : thread_(std::move(thread)), stop_(std::move(stop)) {}
  ~ThreadGuard() {
    stop_();
    thread_.join();
  }
  ThreadGuard(const ThreadGuard&) = delete;
  ThreadGuard& operator=(const ThreadGuard&) = delete;

 private:
  std::thread thread_;
  Stop stop_;
};

// In one process: the server runs on a thread, with its own node (rclite) or endpoints (raw) on
// the same participant as the client.
void run_in_process(RawDomain* domain, rclite::Context* context, const Plan& plan, const Options& options) {
  const bool raw = any_call_scenario_selected(options, "raw_inproc");
  const bool rclite = any_call_scenario_selected(options, "rclite_inproc");
  if (!raw && !rclite) return;
  const std::string pid = std::to_string(::getpid());
  const std::string raw_service = "/svcbench_raw_inproc_" + pid;
  const std::string rclite_service = "/svcbench_rclite_inproc_" + pid;

  std::optional<RawServer<AddTwoIntsWorkload>> raw_server;
  std::atomic<bool> raw_stop{false};
  const volatile std::sig_atomic_t no_signal = 0;
  std::optional<rclite::Node> server_node;
  std::optional<rclite::Service<AddTwoIntsWorkload::Srv>> rclite_server;
  std::optional<rclite::SingleThreadedExecutor> executor;
  std::atomic<bool> spinning_done{false};
  if (raw) raw_server.emplace(domain->participant(), raw_service);
  if (rclite) {
    server_node.emplace("service_bench_server", in_context(*context));
    rclite_server.emplace(make_rclite_service<AddTwoIntsWorkload>(*server_node, rclite_service));
    executor.emplace(*context);
    executor->add_node(*server_node);
  }
  const auto raw_thread = [&] {
    if (!raw_server) return;
    try {
      raw_server->run(no_signal, raw_stop);
    } catch (const std::exception& error) {
      log("the in-process raw server failed: %s", error.what());
    }
  };
  const auto stop_raw = [&] {
    raw_stop = true;
    if (raw_server) raw_server->wake();
  };
  ThreadGuard raw_guard{std::thread(raw_thread), stop_raw};
  const auto rclite_thread = [&] {
    if (executor) executor->spin();
    spinning_done = true;
  };
  const auto stop_rclite = [&] {
    // cancel() before spin() began would be undone by spin(): repeat until it has returned.
    while (!spinning_done.load()) {
      executor->cancel();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  ThreadGuard rclite_guard{std::thread(rclite_thread), stop_rclite};

  std::optional<RawCalls> raw_client;
  std::optional<RcliteCalls> rclite_client;
  if (raw) connect(raw_client.emplace(domain->participant(), raw_service), "in-process raw server");
  if (rclite) connect(rclite_client.emplace(*context, rclite_service), "in-process rclite server");
  const Group group{"raw_inproc", "rclite_inproc", raw_client ? &*raw_client : nullptr,
                    rclite_client ? &*rclite_client : nullptr, 0, 0, false};
  run_group(group, plan, options);
  raw_client.reset();
  rclite_client.reset();
}

}  // namespace

bool any_call_scenario_selected(const Options& options, const std::string& prefix) {
  if (options.only.empty()) return true;
  for (const char* suffix : {"_seq", "_seq_call", "_depth8", "_depth64", "_depth1000"}) {
    if (selected(options, prefix + suffix)) return true;
  }
  return false;
}

bool any_call_scenario_selected(const Options& options) {
  for (const char* prefix : {"raw_proc", "rclite_proc", "raw_inproc", "rclite_inproc"}) {
    if (any_call_scenario_selected(options, prefix)) return true;
  }
  return false;
}

void run_call_scenarios(RawDomain* domain, rclite::Context* context, const Plan& plan, const Options& options) {
  run_across_processes(domain, context, plan, options);
  run_in_process(domain, context, plan, options);
}

}  // namespace service_bench

// service_bench: service round trips through rclite, against a raw Cyclone DDS floor.
//
//   service_bench [--quick] [--only WORD[,WORD...]] [--connect SERVICE] [--connect-raw SERVICE]
//   service_bench --serve SERVICE        an rclite AddTwoInts server (SingleThreadedExecutor)
//   service_bench --serve-raw SERVICE    the raw Cyclone DDS server of the floor
//   service_bench --serve-payload SERVICE, --serve-raw-payload SERVICE: the same for Payload
//
// Prints one JSON object per scenario on stdout (progress goes to stderr):
//   {"scenario":..., "calls":..., "depth":..., "p50_us":..., "p90_us":..., "p99_us":...,
//    "calls_per_s":..., "lost":..., <extra keys>}
// lost = sent - answered with the right contents; latency = from just before the send to the moment
// the client sees the reply; calls_per_s = completed / time spent in the measured calls.
// Scenarios (method and results: docs/PERFORMANCE.md, "Service calls"), in this order:
//   idle_server_rss, idle_server_rss_raw   VmRSS of a fresh server child, idle 2 s after READY
//                                          (idle_rss.cpp)
//   raw_proc_*, raw_inproc_*               the floor: idlc types, waitsets, rclite's QoS
//   rclite_proc_*, rclite_inproc_*         rclite client (futures) and server (call_scenarios.cpp)
//   raw_proc_payload_<size>, rclite_proc_payload_<size>, payload_ratio_<size>
//                                          uint8[] both ways, 64B to 4MiB (payload_sweep.cpp)
// where * is seq (one call after the other) or depth8/depth64/depth1000 (that many requests kept
// outstanding, replenished as replies come); rclite_proc_seq_call is seq through Client::call
// with a timeout (a deadline timer per request). _proc: the server is a child process; _inproc:
// it runs on a thread of this process, with its own node (rclite) or endpoints (raw) on the same
// participant as the client.
// The raw and rclite variants of a scenario run in alternating rounds (interleaved_runs.hpp).
//   --quick           fewer calls, for smoke tests
//   --only a,b        run only the scenarios whose name contains one of the words
//   --connect S       rclite_proc_*: use an already running `--serve S` (e.g. under valgrind)
//   --connect-raw S   raw_proc_*: use an already running `--serve-raw S`
//
// Network safety: every participant is on loopback (loopback.hpp). ROS_DOMAIN_ID defaults to 77.
// Children die with the parent, on its signals, and are always stopped (server_child.hpp).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <rclite/rclite.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "call_scenarios.hpp"
#include "idle_rss.hpp"
#include "log.hpp"
#include "loopback.hpp"
#include "machine.hpp"
#include "payload_sweep.hpp"
#include "plan.hpp"
#include "raw_cyclone.hpp"
#include "serve.hpp"
#include "server_child.hpp"

namespace {

using namespace service_bench;

constexpr std::chrono::seconds kParentLifetime{300};  // the whole run is aborted after this

int usage() {
  std::fprintf(stderr,
               "usage: service_bench [--quick] [--only NAME[,NAME...]] [--connect SERVICE] [--connect-raw SERVICE]\n"
               "       service_bench --serve SERVICE | --serve-raw SERVICE\n"
               "       service_bench --serve-payload SERVICE | --serve-raw-payload SERVICE\n");
  return 2;
}

std::optional<Options> parse(const std::vector<std::string>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--quick") {
      options.quick = true;
    } else if (args[i] == "--only" && has_value) {
      std::stringstream list(args[++i]);
      for (std::string word; std::getline(list, word, ',');) {
        if (!word.empty()) options.only.push_back(word);
      }
    } else if (args[i] == "--connect" && has_value) {
      options.connect = args[++i];
    } else if (args[i] == "--connect-raw" && has_value) {
      options.connect_raw = args[++i];
    } else {
      return std::nullopt;
    }
  }
  return options;
}

void run(std::uint32_t domain_id, const Plan& plan, const Options& options) {
  run_idle_rss(plan, options);
  const bool calls = any_call_scenario_selected(options);
  const bool payload = payload_sweep_selected(options);
  const bool raw = payload || any_call_scenario_selected(options, "raw_proc") ||
                   any_call_scenario_selected(options, "raw_inproc");
  const bool rclite = payload || any_call_scenario_selected(options, "rclite_proc") ||
                      any_call_scenario_selected(options, "rclite_inproc");
  // The raw domain first, with its explicit loopback configuration. rclite's participant then
  // joins that domain (rclite shares an existing domain, as rmw does) instead of creating its
  // own: the configuration text is the same as rclite's LOCALHOST one, and both can run side by
  // side, round after round.
  std::optional<RawDomain> domain;
  if (raw) domain.emplace(domain_id);
  std::optional<rclite::Context> context;
  if (rclite) context.emplace(std::span<const std::string>{}, rclite::InitOptions{false});
  if (calls) run_call_scenarios(domain ? &*domain : nullptr, context ? &*context : nullptr, plan, options);
  if (payload) run_payload_sweep(*domain, *context, plan, options);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::uint32_t domain_id = prepare_loopback_environment();
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (const auto served = serve_if_asked(domain_id, args)) return *served;
    const auto options = parse(args);
    if (!options) return usage();

    kill_children_on_signals(kParentLifetime);
    const Plan plan = make_plan(options->quick);
    print_machine(domain_id, options->quick);
    const auto start = Clock::now();
    const double busy0 = machine_busy_s();
    const double own0 = own_cpu_s();
    run(domain_id, plan, *options);
    // Other processes' CPU use during the run: the numbers are only comparable on a quiet machine.
    const double wall_s = std::chrono::duration<double>(Clock::now() - start).count();
    const double cpus = std::max(1u, std::thread::hardware_concurrency());
    const double foreign = std::max(0.0, (machine_busy_s() - busy0) - (own_cpu_s() - own0)) / (wall_s * cpus);
    log("done in %.1f s; other processes kept %.0f %% of the CPUs busy meanwhile%s", wall_s, 100 * foreign,
        foreign > 0.05 ? " -- NOT A QUIET MACHINE, the numbers are disturbed" : "");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "service_bench: %s\n", error.what());
    return 1;
  }
  return 0;
}

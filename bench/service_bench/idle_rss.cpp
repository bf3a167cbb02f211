#include "idle_rss.hpp"

#include <unistd.h>

#include <cmath>
#include <stdexcept>
#include <thread>

#include "log.hpp"
#include "machine.hpp"
#include "serve.hpp"
#include "server_child.hpp"
#include "statistics.hpp"

namespace service_bench {

namespace {

void idle_rss(const std::string& scenario, const std::vector<std::string>& child_args, const Plan& plan) {
  log("%s: a server child (%s), idle %.1f s", scenario.c_str(), child_args.front().c_str(),
      std::chrono::duration<double>(plan.rss_idle).count());
  std::optional<ServerChild> child(std::in_place, child_args);
  std::this_thread::sleep_for(plan.rss_idle);
  const pid_t pid = child->pid();
  const auto rss = proc_status_value(pid, "VmRSS");
  const auto anon = proc_status_value(pid, "RssAnon");
  const auto file = proc_status_value(pid, "RssFile");
  const auto threads = proc_status_value(pid, "Threads");
  const double cpu = process_cpu_s(pid);
  child.reset();
  if (!rss) throw std::runtime_error("no VmRSS for the server child");
  JsonLine line;
  line.add("scenario", scenario)
      .add("calls", std::size_t{0})
      .add("depth", std::size_t{0})
      .add("p50_us", std::nan(""), 1)
      .add("p90_us", std::nan(""), 1)
      .add("p99_us", std::nan(""), 1)
      .add("calls_per_s", std::nan(""), 0)
      .add("lost", std::size_t{0})
      .add("rss_kb", *rss)
      .add("rss_anon_kb", anon.value_or(0))
      .add("rss_file_kb", file.value_or(0))
      .add("threads", threads.value_or(0))
      .add("idle_s", std::chrono::duration<double>(plan.rss_idle).count(), 1)
      .add("cpu_s_since_start", cpu, 3);
  line.print();
}

}  // namespace

// Run first, while this process has no participant the children could discover.
void run_idle_rss(const Plan& plan, const Options& options) {
  const std::string pid = std::to_string(::getpid());
  if (selected(options, "idle_server_rss")) idle_rss("idle_server_rss", {kServeRclite, "/svcbench_rclite_idle_" + pid}, plan);
  if (selected(options, "idle_server_rss_raw")) idle_rss("idle_server_rss_raw", {kServeRaw, "/svcbench_raw_idle_" + pid}, plan);
}

}  // namespace service_bench

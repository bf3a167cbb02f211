// Timer jitter and idle cost (issue #11): a 1 kHz rclite wall timer against the same loop on a
// bare std::this_thread::sleep_until floor, in one run, and the CPU an executor spends on idle timers.
//   ./build/bin/timer_bench [--seconds S] [--hz F] [--idle N]     (defaults: 10 s, 1000 Hz, 1000)
// Lateness = when the callback (or the loop body) ran - when it was due, on the steady clock.
// DDS: a context on loopback (the default LOCALHOST range); a timer sends nothing.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "rclite/rclite.hpp"

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Lateness {
  std::vector<double> microseconds;
  void print(const char* what) {
    std::sort(microseconds.begin(), microseconds.end());
    auto at = [&](double q) { return microseconds[static_cast<std::size_t>(q * static_cast<double>(microseconds.size() - 1))]; };
    std::printf("%-28s calls %6zu  lateness p50 %8.1f us  p99 %8.1f us  max %9.1f us\n", what, microseconds.size(), at(0.5),
                at(0.99), microseconds.back());
  }
};

Lateness sleep_until_floor(std::chrono::nanoseconds period, std::size_t calls) {
  Lateness lateness;
  lateness.microseconds.reserve(calls);
  auto next = SteadyClock::now() + period;
  for (std::size_t i = 0; i < calls; ++i) {
    std::this_thread::sleep_until(next);
    lateness.microseconds.push_back(std::chrono::duration<double, std::micro>(SteadyClock::now() - next).count());
    next += period;
  }
  return lateness;
}

Lateness rclite_timer(rclite::Context& context, std::chrono::nanoseconds period, std::size_t calls) {
  Lateness lateness;
  lateness.microseconds.reserve(calls);
  rclite::NodeOptions options;
  options.context = &context;
  rclite::Node node("timer_bench", options);
  rclite::SingleThreadedExecutor executor(context);
  auto timer = node.create_wall_timer(period, [&](const rclite::TimerInfo& info) {
    const auto now = rclite::Time(SteadyClock::now());
    lateness.microseconds.push_back(static_cast<double>((now - info.expected_call_time).nanoseconds()) / 1e3);
    if (lateness.microseconds.size() == calls) executor.cancel();
  });
  executor.add_node(node);
  executor.spin();
  return lateness;
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU seconds per second of an executor spinning a node with `timers` timers that never fire.
double idle_cpu(rclite::Context& context, std::size_t timers, std::chrono::seconds span) {
  rclite::NodeOptions options;
  options.context = &context;
  options.start_parameter_services = false;
  options.start_parameter_event_publisher = false;
  options.enable_rosout = false;
  options.start_type_description_service = false;
  rclite::Node node("idle_timers", options);
  std::vector<rclite::Timer> idle;
  for (std::size_t i = 0; i < timers; ++i) idle.push_back(node.create_wall_timer(1h, [] {}));
  rclite::SingleThreadedExecutor executor(context);
  executor.add_node(node);
  const double before = cpu_seconds();
  std::promise<void> never;
  executor.spin_until_future_complete(never.get_future(), span);
  return (cpu_seconds() - before) / static_cast<double>(span.count());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10, hz = 1000;
  std::size_t idle = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--hz") == 0) hz = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--idle") == 0) idle = static_cast<std::size_t>(std::atol(argv[i + 1]));
  }
  const auto period = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / hz));
  const auto calls = static_cast<std::size_t>(seconds * hz);
  rclite::InitOptions init;
  init.install_signal_handlers = false;
  rclite::Context context({}, init);
  std::printf("timer_bench: %.0f Hz for %.0f s each, floor and rclite alternating twice\n", hz, seconds);
  for (int round = 0; round < 2; ++round) {
    sleep_until_floor(period, calls).print("sleep_until floor");
    rclite_timer(context, period, calls).print("rclite wall timer");
  }
  const double none = idle_cpu(context, 0, 5s);
  const double many = idle_cpu(context, idle, 5s);
  std::printf("idle executor CPU: %.4f%% with no timer, %.4f%% with %zu idle timers (%.3f us/s per timer)\n",
              none * 100, many * 100, idle, (many - none) / static_cast<double>(idle) * 1e6);
  return 0;
}

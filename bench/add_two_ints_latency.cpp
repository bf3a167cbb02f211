// add_two_ints_latency: the C++ side of bench/python_bench.py. Sequential AddTwoInts round trips
// in the tutorial client's pattern (async_send_request + spin_until_future_complete) against a
// running server; prints each round trip's time in nanoseconds, one per line, for the caller's
// statistics (the Python client's are computed the same way, in the same run).
//   add_two_ints_latency <calls> [warmup]
#include <example_interfaces/srv/add_two_ints.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "rclite/rclite.hpp"

using namespace std::chrono_literals;
using example_interfaces::srv::AddTwoInts;

int main(int argc, char** argv) {
  const long calls = argc > 1 ? std::atol(argv[1]) : 1000;
  const long warmup = argc > 2 ? std::atol(argv[2]) : 100;
  rclite::init(argc, argv);
  rclite::Node node("add_two_ints_latency");
  auto client = node.create_client<AddTwoInts>("add_two_ints");
  if (!client.wait_for_service(30s)) {
    std::fprintf(stderr, "add_two_ints_latency: no server\n");
    return 1;
  }
  rclite::SingleThreadedExecutor executor(node);
  executor.add_node(node);
  std::vector<std::int64_t> times;
  times.reserve(static_cast<std::size_t>(calls));
  AddTwoInts::Request request;
  for (long i = 0; i < warmup + calls; ++i) {
    request.a = i;
    request.b = 1;
    const auto start = std::chrono::steady_clock::now();
    auto future = client.async_send_request(request, {.timeout = 10s});
    if (executor.spin_until_future_complete(future) != rclite::FutureReturnCode::SUCCESS) return 1;
    if (future.get().sum != i + 1) return 1;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (i >= warmup) times.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count());
  }
  for (auto t : times) std::printf("%lld\n", static_cast<long long>(t));
  rclite::shutdown();
  return 0;
}

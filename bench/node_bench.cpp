// What creating a node costs: ./build/bin/node_bench [count]. Creates `count` nodes one after
// another in one context (each kept alive, as a process with many nodes does), with the default
// entities and without them, and prints the mean time per node. Figures in docs/PERFORMANCE.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "rclite/rclite.hpp"

namespace {

double mean_microseconds_per_node(rclite::Context& context, int count, const rclite::NodeOptions& base,
                                  const char* prefix) {
  std::vector<rclite::Node> nodes;
  nodes.reserve(static_cast<std::size_t>(count));
  rclite::NodeOptions options = base;
  options.context = &context;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) nodes.emplace_back(prefix + std::to_string(i), options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::micro>(elapsed).count() / count;
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 50;
  if (count <= 0) {
    std::fprintf(stderr, "usage: node_bench [count > 0]\n");
    return 2;
  }
  rclite::InitOptions init;
  init.install_signal_handlers = false;
  rclite::Context context(std::span<const std::string>{}, init);
  {  // warm-up: the participant's first entities, the graph publication
    rclite::NodeOptions options;
    options.context = &context;
    rclite::Node warm("warm_up", options);
  }
#ifndef RCLITE_NODE_BENCH_BASELINE
  rclite::NodeOptions bare;
  bare.enable_rosout = false;
  bare.start_type_description_service = false;
  bare.start_parameter_services = false;
  bare.start_parameter_event_publisher = false;
  std::printf("node without default entities: %8.1f us/node\n",
              mean_microseconds_per_node(context, count, bare, "bare_"));
#endif
  std::printf("node with defaults:             %8.1f us/node\n",
              mean_microseconds_per_node(context, count, rclite::NodeOptions{}, "default_"));
  return 0;
}

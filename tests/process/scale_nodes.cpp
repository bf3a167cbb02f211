// A process of many nodes for the scale bench and test: `rclite_scale_nodes INDEX [NODES]`.
// Creates NODES (default 4) nodes /scale/p<INDEX>_n<0..NODES-1> in one context, each with the
// default entities (parameter services and events, /rosout, ~/get_type_description), as an rclcpp
// process with several nodes does; prints READY on stdout and spins them until SIGINT/SIGTERM.
// bench/scale_bench.sh starts 50 of them; tests/process/scale_test.cpp 10.
#include <rclite/rclite.hpp>

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  rclite::init(argc, argv);
  const auto args = rclite::remove_ros_arguments(argc, argv);
  if (args.size() < 2) {
    std::fprintf(stderr, "usage: rclite_scale_nodes INDEX [NODES]\n");
    return 2;
  }
  const int count = args.size() > 2 ? std::stoi(args[2]) : 4;
  std::vector<rclite::Node> nodes;
  nodes.reserve(static_cast<std::size_t>(count));
  rclite::SingleThreadedExecutor executor;
  for (int i = 0; i < count; ++i) {
    nodes.emplace_back("p" + args[1] + "_n" + std::to_string(i), "/scale");
    executor.add_node(nodes.back());
  }
  std::printf("READY\n");
  std::fflush(stdout);
  executor.spin();
  return 0;
}

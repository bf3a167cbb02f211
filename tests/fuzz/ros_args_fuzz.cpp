// libFuzzer target for --ros-args parsing (make fuzz-test).
//
// The input, split at NUL bytes, is an argv (argv[0] "fuzzed"). Arguments that break rcl's grammar
// must end in rclite::ArgumentError and nothing else; parsed remap rules are then applied, for a
// node in the root namespace (the parser checks rules against one), to a topic, a service, a
// node name and a namespace, which must not throw at all.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rclite/arguments.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> argv{"fuzzed"};
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      argv.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  argv.push_back(std::move(current));
  rclite::Arguments arguments;
  try {
    arguments = rclite::parse_arguments(argv);
  } catch (const rclite::ArgumentError&) {
    return 0;
  }
  rclite::remap_name(arguments.remap_rules, "/topic", false, "node", "/");
  rclite::remap_name(arguments.remap_rules, "/node/service", true, "node", "/");
  rclite::remapped_node_name(arguments.remap_rules, "node");
  rclite::remapped_namespace(arguments.remap_rules, "node");
  return 0;
}

/// @file
/// Command-line arguments of a ROS program: everything between `--ros-args` and `--` (or the end),
/// with rcl's grammar (spec §1.4): `-r/--remap [node:]from:=to`, `-p/--param name:=value`,
/// `--params-file FILE`, `-e/--enclave NAME`, `--log-level [logger:=]LEVEL`.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "rclite/logging.hpp"

namespace rclite {

class ArgumentError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// One `--ros-args -r` rule: `match:=replacement`, optionally `node:` prefixed.
struct RemapRule {
  /// Names (topics and services), topics only (`rostopic://`), services only (`rosservice://`), `__node`, `__ns`.
  enum class Kind { Name, TopicOnly, ServiceOnly, NodeName, Namespace };
  std::string node;  ///< applies only to the node with this original name; empty: every node
  Kind kind = Kind::Name;  ///< what the rule applies to
  std::string match;  ///< the name matched (as written)
  std::string replacement;  ///< what it becomes
};

/// The ROS arguments of a command line (`--ros-args ... --`), parsed.
struct Arguments {
  std::vector<RemapRule> remap_rules;  ///< `-r` rules, in order
  std::vector<std::string> parameter_overrides;  ///< "name:=value", in order
  std::vector<std::string> parameter_files;  ///< `--params-file` paths, in order
  std::optional<std::string> enclave;  ///< `--enclave`
  std::optional<Severity> log_level;  ///< `--log-level` without a logger name
  std::map<std::string, Severity> logger_levels;  ///< `--log-level name:=level`
  std::vector<std::string> non_ros_arguments;  ///< argv[0] and everything outside --ros-args
};

/// Throws ArgumentError naming the bad argument.
Arguments parse_arguments(std::span<const std::string> argv);
/// parse_arguments over C's argc/argv.
Arguments parse_arguments(int argc, const char* const* argv);

/// Applies the first matching rule to `expanded_name` (already expanded for the node). `rules` are
/// tried in order; the rule's own match and replacement are expanded for the node too.
std::optional<std::string> remap_name(const std::vector<RemapRule>& rules, const std::string& expanded_name,
                                      bool is_service, const std::string& node_name,
                                      const std::string& node_namespace);
/// The node's name and namespace after `__node:=` / `__ns:=` rules.
std::optional<std::string> remapped_node_name(const std::vector<RemapRule>& rules, const std::string& node_name);
/// The namespace a `__ns:=` rule gives the node, if any.
std::optional<std::string> remapped_namespace(const std::vector<RemapRule>& rules, const std::string& node_name);

}  // namespace rclite

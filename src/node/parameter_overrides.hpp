// The initial values a node's parameters get from outside its code: `--params-file FILE.yaml` and
// `-p [node:]name:=value` (ROS arguments of the context and of the node) and
// NodeOptions::parameter_overrides, resolved for one node as rclcpp does.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "rclite/arguments.hpp"
#include "rclite/parameter.hpp"

namespace rclite::detail {

using ParameterOverrides = std::map<std::string, ParameterValue>;

// A value as rcl reads one from YAML text ("5", "2.5", "true", "[1, 2]", "'quoted text'"): plain
// scalars are bools (true/false, yes/no, on/off in three casings), integers, doubles (including
// .inf and .nan) or else strings; quoted scalars are strings; a flow or block sequence of scalars of
// one kind is an array. Throws ArgumentError naming `where` for anything else (maps, mixed or
// empty sequences, nulls).
ParameterValue parameter_value_from_yaml(const std::string& text, const std::string& where);

// The parameters a parameters file gives the node `node_fqn` (e.g. "/ns/talker"): every top-level
// entry whose node name (wildcards "*" for one token and "**" for any number of tokens; a missing
// leading '/' is added; nested namespace maps are joined with '/') matches, in file order, each
// holding a `ros__parameters` map whose nested maps make dotted names ("a: {b: 1}" is "a.b").
// Throws ArgumentError naming the file (and line) for unreadable files and bad YAML or layout.
ParameterOverrides read_parameters_file(const std::string& path, const std::string& node_fqn);

// In rclcpp's order, later sources winning: the context's ROS arguments (when `global` is not
// null), then the node's own arguments (parameters files first, then -p rules, in order), then
// `explicit_overrides`.
ParameterOverrides resolve_parameter_overrides(const std::string& node_fqn, const Arguments* global,
                                               const Arguments& local,
                                               const std::vector<Parameter>& explicit_overrides);

}  // namespace rclite::detail

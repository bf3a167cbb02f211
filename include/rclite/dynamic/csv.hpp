/// @file
/// Runtime-typed messages as one line of comma-separated values, as rosidl_runtime_py's
/// message_to_csv writes them (`ros2 topic echo --csv`): every field in order, nested messages and
/// list elements flattened in place, each value as Python's str() of what rclpy holds (True/False,
/// 0.1, b'\\x01', strings unquoted).
#pragma once

#include <string>

#include "rclite/dynamic/dynamic_value.hpp"
#include "rclite/dynamic/yaml.hpp"

namespace rclite::dynamic {

/// `message` must be a message value. Of `options`, truncate_length (strings cut and ending in
/// "...", lists ending in "..." after that many elements), no_arr and no_str apply; flow_style does
/// not. No newline at the end.
std::string to_csv(const DynamicValue& message, const YamlOptions& options = {});

}  // namespace rclite::dynamic

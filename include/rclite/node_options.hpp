/// @file
/// NodeOptions: what a node is made with (its context, arguments, parameters and default entities).
#pragma once

#include <string>
#include <vector>

#include "rclite/context.hpp"
#include "rclite/parameter.hpp"

namespace rclite {

/// What a node is made with (rclcpp's NodeOptions).
struct NodeOptions {
  Context* context = nullptr;           ///< the default context when null
  std::vector<std::string> arguments;   ///< node-specific ROS arguments ("--ros-args", "-r", "a:=b")
  bool use_global_arguments = true;     ///< also apply the context's remapping rules and parameter overrides

  // --- Parameters (rclcpp's NodeOptions) ---------------------------------------------------------
  /// Initial values that win over --params-file and -p (any source: see declare_parameter).
  std::vector<Parameter> parameter_overrides;
  /// Set and get parameters nobody declared (they are declared on first set, dynamically typed).
  bool allow_undeclared_parameters = false;
  /// Declare every overridden parameter at construction, dynamically typed.
  bool automatically_declare_parameters_from_overrides = false;
  /// The six parameter services (`<node>/get_parameters`, ...). A node without them costs six fewer
  /// services in everyone's discovery traffic but cannot be reached by `ros2 param`.
  bool start_parameter_services = true;
  /// ParameterEvent messages on /parameter_events for every change.
  bool start_parameter_event_publisher = true;

  // --- The other entities every node has ---------------------------------------------------------
  bool enable_rosout = true;  ///< also publish the node's log lines on /rosout
  /// ~/get_type_description (Jazzy only, as rcl). The node's read-only parameter of the same name
  /// (`-p start_type_description_service:=false`) can turn it off too.
  bool start_type_description_service = true;
};

}  // namespace rclite

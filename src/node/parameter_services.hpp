// The six parameter services every ROS node offers (`<node>/get_parameters`, ...), answered from the
// node's parameters with rclcpp's semantics (parameter_service.cpp) and QoS (KEEP_LAST 1000).
#pragma once

#include <memory>

#include "node_parameters.hpp"
#include "rclite/node.hpp"

namespace rclite::detail {

struct ParameterServices;

// The services hold only a weak reference to `parameters`.
std::shared_ptr<ParameterServices> create_parameter_services(Node& node,
                                                             const std::shared_ptr<NodeParameters>& parameters);

}  // namespace rclite::detail

// A QoS profile as the DDS settings of one reader or writer (rmw_cyclonedds' mapping, spec §4.2):
// topics and services alike; the caller adds what is its own (USER_DATA, ignore_local).
#pragma once

#include "../dds/qos.hpp"
#include "rclite/qos.hpp"

namespace rclite::detail {

dds::EndpointQos endpoint_qos(const QoS& qos);

}  // namespace rclite::detail

// DDS QoS for ROS endpoints, mapped as rmw_cyclonedds' create_readwrite_qos does (spec §4.2).
#pragma once

#include <dds/dds.h>

#include <memory>
#include <optional>
#include <string>

namespace rclite::dds {

struct QosDeleter {
  void operator()(dds_qos_t* qos) const { dds_delete_qos(qos); }
};
using QosPtr = std::unique_ptr<dds_qos_t, QosDeleter>;

struct EndpointQos {
  bool keep_all = false;   // KEEP_ALL instead of KEEP_LAST(depth)
  int depth = 10;
  bool transient_local = false;
  bool reliable = true;
  bool ignore_local = false;  // ros_discovery_info reader, subscriptions that ask for it
  std::optional<dds_duration_t> lifespan;  // LIFESPAN, set only when given (DDS_INFINITY allowed)
  std::optional<dds_duration_t> deadline;  // DEADLINE, likewise
  std::string user_data;
};

QosPtr make_qos(const EndpointQos& settings);

}  // namespace rclite::dds

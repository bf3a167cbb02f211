#include "endpoint_qos.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>

namespace rclite::detail {

dds::EndpointQos endpoint_qos(const QoS& qos) {
  dds::EndpointQos settings;
  settings.keep_all = qos.history() == HistoryPolicy::KeepAll;
  const auto max_depth = static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
  settings.depth = static_cast<int>(std::min(qos.depth(), max_depth));
  settings.reliable = qos.reliability() == ReliabilityPolicy::Reliable;
  settings.transient_local = qos.durability() == DurabilityPolicy::TransientLocal;
  // rmw sets LIFESPAN and DEADLINE only when not {0,0} ("unspecified").
  const auto duration = [](std::chrono::nanoseconds value) -> std::optional<dds_duration_t> {
    if (value.count() == 0) return std::nullopt;
    if (value == std::chrono::nanoseconds::max()) return DDS_INFINITY;
    return static_cast<dds_duration_t>(value.count());
  };
  if (auto lifespan = qos.lifespan()) settings.lifespan = duration(*lifespan);
  if (auto deadline = qos.deadline()) settings.deadline = duration(*deadline);
  return settings;
}

}  // namespace rclite::detail

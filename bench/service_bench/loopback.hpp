// Network safety: every participant of the bench, rclite's and the raw ones, stays on this host (LOCALHOST).
#pragma once

#include <cstdint>
#include <string>

namespace service_bench {

// The configuration of every raw participant: rclite's own for the environment that
// prepare_loopback_environment() sets (LOCALHOST), so that the floor and rclite's participants
// discover each other and travel the same way. A copy of its text once drifted (rclite stopped
// pinning LOCALHOST to 127.0.0.1; the pinned floor then no longer saw rclite's servers).
std::string raw_config();

// Forces rclite's LOCALHOST discovery (no static peers, no CYCLONEDDS_URI) for this process and the
// children it starts, and returns the domain id: ROS_DOMAIN_ID, 77 when unset.
std::uint32_t prepare_loopback_environment();

}  // namespace service_bench

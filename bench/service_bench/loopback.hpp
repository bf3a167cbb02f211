// Network safety: every participant of the bench, rclite's and the raw ones, stays on loopback.
#pragma once

#include <cstdint>

namespace service_bench {

// The loopback-only configuration of every raw participant (the same text as rclite's LOCALHOST one).
inline constexpr const char* kRawConfig =
    "<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>"
    "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
    "<MaxAutoParticipantIndex>32</MaxAutoParticipantIndex><Peers><Peer address=\"localhost\"/></Peers>"
    "</Discovery></Domain></CycloneDDS>";

// Forces rclite's LOCALHOST discovery (no static peers, no CYCLONEDDS_URI) for this process and the
// children it starts, and returns the domain id: ROS_DOMAIN_ID, 77 when unset.
std::uint32_t prepare_loopback_environment();

}  // namespace service_bench

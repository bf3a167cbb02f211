// Domain id and discovery settings from the ROS environment variables, turned into the Cyclone
// DDS configuration that rmw_cyclonedds would generate (spec §10) — except that rclite's default
// range is LOCALHOST: multicast off and the only peer "localhost", so that no traffic leaves the
// host (pinned to 127.0.0.1 as well in Humble mode, see pin_to_loopback).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rclite::dds {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class DiscoveryRange { Off, Localhost, Subnet, SystemDefault };

struct DiscoveryOptions {
  std::uint32_t domain_id = 0;
  DiscoveryRange range = DiscoveryRange::Localhost;
  std::vector<std::string> static_peers;
  std::optional<double> lease_seconds;  // RCLITE_LEASE_DURATION; else by range (lease_seconds())
  // RCLITE_WATCH_LOCAL_PEERS=0 turns the peer death watch off (peer_death_watch.hpp): peers on this
  // host are then lost by their lease only, as peers on other hosts.
  bool watch_local_peers = true;
  // LOCALHOST on 127.0.0.1 only, as Humble's ROS_LOCALHOST_ONLY does (ROS_DISTRO=humble). Jazzy's
  // LOCALHOST leaves the interface to Cyclone (multicast off, the only peer "localhost"): its nodes
  // announce the host's own address, which a participant pinned to 127.0.0.1 cannot reach.
  bool pin_to_loopback = false;
  std::vector<std::string> warnings;    // things ignored on purpose, for the log
};

// The participant lease these options give: RCLITE_LEASE_DURATION, else 5 s (a 2 s stall of a link or
// of a loaded machine declares no live peer dead), or on LOCALHOST without static peers 10 s
// (Cyclone's default: the death watch notices killed local peers) or 0.6 s when the watch is off.
double lease_seconds(const DiscoveryOptions& options);
// How often a participant with this lease announces itself (SPDP): every third of a lease under
// 10 s, every half of a longer one.
double spdp_interval_seconds(double lease);

// Reads ROS_DOMAIN_ID, ROS_AUTOMATIC_DISCOVERY_RANGE, ROS_STATIC_PEERS, ROS_LOCALHOST_ONLY, ROS_DISTRO,
// RCLITE_LEASE_DURATION and RCLITE_WATCH_LOCAL_PEERS via
// `getenv` (injectable for tests). Throws ConfigError on a value that cannot be honoured.
using Getenv = std::optional<std::string> (*)(const char* name);
DiscoveryOptions discovery_options_from_environment(Getenv getenv);
DiscoveryOptions discovery_options_from_environment();

// The XML fragment for `options`, followed by `user_uri` (CYCLONEDDS_URI) so the user wins.
// `user_uri` that already selects network interfaces suppresses ours: Cyclone refuses a
// configuration that names an interface twice.
std::string cyclone_config(const DiscoveryOptions& options, const std::string& user_uri, int process_id);

const char* to_string(DiscoveryRange range) noexcept;

}  // namespace rclite::dds

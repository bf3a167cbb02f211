#include "discovery_config.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include "../text/xml_escape.hpp"

namespace rclite::dds {

namespace {

// Cyclone's port mapping (7400 + 250 * domain) leaves room for domain ids up to 232.
constexpr std::uint32_t kMaxDomainId = 232;
// Participant indices (unicast ports probed on each peer host) 0..64. Jazzy's generated
// configuration stops at 32, where Cyclone 0.10 fits only 32 participants per domain on one host:
// a server and 32 client processes do not fit (tests/process/load_test.cpp). Peers with Jazzy's
// limit are still found both ways: we probe their ports, and they answer the participant they
// hear from.
constexpr int kMaxAutoParticipantIndex = 64;
// Our participants' lease (issue #16): how long peers wait, without hearing from a participant,
// before they declare it dead and fail the calls pending on it. Cyclone's default is 10 s; it renews
// the lease by announcing the participant (SPDP; spdp_interval_seconds()).
// - 5 s where other hosts are reached: a stalled link (Wi-Fi, a busy switch) of up to 2 s loses no
//   call and no peer, nor does a machine so loaded (sanitizer builds, 30 processes on 2 cores) that a
//   live peer announces itself late, which a 0.6 s lease did not survive. A dead peer on another host
//   is noticed after 5 s.
// - 10 s, Cyclone's default, on LOCALHOST (without static peers) with the death watch on: a peer on
//   this host that dies is noticed within about a second from its closed sockets
//   (peer_death_watch.hpp), whatever the lease, so the lease only decides for a live peer gone
//   silent, and a stock ROS 2 peer (which has no such watch) notices our death as soon as it notices
//   its own kind's. The announcements cost packets in proportion to their rate: 50 processes on one
//   host sent 3,550 packets/s at rest with the 5 s lease, 1,400/s with this one, 1,100/s with Cyclone's
//   defaults (lease 10 s, announced every 8 s; docs/RELIABILITY.md, "Scale on one host").
// - 0.6 s on LOCALHOST when the death watch is off (RCLITE_WATCH_LOCAL_PEERS=0): the lease is then
//   what notices a killed local peer, and loopback does not stall.
// RCLITE_LEASE_DURATION=<seconds> chooses another lease; a CYCLONEDDS_URI setting wins over both.
constexpr double kLeaseSeconds = 5.0;
constexpr double kWatchedLocalLeaseSeconds = 10.0;
constexpr double kUnwatchedLocalLeaseSeconds = 0.6;
// Announcements per lease: three for leases under 10 s (two may come late or be lost), two from
// 10 s up, where half the lease is 5 s of slack. Cyclone's own rule (lease - 2 s from 10 s up, 8 s for
// its default lease) leaves less slack than our 5 s lease had (3.3 s).
constexpr double kLongLeaseSeconds = 10.0;
constexpr double kMaxLeaseSeconds = 3600.0;

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g s", seconds);
  return text;
}

std::optional<std::string> real_getenv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

// The text of CYCLONEDDS_URI's configuration, whether inline XML or file:// URIs.
std::string user_config_text(const std::string& uri) {
  std::string text;
  std::size_t start = 0;
  while (start <= uri.size()) {
    std::size_t end = uri.find(',', start);
    if (end == std::string::npos) end = uri.size();
    const std::string part = trim(uri.substr(start, end - start));
    if (part.rfind("file://", 0) == 0) {
      std::ifstream in(part.substr(7));
      std::ostringstream content;
      content << in.rdbuf();
      text += content.str();
    } else {
      text += part;
    }
    start = end + 1;
  }
  return text;
}

bool selects_interfaces(const std::string& user_text) {
  return user_text.find("<Interfaces") != std::string::npos ||
         user_text.find("NetworkInterfaceAddress") != std::string::npos;
}

}  // namespace

const char* to_string(DiscoveryRange range) noexcept {
  switch (range) {
    case DiscoveryRange::Off: return "OFF";
    case DiscoveryRange::Localhost: return "LOCALHOST";
    case DiscoveryRange::Subnet: return "SUBNET";
    case DiscoveryRange::SystemDefault: return "SYSTEM_DEFAULT";
  }
  return "?";
}

DiscoveryOptions discovery_options_from_environment() { return discovery_options_from_environment(&real_getenv); }

DiscoveryOptions discovery_options_from_environment(Getenv getenv) {
  DiscoveryOptions options;
  if (auto domain = getenv("ROS_DOMAIN_ID"); domain && !trim(*domain).empty()) {
    const std::string text = trim(*domain);
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value > kMaxDomainId) {
      throw ConfigError("ROS_DOMAIN_ID='" + *domain + "' is not a domain id (expected an integer from 0 to " +
                        std::to_string(kMaxDomainId) + ")");
    }
    options.domain_id = value;
  }
  if (auto range = getenv("ROS_AUTOMATIC_DISCOVERY_RANGE"); range && !trim(*range).empty()) {
    const std::string text = trim(*range);
    if (text == "OFF") options.range = DiscoveryRange::Off;
    else if (text == "LOCALHOST") options.range = DiscoveryRange::Localhost;
    else if (text == "SUBNET") options.range = DiscoveryRange::Subnet;
    else if (text == "SYSTEM_DEFAULT") options.range = DiscoveryRange::SystemDefault;
    else {
      throw ConfigError("ROS_AUTOMATIC_DISCOVERY_RANGE='" + *range +
                        "' is not one of OFF, LOCALHOST, SUBNET, SYSTEM_DEFAULT");
    }
  }
  if (auto peers = getenv("ROS_STATIC_PEERS"); peers && !trim(*peers).empty()) {
    std::size_t start = 0;
    while (start <= peers->size()) {
      std::size_t end = peers->find(';', start);
      if (end == std::string::npos) end = peers->size();
      const std::string peer = trim(peers->substr(start, end - start));
      if (!peer.empty()) options.static_peers.push_back(peer);
      start = end + 1;
    }
  }
  if (auto lease = getenv("RCLITE_LEASE_DURATION"); lease && !trim(*lease).empty()) {
    const std::string text = trim(*lease);
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !(seconds > 0) || seconds > kMaxLeaseSeconds) {
      throw ConfigError("RCLITE_LEASE_DURATION='" + *lease + "' is not a lease in seconds (more than 0, at most 3600)");
    }
    options.lease_seconds = seconds;
  }
  if (auto watch = getenv("RCLITE_WATCH_LOCAL_PEERS"); watch && !trim(*watch).empty()) {
    const std::string text = trim(*watch);
    if (text != "0" && text != "1") throw ConfigError("RCLITE_WATCH_LOCAL_PEERS='" + *watch + "' is not 0 or 1");
    options.watch_local_peers = text == "1";
  }
  if (auto distro = getenv("ROS_DISTRO"); distro && trim(*distro) == "humble") options.pin_to_loopback = true;
  if (auto localhost_only = getenv("ROS_LOCALHOST_ONLY"); localhost_only && trim(*localhost_only) == "1") {
    // Deprecated since Jazzy only: it is Humble's way (and its only one) to stay on this host.
    if (!options.pin_to_loopback) {
      options.warnings.push_back("ROS_LOCALHOST_ONLY is deprecated; use ROS_AUTOMATIC_DISCOVERY_RANGE=LOCALHOST");
    }
    options.range = DiscoveryRange::Localhost;
    options.static_peers.clear();
  }
  if (!options.static_peers.empty() &&
      (options.range == DiscoveryRange::Off || options.range == DiscoveryRange::SystemDefault)) {
    options.warnings.push_back(std::string("ROS_STATIC_PEERS is ignored with ROS_AUTOMATIC_DISCOVERY_RANGE=") +
                               to_string(options.range));
    options.static_peers.clear();
  }
  return options;
}

double lease_seconds(const DiscoveryOptions& options) {
  if (options.lease_seconds) return *options.lease_seconds;
  const bool this_host_only = options.range == DiscoveryRange::Localhost && options.static_peers.empty();
  if (!this_host_only) return kLeaseSeconds;
  return options.watch_local_peers ? kWatchedLocalLeaseSeconds : kUnwatchedLocalLeaseSeconds;
}

double spdp_interval_seconds(double lease) { return lease / (lease < kLongLeaseSeconds ? 3 : 2); }

std::string cyclone_config(const DiscoveryOptions& options, const std::string& user_uri, int process_id) {
  const bool user_has_interfaces = selects_interfaces(user_config_text(user_uri));
  const std::string loopback =
      user_has_interfaces ? "" : "<Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>";
  const double lease = lease_seconds(options);
  const std::string index = "<ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>" +
                            std::to_string(kMaxAutoParticipantIndex) + "</MaxAutoParticipantIndex><LeaseDuration>" +
                            seconds_text(lease) + "</LeaseDuration><SPDPInterval>" + seconds_text(spdp_interval_seconds(lease)) +
                            "</SPDPInterval>";
  std::string peers;
  for (const auto& peer : options.static_peers) peers += "<Peer address=\"" + text::xml_escape(peer) + "\"/>";

  std::string fragment;
  switch (options.range) {
    case DiscoveryRange::SystemDefault:
      break;
    case DiscoveryRange::Off:
      fragment = "<CycloneDDS><Domain><General>" + loopback +
                 "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>none</ParticipantIndex>"
                 "<Tag>ros_discovery_off_" + std::to_string(process_id) + "</Tag></Discovery></Domain></CycloneDDS>";
      break;
    case DiscoveryRange::Localhost:
      fragment = "<CycloneDDS><Domain><General>" + (options.pin_to_loopback ? loopback : std::string()) +
                 "<AllowMulticast>false</AllowMulticast></General><Discovery>" + index +
                 "<Peers><Peer address=\"localhost\"/>" + peers + "</Peers></Discovery></Domain></CycloneDDS>";
      break;
    case DiscoveryRange::Subnet:
      fragment = "<CycloneDDS><Domain><Discovery>" + index + (peers.empty() ? "" : "<Peers>" + peers + "</Peers>") +
                 "</Discovery></Domain></CycloneDDS>";
      break;
  }
  if (user_uri.empty()) return fragment;
  if (fragment.empty()) return user_uri;
  return fragment + "," + user_uri;
}

}  // namespace rclite::dds

// ROS discovery variables -> Cyclone configuration (spec §10), and USER_DATA strings (§5).
#include <gtest/gtest.h>

#include <map>

#include "../../src/dds/discovery_config.hpp"
#include "../../src/dds/user_data.hpp"
#include "support/fake_environment.hpp"

using namespace rclite::dds;

namespace {
using rclite::test::fake_getenv;
DiscoveryOptions options_for(std::map<std::string, std::string> environment) {
  rclite::test::fake_environment() = std::move(environment);
  return discovery_options_from_environment(&fake_getenv);
}
}  // namespace

// As rmw_cyclonedds (Jazzy) configures LOCALHOST: multicast off, the only peer "localhost", the
// interface left to Cyclone. A participant pinned to 127.0.0.1 could not reach a stock Jazzy node on
// a host with another interface: the node announces that interface's address (found by make interop).
TEST(DiscoveryConfig, DefaultsToLocalhostInDomainZeroAsJazzy) {
  const auto options = options_for({});
  EXPECT_EQ(options.domain_id, 0u);
  EXPECT_EQ(options.range, DiscoveryRange::Localhost);
  EXPECT_EQ(cyclone_config(options, "", 7),
            "<CycloneDDS><Domain><General>"
            "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
            "<MaxAutoParticipantIndex>64</MaxAutoParticipantIndex><LeaseDuration>10 s</LeaseDuration><SPDPInterval>5 s</SPDPInterval>"
            "<Peers><Peer address=\"localhost\"/></Peers>"
            "</Discovery></Domain></CycloneDDS>");
}

// Humble's ROS_LOCALHOST_ONLY=1 pins Cyclone to 127.0.0.1, so its localhost-only nodes announce
// only that address: in Humble mode ours does the same.
TEST(DiscoveryConfig, HumbleLocalhostIsPinnedToLoopback) {
  const auto config = cyclone_config(options_for({{"ROS_DISTRO", "humble"}}), "", 7);
  EXPECT_EQ(config.rfind("<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>", 0), 0u)
      << config;
  EXPECT_EQ(cyclone_config(options_for({{"ROS_DISTRO", "jazzy"}}), "", 7).find("127.0.0.1"), std::string::npos);
}

TEST(DiscoveryConfig, ReadsEveryVariable) {
  const auto options = options_for({{"ROS_DOMAIN_ID", "42"}, {"ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"},
                                    {"ROS_STATIC_PEERS", "10.0.0.7; host-b;"}});
  EXPECT_EQ(options.domain_id, 42u);
  EXPECT_EQ(options.range, DiscoveryRange::Subnet);
  EXPECT_EQ(options.static_peers, (std::vector<std::string>{"10.0.0.7", "host-b"}));
  EXPECT_EQ(cyclone_config(options, "", 7),
            "<CycloneDDS><Domain><Discovery><ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>64"
            "</MaxAutoParticipantIndex><LeaseDuration>5 s</LeaseDuration><SPDPInterval>1.67 s</SPDPInterval><Peers><Peer address=\"10.0.0.7\"/><Peer address=\"host-b\"/></Peers>"
            "</Discovery></Domain></CycloneDDS>");
}

TEST(DiscoveryConfig, OffMakesTheParticipantUndiscoverable) {
  const auto config = cyclone_config(options_for({{"ROS_AUTOMATIC_DISCOVERY_RANGE", "OFF"}}), "", 1234);
  EXPECT_NE(config.find("<Tag>ros_discovery_off_1234</Tag>"), std::string::npos);
  EXPECT_NE(config.find("<ParticipantIndex>none</ParticipantIndex>"), std::string::npos);
}

TEST(DiscoveryConfig, SystemDefaultLeavesCycloneAlone) {
  EXPECT_EQ(cyclone_config(options_for({{"ROS_AUTOMATIC_DISCOVERY_RANGE", "SYSTEM_DEFAULT"}}), "", 1), "");
}

TEST(DiscoveryConfig, TheUserConfigurationComesLastAndItsInterfacesWin) {
  const std::string user = "<CycloneDDS><Domain><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces></General></Domain></CycloneDDS>";
  const auto config = cyclone_config(options_for({{"ROS_DISTRO", "humble"}}), user, 1);
  EXPECT_EQ(config.find("127.0.0.1"), std::string::npos);  // never name an interface twice
  EXPECT_EQ(config.substr(config.size() - user.size()), user);
}

TEST(DiscoveryConfig, LocalhostOnlyForcesLocalhostAndDropsPeers) {
  const auto options = options_for({{"ROS_LOCALHOST_ONLY", "1"}, {"ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"},
                                    {"ROS_STATIC_PEERS", "10.1.1.1"}});
  EXPECT_EQ(options.range, DiscoveryRange::Localhost);
  EXPECT_TRUE(options.static_peers.empty());
  EXPECT_FALSE(options.warnings.empty());
}

// Humble has no other way to stay on this host: no deprecation warning there (make interop against a
// real Humble found the line on every verb's stderr).
TEST(DiscoveryConfig, LocalhostOnlyIsNotDeprecatedInHumble) {
  const auto options = options_for({{"ROS_LOCALHOST_ONLY", "1"}, {"ROS_DISTRO", "humble"}});
  EXPECT_EQ(options.range, DiscoveryRange::Localhost);
  EXPECT_TRUE(options.warnings.empty());
}

TEST(DiscoveryConfig, BadValuesAreClearErrors) {
  EXPECT_THROW(options_for({{"ROS_DOMAIN_ID", "abc"}}), ConfigError);
  EXPECT_THROW(options_for({{"ROS_DOMAIN_ID", "233"}}), ConfigError);
  EXPECT_THROW(options_for({{"ROS_DOMAIN_ID", "-1"}}), ConfigError);
  try {
    options_for({{"ROS_AUTOMATIC_DISCOVERY_RANGE", "everywhere"}});
    FAIL();
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "ROS_AUTOMATIC_DISCOVERY_RANGE='everywhere' is not one of OFF, LOCALHOST, SUBNET, SYSTEM_DEFAULT");
  }
}

TEST(UserData, RendersEndpointIdsLikeRmwCyclonedds) {
  // From the Jazzy capture: clientid= 1.10.df.4d.24.b3.c.48.3b.8d.d.d0.0.0.0.8
  const EndpointId id{0x01, 0x10, 0xdf, 0x4d, 0x24, 0xb3, 0x0c, 0x48, 0x3b, 0x8d, 0x0d, 0xd0, 0, 0, 0, 8};
  EXPECT_EQ(endpoint_id_to_string(id), " 1.10.df.4d.24.b3.c.48.3b.8d.d.d0.0.0.0.8");
}

TEST(UserData, ParsesKeyValuePairsLikeRmw) {
  const auto values = parse_user_data(
      "clientid= 1.10.df.4d.24.b3.c.48.3b.8d.d.d0.0.0.0.8;typehash=RIHS01_000c5fd92d6b2e1a05949348f584d6d652adea1e92d691792011ac2273508302;");
  EXPECT_EQ(values.at("clientid"), " 1.10.df.4d.24.b3.c.48.3b.8d.d.d0.0.0.0.8");
  EXPECT_EQ(values.at("typehash").substr(0, 7), "RIHS01_");
  EXPECT_EQ(parse_user_data("enclave=/;").at("enclave"), "/");
  EXPECT_TRUE(parse_user_data("garbage").empty());
  EXPECT_TRUE(parse_user_data("bad key=1;").empty());
  EXPECT_EQ(parse_user_data(std::string("a=1;\0\0", 6)).at("a"), "1");
}

// Issue #16: a lease that survives a 2 s stall, Cyclone's default where only this host is reached
// and the death watch notices dead peers, a short one where the watch is off (the lease is then
// what notices a killed local peer), and a chosen one.
TEST(DiscoveryConfig, TheLeaseFitsTheNetwork) {
  EXPECT_DOUBLE_EQ(lease_seconds(options_for({})), 10.0);
  EXPECT_DOUBLE_EQ(lease_seconds(options_for({{"RCLITE_WATCH_LOCAL_PEERS", "0"}})), 0.6);
  EXPECT_DOUBLE_EQ(
      lease_seconds(options_for({{"RCLITE_WATCH_LOCAL_PEERS", "0"}, {"ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"}})), 5.0);
  EXPECT_DOUBLE_EQ(lease_seconds(options_for({{"ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"}})), 5.0);
  EXPECT_DOUBLE_EQ(lease_seconds(options_for({{"ROS_STATIC_PEERS", "10.0.0.7"}})), 5.0);
  const auto chosen = options_for({{"ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"}, {"RCLITE_LEASE_DURATION", " 1.5 "}});
  EXPECT_DOUBLE_EQ(lease_seconds(chosen), 1.5);
  EXPECT_NE(cyclone_config(chosen, "", 1).find("<LeaseDuration>1.5 s</LeaseDuration><SPDPInterval>0.5 s</SPDPInterval>"),
            std::string::npos);
  const auto long_chosen = options_for({{"RCLITE_LEASE_DURATION", "30"}});
  EXPECT_NE(cyclone_config(long_chosen, "", 1).find("<LeaseDuration>30 s</LeaseDuration><SPDPInterval>15 s</SPDPInterval>"),
            std::string::npos);
  for (const char* bad : {"0", "-1", "abc", "2s", "3601"}) {
    EXPECT_THROW(options_for({{"RCLITE_LEASE_DURATION", bad}}), ConfigError) << bad;
  }
  // The death of peers on this host is watched unless turned off (peer_death_watch.hpp).
  EXPECT_TRUE(options_for({}).watch_local_peers);
  EXPECT_FALSE(options_for({{"RCLITE_WATCH_LOCAL_PEERS", "0"}}).watch_local_peers);
  EXPECT_TRUE(options_for({{"RCLITE_WATCH_LOCAL_PEERS", " 1 "}}).watch_local_peers);
  EXPECT_THROW(options_for({{"RCLITE_WATCH_LOCAL_PEERS", "off"}}), ConfigError);
  // A user's configuration comes last, so its LeaseDuration wins.
  const std::string user = "<CycloneDDS><Domain><Discovery><LeaseDuration>20 s</LeaseDuration></Discovery></Domain></CycloneDDS>";
  const auto config = cyclone_config(options_for({}), user, 1);
  EXPECT_EQ(config.substr(config.size() - user.size()), user);
}

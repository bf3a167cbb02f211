// DDS Security for a participant, chosen as rcl and rmw_cyclonedds choose it: the ROS security
// environment (ROS_SECURITY_ENABLE, ROS_SECURITY_STRATEGY, ROS_SECURITY_KEYSTORE,
// ROS_SECURITY_ENCLAVE_OVERRIDE) and the context's enclave pick a directory of an sros2 keystore,
// whose files become the participant's `dds.sec.*` QoS properties for Cyclone's security plugins.
#pragma once

#include <dds/dds.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "discovery_config.hpp"

namespace rclite::dds {

// rcl: "Enforce" (exactly) enforces; anything else is permissive.
enum class SecurityStrategy { Permissive, Enforce };

struct SecurityOptions {
  bool enabled = false;  // ROS_SECURITY_ENABLE=true
  SecurityStrategy strategy = SecurityStrategy::Permissive;
  // The enclave's directory in the keystore when the participant is to be secured; empty when
  // security is off (disabled, or permissive with nothing usable found).
  std::optional<std::filesystem::path> enclave_dir;
  std::vector<std::string> warnings;  // permissive fall-backs, for the log
};

// The files an enclave directory must hold (rmw's security file names).
inline constexpr const char* kEnclaveFiles[] = {"identity_ca.cert.pem", "cert.pem",       "key.pem",
                                                "permissions_ca.cert.pem", "governance.p7s", "permissions.p7s"};

// Resolves `<ROS_SECURITY_KEYSTORE>/enclaves/<enclave>` (or <ROS_SECURITY_ENCLAVE_OVERRIDE>) and
// checks its files. With Enforce, a missing keystore, directory or file throws ConfigError
// saying which; with Permissive the participant runs without security and `warnings` say why.
// Files that exist but fail check_credentials() throw with either strategy.
SecurityOptions security_options_from_environment(Getenv getenv, const std::string& enclave);
SecurityOptions security_options_from_environment(const std::string& enclave);

// The `dds.sec.*` properties for the files of `enclave_dir` (file: URIs, as rmw_cyclonedds sets
// them) and Cyclone's plugins (full paths when the configured plugin directory has them).
std::vector<std::pair<std::string, std::string>> security_properties(const std::filesystem::path& enclave_dir);
void set_security_properties(dds_qos_t* qos, const std::filesystem::path& enclave_dir);

// Where Cyclone's security plugins are looked for (configured at build time).
std::filesystem::path security_plugin_dir();

}  // namespace rclite::dds

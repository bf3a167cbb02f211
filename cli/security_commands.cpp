// `rclite security ...`: sros2's keystore verbs (create_keystore, create_enclave,
// create_permission, generate_artifacts, list_enclaves) on rclite::security.
#include <rclite/security/keystore.hpp>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common.hpp"

namespace rclite::cli {

namespace {

// sros2 writes the domain of the governance and permissions from ROS_DOMAIN_ID (default 0).
std::uint32_t domain_id_from_environment() {
  const char* text = std::getenv("ROS_DOMAIN_ID");
  if (text == nullptr || *text == '\0') return 0;
  const std::string value = text;
  std::uint32_t id = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), id);
  if (ec != std::errc() || end != value.data() + value.size() || id > 232) {
    throw CommandError("ROS_DOMAIN_ID='" + value + "' is not a domain id (expected an integer from 0 to 232)");
  }
  return id;
}

// Keystore errors are the user's to fix: one line, no "rclite:" prefix needed.
template <class Operation>
int run_keystore_operation(Operation operation) {
  try {
    operation();
  } catch (const security::KeystoreError& error) {
    throw CommandError(error.what());
  }
  return 0;
}

}  // namespace

int security_create_keystore(const std::string& keystore) {
  return run_keystore_operation([&] { security::create_keystore(keystore, domain_id_from_environment()); });
}

int security_create_enclave(const std::string& keystore, const std::string& enclave) {
  return run_keystore_operation([&] { security::create_enclave(keystore, enclave, domain_id_from_environment()); });
}

int security_create_permission(const std::string& keystore, const std::string& enclave, const std::string& policy) {
  return run_keystore_operation(
      [&] { security::create_permission(keystore, enclave, policy, domain_id_from_environment()); });
}

int security_generate_artifacts(const std::string& keystore, const std::vector<std::string>& enclaves,
                                const std::vector<std::string>& policy_files) {
  std::vector<std::filesystem::path> policies(policy_files.begin(), policy_files.end());
  std::string root = keystore;
  if (root.empty()) {
    const char* from_environment = std::getenv("ROS_SECURITY_KEYSTORE");
    if (from_environment == nullptr || *from_environment == '\0') {
      throw CommandError("no keystore: give -k/--keystore-root-path or set ROS_SECURITY_KEYSTORE");
    }
    root = from_environment;
  }
  return run_keystore_operation(
      [&] { security::generate_artifacts(root, enclaves, policies, domain_id_from_environment()); });
}

int security_list_enclaves(const std::string& keystore) {
  return run_keystore_operation([&] {
    for (const auto& enclave : security::list_enclaves(keystore)) std::printf("%s\n", enclave.c_str());
  });
}

}  // namespace rclite::cli

/// @file
/// An sros2-compatible keystore for DDS Security: what `ros2 security create_keystore`,
/// `create_enclave`, `create_permission` and `generate_artifacts` make, with the same layout, so
/// that rclite and real ROS 2 nodes can use the same keystore:
///
/// @code{.unparsed}
///   <keystore>/public/ca.cert.pem             self-signed CA (EC prime256v1); identity_ca.cert.pem and
///   <keystore>/private/ca.key.pem             permissions_ca.cert.pem (.key.pem) are symlinks to it
///   <keystore>/enclaves/governance.{xml,p7s}  the domain's rules, signed by the permissions CA
///   <keystore>/enclaves/<enclave>/            cert.pem + key.pem (CN=<enclave>, signed by the identity
///                                             CA), permissions.{xml,p7s}, and symlinks to the CA
///                                             certificates and governance.p7s
/// @endcode
///
/// Point a program at it with `ROS_SECURITY_KEYSTORE=<keystore> ROS_SECURITY_ENABLE=true`
/// [`ROS_SECURITY_STRATEGY=Enforce`] and `--ros-args --enclave <enclave>`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace rclite::security {

/// A keystore operation that cannot be done; what() says which file or name and why.
class KeystoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Creates the CA and the governance for `domain_id` (sros2 takes it from ROS_DOMAIN_ID).
/// Throws if `keystore` already is a keystore.
void create_keystore(const std::filesystem::path& keystore, std::uint32_t domain_id);

/// True if `keystore` has the CA files and the signed governance.
bool is_keystore(const std::filesystem::path& keystore);

/// Creates (or completes) the enclave's directory: key and certificate, and permissions that allow
/// everything on `domain_id` (sros2's default policy). `enclave` is a ROS namespace ("/app/server").
void create_enclave(const std::filesystem::path& keystore, const std::string& enclave, std::uint32_t domain_id);

/// Replaces the enclave's permissions with those the sros2 policy file grants it (the policy's
/// `<enclave path="...">` equal to `enclave`), signed by the permissions CA.
void create_permission(const std::filesystem::path& keystore, const std::string& enclave,
                       const std::filesystem::path& policy_file, std::uint32_t domain_id);

/// create_keystore if needed, then create_enclave for each of `enclaves`, then for every enclave
/// of every policy file create_enclave + create_permission.
void generate_artifacts(const std::filesystem::path& keystore, const std::vector<std::string>& enclaves,
                        const std::vector<std::filesystem::path>& policy_files, std::uint32_t domain_id);

/// The enclaves of `keystore` (directories holding a key.pem), sorted.
std::vector<std::string> list_enclaves(const std::filesystem::path& keystore);

}  // namespace rclite::security

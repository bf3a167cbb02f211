// sros2 policy files (<policy><enclaves><enclave path=...><profiles><profile ns= node=>...) and
// the DDS Security documents made from them: the permissions of one enclave, and the governance.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rclite::security {

// One <topics>, <services> or <actions> element of a profile, with names already expanded to
// fully qualified ROS names ("/chatter", "/ns/node/get_parameters", "/*").
struct PolicyRule {
  enum class Kind { Topics, Services, Actions };
  Kind kind = Kind::Topics;
  // Attribute name ("publish", "subscribe", "request", "reply", "call", "execute") -> ALLOW/DENY.
  std::vector<std::pair<std::string, bool>> permissions;  // (attribute, allowed)
  std::vector<std::string> names;
};

struct EnclavePolicy {
  std::string path;  // "/talker_listener/talker"
  std::vector<PolicyRule> rules;
};

// Reads a policy file; throws KeystoreError (file, element and reason) on anything it cannot
// honour. Only the sros2 elements above are understood; xi:include is not.
std::vector<EnclavePolicy> read_policy_file(const std::filesystem::path& file);
std::vector<EnclavePolicy> parse_policy(const std::string& xml, const std::string& source_name);

// sros2's default policy for `enclave`: publish/subscribe/request/reply/call/execute on "/*".
EnclavePolicy allow_all_policy(const std::string& enclave);

// When a certificate (and, as sros2 writes them, the permissions of its enclave) is valid.
struct Validity {
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

// The DDS permissions document granting `policy` to the certificate subject CN=<path> during
// `validity` (sros2 copies the enclave certificate's), on `domain_id`: DENY rules first, then ALLOW
// rules, then ros_discovery_info, default DENY. ROS names map to DDS topics as sros2 maps them
// (rt/<topic>, rq/<service>Request, rr/<service>Reply, the action topics).
std::string permissions_xml(const EnclavePolicy& policy, std::uint32_t domain_id, const Validity& validity);

// sros2's governance: no unauthenticated participants, join access control, encrypted discovery,
// liveliness and RTPS messages, read and write access control on every topic.
std::string governance_xml(std::uint32_t domain_id);

}  // namespace rclite::security

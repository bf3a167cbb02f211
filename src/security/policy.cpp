#include "policy.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "rclite/security/keystore.hpp"
#include "../text/xml_escape.hpp"

namespace rclite::security {

namespace {

using Kind = PolicyRule::Kind;

[[noreturn]] void fail(const std::string& source, const tinyxml2::XMLElement* element, const std::string& reason) {
  std::string where = source;
  if (element != nullptr) where += ":" + std::to_string(element->GetLineNum()) + " <" + element->Name() + ">";
  throw KeystoreError("policy " + where + ": " + reason);
}

std::string attribute(const tinyxml2::XMLElement* element, const char* name) {
  const char* value = element->Attribute(name);
  return value != nullptr ? value : "";
}

// sros2's DelimitNamespace: the namespace with one trailing '/'.
std::string delimited(const std::string& ns) { return ns.ends_with('/') ? ns : ns + "/"; }

// sros2's expansion of a name in a profile: absolute as is, "~x" under the node, else under ns.
std::string expand(const std::string& name, const std::string& ns, const std::string& node) {
  if (name.starts_with('/')) return name;
  if (name.starts_with('~')) return delimited(ns) + node + name.substr(1);
  return delimited(ns) + name;
}

// The attributes each kind of rule may carry (sros2's policy schema).
const std::vector<std::string>& permission_attributes(Kind kind) {
  static const std::vector<std::string> topics{"publish", "subscribe"};
  static const std::vector<std::string> services{"request", "reply"};
  static const std::vector<std::string> actions{"call", "execute"};
  return kind == Kind::Topics ? topics : kind == Kind::Services ? services : actions;
}

PolicyRule parse_rule(const tinyxml2::XMLElement* element, Kind kind, const std::string& ns, const std::string& node,
                      const std::string& source) {
  static const char* item_names[] = {"topic", "service", "action"};
  const char* item = item_names[static_cast<int>(kind)];
  PolicyRule rule;
  rule.kind = kind;
  for (const auto* attr = element->FirstAttribute(); attr != nullptr; attr = attr->Next()) {
    const std::string name = attr->Name();
    const auto& allowed = permission_attributes(kind);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      fail(source, element, "unknown attribute '" + name + "'");
    }
    const std::string value = attr->Value();
    if (value != "ALLOW" && value != "DENY") fail(source, element, name + "=\"" + value + "\" is not ALLOW or DENY");
    rule.permissions.emplace_back(name, value == "ALLOW");
  }
  for (const auto* child = element->FirstChildElement(); child != nullptr; child = child->NextSiblingElement()) {
    if (std::string(child->Name()) != item) fail(source, child, std::string("expected <") + item + ">");
    const char* text = child->GetText();
    if (text == nullptr || std::string(text).empty()) fail(source, child, "empty name");
    rule.names.push_back(expand(text, ns, node));
  }
  return rule;
}

EnclavePolicy parse_enclave(const tinyxml2::XMLElement* enclave, const std::string& source) {
  EnclavePolicy policy;
  policy.path = attribute(enclave, "path");
  if (policy.path.empty() || !policy.path.starts_with('/')) fail(source, enclave, "needs path=\"/absolute/name\"");
  const auto* profiles = enclave->FirstChildElement("profiles");
  if (profiles == nullptr) fail(source, enclave, "has no <profiles>");
  for (const auto* profile = profiles->FirstChildElement(); profile != nullptr;
       profile = profile->NextSiblingElement()) {
    if (std::string(profile->Name()) != "profile") fail(source, profile, "expected <profile>");
    const std::string ns = attribute(profile, "ns");
    const std::string node = attribute(profile, "node");
    for (const auto* rule = profile->FirstChildElement(); rule != nullptr; rule = rule->NextSiblingElement()) {
      const std::string name = rule->Name();
      if (name == "topics") policy.rules.push_back(parse_rule(rule, Kind::Topics, ns, node, source));
      else if (name == "services") policy.rules.push_back(parse_rule(rule, Kind::Services, ns, node, source));
      else if (name == "actions") policy.rules.push_back(parse_rule(rule, Kind::Actions, ns, node, source));
      else fail(source, rule, "expected <topics>, <services> or <actions>");
    }
  }
  return policy;
}

// The DDS topics one permission of a rule touches, as (publish?, topic) pairs.
std::vector<std::pair<bool, std::string>> dds_topics(Kind kind, const std::string& permission,
                                                     const std::string& name) {
  static const char* action_services[] = {"/_action/cancel_goal", "/_action/get_result", "/_action/send_goal"};
  std::vector<std::pair<bool, std::string>> topics;
  if (kind == Kind::Topics) {
    topics.emplace_back(permission == "publish", "rt" + name);
  } else if (kind == Kind::Services) {
    const bool client = permission == "request";
    topics.emplace_back(client, "rq" + name + "Request");
    topics.emplace_back(!client, "rr" + name + "Reply");
  } else {
    const bool client = permission == "call";
    for (const char* service : action_services) {
      topics.emplace_back(client, "rq" + name + service + "Request");
      topics.emplace_back(!client, "rr" + name + service + "Reply");
    }
    topics.emplace_back(!client, "rt" + name + "/_action/feedback");
    topics.emplace_back(!client, "rt" + name + "/_action/status");
  }
  return topics;
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return text;
}

std::string domains_xml(std::uint32_t domain_id, const std::string& indent) {
  return indent + "<domains>\n" + indent + "  <id>" + std::to_string(domain_id) + "</id>\n" + indent + "</domains>\n";
}

std::string topics_xml(const char* element, const std::set<std::string>& topics) {
  if (topics.empty()) return "";
  std::string xml = std::string("        <") + element + ">\n          <topics>\n";
  for (const auto& topic : topics) xml += "            <topic>" + text::xml_escape(topic) + "</topic>\n";
  return xml + "          </topics>\n        </" + element + ">\n";
}

std::string rule_xml(const char* element, std::uint32_t domain_id, const std::set<std::string>& publish,
                     const std::set<std::string>& subscribe) {
  return std::string("      <") + element + ">\n" + domains_xml(domain_id, "        ") +
         topics_xml("publish", publish) + topics_xml("subscribe", subscribe) + "      </" + element + ">\n";
}

}  // namespace

std::vector<EnclavePolicy> parse_policy(const std::string& xml, const std::string& source) {
  tinyxml2::XMLDocument document;
  if (document.Parse(xml.data(), xml.size()) != tinyxml2::XML_SUCCESS) {
    throw KeystoreError("policy " + source + ": not well-formed XML: " + document.ErrorStr());
  }
  const auto* root = document.RootElement();
  if (root == nullptr || std::string(root->Name()) != "policy") fail(source, root, "the root element must be <policy>");
  const auto* enclaves = root->FirstChildElement("enclaves");
  if (enclaves == nullptr) fail(source, root, "has no <enclaves> (the sros2 0.2 format)");
  std::vector<EnclavePolicy> policies;
  for (const auto* enclave = enclaves->FirstChildElement(); enclave != nullptr;
       enclave = enclave->NextSiblingElement()) {
    if (std::string(enclave->Name()) != "enclave") fail(source, enclave, "expected <enclave>");
    policies.push_back(parse_enclave(enclave, source));
  }
  if (policies.empty()) fail(source, enclaves, "lists no <enclave>");
  return policies;
}

std::vector<EnclavePolicy> read_policy_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw KeystoreError("policy " + file.string() + ": cannot be read");
  std::ostringstream content;
  content << in.rdbuf();
  return parse_policy(content.str(), file.string());
}

EnclavePolicy allow_all_policy(const std::string& enclave) {
  EnclavePolicy policy;
  policy.path = enclave;
  policy.rules.push_back({Kind::Topics, {{"publish", true}, {"subscribe", true}}, {"/*"}});
  policy.rules.push_back({Kind::Services, {{"reply", true}, {"request", true}}, {"/*"}});
  policy.rules.push_back({Kind::Actions, {{"call", true}, {"execute", true}}, {"/*"}});
  return policy;
}

std::string permissions_xml(const EnclavePolicy& policy, std::uint32_t domain_id, const Validity& validity) {
  // Sorted and without duplicates, as sros2's template sorts and prunes them.
  std::set<std::string> publish[2], subscribe[2];  // [0]: DENY, [1]: ALLOW
  for (const auto& rule : policy.rules) {
    for (const auto& [permission, allowed] : rule.permissions) {
      for (const auto& name : rule.names) {
        for (const auto& [is_publish, topic] : dds_topics(rule.kind, permission, name)) {
          (is_publish ? publish : subscribe)[allowed ? 1 : 0].insert(topic);
        }
      }
    }
  }
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<dds xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"http://www.omg.org/spec/DDS-SECURITY/20170901/omg_shared_ca_permissions.xsd\">\n"
      "  <permissions>\n"
      "    <grant name=\"" + text::xml_escape(policy.path) + "\">\n"
      "      <subject_name>CN=" + text::xml_escape(policy.path) + "</subject_name>\n"
      "      <validity>\n"
      "        <not_before>" + utc_timestamp(validity.not_before) + "</not_before>\n"
      "        <not_after>" + utc_timestamp(validity.not_after) + "</not_after>\n"
      "      </validity>\n";
  if (!publish[0].empty() || !subscribe[0].empty()) xml += rule_xml("deny_rule", domain_id, publish[0], subscribe[0]);
  if (!publish[1].empty() || !subscribe[1].empty()) xml += rule_xml("allow_rule", domain_id, publish[1], subscribe[1]);
  // Every ROS participant publishes and reads the graph (rmw's ros_discovery_info).
  xml += rule_xml("allow_rule", domain_id, {"ros_discovery_info"}, {"ros_discovery_info"});
  xml +=
      "      <default>DENY</default>\n"
      "    </grant>\n"
      "  </permissions>\n"
      "</dds>\n";
  return xml;
}

std::string governance_xml(std::uint32_t domain_id) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<dds xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:noNamespaceSchemaLocation=\"http://www.omg.org/spec/DDS-SECURITY/20170901/omg_shared_ca_governance.xsd\">\n"
         "  <domain_access_rules>\n"
         "    <domain_rule>\n" +
         domains_xml(domain_id, "      ") +
         "      <allow_unauthenticated_participants>false</allow_unauthenticated_participants>\n"
         "      <enable_join_access_control>true</enable_join_access_control>\n"
         "      <discovery_protection_kind>ENCRYPT</discovery_protection_kind>\n"
         "      <liveliness_protection_kind>ENCRYPT</liveliness_protection_kind>\n"
         "      <rtps_protection_kind>SIGN</rtps_protection_kind>\n"
         "      <topic_access_rules>\n"
         "        <topic_rule>\n"
         "          <topic_expression>*</topic_expression>\n"
         "          <enable_discovery_protection>true</enable_discovery_protection>\n"
         "          <enable_liveliness_protection>true</enable_liveliness_protection>\n"
         "          <enable_read_access_control>true</enable_read_access_control>\n"
         "          <enable_write_access_control>true</enable_write_access_control>\n"
         "          <metadata_protection_kind>ENCRYPT</metadata_protection_kind>\n"
         "          <data_protection_kind>ENCRYPT</data_protection_kind>\n"
         "        </topic_rule>\n"
         "      </topic_access_rules>\n"
         "    </domain_rule>\n"
         "  </domain_access_rules>\n"
         "</dds>\n";
}

}  // namespace rclite::security

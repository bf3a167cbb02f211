// ~/get_type_description (Jazzy; spec §8.1): describes any type the node's entities use, by hash.
#pragma once

#include <string>
#include <vector>

#include <type_description_interfaces/srv/get_type_description.hpp>

#include "node_type_cache.hpp"
#include "rclite/idl/type_hash.hpp"
#include "rclite/logging.hpp"

namespace rclite::detail {

// type_description_interfaces/TypeSource as a plain value.
struct TypeSourceText {
  std::string type_name;
  std::string encoding;  // "msg", "srv", or "implicit" (a service's request, response and event)
  std::string raw_file_contents;
};

struct DescribedType {
  idl::TypeDescription description;
  std::vector<TypeSourceText> sources;  // the type's own, then one per referenced type, in order
};

// Parses the definitions (the registered type first) with the interface parser and describes the
// first one as rosidl does. Throws std::runtime_error when the result does not hash to the
// generated hash, or idl::ParseError.
DescribedType describe_definitions(const std::vector<TypeDefinition>& definitions);

// rcl_node_type_description_service_handle_request: the type is looked up by hash alone (rcl ignores
// `type_name`); "Failed to parse type hash" for a malformed hash, "Type not currently in use by this
// node" for an unknown one.
type_description_interfaces::srv::GetTypeDescription::Response answer_type_description(
    const NodeTypeCache& types, const type_description_interfaces::srv::GetTypeDescription::Request& request,
    const Logger& logger);

}  // namespace rclite::detail

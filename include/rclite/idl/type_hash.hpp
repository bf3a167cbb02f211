/// @file
/// RIHS01 type hashes (REP 2011), computed from the type model exactly as
/// rosidl_generator_type_description does (spec §9).
#pragma once

#include <functional>
#include <cstdint>
#include <string>
#include <vector>

#include "rclite/idl/type_model.hpp"

namespace rclite::idl {

/// Finds the definition of a nested type; throws when it is unknown.
using TypeResolver = std::function<const MessageSpec&(const TypeName&)>;

/// The `type_id` of a field in type_description_interfaces/FieldType.
std::uint8_t field_type_id(const FieldType& type);

/// type_description_interfaces/IndividualTypeDescription and TypeDescription as plain values: what
/// the hash covers (default values aside) and what ~/get_type_description answers (spec §8.1, §9).
struct FieldDescription {
  std::string name;  ///< the field's name
  std::uint8_t type_id = 0;  ///< type_description_interfaces/FieldType's id
  std::uint64_t capacity = 0;  ///< array size or sequence bound, 0 otherwise
  std::uint64_t string_capacity = 0;  ///< string bound, 0 when unbounded
  std::string nested_type_name;  ///< the nested type's name, or empty
  std::string default_value;  ///< as written in the definition; not hashed
};
/// One type's name and fields.
struct IndividualTypeDescription {
  std::string type_name;  ///< "pkg/msg/Name"
  std::vector<FieldDescription> fields;  ///< in definition order
};
/// A type and every type it references.
struct TypeDescription {
  IndividualTypeDescription type_description;  ///< the type itself
  /// Every type referenced transitively, each once, sorted by name.
  std::vector<IndividualTypeDescription> referenced_type_descriptions;
};

/// The TypeDescription of `type`, nested types loaded with `resolve`.
TypeDescription describe_type(const MessageSpec& type, const TypeResolver& resolve);
/// The canonical JSON of `description` (default values left out), as rosidl hashes it.
std::string hashed_json(const TypeDescription& description);
/// "RIHS01_" + lowercase hex SHA-256 of hashed_json().
std::string type_hash(const TypeDescription& description);

/// The canonical JSON that is hashed: the type's description and, sorted by name, every type it
/// references transitively.
std::string type_description_json(const MessageSpec& type, const TypeResolver& resolve);

/// "RIHS01_" + lowercase hex SHA-256 of type_description_json().
std::string type_hash(const MessageSpec& type, const TypeResolver& resolve);

/// The service-level description has the fields request_message, response_message and
/// event_message; its hash covers the request, response, event and everything they use.
MessageSpec service_description(const ServiceSpec& service);
/// The TypeDescription of a service (see service_description).
TypeDescription describe_service(const ServiceSpec& service, const TypeResolver& resolve);
/// "RIHS01_" + lowercase hex SHA-256 of the service's description.
std::string service_type_hash(const ServiceSpec& service, const TypeResolver& resolve);

/// The action-level description has the fields goal, result, feedback, send_goal_service,
/// get_result_service and feedback_message (rosidl_generator_type_description's add_action).
MessageSpec action_description(const ActionSpec& action);
/// The TypeDescription of an action: the action-level type, its parts, the two services as
/// service-level types with their requests, responses and events, and what they all use.
TypeDescription describe_action(const ActionSpec& action, const TypeResolver& resolve);
/// "RIHS01_" + lowercase hex SHA-256 of the action's description.
std::string action_type_hash(const ActionSpec& action, const TypeResolver& resolve);

/// SHA-256 of `data` as lowercase hex.
std::string sha256_hex(std::string_view data);

}  // namespace rclite::idl

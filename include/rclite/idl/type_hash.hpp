// RIHS01 type hashes (REP 2011), computed from the type model exactly as
// rosidl_generator_type_description does (spec §9).
#pragma once

#include <functional>
#include <string>

#include "rclite/idl/type_model.hpp"

namespace rclite::idl {

// Finds the definition of a nested type; throws when it is unknown.
using TypeResolver = std::function<const MessageSpec&(const TypeName&)>;

// The `type_id` of a field in type_description_interfaces/FieldType.
std::uint8_t field_type_id(const FieldType& type);

// The canonical JSON that is hashed: the type's description and, sorted by name, every type it
// references transitively.
std::string type_description_json(const MessageSpec& type, const TypeResolver& resolve);

// "RIHS01_" + lowercase hex SHA-256 of type_description_json().
std::string type_hash(const MessageSpec& type, const TypeResolver& resolve);

// The service-level description has the fields request_message, response_message and
// event_message; its hash covers the request, response, event and everything they use.
MessageSpec service_description(const ServiceSpec& service);
std::string service_type_hash(const ServiceSpec& service, const TypeResolver& resolve);

// SHA-256 of `data` as lowercase hex.
std::string sha256_hex(std::string_view data);

}  // namespace rclite::idl

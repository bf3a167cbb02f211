// rosidl_runtime_py's __abbreviate_array_info, which message_to_yaml and message_to_csv both print
// for a list field with no_arr: "<sequence type: int32, length: 3>", "<array type: double[3]>".
#pragma once

#include <string>

#include "rclite/dynamic/dynamic_value.hpp"

namespace rclite::dynamic {

// The type names of __abbreviate_array_info: IDL names for basic types.
inline std::string idl_type_name(const ValueType& type) {
  if (type.is_message()) return type.message->name().full();
  switch (type.primitive) {
    case idl::Primitive::Bool: return "boolean";
    case idl::Primitive::Byte: return "octet";
    case idl::Primitive::Char: return "uint8";
    case idl::Primitive::Float32: return "float";
    case idl::Primitive::Float64: return "double";
    default: return idl::to_string(type.primitive);
  }
}

// `list` is an array or sequence value.
inline std::string abbreviated_list(const DynamicValue& list) {
  const ValueType& type = list.type();
  const std::string element = idl_type_name(type.element());
  if (type.container == idl::Container::Array) {
    return "<array type: " + element + "[" + std::to_string(type.size) + "]>";
  }
  if (type.container == idl::Container::BoundedSequence) {
    return "<sequence type: " + element + "[" + std::to_string(type.size) + "], length: " +
           std::to_string(list.size()) + ">";
  }
  return "<sequence type: " + element + ", length: " + std::to_string(list.size()) + ">";
}

}  // namespace rclite::dynamic

// A message type named at run time ("pkg/msg/Name"), resolved for a runtime-typed topic endpoint:
// what GenericSubscription and GenericPublisher both need before they create their untyped core.
#pragma once

#include <string>

#include "rclite/detail/topic_entities.hpp"
#include "rclite/dynamic/message_type.hpp"
#include "rclite/idl/interface_library.hpp"

namespace rclite::detail {

struct RuntimeMessageType {
  dynamic::MessageTypePtr type;
  std::string ros_type;  // "std_msgs/msg/String"
  std::string dds_type;  // "std_msgs::msg::dds_::String_"
  std::string hash;      // "RIHS01_..."
  DefinitionCollector definitions;  // what ~/get_type_description answers with

  // Views into this object: it must outlive the returned value's use.
  MessageTypeInfo info() const { return MessageTypeInfo{ros_type, dds_type, hash, definitions}; }
};

// Throws idl::UnknownTypeError naming `message_type` when it is not a type name or cannot be loaded.
RuntimeMessageType resolve_runtime_message_type(const std::string& message_type, idl::InterfaceLibrary& library);

}  // namespace rclite::detail

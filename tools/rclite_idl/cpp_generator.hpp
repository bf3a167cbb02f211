// Turns the type model into C++ headers: one plain struct per message, with MessageTraits that
// carry the DDS and ROS names, the RIHS01 hash, the definition text and the CDR member list.
#pragma once

#include <string>

#include "rclite/idl/interface_library.hpp"

namespace rclite::idl {

// rosidl's file naming: "AddTwoInts" -> "add_two_ints", "UInt8" -> "u_int8".
std::string to_snake_case(const std::string& camel);

// The header for a .msg type (`pkg/msg/name.hpp`), or for a .srv type with its Request,
// Response and Event (`pkg/srv/name.hpp`).
std::string generate_message_header(const MessageSpec& message, InterfaceLibrary& library);
std::string generate_service_header(const ServiceSpec& service, InterfaceLibrary& library);
// The header for a .action type (`pkg/action/name.hpp`): its goal, result and feedback, the
// derived SendGoal and GetResult services and FeedbackMessage, and ActionTraits.
std::string generate_action_header(const ActionSpec& action, InterfaceLibrary& library);

// "pkg/msg/name.hpp" for a type name.
std::string header_path(const TypeName& name);

}  // namespace rclite::idl
